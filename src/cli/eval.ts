/**
 * npm run eval -- --set FILE [--corpus DIR] [--json]
 * npm run eval -- --squad FILE [--scope article|corpus] [--out PREDICTIONS.json] [--json]
 *
 * Runs over a private in-memory database, so it never touches your own.
 */

import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ENGINE_SETTINGS } from '../answer/engine.js';
import { DEFAULT_CORPUS_DIR } from '../config.js';
import { readCorpusFolder } from '../corpus/folder.js';
import { evaluateDevSet, readDevSet } from '../eval/devset.js';
import { evaluateSquad, loadSquad, readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';

const USAGE = `Usage:
  npm run eval -- --set FILE [--corpus DIR] [--json]
  npm run eval -- --squad FILE [--scope article|corpus] [--answer-all] [--out PREDICTIONS.json] [--json]`;

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      set: { type: 'string' },
      squad: { type: 'string' },
      scope: { type: 'string', default: 'article' },
      'answer-all': { type: 'boolean', default: false },
      out: { type: 'string' },
      corpus: { type: 'string' },
      json: { type: 'boolean', default: false },
      help: { type: 'boolean', short: 'h', default: false },
    },
    strict: true,
  });
  if (values.help || (!values.set && !values.squad)) {
    console.log(USAGE);
    return values.help ? 0 : 2;
  }
  const library = new Library(new Store(openDatabase(':memory:')), {
    seed: () => readCorpusFolder(values.corpus ?? DEFAULT_CORPUS_DIR),
  });

  if (values.set) {
    const results = evaluateDevSet(library.collection('eval'), readDevSet(values.set));
    const right = results.filter((r) => r.answerRight && r.passageRight).length;
    if (values.json) {
      console.log(
        JSON.stringify({
          questions: results.length,
          right,
          results: results.map((r) => ({
            q: r.item.q,
            answer: r.result.answer,
            answerRight: r.answerRight,
            passageRight: r.passageRight,
          })),
        }),
      );
    } else {
      for (const r of results) {
        const mark = r.answerRight && r.passageRight ? 'ok  ' : 'FAIL';
        const where = r.result.citations[0] ? ` (¶${r.result.citations[0].paragraph})` : '';
        console.log(
          `${mark} ${r.item.q} -> ${r.result.answer ?? 'not found'}${where}${r.passageRight ? '' : ' [wrong passage]'}`,
        );
      }
      console.log(`\n${right} of ${results.length} right (answer and first passage)`);
    }
    return right === results.length ? 0 : 1;
  }

  const scope = values.scope === 'corpus' ? 'corpus' : values.scope === 'article' ? 'article' : undefined;
  if (!scope) {
    console.error('--scope must be "article" or "corpus"');
    return 2;
  }
  const squad = readSquad(values.squad as string);
  const loadStart = performance.now();
  const ids = loadSquad(library, 'squad', squad);
  const loadMs = performance.now() - loadStart;
  const { report, predictions } = evaluateSquad(library, 'squad', squad, ids, {
    scope,
    ...(values['answer-all'] ? { settings: { ...DEFAULT_ENGINE_SETTINGS, abstain: false } } : {}),
    onProgress: values.json
      ? undefined
      : (done, total) => {
          if (done % 500 === 0 || done === total) process.stderr.write(`\r${done}/${total} questions`);
        },
  });
  if (!values.json) process.stderr.write('\n');
  if (values.out) writeFileSync(values.out, JSON.stringify(predictions));
  if (values.json) {
    console.log(JSON.stringify({ scope, articles: squad.data.length, loadMs, ...report }));
  } else {
    const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
    console.log(
      `SQuAD ${values.squad}: ${squad.data.length} articles, ${report.questions} questions, scope ${scope} (loaded and indexed in ${(loadMs / 1000).toFixed(1)} s)`,
    );
    console.log(
      `  best guess    EM ${report.guessExactMatch.toFixed(1)} / F1 ${report.guessF1.toFixed(1)}  (every question answered, as SQuAD readers are scored)`,
    );
    console.log(
      `  as shipped    EM ${report.exactMatch.toFixed(1)} / F1 ${report.f1.toFixed(1)}  (answers withheld below the confidence threshold count as wrong)`,
    );
    // The count too: 0.850 may be 0.8499 (one question short of 0.85).
    const count = (share: number) =>
      `${Math.round(share * report.questions).toLocaleString('en')} of ${report.questions.toLocaleString('en')}`;
    console.log(`  passage@1     ${report.passageAt1.toFixed(3)} (${count(report.passageAt1)})`);
    console.log(`  passage@3     ${report.passageAt3.toFixed(3)} (${count(report.passageAt3)})`);
    console.log(
      `  answer in ¶1  ${report.answerInPassage1.toFixed(3)} (${count(report.answerInPassage1)}: the first passage holds a gold answer, whichever paragraph it is)`,
    );
    console.log(
      `  not found     ${pct(report.notFoundRate)} (F1 ${report.answeredF1.toFixed(1)} / EM ${report.answeredExactMatch.toFixed(1)} on the answered ones)`,
    );
    console.log(`  latency       p50 ${report.latencyMs.p50.toFixed(2)} ms, p99 ${report.latencyMs.p99.toFixed(2)} ms`);
    console.log(
      '  abstaining below a confidence: threshold, share answered, precision (F1 ≥ 0.5 among answered), F1 overall',
    );
    for (const t of report.tradeoff) {
      console.log(
        `    ≥ ${t.threshold.toFixed(1)}   ${pct(t.answered).padStart(6)}   ${pct(t.precision).padStart(6)}   ${t.f1.toFixed(1)}`,
      );
    }
    if (values.out) console.log(`  predictions   ${values.out}`);
  }
  return 0;
}

try {
  process.exitCode = main(process.argv.slice(2));
} catch (error) {
  console.error((error as Error).message);
  process.exitCode = 2;
}
