/**
 * The learned candidate ranker: a linear model over a candidate's features (the hand-made
 * score's parts, its kind and the question's type, their pairs, and a few surface cues), trained
 * listwise (softmax over a question's candidates) on SQuAD v1.1 train with the 48 tune articles
 * left out, by `npm run train`. The weights are a small JSON file in the repository, loaded at start.
 */

import type { AnnotatedSentence } from '../text/nlp.js';
import type { Candidate, CandidateKind } from './candidates.js';
import type { CandidateParts } from './engine.js';
import passageWeights from './passage-weights.json' with { type: 'json' };
import type { AnswerType, Question } from './question.js';
import weights from './ranker-weights.json' with { type: 'json' };

export interface RankerModel {
  readonly version: 1;
  readonly features: readonly string[];
  readonly weights: readonly number[];
  /** What it was trained on, for the README and the closing note. */
  readonly trainedOn: string;
  readonly questions: number;
}

const KINDS: readonly CandidateKind[] = [
  'NAME',
  'DATE',
  'TIME',
  'DURATION',
  'NUMBER',
  'ORDINAL',
  'MONEY',
  'PERCENT',
  'NP',
  'QUOTE',
  'CLAUSE',
];
const TYPES: readonly AnswerType[] = [
  'PERSON',
  'PLACE',
  'ORG',
  'DATE',
  'TIME',
  'NUMBER',
  'DURATION',
  'MONEY',
  'PERCENT',
  'QUOTE',
  'REASON',
  'DEFINITION',
  'METHOD',
  'ENTITY',
  'OTHER',
];
const BASE = [
  'bias',
  'fit',
  'coverage',
  'proximity',
  'window',
  'passage',
  'repeated',
  'lengthPrior',
  'adjacent',
  'focus',
  'agent',
  'possessive',
  'logLength',
  'topPassage',
  'firstSentence',
  'startsSentence',
  'hasDigit',
  'capitalised',
  'inParens',
  'afterPreposition',
  'beforePunctuation',
  'fitXproximity',
  'coverageXproximity',
  'fitXwindow',
  'len1',
  'len2',
  'len3',
  'len4to6',
  'len7plus',
  'hand',
  'apposed',
  'leads',
] as const;

/** Feature names, in the order of the weight vector. */
export const FEATURE_NAMES: readonly string[] = [
  ...BASE,
  ...KINDS.map((k) => `kind:${k}`),
  ...TYPES.flatMap((t) => KINDS.map((k) => `${t}x${k}`)),
];

/** Features of a candidate; `hand` is the hand-made score, one feature among the others (stacking). */
export function candidateFeatures(
  question: Question,
  c: Candidate,
  tagged: AnnotatedSentence,
  p: CandidateParts,
  topPassage: boolean,
  sentenceIndex: number,
  hand: number,
): number[] {
  const tokens = c.last - c.first + 1;
  const words = c.text.split(/\s+/).filter(Boolean);
  const f = withBase(FEATURE_NAMES.length, [
    1,
    p.fit,
    p.coverage,
    p.proximity,
    p.windowShare,
    p.passageNorm,
    p.repeated,
    p.lengthPrior,
    p.adjacent,
    p.focusMatch,
    p.agent,
    p.possessive,
    Math.log(1 + tokens),
    topPassage ? 1 : 0,
    sentenceIndex === 0 ? 1 : 0,
    c.first === 0 ? 1 : 0,
    /\d/.test(c.text) ? 1 : 0,
    words.length ? words.filter((w) => /^\p{Lu}/u.test(w)).length / words.length : 0,
    tagged.tokens[c.first - 1]?.text === '(' ? 1 : 0,
    tagged.tokens[c.first - 1]?.pos === 'ADP' ? 1 : 0,
    /^[,.;:)]$/.test(tagged.tokens[c.last + 1]?.text ?? '.') ? 1 : 0,
    p.fit * p.proximity,
    p.coverage * p.proximity,
    p.fit * p.windowShare,
    tokens === 1 ? 1 : 0,
    tokens === 2 ? 1 : 0,
    tokens === 3 ? 1 : 0,
    tokens >= 4 && tokens <= 6 ? 1 : 0,
    tokens >= 7 ? 1 : 0,
    hand / 10,
    p.apposed,
    p.leads,
  ]);
  const kind = KINDS.indexOf(c.kind);
  const type = TYPES.indexOf(question.type);
  if (kind >= 0) f[BASE.length + kind] = 1;
  if (kind >= 0 && type >= 0) f[BASE.length + KINDS.length + type * KINDS.length + kind] = 1;
  return f;
}

/** A feature vector of `size` zeros with `base` at its start. */
function withBase(size: number, base: readonly number[]): number[] {
  const f = new Array<number>(size).fill(0);
  for (let i = 0; i < base.length; i++) f[i] = base[i] as number;
  return f;
}

export function rankerScore(model: RankerModel, features: readonly number[]): number {
  let s = 0;
  const w = model.weights;
  for (let i = 0; i < features.length; i++) {
    const x = features[i] as number;
    if (x !== 0) s += (w[i] ?? 0) * x;
  }
  return s;
}

function load(raw: unknown, names: readonly string[]): RankerModel | undefined {
  const m = raw as Partial<RankerModel>;
  if (m?.version !== 1 || !Array.isArray(m.weights) || !Array.isArray(m.features)) return undefined;
  // A model trained on other features would score nonsense: refuse it rather than guess.
  if (m.features.length !== names.length || m.features.some((name, i) => name !== names[i])) return undefined;
  return m as RankerModel;
}

/** What the passage ranker sees of a re-ranked paragraph. */
export interface PassageParts {
  readonly bm25: number;
  readonly best: number;
  readonly second: number;
  readonly paragraph: number;
  readonly cue: number;
  readonly rank: number;
  /** Best sentence: own coverage, neighbours' coverage, soft matches, adjacent pairs. */
  readonly parts: readonly [number, number, number, number];
  readonly sentences: number;
  readonly chars: number;
  readonly matched: number;
  readonly hand: number;
}

const PASSAGE_BASE = [
  'bias',
  'bm25',
  'best',
  'second',
  'paragraph',
  'cue',
  'invRank',
  'own',
  'context',
  'soft',
  'pairs',
  'logSentences',
  'logChars',
  'matched',
  'hand',
  'bestXbm25',
] as const;

/** Passage feature names, in the order of the passage ranker's weights. */
export const PASSAGE_FEATURE_NAMES: readonly string[] = [
  ...PASSAGE_BASE,
  ...TYPES.map((t) => `type:${t}`),
  ...TYPES.map((t) => `cueX${t}`),
];

export function passageFeatures(question: Question, p: PassageParts): number[] {
  const f = withBase(PASSAGE_FEATURE_NAMES.length, [
    1,
    p.bm25,
    p.best,
    p.second,
    p.paragraph,
    p.cue,
    1 / (1 + p.rank),
    ...p.parts,
    Math.log(1 + p.sentences),
    Math.log(1 + p.chars / 100),
    p.matched,
    p.hand / 3,
    p.best * p.bm25,
  ]);
  const type = TYPES.indexOf(question.type);
  if (type >= 0) {
    f[PASSAGE_BASE.length + type] = 1;
    f[PASSAGE_BASE.length + TYPES.length + type] = p.cue;
  }
  return f;
}

/** The shipped models, or undefined when their features do not match this code's. */
export const DEFAULT_RANKER: RankerModel | undefined = load(weights, FEATURE_NAMES);
export const DEFAULT_PASSAGE_RANKER: RankerModel | undefined = load(passageWeights, PASSAGE_FEATURE_NAMES);
