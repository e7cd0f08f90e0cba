/**
 * Calibrated confidence: the probability that the answer line is right (SQuAD F1 of at least
 * 0.5 against a gold answer), from a logistic model over a few signals of the engine's own
 * decision. Fitted by `npm run calibrate` on SQuAD v1.1 training questions that the rankers
 * were not trained on (tune-48 left out); the same command picks the abstention threshold on
 * those questions: the answer line is withheld (the closest passages are still shown) when the
 * confidence is below it.
 */
import model from './confidence-weights.json' with { type: 'json' };

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
