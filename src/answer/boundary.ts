/**
 * Answer boundaries: the last step of choosing an answer line. The candidate ranker picks the best span among the
 * engine's candidates; many of its misses are the right words with an edge off by a little ("14" for "14 years",
 * "Senator Charles Schumer" for "Charles Schumer", "Royal Garrison Artillery" without its "(RGA)"). This step
 * weighs the chosen span against a few spans next to it in the same sentence: one token more or less at either
 * edge, a following parenthesis added or a trailing one dropped, and the sentence's other candidates that overlap
 * it. A small linear model over hashed features of each span's edges (its first and last words and the words just
 * outside it, their tags and case, whether the question holds them, which edges moved and by what word, what the
 * candidate ranker said of a span that is a candidate; each crossed with the question's type) picks one, softmax
 * over the spans as the candidate ranker does; trained by `npm run train` on SQuAD v1.1 training questions, the
 * target being the spans that best match a gold answer.
 */
import type { AnnotatedSentence, NlpToken } from '../text/nlp.js';
import boundaryWeights from './boundary-weights.json' with { type: 'json' };
import type { CandidateKind } from './candidates.js';
import type { Question } from './question.js';
import { decodeHashed, featureHash, type HashedWeightsFile, wordShape } from './ranker.js';

/** A span of a sentence's tokens (inclusive), with what the candidate ranker said of it when it was a candidate. */
export interface BoundarySpan {
  readonly first: number;
  readonly last: number;
  /** The candidate ranker's score when the span is one of the engine's candidates. */
  readonly score?: number;
  readonly kind?: CandidateKind;
  readonly trimmed?: boolean;
}

/** A boundary model as the engine uses it: hashed feature weights, and the margin by which a span must beat the answer's. */
export interface BoundaryModel {
  readonly weights: Float32Array;
  readonly margin: number;
}

/** Spans longer than this many tokens are not offered. */
export const MAX_SPAN_TOKENS = 40;
/** A parenthesis of at most this many tokens may be added after the span. */
const MAX_PAREN_TOKENS = 8;

const EDGE_PUNCT = /^[.,;:!?…–—-]$/;
/**
 * Tags an answer does not end on (a preposition, article, conjunction, auxiliary or particle: "Irish Constabulary
 * Act of"): 0.5% of SQuAD v1.1's training answers end on one, and 0.01% start on a conjunction ("and Naturalist").
 */
const BAD_LAST = new Set(['ADP', 'DET', 'CCONJ', 'SCONJ', 'AUX', 'PART']);
const BAD_FIRST = new Set(['CCONJ']);
/** Relative pronouns, which open the clause after a noun ("the foreign minister who"), never end an answer. */
const RELATIVE = new Set(['who', 'whom', 'whose', 'which']);

/** True when a span neither ends on a tag of `BAD_LAST` or a relative pronoun nor starts on a tag of `BAD_FIRST`. */
export function wellEdged(t: readonly NlpToken[], span: { first: number; last: number }): boolean {
  const a = t[span.first];
  const b = t[span.last];
  return a !== undefined && b !== undefined && !BAD_FIRST.has(a.pos) && !BAD_LAST.has(b.pos) && !RELATIVE.has(b.norm);
}

/** The span's text as the sentence has it. */
export function spanText(sentence: AnnotatedSentence, span: { first: number; last: number }): string {
  const a = sentence.tokens[span.first];
  const b = sentence.tokens[span.last];
  return a && b ? sentence.text.slice(a.start, b.end) : '';
}

/**
 * The spans weighed against `top` (which comes first): edits of its edges and the overlapping candidates in
 * `others`. Each span at most once; none longer than `MAX_SPAN_TOKENS`, none that starts or ends on sentence
 * punctuation, and none whose brackets or quotation marks do not pair up when `top`'s do.
 */
export function boundaryOptions(
  sentence: AnnotatedSentence,
  top: BoundarySpan,
  others: readonly BoundarySpan[],
): BoundarySpan[] {
  const t = sentence.tokens;
  const seen = new Set<string>([`${top.first}:${top.last}`]);
  const out: BoundarySpan[] = [top];
  const add = (span: BoundarySpan) => {
    const key = `${span.first}:${span.last}`;
    if (seen.has(key)) return;
    if (span.first < 0 || span.last >= t.length || span.first > span.last) return;
    if (span.last - span.first + 1 > MAX_SPAN_TOKENS) return;
    const a = t[span.first] as NlpToken;
    const b = t[span.last] as NlpToken;
    if (EDGE_PUNCT.test(a.text) || EDGE_PUNCT.test(b.text) || a.text === ')' || b.text === '(') return;
    if (!wellEdged(t, span)) return;
    if (!balanced(t, span) && balanced(t, top)) return;
    seen.add(key);
    out.push(span);
  };
  for (const o of others) if (o.first <= top.last && o.last >= top.first) add(o);
  add({ first: top.first - 1, last: top.last });
  add({ first: top.first + 1, last: top.last });
  add({ first: top.first, last: top.last + 1 });
  add({ first: top.first, last: top.last - 1 });
  // A parenthesis after the span ("Royal Garrison Artillery (RGA)"), or one that ends it, dropped.
  if (t[top.last + 1]?.text === '(') {
    for (let k = top.last + 2; k <= top.last + 1 + MAX_PAREN_TOKENS && k < t.length; k++)
      if (t[k]?.text === ')') {
        add({ first: top.first, last: k });
        break;
      }
  }
  if (t[top.last]?.text === ')') {
    for (let k = top.last - 1; k > top.first; k--)
      if (t[k]?.text === '(') {
        add({ first: top.first, last: k - 1 });
        break;
      }
  }
  return out;
}

/** True when the span's brackets and straight double quotes pair up. */
function balanced(t: readonly NlpToken[], span: { first: number; last: number }): boolean {
  let open = 0;
  let quotes = 0;
  for (let k = span.first; k <= span.last; k++) {
    const text = t[k]?.text;
    if (text === '(') open++;
    else if (text === ')' && --open < 0) return false;
    else if (text === '"') quotes++;
  }
  return open === 0 && quotes % 2 === 0;
}

function tokenKeys(prefix: string, token: NlpToken | undefined, inQuestion: (t: NlpToken) => boolean): string[] {
  if (!token) return [`${prefix}:edge`];
  const q = inQuestion(token) ? 'q' : '-';
  const cap = /^\p{Lu}/u.test(token.text) ? 'C' : 'l';
  return [`${prefix}w:${wordShape(token.norm)}`, `${prefix}p:${token.pos}`, `${prefix}pq:${token.pos}${q}${cap}`];
}

function scoreBin(delta: number): string {
  if (delta >= 0) return '0';
  if (delta > -0.25) return '1';
  if (delta > -0.5) return '2';
  if (delta > -1) return '3';
  if (delta > -2) return '4';
  return '5';
}

/** A span's features as hashed keys (the caller reduces them modulo its buckets). */
export function boundaryFeatures(
  question: Question,
  sentence: AnnotatedSentence,
  span: BoundarySpan,
  top: BoundarySpan,
): number[] {
  const t = sentence.tokens;
  const terms = new Set(question.terms);
  const noun = question.noun;
  const inQuestion = (token: NlpToken) =>
    (token.term !== null && terms.has(token.term)) || (noun !== undefined && token.norm === noun);
  const type = question.type;
  const first = t[span.first];
  const last = t[span.last];
  const before = t[span.first - 1];
  const after = t[span.last + 1];
  const keys = [
    ...tokenKeys('F', first, inQuestion),
    ...tokenKeys('E', last, inQuestion),
    ...tokenKeys('B', before, inQuestion),
    ...tokenKeys('A', after, inQuestion),
    `BF:${before?.pos ?? '^'}_${first?.pos}`,
    `EA:${last?.pos}_${after?.pos ?? '$'}`,
  ];
  let inside = 0;
  for (let k = span.first; k <= span.last; k++) if (inQuestion(t[k] as NlpToken)) inside++;
  const length = span.last - span.first + 1;
  keys.push(`len:${Math.min(length, 8)}`, `qin:${Math.min(inside, 3)}`);
  if (!balanced(t, span)) keys.push('unbalanced');
  // The edit itself: which edges moved, and the words added or dropped next to the old edges.
  const edit = (side: string, change: string, token: NlpToken | undefined) => {
    keys.push(`${side}:${change}`, `${side}:${change}:${top.kind ?? '-'}`);
    if (token) {
      const q = inQuestion(token) ? 'q' : '-';
      keys.push(`${side}:${change}:w:${wordShape(token.norm)}`, `${side}:${change}:p:${token.pos}${q}`);
    }
  };
  if (span.first > top.first) edit('L', 'shrink', t[top.first]);
  else if (span.first < top.first) edit('L', 'grow', t[top.first - 1]);
  if (span.last < top.last) edit('R', 'shrink', t[top.last]);
  else if (span.last > top.last) edit('R', 'grow', t[top.last + 1]);
  if (span === top) keys.push('top', `top:${top.kind ?? '-'}`);
  if (span.kind !== undefined) {
    keys.push(`kind:${span.kind}${span.trimmed ? ':trimmed' : ''}`);
    if (span.score !== undefined && top.score !== undefined) keys.push(`score:${scoreBin(span.score - top.score)}`);
  } else keys.push('kind:none');
  // Everything again crossed with the question's type: "how many" answers keep their counted noun, names rarely
  // keep a title before them.
  const crossed = keys.map((k) => `${type}|${k}`);
  return [...keys, ...crossed].map(featureHash);
}

/** A span's score under the model: the sum of its features' weights. */
export function boundaryScore(model: BoundaryModel, features: readonly number[]): number {
  const w = model.weights;
  let s = 0;
  for (const h of features) s += w[h % w.length] as number;
  return s;
}

/**
 * The span the model prefers among `boundaryOptions`: the best scoring one if it beats `top`'s score by more than the
 * model's margin, else `top`.
 */
export function refineBoundary(
  model: BoundaryModel,
  question: Question,
  sentence: AnnotatedSentence,
  top: BoundarySpan,
  others: readonly BoundarySpan[],
): BoundarySpan {
  const options = boundaryOptions(sentence, top, others);
  const scores = options.map((span) => boundaryScore(model, boundaryFeatures(question, sentence, span, top)));
  // An answer with a bad edge gives way to the best offered span, however small its lead.
  if (!wellEdged(sentence.tokens, top)) scores[0] = Number.NEGATIVE_INFINITY;
  return options[chosenSpan(scores, model.margin)] ?? top;
}

/** Of spans' scores (the answer's first): the best one's index if it beats the answer's by more than `margin`, else 0. */
export function chosenSpan(scores: readonly number[], margin: number): number {
  let best = 0;
  for (let k = 1; k < scores.length; k++) if ((scores[k] as number) > (scores[best] as number)) best = k;
  return best > 0 && (scores[best] as number) > (scores[0] as number) + margin ? best : 0;
}

/** Buckets the shipped boundary model hashes its features into. */
export const BOUNDARY_BUCKETS = 1 << 16;
/** The feature set's name in a model file; a file of another set is refused. */
export const BOUNDARY_FEATURES = 'boundary-2';

/** A boundary model file: hashed weights (see `encodeHashed`) and the margin a span must beat the answer's by. */
export interface BoundaryModelFile {
  readonly version: 1;
  readonly features: string;
  readonly hashed: HashedWeightsFile;
  readonly margin: number;
}

/** A boundary model from its file form, or undefined when the file is not one this code can use. */
export function loadBoundaryModel(raw: unknown): BoundaryModel | undefined {
  const m = raw as Partial<BoundaryModelFile> | undefined;
  if (m?.version !== 1 || m.features !== BOUNDARY_FEATURES || !m.hashed) return undefined;
  if (typeof m.margin !== 'number' || !(m.margin >= 0)) return undefined;
  const weights = decodeHashed(m.hashed);
  return weights ? { weights, margin: m.margin } : undefined;
}

/** The shipped boundary model, or undefined when its features do not match this code's. */
export const DEFAULT_BOUNDARY: BoundaryModel | undefined = loadBoundaryModel(boundaryWeights);
