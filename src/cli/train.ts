/**
 * npm run train -- --squad TRAIN.json --exclude TUNE.json [--questions 25000] [--epochs 8]
 *
 * Trains the passage ranker (which re-ranked paragraph holds the answer; target: the gold
 * paragraph), then the candidate ranker over passages in that order: for each sampled question of the training file (articles of
 * --exclude left out), the engine's candidates and their features in the question's own
 * article; target: the candidates whose text best matches a gold answer (SQuAD F1). A linear
 * model, softmax over each question's candidates, plain SGD with L2; 10% of the questions are
 * held out to report top-1 F1 against the hand-made score. Deterministic for the same files.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { DEFAULT_ENGINE_SETTINGS, explain, rankPassages } from '../answer/engine.js';
import { analyzeQuestion } from '../answer/question.js';
import { FEATURE_NAMES, PASSAGE_FEATURE_NAMES, type RankerModel } from '../answer/ranker.js';
import { bestOver, f1Score } from '../eval/metrics.js';
import { loadSquad, readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { seededRandom, shuffled } from '../util/random.js';

interface Example {
  /** Sparse rows: feature indices and values per candidate. */
  readonly rows: ReadonlyArray<{ idx: Int16Array; val: Float32Array }>;
  readonly f1: Float32Array;
  readonly handBest: number;
}

const MAX_CANDIDATES = 40;

function sparse(features: readonly number[]): { idx: Int16Array; val: Float32Array } {
  const idx: number[] = [];
  const val: number[] = [];
  features.forEach((x, i) => {
    if (x !== 0) {
      idx.push(i);
      val.push(x);
    }
  });
  return { idx: Int16Array.from(idx), val: Float32Array.from(val) };
}

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    squad: { type: 'string' },
    exclude: { type: 'string' },
    questions: { type: 'string', default: '25000' },
    epochs: { type: 'string', default: '8' },
    out: { type: 'string', default: 'src/answer/ranker-weights.json' },
    'passages-out': { type: 'string', default: 'src/answer/passage-weights.json' },
  },
});
if (!values.squad) {
  console.error(
    'Usage: npm run train -- --squad TRAIN.json --exclude TUNE.json [--questions N] [--epochs N] [--out FILE]',
  );
  process.exit(2);
}
const excluded = new Set(values.exclude ? readSquad(values.exclude).data.map((a) => a.title) : []);
const full = readSquad(values.squad);
const data = { data: full.data.filter((a) => !excluded.has(a.title)) };
console.error(`${data.data.length} training articles (${full.data.length - data.data.length} left out)`);
const library = new Library(new Store(openDatabase(':memory:')));
const ids = loadSquad(library, 'train', data);
const collection = library.collection('train');

const all: Array<{ q: string; article: number; paragraph: number; golds: string[] }> = [];
data.data.forEach((a, i) => {
  const article = ids[i] as number;
  const paragraphIds = collection.paragraphIdsOf(article);
  a.paragraphs.forEach((p, k) => {
    for (const qa of p.qas)
      all.push({ q: qa.question, article, paragraph: paragraphIds[k] as number, golds: qa.answers.map((x) => x.text) });
  });
});
const sample = shuffled(all, seededRandom(1)).slice(0, Number(values.questions));
/** Write a model file (weights rounded to 5 decimals) and return the model. */
function save(features: readonly string[], weights: Float64Array, questions: number, path: string): RankerModel {
  const model: RankerModel = {
    version: 1,
    features,
    weights: Array.from(weights, (x) => Math.round(x * 1e5) / 1e5),
    trainedOn: `SQuAD v1.1 train, ${data.data.length} articles (tune-48 left out), ${questions} questions, ${values.epochs} epochs`,
    questions,
  };
  writeFileSync(path, `${JSON.stringify(model)}\n`);
  console.error(`wrote ${path}`);
  return model;
}

// 1. Passages: which of the re-ranked paragraphs holds the answer.
const passageExamples: Example[] = [];
for (const item of sample) {
  const { ranked } = rankPassages(analyzeQuestion(item.q), collection, item.article, {
    ...DEFAULT_ENGINE_SETTINGS,
    ranker: undefined,
    passageRanker: undefined,
    collectFeatures: true,
  });
  const rows = ranked.filter((r) => r.features);
  if (rows.length < 2 || !rows.some((r) => r.id === item.paragraph)) continue;
  passageExamples.push({
    rows: rows.map((r) => sparse(r.features as readonly number[])),
    f1: Float32Array.from(rows.map((r) => (r.id === item.paragraph ? 1 : 0))),
    handBest: rows[0]?.id === item.paragraph ? 1 : 0,
  });
}
console.error(`${passageExamples.length} questions whose paragraph is among the re-ranked ones`);
const passageModel = save(
  PASSAGE_FEATURE_NAMES,
  trainSoftmax(passageExamples, PASSAGE_FEATURE_NAMES.length, 'passage@1'),
  passageExamples.length,
  values['passages-out'] as string,
);

// 2. Answers: candidates in passages ordered by the new passage ranker.
const settings = { ...DEFAULT_ENGINE_SETTINGS, ranker: undefined, passageRanker: passageModel, collectFeatures: true };

const examples: Example[] = [];
const started = performance.now();
sample.forEach((item, n) => {
  if (n % 2000 === 0)
    console.error(`  features: ${n}/${sample.length} (${((performance.now() - started) / 1000).toFixed(0)} s)`);
  const { question, candidates } = explain(item.q, collection, { article: item.article }, settings);
  if (question.type === 'QUOTE') return;
  const top = candidates.filter((c) => c.features).slice(0, MAX_CANDIDATES);
  if (top.length < 2) return;
  const f1 = Float32Array.from(top.map((c) => bestOver(f1Score, c.text, item.golds)));
  if (Math.max(...f1) < 0.5) return;
  const rows = top.map((c) => sparse(c.features as readonly number[]));
  examples.push({ rows, f1, handBest: f1[0] as number });
});
console.error(`${examples.length} questions with a right candidate among ${sample.length}`);

/** Listwise softmax regression with plain SGD and L2; returns the weights and prints held-out top-1 quality. */
function trainSoftmax(examples: readonly Example[], dims: number, label: string): Float64Array {
  const holdout = Math.floor(examples.length * 0.1);
  const test = examples.slice(0, holdout);
  const train = examples.slice(holdout);
  const w = new Float64Array(dims);
  const dot = (r: { idx: Int16Array; val: Float32Array }) => {
    let s = 0;
    for (let k = 0; k < r.idx.length; k++) s += (w[r.idx[k] as number] as number) * (r.val[k] as number);
    return s;
  };
  const epochs = Number(values.epochs);
  const lambda = 1e-5;
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = 0.05 / (1 + epoch);
    let loss = 0;
    for (const ex of shuffled(train, seededRandom(100 + epoch))) {
      const scores = ex.rows.map(dot);
      const max = Math.max(...scores);
      const exps = scores.map((x) => Math.exp(x - max));
      const z = exps.reduce((a, b) => a + b, 0);
      const best = Math.max(...ex.f1);
      const targets: number[] = Array.from(ex.f1, (f) => (f === best ? 1 : 0));
      const tz = targets.reduce((a, b) => a + b, 0);
      ex.rows.forEach((r, i) => {
        const p = (exps[i] as number) / z;
        const t = (targets[i] as number) / tz;
        if (t > 0) loss -= t * Math.log(Math.max(p, 1e-12));
        const g = p - t;
        if (g === 0) return;
        for (let k = 0; k < r.idx.length; k++) {
          const j = r.idx[k] as number;
          w[j] = (w[j] as number) - lr * (g * (r.val[k] as number) + lambda * (w[j] as number));
        }
      });
    }
    const quality = test.reduce((acc, ex) => {
      const scores = ex.rows.map(dot);
      return acc + (ex.f1[scores.indexOf(Math.max(...scores))] as number);
    }, 0);
    console.error(
      `  ${label} epoch ${epoch + 1}: loss ${(loss / train.length).toFixed(4)}, held-out top-1 ${((100 * quality) / test.length).toFixed(1)}`,
    );
  }
  const hand = test.reduce((acc, ex) => acc + ex.handBest, 0);
  console.error(
    `  ${label}: held-out top-1 of the hand-made score on the same lists ${((100 * hand) / test.length).toFixed(1)}`,
  );
  return w;
}

save(FEATURE_NAMES, trainSoftmax(examples, FEATURE_NAMES.length, 'answer F1'), examples.length, values.out as string);
