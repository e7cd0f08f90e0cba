/**
 * Calibrated confidence: the probability that the answer line is right (SQuAD F1 of at least
 * 0.5 against a gold answer), from a logistic model over a few signals of the engine's own
 * decision. Fitted by `npm run calibrate` on SQuAD v1.1 training questions that the rankers
 * were not trained on (tune-48 left out); the same command picks the abstention threshold on
 * those questions: the answer line is withheld (the closest passages are still shown) when the
 * confidence is below it.
 */
import model from './confidence-weights.json' with { type: 'json' };
import { ANSWER_TYPES, type AnswerType } from './question.js';

/** What the engine knows when it picks an answer. */
export interface ConfidenceSignals {
  /** Share of the question's weighted terms in the best sentence or paragraph (0..1). */
  readonly coverage: number;
  /** How well the answer's kind fits the question's type (0..1). */
  readonly typeFit: number;
  /** Score of the answer minus that of the best different candidate (0 when there is none). */
  readonly margin: number;
  /** Whether a different candidate exists at all. */
  readonly alone: boolean;
  /** Softmax share of the answer among all candidates' scores (0..1). */
  readonly share: number;
  /** Passage score of the best paragraph minus the second's (0 when there is one). */
  readonly passageMargin: number;
  /** Whether the answer comes from the best paragraph. */
  readonly fromBestPassage: boolean;
  /** Words in the answer. */
  readonly answerWords: number;
  /** The answer's sentence: its share of the question's weighted terms (with its neighbours' and the bigrams' part). */
  readonly sentenceCoverage: number;
  /** The answer's paragraph: its share of the question's weighted terms. */
  readonly paragraphCoverage: number;
  /** Share of the question's names (capitalised words) the answer's paragraph lacks (0 when it has none). */
  readonly namesMissing: number;
  /** Share of the question's names in the answer's sentence (1 when it has none). */
  readonly namesInSentence: number;
  /** Share of the question's verbs in the answer's sentence (1 when it has none). */
  readonly verbsInSentence: number;
  /** The passage ranker's softmax share of the answer's paragraph among the re-ranked ones (0..1). */
  readonly passageShare: number;
  /** The answer's own ranking score (the learned ranker's scale). */
  readonly score: number;
  readonly type: AnswerType;
  /** Distinct terms in the question. */
  readonly terms: number;
}

export const CONFIDENCE_FEATURES = [
  'bias',
  'coverage',
  'typeFit',
  'margin',
  'alone',
  'share',
  'passageMargin',
  'fromBestPassage',
  'logWords',
  'sentenceCoverage',
  'paragraphCoverage',
  'namesMissing',
  'namesInSentence',
  'verbsInSentence',
  'passageShare',
  'score',
  'logTerms',
  ...ANSWER_TYPES.map((t) => `type:${t}`),
] as const;

export function confidenceFeatures(s: ConfidenceSignals): number[] {
  return [
    1,
    s.coverage,
    s.typeFit,
    Math.min(s.margin, 5),
    s.alone ? 1 : 0,
    s.share,
    Math.min(s.passageMargin, 5),
    s.fromBestPassage ? 1 : 0,
    Math.log1p(s.answerWords),
    s.sentenceCoverage,
    s.paragraphCoverage,
    s.namesMissing,
    s.namesInSentence,
    s.verbsInSentence,
    s.passageShare,
    // Scores of a few well-fitting answers run to 20 and more: clipped, the rest keep the weight's scale.
    Math.max(-5, Math.min(s.score, 15)) / 5,
    Math.log1p(s.terms),
    ...ANSWER_TYPES.map((t) => (s.type === t ? 1 : 0)),
  ];
}

export interface ConfidenceModel {
  readonly version: 1;
  readonly features: readonly string[];
  readonly weights: readonly number[];
  /** Below this confidence the answer line is withheld. */
  readonly threshold: number;
  /**
   * The engine's `passageWeight`, chosen by the same calibration run (it changes which answer the confidence is
   * about, so the two are fitted together: the weight first); null: always the best passage.
   */
  readonly passageWeight?: number | null;
  /** How the threshold and weights were chosen, for the README. */
  readonly fittedOn: string;
}

export function sigmoid(x: number): number {
  return 1 / (1 + Math.exp(-x));
}

/** The probability that the answer is right, by `m`. */
export function confidenceOf(m: ConfidenceModel, signals: ConfidenceSignals): number {
  const x = confidenceFeatures(signals);
  let z = 0;
  for (let i = 0; i < x.length; i++) z += (m.weights[i] ?? 0) * (x[i] as number);
  return sigmoid(z);
}

function loadModel(): ConfidenceModel | undefined {
  const m = model as ConfidenceModel;
  const same =
    m.features.length === CONFIDENCE_FEATURES.length && m.features.every((f, i) => f === CONFIDENCE_FEATURES[i]);
  return same ? m : undefined;
}

/** The shipped model, or undefined when its features are not this code's (re-run `npm run calibrate`). */
export const DEFAULT_CONFIDENCE: ConfidenceModel | undefined = loadModel();
