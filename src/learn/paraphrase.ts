/**
 * Fitting the paraphrase matrix (`src/answer/paraphrase.ts`): for each training question, its re-ranked paragraphs
 * with the passage ranker's order and their two sides; softmax over the paragraphs of order + q·W·p, the target the
 * gold paragraph, plain SGD from W = 0 with the step shrinking each epoch. Deterministic for the same lists.
 */
import { type ParaphraseSides, paraphraseScore } from '../answer/paraphrase.js';
import { seededRandom, shuffled } from '../util/random.js';

/** One paragraph of a training list. */
export interface ParaphraseRow {
  /** The passage ranker's score: what the likeness is added to. */
  readonly order: number;
  /** Undefined when a side has no vector: the row then scores its order alone. */
  readonly sides?: ParaphraseSides;
  readonly gold: boolean;
}

export interface ParaphraseTraining {
  readonly epochs: number;
  /** The first epoch's step; epoch e's is rate / (1 + e). */
  readonly rate: number;
  readonly seed: number;
}

export const DEFAULT_PARAPHRASE_TRAINING: ParaphraseTraining = { epochs: 4, rate: 0.05, seed: 7 };

/** The fitted matrix (row-major). Lists without a gold paragraph, or with fewer than two rows, teach nothing. */
export function trainParaphrase(
  lists: ReadonlyArray<readonly ParaphraseRow[]>,
  dims: number,
  options: Partial<ParaphraseTraining> = {},
): Float64Array {
  const { epochs, rate, seed } = { ...DEFAULT_PARAPHRASE_TRAINING, ...options };
  if (!Number.isInteger(dims) || dims < 1) throw new Error(`paraphrase: dims must be a whole number ≥ 1 (got ${dims})`);
  const w = new Float64Array(dims * dims);
  const model = { dims, weights: w };
  const usable = lists.filter((rows) => rows.length > 1 && rows.some((r) => r.gold));
  for (let epoch = 0; epoch < epochs; epoch++) {
    const step = rate / (1 + epoch);
    for (const rows of shuffled(usable, seededRandom(seed + epoch))) {
      const scores = rows.map((r) => r.order + (r.sides ? paraphraseScore(model, r.sides) : 0));
      const max = Math.max(...scores);
      const exps = scores.map((x) => Math.exp(x - max));
      const z = exps.reduce((a, b) => a + b, 0);
      const golds = rows.filter((r) => r.gold).length;
      rows.forEach((r, n) => {
        const g = (exps[n] as number) / z - (r.gold ? 1 / golds : 0);
        if (!r.sides || Math.abs(g) < 1e-4) return;
        const { question, paragraph } = r.sides;
        for (let i = 0; i < dims; i++) {
          const a = -step * g * (question[i] as number);
          if (a === 0) continue;
          for (let j = 0; j < dims; j++) w[i * dims + j] = (w[i * dims + j] as number) + a * (paragraph[j] as number);
        }
      });
    }
  }
  return w;
}
