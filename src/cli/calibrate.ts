/**
 * npm run calibrate -- --squad TRAIN.json --exclude TUNE.json [--skip 25000] [--questions 6000]
 *
 * Fits the confidence model (`src/answer/confidence.ts`) and chooses the abstention threshold,
 * on SQuAD training questions the rankers never saw: `npm run train` samples its questions with
 * a fixed seed and takes the first 25,000; these are the next ones in the same order. Half of
 * them fit the logistic model and choose the threshold (the lowest at which the answer lines
 * given are right at least half the time: as many answers as possible, more right than wrong;
 * the cited passages are shown either way); the other half
 * reports the trade-off, answered share against precision (share of answer lines with F1 ≥ 0.5).
 * Writes `src/answer/confidence-weights.json`. Deterministic for the same files.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import { CONFIDENCE_FEATURES, type ConfidenceModel, confidenceFeatures, sigmoid } from '../answer/confidence.js';
import { answer, DEFAULT_ENGINE_SETTINGS } from '../answer/engine.js';
import { bestOver, f1Score } from '../eval/metrics.js';
import { loadSquad, readSquad } from '../eval/squad.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { seededRandom, shuffled } from '../util/random.js';

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    squad: { type: 'string' },
    exclude: { type: 'string' },
    skip: { type: 'string', default: '25000' },
    questions: { type: 'string', default: '6000' },
    out: { type: 'string', default: 'src/answer/confidence-weights.json' },
  },
});
if (!values.squad) {
  console.error('Usage: npm run calibrate -- --squad TRAIN.json --exclude TUNE.json [--skip N] [--questions N]');
  process.exit(2);
}
const excluded = new Set(values.exclude ? readSquad(values.exclude).data.map((a) => a.title) : []);
const full = readSquad(values.squad);
const data = { data: full.data.filter((a) => !excluded.has(a.title)) };
const library = new Library(new Store(openDatabase(':memory:')));
const ids = loadSquad(library, 'train', data);
const collection = library.collection('train');

// The same list and order as `npm run train`; it trains on the first --skip.
const all: Array<{ q: string; article: number; golds: string[] }> = [];
data.data.forEach((a, i) => {
  for (const p of a.paragraphs)
    for (const qa of p.qas)
      all.push({ q: qa.question, article: ids[i] as number, golds: qa.answers.map((x) => x.text) });
});
const skip = Number(values.skip);
const pool = shuffled(all, seededRandom(1)).slice(skip, skip + Number(values.questions));
const settings = { ...DEFAULT_ENGINE_SETTINGS, abstain: false, collectFeatures: true };

interface Row {
  readonly x: number[];
  readonly right: number;
}
const rows: Row[] = [];
let unanswered = 0;
for (const item of pool) {
  const result = answer(item.q, collection, { article: item.article }, settings);
  if (result.answer === null || !result.signals) {
    unanswered++;
    continue;
  }
  rows.push({
    x: confidenceFeatures(result.signals),
    right: bestOver(f1Score, result.answer, item.golds) >= 0.5 ? 1 : 0,
  });
}
const fit = rows.filter((_, i) => i % 2 === 0);
const check = rows.filter((_, i) => i % 2 === 1);

// Logistic regression, full-batch gradient descent with a little L2.
const w = new Array<number>(CONFIDENCE_FEATURES.length).fill(0);
for (let step = 0; step < 4000; step++) {
  const grad = new Array<number>(w.length).fill(0);
  for (const r of fit) {
    const p = sigmoid(r.x.reduce((z, v, i) => z + v * (w[i] as number), 0));
    for (let i = 0; i < w.length; i++) grad[i] = (grad[i] as number) + (p - r.right) * (r.x[i] as number);
  }
  for (let i = 0; i < w.length; i++)
    w[i] = (w[i] as number) - 0.5 * ((grad[i] as number) / fit.length + 1e-4 * (w[i] as number));
}
const prob = (r: Row) => sigmoid(r.x.reduce((z, v, i) => z + v * (w[i] as number), 0));

function tradeOff(set: readonly Row[], threshold: number) {
  const answered = set.filter((r) => prob(r) >= threshold);
  const right = answered.filter((r) => r.right === 1).length;
  return {
    answered: answered.length / set.length,
    precision: answered.length ? right / answered.length : 0,
    utility: 2 * right - answered.length,
  };
}
// The lowest threshold at which the answer lines given are right at least TARGET_PRECISION of the time:
// as many answers as possible, more of them right than wrong.
const TARGET_PRECISION = 0.5;
let threshold = 0.95;
for (let t = 0; t <= 0.95; t += 0.01) {
  if (tradeOff(fit, t).precision >= TARGET_PRECISION) {
    threshold = Math.round(t * 100) / 100;
    break;
  }
}
const model: ConfidenceModel = {
  version: 1,
  features: [...CONFIDENCE_FEATURES],
  weights: w.map((x) => Math.round(x * 1e5) / 1e5),
  threshold,
  fittedOn: `SQuAD v1.1 train (tune-48 left out), ${rows.length} answered questions not used by the rankers (questions ${skip + 1}-${skip + pool.length} of train's sample order); threshold: the lowest at which answer lines are right (F1 >= 0.5) at least half the time, on half of them`,
};
writeFileSync(values.out as string, `${JSON.stringify(model)}\n`);
const pct = (x: number) => `${(100 * x).toFixed(1)}%`;
console.log(`${pool.length} questions, ${rows.length} with an answer line before abstention (${unanswered} without)`);
console.log(`threshold ${threshold} (chosen on ${fit.length}); trade-off on the other ${check.length}:`);
console.log('  confidence ≥   answered   precision (F1 ≥ 0.5)');
for (const t of [0, 0.2, 0.3, 0.4, threshold, 0.5, 0.6, 0.7, 0.8, 0.9].sort((a, b) => a - b)) {
  const r = tradeOff(check, t);
  console.log(
    `  ${t.toFixed(2)}${t === threshold ? '*' : ' '}         ${pct(r.answered).padStart(6)}     ${pct(r.precision)}`,
  );
}
console.log(`wrote ${values.out}`);
