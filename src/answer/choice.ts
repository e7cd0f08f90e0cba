/**
 * Which passage answers. The passage ranker orders the re-ranked paragraphs by what they say of the question; the
 * candidate ranker then scores the answers the first `answerParagraphs` of them hold. A passage's value is its best
 * fitting candidate's score plus `passageWeight` times its ranking score, so a passage ranked a little lower answers
 * when its candidate is much better (`passageWeight`, 0.75, is chosen by `npm run calibrate`). A passage that holds
 * no fitting candidate at all (the one that best matches the question may say nothing of the kind asked: "When was
 * the Kao Gong Ji written?" over "from the 7th–5th centuries BCE", which no date pattern reads) counts as if it held
 * one as good as the best anywhere, less `emptyPenalty`: when it leads the others' ranking by enough, it is cited
 * first with no answer line, rather than an answer from a passage that matches the question worse.
 *
 * That is a linear model over `CHOICE_FEATURES` with weights `passageWeight`, 1 and −`NO_CANDIDATE` − `emptyPenalty`
 * (`choiceWeights`); `npm run calibrate` chooses the penalty on SQuAD training questions the rankers never saw, as it
 * chooses the passage weight. Without a model (penalty null) it is the rule alone.
 * Fitting all the weights did no better (session 21: tune-48 passage@1 +9 questions, exact match −0.18, and news
 * near-ties between paragraphs lost), and nor did boosted trees.
 */
import shipped from './choice-weights.json' with { type: 'json' };

/** What the choice model reads of each passage, in the order of its weights. */
export const CHOICE_FEATURES = [
  /** The passage's ranking score minus the best passage's (0 for the best). */
  'orderGap',
  /** Its best fitting candidate's score minus the best fitting candidate's anywhere; `NO_CANDIDATE` if it has none. */
  'candidateGap',
  /** 1 when it holds no fitting candidate. */
  'noCandidate',
] as const;

/** The candidate gap of a passage without candidates: its value then comes from the `noCandidate` weight. */
export const NO_CANDIDATE = -100;

/** A passage as the choice model sees it: its ranking score. */
export interface ChoicePassage {
  readonly order: number;
}

/** A fitting candidate as the choice model sees it: the index of its passage among those offered, and its score. */
export interface ChoiceCandidate {
  readonly passage: number;
  readonly score: number;
}

export interface ChoiceModel {
  readonly version: 2;
  /** What a passage without a fitting candidate counts below the best candidate anywhere; null: it never answers. */
  readonly emptyPenalty: number | null;
  /** How it was chosen, for the README. */
  readonly fittedOn: string;
}

/** What the choice weighs: the engine's passage weight and the model's penalty. */
export interface ChoiceSettings {
  readonly passageWeight: number;
  readonly emptyPenalty: number | null;
}

/** The weights over `CHOICE_FEATURES`. */
export function choiceWeights({ passageWeight, emptyPenalty }: ChoiceSettings): number[] {
  return [passageWeight, 1, emptyPenalty === null ? Number.NEGATIVE_INFINITY : -NO_CANDIDATE - emptyPenalty];
}

/** Each passage's feature vector (`CHOICE_FEATURES`), given the fitting candidates of all of them. */
export function choiceFeatures(passages: readonly ChoicePassage[], candidates: readonly ChoiceCandidate[]): number[][] {
  let bestOrder = Number.NEGATIVE_INFINITY;
  for (const p of passages) bestOrder = Math.max(bestOrder, p.order);
  const top = passages.map(() => Number.NEGATIVE_INFINITY);
  let bestScore = Number.NEGATIVE_INFINITY;
  for (const c of candidates) {
    const i = c.passage;
    if (!(i >= 0 && i < passages.length)) continue;
    bestScore = Math.max(bestScore, c.score);
    top[i] = Math.max(top[i] as number, c.score);
  }
  return passages.map((p, i) => {
    const score = top[i] as number;
    const none = score === Number.NEGATIVE_INFINITY;
    return [p.order - bestOrder, none ? NO_CANDIDATE : score - bestScore, none ? 1 : 0];
  });
}

/** The score of one passage's features under `weights` (a weight of −Infinity on an absent feature counts nothing). */
export function choiceScore(weights: readonly number[], x: readonly number[]): number {
  let s = 0;
  for (let i = 0; i < x.length; i++) if (x[i] !== 0) s += (weights[i] ?? 0) * (x[i] as number);
  return s;
}

/** The index of the passage the model picks (the first of equals); −1 when there are none. */
export function choosePassage(
  settings: ChoiceSettings,
  passages: readonly ChoicePassage[],
  candidates: readonly ChoiceCandidate[],
): number {
  const weights = choiceWeights(settings);
  let best = -1;
  let bestScore = Number.NEGATIVE_INFINITY;
  choiceFeatures(passages, candidates).forEach((x, i) => {
    const s = choiceScore(weights, x);
    if (best < 0 || s > bestScore) {
      best = i;
      bestScore = s;
    }
  });
  return best;
}

function loadModel(): ChoiceModel | undefined {
  const m = shipped as ChoiceModel | { version: number };
  return m.version === 2 ? (m as ChoiceModel) : undefined;
}

/** The shipped model, or undefined when there is none or it is not of this code's version (re-run `npm run calibrate`). */
export const DEFAULT_CHOICE: ChoiceModel | undefined = loadModel();
