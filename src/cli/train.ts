/**
 * npm run train -- --squad TRAIN.json --exclude TUNE.json [--questions 80000] [--epochs 8] [--trees 200]
 *   [--depth 4,6] [--passages-only | --boundary-only]
 *
 * Trains the passage ranker (which re-ranked paragraph holds the answer; target: the gold paragraph; named
 * measures and `PASSAGE_HASH_BUCKETS` hashed lexical features, `passageHashes`), then the candidate ranker over
 * passages in that order: for each sampled question of the training file (articles of --exclude left out), the
 * engine's candidates and their features in the question's own article; target: the candidates whose text best
 * matches a gold answer (SQuAD F1). A linear model, softmax over each question's candidates, plain SGD with L2;
 * 10% of the questions are held out to report top-1 F1 against the hand-made score. Last, the boundary model
 * (`src/answer/boundary.ts`) on the answers the new rankers choose: softmax over each answer's span and the spans
 * next to it, its margin the one of best held-out exact match. `--passages-only` stops after the passage ranker;
 * `--boundary-only` trains the boundary model alone, for the shipped rankers. Deterministic for the same files.
 */
import { writeFileSync } from 'node:fs';
import { parseArgs } from 'node:util';
import {
  BOUNDARY_BUCKETS,
  BOUNDARY_FEATURES,
  type BoundaryModelFile,
  boundaryFeatures,
  boundaryOptions,
  chosenSpan,
  spanText,
} from '../answer/boundary.js';
import {
  boundaryInputs,
  chooseAnswer,
  DEFAULT_ENGINE_SETTINGS,
  type EngineSettings,
  explain,
  rankPassages,
} from '../answer/engine.js';
import { analyzeQuestion } from '../answer/question.js';
import {
  type CandidateFeatures,
  decodeHashed,
  encodeHashed,
  FEATURE_NAMES,
  HASH_BUCKETS,
  type HashedWeightsFile,
  PASSAGE_FEATURE_NAMES,
  PASSAGE_HASH_BUCKETS,
  type RankerModel,
  TREE_FEATURE_NAMES,
  treeInputs,
} from '../answer/ranker.js';
import { bestOver, exactMatch, f1Score } from '../eval/metrics.js';
import { loadSquad, readSquad } from '../eval/squad.js';
import { rankerQuestions } from '../learn/split.js';
import { ensembleScore, fitTrees, type RankingList, type Tree, type TreeEnsemble } from '../learn/trees.js';
import { Library } from '../library.js';
import { openDatabase } from '../storage/db.js';
import { Store } from '../storage/store.js';
import { seededRandom, shuffled } from '../util/random.js';

interface Example {
  /** Sparse rows: feature indices and values per candidate. */
  readonly rows: ReadonlyArray<Row>;
  /** What the trees see of each candidate (answers only). */
  readonly treeRows?: ReadonlyArray<readonly number[]>;
  readonly f1: Float32Array;
  readonly handBest: number;
}

interface Row {
  readonly idx: Int32Array;
  readonly val: Float32Array;
}

const MAX_CANDIDATES = 40;

/** A row's score under linear weights. */
function dot(weights: Float64Array, r: Row): number {
  let s = 0;
  for (let k = 0; k < r.idx.length; k++) s += (weights[r.idx[k] as number] as number) * (r.val[k] as number);
  return s;
}
/** The first tenth of each model's questions is held out to report top-1 quality. */
const HOLDOUT_SHARE = 0.1;

const { values } = parseArgs({
  args: process.argv.slice(2),
  options: {
    squad: { type: 'string' },
    exclude: { type: 'string' },
    questions: { type: 'string', default: '80000' },
    epochs: { type: 'string', default: '8' },
    out: { type: 'string', default: 'src/answer/ranker-weights.json' },
    'passages-out': { type: 'string', default: 'src/answer/passage-weights.json' },
    'passages-only': { type: 'boolean', default: false },
    'boundary-out': { type: 'string', default: 'src/answer/boundary-weights.json' },
    'boundary-only': { type: 'boolean', default: false },
    buckets: { type: 'string', default: String(HASH_BUCKETS) },
    l2: { type: 'string', default: '1e-5' },
    trees: { type: 'string', default: '200' },
    depth: { type: 'string', default: '4,6' },
    'passage-trees': { type: 'string', default: '100' },
    'passage-depth': { type: 'string', default: '4' },
  },
});
if (!values.squad) {
  console.error(
    'Usage: npm run train -- --squad TRAIN.json --exclude TUNE.json [--questions N] [--epochs N] [--buckets N] [--l2 X] [--trees N] [--depth N[,N...]] [--passage-trees N] [--passage-depth N[,N...]] [--passages-only | --boundary-only] [--out FILE] [--passages-out FILE] [--boundary-out FILE]',
  );
  process.exit(2);
}
const buckets = Number(values.buckets);
for (const name of ['questions', 'epochs', 'buckets'] as const) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 1) {
    console.error(`--${name} must be a whole number of at least 1 (got ${values[name]})`);
    process.exit(2);
  }
}
// Tree counts may be 0 (no trees).
for (const name of ['trees', 'passage-trees'] as const) {
  const n = Number(values[name]);
  if (!Number.isInteger(n) || n < 0) {
    console.error(`--${name} must be a whole number (got ${values[name]})`);
    process.exit(2);
  }
}
/**
 * Tree depths from a flag's text: one ensemble of boosted trees per depth, averaged ("4,6": half the score from
 * each). Exits with a message when they are not whole numbers of at least 1.
 */
function parseDepths(text: string, flag = '--depth'): number[] {
  const out = text.split(',').map((d) => Number(d.trim()));
  if (out.some((d) => !Number.isInteger(d) || d < 1)) {
    console.error(`${flag} must be whole numbers of at least 1, separated by commas (got ${text})`);
    process.exit(2);
  }
  return out;
}
const depths = parseDepths(String(values.depth));
const passageDepths = parseDepths(String(values['passage-depth']), '--passage-depth');

/**
 * A sparse row: the non-zero named features, then each hashed feature as index named + bucket with value 1 (a
 * candidate's in `buckets` buckets, a passage's in `PASSAGE_HASH_BUCKETS`).
 */
function sparse(features: Pick<CandidateFeatures, 'dense' | 'hashed'>, hashBuckets = buckets): Row {
  const { dense, hashed } = features;
  const idx: number[] = [];
  const val: number[] = [];
  dense.forEach((x, i) => {
    if (x !== 0) {
      idx.push(i);
      val.push(x);
    }
  });
  for (const h of hashed) {
    idx.push(dense.length + (h % hashBuckets));
    val.push(1);
  }
  return { idx: Int32Array.from(idx), val: Float32Array.from(val) };
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
// The first questions of the fixed order are kept for `npm run calibrate` (src/learn/split.ts).
const sample = rankerQuestions(all, Number(values.questions));
/**
 * Write a model file (named weights rounded to 5 decimals; the hashed weights past them encoded as 16-bit
 * integers, see `encodeHashed`) and return the model as the engine will load it.
 */
function save(
  features: readonly string[],
  weights: Float64Array,
  questions: number,
  path: string,
  trees?: TreeEnsemble,
  treeNames: readonly string[] = TREE_FEATURE_NAMES,
): RankerModel {
  const round = (x: number) => Math.round(x * 1e5) / 1e5;
  const hashed: HashedWeightsFile | undefined =
    weights.length > features.length ? encodeHashed(weights.subarray(features.length)) : undefined;
  const model = {
    version: 1 as const,
    features,
    weights: Array.from(weights.subarray(0, features.length), round),
    ...(hashed ? { hashed } : {}),
    ...(trees ? { trees: { features: treeNames, trees: trees.trees.map(roundLeaves) } } : {}),
    trainedOn: `SQuAD v1.1 train, ${data.data.length} articles (tune-48 left out), ${questions} questions, ${values.epochs} epochs`,
    questions,
  };
  writeFileSync(path, `${JSON.stringify(model)}\n`);
  console.error(`wrote ${path}${hashed ? ` (${hashed.buckets} hashed weights)` : ''}`);
  return { ...model, hashed: hashed ? decodeHashed(hashed) : undefined, trees } as RankerModel;
}

/** Leaf values to 6 decimals (thresholds stay exact: they are values of the data, compared with ≤). */
function roundLeaves(tree: Tree): Tree {
  return { ...tree, value: tree.value.map(roundLeaf) };
}

function roundLeaf(v: number): number {
  return Math.round(v * 1e6) / 1e6;
}

/** The engine as training runs it: the rankers learn from questions as asked (no spelling correction). */
const AS_ASKED: EngineSettings = { ...DEFAULT_ENGINE_SETTINGS, spelling: false };

// --boundary-only: the boundary model alone, for the shipped rankers' answers.
if (values['boundary-only']) {
  trainBoundary({ ...AS_ASKED, boundary: undefined });
  process.exit(0);
}

// 1. Passages: which of the re-ranked paragraphs holds the answer.
// Every other question searches all articles, as a server's /ask does, so that what tells articles apart (their
// titles) is learned too; the others search their own article, as /ask with an article does.
const passageExamples: Example[] = [];
for (const [n, item] of sample.entries()) {
  const { ranked } = rankPassages(analyzeQuestion(item.q), collection, n % 2 === 0 ? undefined : item.article, {
    ...DEFAULT_ENGINE_SETTINGS,
    ranker: undefined,
    passageRanker: undefined,
    collectFeatures: true,
  });
  const rows = ranked.filter((r) => r.features);
  if (rows.length < 2 || !rows.some((r) => r.id === item.paragraph)) continue;
  passageExamples.push({
    // The passage trees split on the named features themselves.
    treeRows: rows.map((r) => r.features as number[]),
    rows: rows.map((r) =>
      sparse({ dense: r.features as readonly number[], hashed: r.hashes ?? [] }, PASSAGE_HASH_BUCKETS),
    ),
    f1: Float32Array.from(rows.map((r) => (r.id === item.paragraph ? 1 : 0))),
    handBest: rows[0]?.id === item.paragraph ? 1 : 0,
  });
}
console.error(`${passageExamples.length} questions whose paragraph is among the re-ranked ones`);
const passageDims = PASSAGE_FEATURE_NAMES.length + PASSAGE_HASH_BUCKETS;
const passageLinear = trainSoftmax(passageExamples, passageDims, 'passage@1');
const passageModel = save(
  PASSAGE_FEATURE_NAMES,
  passageLinear,
  passageExamples.length,
  values['passages-out'] as string,
  stackTrees(passageExamples, passageDims, passageLinear, PASSAGE_FEATURE_NAMES.length, 'passage@1', {
    trees: Number(values['passage-trees']),
    depths: passageDepths,
  }),
  PASSAGE_FEATURE_NAMES,
);

if (values['passages-only']) process.exit(0);

// 2. Answers: candidates in passages ordered by the new passage ranker.
const settings = {
  ...AS_ASKED,
  ranker: undefined,
  passageRanker: passageModel,
  collectFeatures: true,
};

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
  const rows = top.map((c) => sparse(c.features as CandidateFeatures));
  const treeRows = top.map(
    (c) => Float32Array.from(treeInputs(c.features as CandidateFeatures)) as unknown as number[],
  );
  examples.push({ rows, treeRows, f1, handBest: f1[0] as number });
});
console.error(`${examples.length} questions with a right candidate among ${sample.length}`);

/**
 * Listwise softmax regression by SGD with L2, the weights averaged over every step (Polyak-Ruppert averaging:
 * steadier than the last step's weights when most features are rare hashed ones). Returns the averaged weights
 * and prints held-out top-1 quality.
 */
function trainSoftmax(
  examples: readonly Example[],
  dims: number,
  label: string,
  holdoutShare = HOLDOUT_SHARE,
): Float64Array {
  const holdout = Math.floor(examples.length * holdoutShare);
  const test = examples.slice(0, holdout);
  const train = examples.slice(holdout);
  const w = new Float64Array(dims);
  // Averaging without touching every weight at every step: u sums step × change, the average is w − u / steps.
  const u = new Float64Array(dims);
  let steps = 1;
  const averaged = () => Float64Array.from(w, (x, j) => x - (u[j] as number) / steps);
  const topOne = (weights: Float64Array) =>
    test.reduce((acc, ex) => {
      const scores = ex.rows.map((r) => dot(weights, r));
      return acc + (ex.f1[scores.indexOf(Math.max(...scores))] as number);
    }, 0);
  const epochs = Number(values.epochs);
  const lambda = Number(values.l2);
  for (let epoch = 0; epoch < epochs; epoch++) {
    const lr = 0.05 / (1 + epoch);
    let loss = 0;
    for (const ex of shuffled(train, seededRandom(100 + epoch))) {
      const scores = ex.rows.map((r) => dot(w, r));
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
          const change = -lr * (g * (r.val[k] as number) + lambda * (w[j] as number));
          w[j] = (w[j] as number) + change;
          u[j] = (u[j] as number) + steps * change;
        }
      });
      steps++;
    }
    if (test.length > 0)
      console.error(
        `  ${label} epoch ${epoch + 1}: loss ${(loss / train.length).toFixed(4)}, held-out top-1 ${((100 * topOne(w)) / test.length).toFixed(1)} (averaged ${((100 * topOne(averaged())) / test.length).toFixed(1)})`,
      );
  }
  const hand = test.reduce((acc, ex) => acc + ex.handBest, 0);
  if (test.length > 0)
    console.error(
      `  ${label}: held-out top-1 of the hand-made score on the same lists ${((100 * hand) / test.length).toFixed(1)}`,
    );
  return averaged();
}

const linear = trainSoftmax(examples, FEATURE_NAMES.length + buckets, 'answer F1');
const trees = stackTrees(examples, FEATURE_NAMES.length + buckets, linear, TREE_FEATURE_NAMES.length, 'answer F1', {
  trees: Number(values.trees),
  depths,
});
const answerModel = save(FEATURE_NAMES, linear, examples.length, values.out as string, trees);

// 3. Answer boundaries: the chosen answer against the spans next to it (see src/answer/boundary.ts).
trainBoundary({ ...settings, ranker: answerModel, collectFeatures: false, boundary: undefined });

/**
 * Train the boundary model on the answers the engine with `engineSettings` chooses (article scope), and choose its
 * margin: the one of the held-out questions' best exact match (the larger of ties: fewer changes).
 */
function trainBoundary(engineSettings: EngineSettings): void {
  const boundaryExamples: Array<Example & { em: Float32Array }> = [];
  const startedAt = performance.now();
  sample.forEach((item, n) => {
    if (n % 5000 === 0)
      console.error(`  boundaries: ${n}/${sample.length} (${((performance.now() - startedAt) / 1000).toFixed(0)} s)`);
    const { question, ranked, candidates } = explain(item.q, collection, { article: item.article }, engineSettings);
    if (question.type === 'QUOTE') return;
    const top = chooseAnswer(candidates, ranked, engineSettings).candidate;
    const inputs = top && boundaryInputs(top, candidates);
    if (!top || !inputs) return;
    const options = boundaryOptions(inputs.sentence, inputs.span, inputs.others);
    if (options.length < 2) return;
    const texts = options.map((o, k) => (k === 0 ? top.text : spanText(inputs.sentence, o)));
    const f1 = Float32Array.from(texts.map((t) => bestOver(f1Score, t, item.golds)));
    if (Math.max(...f1) === 0) return;
    boundaryExamples.push({
      rows: options.map((o) => {
        const keys = boundaryFeatures(question, inputs.sentence, o, inputs.span);
        return { idx: Int32Array.from(keys, (h) => h % BOUNDARY_BUCKETS), val: new Float32Array(keys.length).fill(1) };
      }),
      f1,
      em: Float32Array.from(texts.map((t) => bestOver(exactMatch, t, item.golds))),
      handBest: f1[0] as number,
    });
  });
  console.error(`${boundaryExamples.length} answers with a span that overlaps a gold answer`);
  const weights = trainSoftmax(boundaryExamples, BOUNDARY_BUCKETS, 'boundary F1');
  const held = boundaryExamples.slice(0, Math.floor(boundaryExamples.length * HOLDOUT_SHARE));
  const emAt = (margin: number) =>
    held.reduce((acc, ex) => {
      return (
        acc +
        (ex.em[
          chosenSpan(
            ex.rows.map((r) => dot(weights, r)),
            margin,
          )
        ] as number)
      );
    }, 0) / Math.max(1, held.length);
  let margin = Number.POSITIVE_INFINITY;
  let bestEm = emAt(margin);
  console.error(`  boundary: held-out exact match keeping every answer ${(100 * bestEm).toFixed(1)}`);
  for (const m of [2, 1.5, 1, 0.75, 0.5, 0.25, 0]) {
    const em = emAt(m);
    console.error(`  boundary: margin ${m}: held-out exact match ${(100 * em).toFixed(1)}`);
    if (em > bestEm) {
      bestEm = em;
      margin = m;
    }
  }
  if (!Number.isFinite(margin)) {
    console.error('  boundary: no margin improves on keeping the answers; the model is not written');
    return;
  }
  const file: BoundaryModelFile & { trainedOn: string; questions: number } = {
    version: 1,
    features: BOUNDARY_FEATURES,
    hashed: encodeHashed(weights),
    margin,
    trainedOn: `SQuAD v1.1 train, ${data.data.length} articles (tune-48 left out), ${boundaryExamples.length} questions, ${values.epochs} epochs`,
    questions: boundaryExamples.length,
  };
  writeFileSync(values['boundary-out'] as string, `${JSON.stringify(file)}\n`);
  console.error(`wrote ${values['boundary-out']} (margin ${margin})`);
}

/**
 * Boosted trees over a model's named measures, on top of its linear score. The trees learn from the linear
 * scores of models that did not see the same questions (two halves, each scored by the model trained on the
 * other), as stacking must, or they would learn to trust the linear score's fit to its own data. Held-out top-1
 * is printed every 25 trees, against the linear model alone.
 */
function stackTrees(
  examples: readonly Example[],
  dims: number,
  linear: Float64Array,
  treeDims: number,
  label: string,
  { trees: treeCount, depths }: { readonly trees: number; readonly depths: readonly number[] },
): TreeEnsemble | undefined {
  if (treeCount <= 0) return undefined;
  // The same held-out questions as the linear model's.
  const holdout = Math.floor(examples.length * HOLDOUT_SHARE);
  const held = examples.slice(0, holdout);
  const rest = examples.slice(holdout);
  const toList = (ex: Example, w: Float64Array): RankingList => {
    const best = Math.max(...ex.f1);
    const hits = Array.from(ex.f1, (f): number => (f === best ? 1 : 0));
    const count = hits.reduce((a, b) => a + b, 0);
    return {
      rows: ex.treeRows as ReadonlyArray<readonly number[]>,
      target: hits.map((h) => h / count),
      base: ex.rows.map((r) => dot(w, r)),
    };
  };
  const halves = [rest.filter((_, i) => i % 2 === 0), rest.filter((_, i) => i % 2 === 1)] as const;
  const byHalf = halves.map((h, k) => trainSoftmax(h, dims, `${label}, half ${k + 1}`, 0));
  const lists = [
    ...halves[0].map((ex) => toList(ex, byHalf[1] as Float64Array)),
    ...halves[1].map((ex) => toList(ex, byHalf[0] as Float64Array)),
  ];
  const heldLists = held.map((ex) => toList(ex, linear));
  const topOne = (e: TreeEnsemble) =>
    heldLists.reduce((acc, l, i) => {
      const s = l.rows.map((r, j) => (l.base[j] as number) + ensembleScore(e, r));
      return acc + ((held[i] as Example).f1[s.indexOf(Math.max(...s))] as number);
    }, 0) / Math.max(1, heldLists.length);
  console.error(
    `  ${label} trees: held-out top-1 of the linear model alone ${(100 * topOne({ trees: [] })).toFixed(1)}`,
  );
  // One ensemble per depth, each boosted from the same stacked linear scores; their average is the model (each
  // ensemble's leaves rounded as a file of its own stores them, then divided: averaging saved files gives the same).
  const fitted = depths.map((depth) =>
    fitTrees(lists, treeDims, {
      trees: treeCount,
      depth,
      reportEvery: 25,
      onProgress: (n, e) =>
        console.error(`  ${label} trees of depth ${depth}: ${n}, held-out top-1 ${(100 * topOne(e)).toFixed(1)}`),
    }),
  );
  if (fitted.length === 1) return fitted[0];
  const averaged: TreeEnsemble = {
    trees: fitted.flatMap((e) =>
      e.trees.map((tree) => ({ ...tree, value: tree.value.map((v) => roundLeaf(v) / fitted.length) })),
    ),
  };
  console.error(
    `  ${label} trees: depths ${depths.join(', ')} averaged, held-out top-1 ${(100 * topOne(averaged)).toFixed(1)}`,
  );
  return averaged;
}
