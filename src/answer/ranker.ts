/**
 * The learned candidate ranker: a linear model over a candidate's features (the hand-made
 * score's parts, its kind and the question's type, their pairs, and a few surface cues), trained
 * listwise (softmax over a question's candidates) on SQuAD v1.1 train with the 48 tune articles
 * left out, by `npm run train`. The weights are a small JSON file in the repository, loaded at start.
 */

import { ensembleScore, type TreeEnsemble } from '../learn/trees.js';
import { termOf } from '../text/analyze.js';
import type { AnnotatedSentence } from '../text/nlp.js';
import type { SurfaceOverlap } from '../text/surface.js';
import { termVectors } from '../text/vectors.js';
import type { Candidate, CandidateKind } from './candidates.js';
import type { CandidateParts } from './engine.js';
import passageWeights from './passage-weights.json' with { type: 'json' };
import { ANSWER_TYPES, type Question } from './question.js';
import weights from './ranker-weights.json' with { type: 'json' };

export interface RankerModel {
  readonly version: 1;
  readonly features: readonly string[];
  readonly weights: readonly number[];
  /** Weights of the hashed lexical features, when the model has them (their number is the file's). */
  readonly hashed?: Float32Array;
  /**
   * Boosted trees added to the linear score, when the model has them: the answer ranker's over `TREE_FEATURE_NAMES`,
   * the passage ranker's over its own named features.
   */
  readonly trees?: TreeEnsemble;
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
  'ADJP',
  'VP',
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
  'beforeQ',
  'afterQ',
  'leftQ3',
  'rightQ3',
  'leftShare',
  'rightShare',
  'containsQ',
  'focusInside',
  'relativePosition',
  'betweenCommas',
  'verbBefore',
  'verbAfter',
  'trimmed',
  'coordinated',
  'manyXcoordinated',
  'sentenceRelated',
  'sentenceNeighbour',
  'passageOrder',
  'nounKnown',
  'nounSim',
  'nounHeadSim',
  'verbSim',
] as const;

/** Feature names, in the order of the weight vector. */
export const FEATURE_NAMES: readonly string[] = [
  ...BASE,
  ...KINDS.map((k) => `kind:${k}`),
  ...ANSWER_TYPES.flatMap((t) => KINDS.map((k) => `${t}x${k}`)),
];

/** A candidate's features: a dense vector (`FEATURE_NAMES`) and the 32-bit hashes of its lexical features. */
export interface CandidateFeatures {
  readonly dense: readonly number[];
  readonly hashed: readonly number[];
  /** The candidate's kind and the question's type, as indices (−1 when unknown), for the trees. */
  readonly kind: number;
  readonly type: number;
}

/** What the boosted trees see of a candidate: the named measures, its kind and the question's type. */
export const TREE_FEATURE_NAMES: readonly string[] = [...BASE, 'kindIndex', 'typeIndex'];

export function treeInputs(f: CandidateFeatures): Float64Array {
  // A typed array: the trees' walk reads it thousands of times, and plain arrays of mixed element kinds made those
  // reads megamorphic (40 µs a candidate instead of 6).
  const x = new Float64Array(BASE.length + 2);
  for (let i = 0; i < BASE.length; i++) x[i] = f.dense[i] ?? 0;
  x[BASE.length] = f.kind;
  x[BASE.length + 1] = f.type;
  return x;
}

/** Where the question's terms stand in the candidate's sentence, for the features below. */
export interface SentenceMatches {
  readonly terms: ReadonlySet<string>;
  /** Token indices of the sentence's words that are question terms, in order. */
  readonly positions: readonly number[];
}

/** Features of a candidate; `hand` is the hand-made score, one feature among the others (stacking). */
export function candidateFeatures(
  question: Question,
  c: Candidate,
  tagged: AnnotatedSentence,
  p: CandidateParts,
  topPassage: boolean,
  sentenceIndex: number,
  hand: number,
  matches: SentenceMatches,
): CandidateFeatures {
  const tokens = c.last - c.first + 1;
  const t = tagged.tokens;
  const isQ = (k: number) => {
    const term = t[k]?.term;
    return term !== undefined && term !== null && matches.terms.has(term);
  };
  const skipDet = (k: number, step: number) => (DETERMINERS.has(t[k]?.norm ?? '') ? k + step : k);
  const near = (from: number, step: number) => {
    for (let k = 1; k <= 3; k++) if (isQ(from + step * k)) return 1;
    return 0;
  };
  const left = new Set<string>();
  const right = new Set<string>();
  for (const k of matches.positions) {
    const term = t[k]?.term as string;
    if (k < c.first) left.add(term);
    else if (k > c.last) right.add(term);
  }
  const share = (s: ReadonlySet<string>) => (matches.terms.size ? s.size / matches.terms.size : 0);
  // Question words right beside the candidate (a determiner skipped), and within three tokens of it.
  const beforeQ = isQ(skipDet(c.first - 1, -1)) ? 1 : 0;
  const afterQ = isQ(skipDet(c.last + 1, 1)) ? 1 : 0;
  const leftQ3 = near(c.first, -1);
  const rightQ3 = near(c.last, 1);
  let focusInside = 0;
  if (question.focus !== undefined)
    for (let k = c.first; k <= c.last; k++) if (t[k]?.norm === question.focus) focusInside = 1;
  const words = c.text.split(/\s+/).filter(Boolean);
  let coordinated = 0;
  for (let k = c.first + 1; k < c.last; k++) if (COORDINATORS.has(t[k]?.norm ?? '')) coordinated = 1;
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
    beforeQ,
    afterQ,
    leftQ3,
    rightQ3,
    share(left),
    share(right),
    p.repeated > 0 ? 1 : 0,
    focusInside,
    t.length > 1 ? c.first / (t.length - 1) : 0,
    t[c.first - 1]?.text === ',' && t[c.last + 1]?.text === ',' ? 1 : 0,
    verbNear(question, t, c.first - 1, -1),
    verbNear(question, t, c.last + 1, 1),
    c.trimmed ? 1 : 0,
    coordinated,
    coordinated && ASKS_MANY.test(question.text) ? 1 : 0,
    p.related,
    p.neighbour,
    Math.max(-5, p.passageOrder),
    ...vectorFeatures(question, c, t),
  ]);
  const kind = KINDS.indexOf(c.kind);
  const type = ANSWER_TYPES.indexOf(question.type);
  if (kind >= 0) f[BASE.length + kind] = 1;
  if (kind >= 0 && type >= 0) f[BASE.length + KINDS.length + type * KINDS.length + kind] = 1;
  // The strongest measures, bucketed and crossed with the wh-phrase: each kind of question weighs them its own way.
  const { wh, wh2 } = keysOf(question);
  const level = (x: number) => Math.min(4, Math.floor(x * 5));
  const crossed = [
    `xp|${wh2}|${level(p.proximity)}`,
    `xq|${wh}|${beforeQ}${afterQ}${leftQ3}${rightQ3}`,
    `xc|${wh}|${level(p.coverage)}`,
    `xw|${wh}|${level(p.windowShare)}`,
    `xs|${wh}|${topPassage ? 1 : 0}|${Math.min(sentenceIndex, 3)}`,
    `xr|${wh2}|${level(p.repeated)}`,
  ].map(featureHash);
  return { dense: f, hashed: [...lexicalFeatures(question, c, tagged, matches), ...crossed], kind, type };
}

/** Word-vector similarities already computed: question-side term -> sentence term -> cosine. */
const similarities = new Map<string, Map<string, number>>();
let similaritiesKept = 0;
/** Similarities kept, at most (then the cache starts again). */
const SIMILARITIES_LIMIT = 200_000;

function similarity(q: string, term: string): number {
  if (q === term) return 1;
  let row = similarities.get(q);
  if (row === undefined) {
    row = new Map();
    similarities.set(q, row);
  }
  let x = row.get(term);
  if (x === undefined) {
    x = termVectors().similarity(q, term);
    if (similaritiesKept >= SIMILARITIES_LIMIT) {
      similarities.clear();
      similaritiesKept = 0;
      row = new Map();
      similarities.set(q, row);
    }
    row.set(term, x);
    similaritiesKept++;
  }
  return x;
}

/**
 * The sum of the unit word vectors of `terms` (each weighted by `weight`), or undefined when none has one: it points
 * where their mean does, and only its direction is read (`cosine`), so it is not divided.
 */
export function meanVector(terms: Iterable<string>, weight: (t: string) => number = () => 1): Float32Array | undefined {
  const vectors = termVectors();
  const out = new Float32Array(vectors.dimensions);
  let any = false;
  for (const t of terms) if (vectors.addTo(t, out, weight(t))) any = true;
  return any ? out : undefined;
}

/** Cosine of two vectors (0 when either is missing or zero). */
export function cosine(a: Float32Array | undefined, b: Float32Array | undefined): number {
  if (!a || !b) return 0;
  let ab = 0;
  let aa = 0;
  let bb = 0;
  for (let k = 0; k < a.length; k++) {
    const x = a[k] as number;
    const y = b[k] as number;
    ab += x * y;
    aa += x * x;
    bb += y * y;
  }
  return aa > 0 && bb > 0 ? ab / Math.sqrt(aa * bb) : 0;
}

/**
 * Word-vector likeness (see `vectors.ts`): whether the question's noun has a vector, the best cosine of the
 * candidate's words to it and that of its last word ("What river..." - "Missouri"; "What type of vessels..." -
 * "submarines"), and the best cosine of the words within four tokens around the candidate to the question's
 * verb ("wrote" - "authored"). Unlike the hashed noun-head pairs, these reach pairs training never saw.
 */
function vectorFeatures(question: Question, c: Candidate, t: AnnotatedSentence['tokens']): number[] {
  const vectors = termVectors();
  const noun = question.noun !== undefined ? termOf(question.noun) : null;
  const known = noun !== null && vectors.has(noun);
  let nounSim = 0;
  let headSim = 0;
  if (known) {
    // From the last word back: the first with a term is the head.
    let head = true;
    for (let k = c.last; k >= c.first; k--) {
      const term = t[k]?.term;
      if (!term) continue;
      const x = similarity(noun, term);
      if (head) headSim = x;
      head = false;
      nounSim = Math.max(nounSim, x);
    }
  }
  let verbSim = 0;
  const verb = question.verbs[0];
  if (verb !== undefined && vectors.has(verb))
    for (let k = Math.max(0, c.first - 4); k <= Math.min(t.length - 1, c.last + 4); k++) {
      if (k >= c.first && k <= c.last) continue;
      const term = t[k]?.term;
      if (term) verbSim = Math.max(verbSim, similarity(verb, term));
    }
  return [known ? 1 : 0, nounSim, headSim, verbSim];
}

/**
 * 1 when one of the question's verbs stands within three tokens of `from` going `step`-wise, however the tagger read
 * it there ("Writing by Ralph Boulton" for "who wrote...?": "Writing" is often tagged a noun).
 */
function verbNear(question: Question, t: AnnotatedSentence['tokens'], from: number, step: number): number {
  for (let k = 0; k < 3; k++) {
    const term = t[from + step * k]?.term;
    if (term && question.verbs.includes(term)) return 1;
  }
  return 0;
}

/** Words that join a list ("Sony, Nintendo and Microsoft"). */
const COORDINATORS = new Set(['and', 'or', ',', '&']);
/** A question that asks for several things ("what two units...", "which countries both..."). */
const ASKS_MANY = /\b(?:two|three|four|five|six|both|several|various)\b/i;

/** Number of buckets the shipped model hashes lexical features into (`npm run train -- --buckets N` chooses). */
export const HASH_BUCKETS = 1 << 18;
const DETERMINERS = new Set(['the', 'a', 'an', 'its', 'his', 'her', 'their', 'this', 'that', 'these', 'those']);
const WH_WORDS = new Set(['what', 'which', 'who', 'whom', 'whose', 'when', 'where', 'why', 'how']);

/** 32-bit FNV-1a of a string; a model takes it modulo its number of buckets. */
export function featureHash(key: string): number {
  let h = 0x811c9dc5;
  for (let i = 0; i < key.length; i++) {
    h ^= key.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return h >>> 0;
}

interface QuestionKeys {
  /** The wh-word ("what"), and with the word after it ("what year"). */
  readonly wh: string;
  readonly wh2: string;
  readonly verb: string;
}
const questionKeys = new WeakMap<Question, QuestionKeys>();

function keysOf(question: Question): QuestionKeys {
  let keys = questionKeys.get(question);
  if (keys) return keys;
  const words = question.text.toLowerCase().match(/[\p{L}\p{N}']+/gu) ?? [];
  const at = words.findIndex((w) => WH_WORDS.has(w));
  const wh = at >= 0 ? (words[at] as string) : 'none';
  const wh2 = at >= 0 ? `${wh} ${wordShape(words[at + 1] ?? '$')}` : `none ${wordShape(words[0] ?? '$')}`;
  keys = { wh, wh2, verb: question.verbs[0] ?? '-' };
  questionKeys.set(question, keys);
  return keys;
}

/** A word as a feature key: lower case, digits folded ("1990" and "12" are both "0"). */
export function wordShape(word: string): string {
  return /\d/.test(word) ? word.toLowerCase().replace(/\d+([.,]\d+)*/g, '0') : word.toLowerCase();
}

/**
 * Lexical features, hashed (Weinberger et al. 2009): the question's wh-phrase and main verb crossed with the
 * candidate's kind, head word, part-of-speech pattern and the words around it, and the tags on the way from the
 * nearest question word (a stand-in for the dependency path of the classic SQuAD logistic regression).
 */
function lexicalFeatures(
  question: Question,
  c: Candidate,
  tagged: AnnotatedSentence,
  matches: SentenceMatches,
): number[] {
  const t = tagged.tokens;
  const { wh, wh2, verb } = keysOf(question);
  const head = c.kind === 'NAME' ? 'NAME' : wordShape(t[c.last]?.lemma ?? '');
  const before = t[c.first - 1] ? wordShape(t[c.first - 1]?.norm as string) : '^';
  const before2 = t[c.first - 2] ? wordShape(t[c.first - 2]?.norm as string) : '^';
  const after = t[c.last + 1] ? wordShape(t[c.last + 1]?.norm as string) : '$';
  const tags: string[] = [];
  for (let k = c.first; k <= c.last && tags.length < 4; k++) {
    const pos = t[k]?.pos ?? 'X';
    if (tags[tags.length - 1] !== pos) tags.push(pos);
  }
  const pattern = tags.join(' ');
  let leftPath = 'none';
  let rightPath = 'none';
  for (const k of matches.positions) {
    if (k < c.first) leftPath = path(t, k + 1, c.first - 1);
    else if (k > c.last && rightPath === 'none') rightPath = path(t, c.last + 1, k - 1);
  }
  const keys = [
    `k|${wh2}|${c.kind}`,
    `k|${question.type}|${c.kind}|${c.cue ?? ''}`,
    `h|${wh2}|${head}`,
    `h|${wh}|${head}`,
    `p|${wh2}|${pattern}`,
    `b|${wh}|${before}`,
    `b|${wh2}|${before}`,
    `a|${wh}|${after}`,
    `bb|${wh}|${before2} ${before}`,
    `vb|${verb}|${before}`,
    `va|${verb}|${after}`,
    `l|${wh}|${leftPath}`,
    `r|${wh}|${rightPath}`,
    `lr|${wh}|${leftPath}|${rightPath}`,
    `ba|${wh}|${before}|${after}`,
    `fw|${wh2}|${wordShape(t[c.first]?.norm ?? '')}`,
    `len|${wh2}|${Math.min(c.last - c.first + 1, 8)}`,
    `tk|${question.type}|${head}`,
  ];
  if (question.focus !== undefined) keys.push(`f|${question.focus}|${head}`, `fb|${question.focus}|${before}`);
  if (question.noun !== undefined) {
    const noun = question.noun;
    let near = 'none';
    for (let k = Math.max(0, c.first - 3); k <= Math.min(t.length - 1, c.last + 3); k++)
      if (t[k]?.norm === noun) near = k < c.first ? 'left' : k > c.last ? 'right' : 'inside';
    keys.push(`qn|${noun}|${head}`, `qnb|${noun}|${before}`, `qnn|${wh2}|${near}`);
  }
  if (c.name) {
    const n = c.name;
    const best = n.person >= n.place && n.person >= n.org ? 'person' : n.place >= n.org ? 'place' : 'org';
    keys.push(`n|${wh2}|${best}`);
  }
  return keys.map(featureHash);
}

const FUNCTION_POS = new Set(['ADP', 'DET', 'AUX', 'PART', 'SCONJ', 'CCONJ', 'PRON', 'PUNCT']);

/** The tokens between a question word and the candidate: function words as themselves, the rest as tags; 'far' past 4. */
function path(t: AnnotatedSentence['tokens'], from: number, to: number): string {
  if (to - from + 1 > 4) return 'far';
  const out: string[] = [];
  for (let k = from; k <= to; k++) {
    const token = t[k];
    if (!token) continue;
    out.push(FUNCTION_POS.has(token.pos) ? token.norm : token.pos);
  }
  return out.join(' ') || 'next';
}

/** A feature vector of `size` zeros with `base` at its start. */
function withBase(size: number, base: readonly number[]): number[] {
  const f = new Array<number>(size).fill(0);
  for (let i = 0; i < base.length; i++) f[i] = base[i] as number;
  return f;
}

/** A model's score: for a passage (named features only), its linear score and its trees'; for a candidate, the same. */
export function rankerScore(model: RankerModel, features: readonly number[] | CandidateFeatures): number {
  // (The trees read a typed array, as `treeInputs` explains: a plain one here made the answer trees' reads slow too.)
  if (Array.isArray(features))
    return denseScore(model, features) + (model.trees ? ensembleScore(model.trees, new Float64Array(features)) : 0);
  const f = features as CandidateFeatures;
  return linearScore(model, f) + treeScore(model, f);
}

function denseScore(model: RankerModel, dense: readonly number[]): number {
  let s = 0;
  const w = model.weights;
  for (let i = 0; i < dense.length; i++) {
    const x = dense[i] as number;
    if (x !== 0) s += (w[i] ?? 0) * x;
  }
  return s;
}

/** The linear part of a candidate's score: named and hashed features. */
export function linearScore(model: RankerModel, f: CandidateFeatures): number {
  return denseScore(model, f.dense) + hashedScore(model, f.hashed);
}

/** What the boosted trees add to a candidate's score (0 without trees). */
export function treeScore(model: RankerModel, f: CandidateFeatures): number {
  return model.trees ? ensembleScore(model.trees, treeInputs(f)) : 0;
}

/**
 * How a model file stores its hashed weights: one 16-bit integer a bucket (little-endian, base64), the weight
 * being the integer divided by `scale`. A quarter of the size of decimal JSON for the same precision (~1e-4).
 */
export interface HashedWeightsFile {
  readonly buckets: number;
  readonly scale: number;
  readonly data: string;
}

/** Hashed weights to their file form. */
export function encodeHashed(weights: Float32Array | Float64Array): HashedWeightsFile {
  let max = 0;
  for (const w of weights) max = Math.max(max, Math.abs(w));
  const scale = max > 0 ? 32767 / max : 1;
  const ints = Int16Array.from(weights, (w) => Math.round(w * scale));
  return { buckets: weights.length, scale, data: Buffer.from(ints.buffer).toString('base64') };
}

/** Hashed weights from their file form; undefined when the file is not consistent. */
export function decodeHashed(file: HashedWeightsFile): Float32Array | undefined {
  if (!Number.isInteger(file.buckets) || file.buckets < 1 || !(file.scale > 0)) return undefined;
  const bytes = Buffer.from(file.data, 'base64');
  if (bytes.length !== file.buckets * 2) return undefined;
  const out = new Float32Array(file.buckets);
  for (let b = 0; b < file.buckets; b++) out[b] = bytes.readInt16LE(b * 2) / file.scale;
  return out;
}

/** How a model file stores its trees: the names of the features they split on, and the trees. */
export interface TreesFile {
  readonly features: readonly string[];
  readonly trees: TreeEnsemble['trees'];
}

const sameNames = (a: readonly string[], b: readonly string[]) =>
  a.length === b.length && a.every((name, i) => name === b[i]);

/**
 * A model from its file form, or undefined when it was trained on other features than `names`, or its trees on other
 * features than `treeNames`.
 */
export function loadRankerModel(
  raw: unknown,
  names: readonly string[],
  treeNames: readonly string[] = TREE_FEATURE_NAMES,
): RankerModel | undefined {
  const m = raw as Partial<Omit<RankerModel, 'hashed' | 'trees'>> & { hashed?: HashedWeightsFile; trees?: TreesFile };
  if (m?.version !== 1 || !Array.isArray(m.weights) || !Array.isArray(m.features)) return undefined;
  // A model trained on other features would score nonsense: refuse it rather than guess.
  if (!sameNames(m.features, names)) return undefined;
  if (m.trees !== undefined && !sameNames(m.trees.features, treeNames)) return undefined;
  const hashed = m.hashed === undefined ? undefined : decodeHashed(m.hashed);
  if (m.hashed !== undefined && hashed === undefined) return undefined;
  return {
    ...(m as RankerModel),
    ...(hashed ? { hashed } : {}),
    ...(m.trees ? { trees: { trees: m.trees.trees } } : {}),
  };
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
  /** The weight of the heaviest question term the paragraph lacks, against the heaviest term's. */
  readonly missingMax: number;
  /** Share of the question's terms in the best sentence, unweighted. */
  readonly bestCount: number;
  /** How tightly the question's terms sit in the best sentence: distinct matches over the span they cover. */
  readonly compact: number;
  /** Share of the question's adjacent term pairs found anywhere in the paragraph, and of its triples. */
  readonly pairsAnywhere: number;
  readonly triples: number;
  /** Best weighted coverage of two adjacent sentences together. */
  readonly twoSentences: number;
  readonly bestIndex: number;
  /** Share of the question's weight in its article's title (tells articles apart when all are searched). */
  readonly title: number;
  /** The share of the re-ranked paragraphs from the same article, and that article's best BM25 against the top one. */
  readonly articleShare: number;
  readonly articleBest: number;
  /** The question's weight the article's re-ranked paragraphs hold between them. */
  readonly articleCoverage: number;
  /**
   * Question weight matched only by a WordNet relative ("death" for "die"): in the best sentence, in the sentence
   * where own and related matches together weigh most (that sum), and in the paragraph.
   */
  readonly related: number;
  readonly relatedMax: number;
  readonly relatedParagraph: number;
  /**
   * Question weight matched only by a word-vector neighbour (neither itself nor a WordNet relative): in the best
   * sentence, in the sentence where all three kinds of match together weigh most (that sum), and in the paragraph.
   */
  readonly neighbour: number;
  readonly neighbourMax: number;
  readonly neighbourParagraph: number;
  /** The words the paragraph shares with the question as written, function words included (`surfaceOverlap`). */
  readonly surface: SurfaceOverlap;
  /** Cosine of the question's mean word vector to the paragraph's and to its best sentence's (`meanVector`). */
  readonly meanParagraph: number;
  readonly meanBest: number;
  /** The best sentence's distinct terms that are the question's, over its distinct terms; and its length in terms. */
  readonly bestDensity: number;
  readonly bestLength: number;
  /** The question's share of the best sentence's IDF weight; the share of it the question's words span; where they start. */
  readonly bestPrecision: number;
  readonly spanShare: number;
  readonly firstAt: number;
}

/** Surface runs and pair counts above this are read as this (a question copied whole is no more telling). */
const SURFACE_CAP = 12;

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
  'missingMax',
  'bestCount',
  'compact',
  'pairsAnywhere',
  'triples',
  'twoSentences',
  'bestXparagraph',
  'firstBest',
  'title',
  'titleXbest',
  'articleShare',
  'articleBest',
  'articleCoverage',
  'related',
  'relatedMax',
  'relatedParagraph',
  'neighbour',
  'neighbourMax',
  'neighbourParagraph',
  'surfaceRun',
  'surfacePairs',
  'surfaceParagraphPairs',
  'meanParagraph',
  'meanBest',
  'surfaceWords',
  'bestDensity',
  'bestLength',
  'surfaceParagraphWords',
  'surfaceWeighted',
  'bestPrecision',
  'spanShare',
  'firstAt',
] as const;

/**
 * Passage features read against the other re-ranked paragraphs: each as a share of the list's largest, and whether it
 * is the largest. A softmax over the list cannot learn these from the plain values (a shift is lost in it; a scale
 * is not seen).
 */
export const PASSAGE_RELATIVE: readonly (typeof PASSAGE_BASE)[number][] = [
  'best',
  'paragraph',
  'own',
  'pairs',
  'matched',
  'hand',
  'bestCount',
  'compact',
  'pairsAnywhere',
  'triples',
  'twoSentences',
  'relatedMax',
  'neighbourMax',
  'missingMax',
  'surfaceRun',
  'surfacePairs',
  'meanParagraph',
  'meanBest',
  'surfaceWords',
  'bestDensity',
  'surfaceWeighted',
  'bestPrecision',
];

/** Passage feature names, in the order of the passage ranker's weights. */
export const PASSAGE_FEATURE_NAMES: readonly string[] = [
  ...PASSAGE_BASE,
  ...ANSWER_TYPES.map((t) => `type:${t}`),
  ...ANSWER_TYPES.map((t) => `cueX${t}`),
  ...PASSAGE_RELATIVE.map((n) => `${n}/max`),
  ...PASSAGE_RELATIVE.map((n) => `${n}=max`),
];

const RELATIVE_FROM = PASSAGE_RELATIVE.map((n) => PASSAGE_BASE.indexOf(n));
const RELATIVE_AT = PASSAGE_BASE.length + 2 * ANSWER_TYPES.length;

/** Fills each passage's relative features (`PASSAGE_RELATIVE`) from the whole re-ranked list, in place. */
export function addRelativeFeatures(list: ReadonlyArray<number[]>): void {
  const k = RELATIVE_FROM.length;
  RELATIVE_FROM.forEach((from, j) => {
    let max = 0;
    for (const f of list) max = Math.max(max, f[from] as number);
    for (const f of list) {
      const x = f[from] as number;
      f[RELATIVE_AT + j] = max > 0 ? x / max : 0;
      f[RELATIVE_AT + k + j] = max > 0 && x >= max - 1e-9 ? 1 : 0;
    }
  });
}

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
    p.missingMax,
    p.bestCount,
    p.compact,
    p.pairsAnywhere,
    p.triples,
    p.twoSentences,
    p.best * p.paragraph,
    p.bestIndex === 0 ? 1 : 0,
    p.title,
    p.title * p.best,
    p.articleShare,
    p.articleBest,
    p.articleCoverage,
    p.related,
    p.relatedMax,
    p.relatedParagraph,
    p.neighbour,
    p.neighbourMax,
    p.neighbourParagraph,
    Math.min(p.surface.run, SURFACE_CAP),
    Math.min(p.surface.pairs, SURFACE_CAP),
    Math.min(p.surface.paragraphPairs, SURFACE_CAP),
    p.meanParagraph,
    p.meanBest,
    Math.min(p.surface.words, 2 * SURFACE_CAP),
    p.bestDensity,
    Math.log(1 + p.bestLength),
    Math.min(p.surface.paragraphWords, 2 * SURFACE_CAP),
    p.surface.weighted,
    p.bestPrecision,
    p.spanShare,
    p.firstAt,
  ]);
  const type = ANSWER_TYPES.indexOf(question.type);
  if (type >= 0) {
    f[PASSAGE_BASE.length + type] = 1;
    f[PASSAGE_BASE.length + ANSWER_TYPES.length + type] = p.cue;
  }
  return f;
}

/** Number of buckets the passage ranker hashes its lexical features into. */
export const PASSAGE_HASH_BUCKETS = 1 << 16;

/** Where a paragraph holds a question term: its best sentence, elsewhere, only as a paraphrase, or not at all. */
export type TermStatus = 'best' | 'paragraph' | 'paraphrase' | 'missing';
const TERM_STATUSES: readonly TermStatus[] = ['best', 'paragraph', 'paraphrase', 'missing'];

/** Cheap shapes of a best sentence that tell what kind of answer it can give. */
const SENTENCE_SHAPES: ReadonlyArray<readonly [string, RegExp]> = [
  ['year', /\b(?:1[0-9]{3}|20[0-9]{2})s?\b/],
  ['digit', /\d/],
  ['month', /\b(?:January|February|March|April|May|June|July|August|September|October|November|December)\b/],
  ['quote', /["\u201c\u201d]/],
  ['percent', /%|\bper ?cent\b/i],
  ['money', /[$\u00a3\u20ac]|\b(?:dollars?|pounds|euros?|million|billion)\b/i],
  ['reason', /\b(?:because|due to|since|so that|in order to|as a result|led to|caused)\b/i],
  ['paren', /\(/],
  ['named', /\s[A-Z][a-z]+/],
  ['called', /\b(?:called|known as|named|referred to)\b/i],
];

/** A question term's class for the hashed passage features: a name, a verb, the wh-noun, a figure, or a word. */
function termClass(question: Question, term: string): string {
  if (question.names.includes(term)) return 'name';
  if (question.verbs.includes(term)) return 'verb';
  if (question.focus !== undefined && termOf(question.focus) === term) return 'focus';
  if (question.noun !== undefined && termOf(question.noun) === term) return 'focus';
  return /\d/.test(term) ? 'figure' : 'word';
}

/**
 * Lexical features of a paragraph for the passage ranker, hashed: each question term with where the paragraph
 * holds it (so that the ranker learns which words of a question matter beyond their rarity: "type" of "what type
 * of ..." rarely does, a year always), the term's class and weight band with the same, and the question's
 * wh-phrase and type crossed with the shapes of the best sentence (a year for "what year", a figure for "how many").
 */
export function passageHashes(
  question: Question,
  terms: ReadonlyArray<{ readonly term: string; readonly share: number; readonly status: TermStatus }>,
  best: { readonly text: string },
): number[] {
  const memo = passageKeysOf(question);
  const out: number[] = [];
  for (const { term, share, status } of terms) {
    const band = share < 0.08 ? 0 : share < 0.16 ? 1 : share < 0.3 ? 2 : 3;
    let slots = memo.terms.get(term);
    if (!slots) {
      slots = new Array<number>(2 * TERM_STATUSES.length * 4).fill(-1);
      memo.terms.set(term, slots);
    }
    const at = 2 * (4 * TERM_STATUSES.indexOf(status) + band);
    if (slots[at] === -1) {
      slots[at] = featureHash(`pt ${term} ${status}`);
      slots[at + 1] = featureHash(`pc ${termClass(question, term)} ${band} ${status}`);
    }
    out.push(slots[at] as number, slots[at + 1] as number);
  }
  const shapes = shapesOf(best);
  for (let k = 0; k < SENTENCE_SHAPES.length; k++) {
    if ((shapes & (1 << k)) === 0) continue;
    const pair = memo.shapes[k] as readonly [number, number];
    out.push(pair[0], pair[1]);
  }
  return out;
}

/** A sentence's shapes as bits of `SENTENCE_SHAPES`, read once per sentence object (a paragraph's are cached). */
const sentenceShapes = new WeakMap<object, number>();

function shapesOf(sentence: { readonly text: string }): number {
  let mask = sentenceShapes.get(sentence);
  if (mask !== undefined) return mask;
  mask = 0;
  SENTENCE_SHAPES.forEach(([, pattern], k) => {
    if (pattern.test(sentence.text)) mask = (mask as number) | (1 << k);
  });
  sentenceShapes.set(sentence, mask);
  return mask;
}

/** A question's hashed passage keys, made once each: its terms' by status and weight band, and its shapes'. */
interface PassageKeys {
  /** Per term, the two hashes of each status and weight band (−1 until first needed). */
  readonly terms: Map<string, number[]>;
  readonly shapes: ReadonlyArray<readonly [number, number]>;
}
const passageKeys = new WeakMap<Question, PassageKeys>();

function passageKeysOf(question: Question): PassageKeys {
  let keys = passageKeys.get(question);
  if (keys) return keys;
  const { wh2 } = keysOf(question);
  keys = {
    terms: new Map(),
    shapes: SENTENCE_SHAPES.map(
      ([shape]) => [featureHash(`pw ${wh2} ${shape}`), featureHash(`py ${question.type} ${shape}`)] as const,
    ),
  };
  passageKeys.set(question, keys);
  return keys;
}

/** What a model's hashed weights add for `hashes` (0 for a model without them): the passage ranker's, the candidates'. */
export function hashedScore(model: RankerModel, hashes: readonly number[]): number {
  const hashed = model.hashed;
  let s = 0;
  if (hashed) for (const h of hashes) s += hashed[h % hashed.length] as number;
  return s;
}

/** The shipped models, or undefined when their features do not match this code's. */
export const DEFAULT_RANKER: RankerModel | undefined = loadRankerModel(weights, FEATURE_NAMES);
export const DEFAULT_PASSAGE_RANKER: RankerModel | undefined = loadRankerModel(
  passageWeights,
  PASSAGE_FEATURE_NAMES,
  PASSAGE_FEATURE_NAMES,
);
