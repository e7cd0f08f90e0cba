/**
 * Surface overlap between a question and a paragraph: its words as written (case aside), function words included.
 * A question is mostly written from one sentence and copies runs of it ("was probably introduced from"); the index's
 * terms skip the function words that make such runs, so the passage ranker reads them here.
 *
 * Words are hashed as they are scanned, so a paragraph is read without making a string per word.
 */

/** A question's words, ready to be matched against paragraphs (`surfaceQuery`). */
export interface SurfaceQuery {
  /** Word hash → the question's word positions holding it. */
  readonly positions: ReadonlyMap<number, readonly number[]>;
  readonly length: number;
  /**
   * For a position p ≥ 1, the index of the question's word pair (p−1, p) among its distinct pairs (a pair written twice
   * has one index).
   */
  readonly pairAt: Int32Array;
  /** Number of distinct word pairs. */
  readonly pairs: number;
  /**
   * Scratch state (one query is read by one caller at a time): per position, the number of the last word that ended
   * a run there and that run's length; per pair, the numbers of the last sentence and paragraph that held it; the
   * next word's and sentence's numbers and the last paragraph's. Numbers only grow, so nothing is cleared.
   */
  readonly wordAt: Int32Array;
  readonly runAt: Int32Array;
  readonly pairSentence: Int32Array;
  readonly pairParagraph: Int32Array;
  /**
   * Per position, the numbers of the last sentence and paragraph that held its word (read at the word's first
   * position only, as is its weight: a word the question writes twice counts once).
   */
  readonly wordSentence: Int32Array;
  readonly wordParagraph: Int32Array;
  readonly counters: Int32Array;
  /** Per position, its word's weight (`surfaceQuery`'s `weightOf`; 0 past the word's first position). */
  readonly weights: Float64Array;
}

/** What a paragraph shares with the question on the surface. */
export interface SurfaceOverlap {
  /** The longest run of the question's words, in order, in one sentence. */
  readonly run: number;
  /** The most distinct word pairs of the question one sentence holds (each pair as adjacent words). */
  readonly pairs: number;
  /** Distinct word pairs of the question the paragraph holds, sentences apart. */
  readonly paragraphPairs: number;
  /** The most distinct words of the question one sentence holds. */
  readonly words: number;
  /** Distinct words of the question the sentences read hold between them. */
  readonly paragraphWords: number;
  /** The most weight of distinct words of the question one sentence holds (each word's `weightOf`). */
  readonly weighted: number;
}

const FNV_OFFSET = 0x811c9dc5;
/**
 * Word hashes keep 30 bits: V8 holds such integers unboxed (a small integer), so a map lookup by one allocates
 * nothing; a collision between a question's words and a paragraph's comes about once in 50,000 questions.
 */
const SMI_MASK = 0x3fffffff;
const FNV_PRIME = 0x01000193;

/** Word characters outside ASCII and their lower case, read once per code unit and remembered. */
const wideKind = new Map<number, number>();

/** Per ASCII code unit, its lower case if it is a letter or a digit, else −1. */
const ASCII_UNIT = Int16Array.from({ length: 128 }, (_, c) =>
  (c >= 97 && c <= 122) || (c >= 48 && c <= 57) ? c : c >= 65 && c <= 90 ? c + 32 : -1,
);

/** A code unit's lower case if it is part of a word (a letter, a digit or a combining mark), else −1. */
function wordUnit(c: number): number {
  if (c < 128) return ASCII_UNIT[c] as number;
  let kind = wideKind.get(c);
  if (kind === undefined) {
    const ch = String.fromCharCode(c);
    kind = /[\p{L}\p{N}\p{M}]/u.test(ch) || (c >= 0xd800 && c <= 0xdfff) ? ch.toLowerCase().charCodeAt(0) : -1;
    wideKind.set(c, kind);
  }
  return kind;
}

/** The hash of the word `scanWord` read last (module scratch, read right after the call), and where it starts. */
let scannedHash = 0;
let scannedStart = 0;

/**
 * Reads the next word of `text[from, end)`: returns the offset just past it, its hash in `scannedHash`, or −1 when
 * no word is left.
 */
function scanWord(text: string, from: number, end: number): number {
  let i = from;
  while (i < end && wordUnit(text.charCodeAt(i)) < 0) i++;
  if (i >= end) return -1;
  scannedStart = i;
  let hash = FNV_OFFSET;
  for (let u = wordUnit(text.charCodeAt(i)); u >= 0; u = i < end ? wordUnit(text.charCodeAt(i)) : -1) {
    hash = Math.imul(hash ^ u, FNV_PRIME);
    i++;
  }
  scannedHash = hash & SMI_MASK;
  return i;
}

/**
 * Reads a question's words for `surfaceOverlap`; `weightOf` weighs each distinct word (as written, in lower case) for
 * `SurfaceOverlap.weighted`.
 */
export function surfaceQuery(question: string, weightOf: (word: string) => number = () => 0): SurfaceQuery {
  const hashes: number[] = [];
  const weights: number[] = [];
  const positions = new Map<number, number[]>();
  for (let at = scanWord(question, 0, question.length); at >= 0; at = scanWord(question, at, question.length)) {
    const list = positions.get(scannedHash);
    if (list) list.push(hashes.length);
    else positions.set(scannedHash, [hashes.length]);
    weights.push(list ? 0 : weightOf(question.slice(scannedStart, at).toLowerCase()));
    hashes.push(scannedHash);
  }
  const pairAt = new Int32Array(hashes.length).fill(-1);
  const seen = new Map<string, number>();
  for (let p = 1; p < hashes.length; p++) {
    const key = `${hashes[p - 1]} ${hashes[p]}`;
    let index = seen.get(key);
    if (index === undefined) {
      index = seen.size;
      seen.set(key, index);
    }
    pairAt[p] = index;
  }
  return {
    positions,
    length: hashes.length,
    pairAt,
    pairs: seen.size,
    wordAt: new Int32Array(hashes.length).fill(-2),
    runAt: new Int32Array(hashes.length),
    pairSentence: new Int32Array(seen.size),
    pairParagraph: new Int32Array(seen.size),
    wordSentence: new Int32Array(hashes.length),
    wordParagraph: new Int32Array(hashes.length),
    weights: Float64Array.from(weights),
    counters: Int32Array.of(1, 0, 0),
  };
}

/** The surface overlap of a paragraph's sentences (`[start, end)` offsets in `text`) with the question. */
export function surfaceOverlap(
  query: SurfaceQuery,
  text: string,
  sentences: ReadonlyArray<{ readonly start: number; readonly end: number }>,
): SurfaceOverlap {
  let run = 0;
  let pairs = 0;
  let paragraphPairs = 0;
  let words = 0;
  let paragraphWords = 0;
  let weighted = 0;
  if (query.length === 0) return { run, pairs, paragraphPairs, words, paragraphWords, weighted };
  const {
    positions,
    pairAt,
    wordAt,
    runAt,
    pairSentence,
    pairParagraph,
    wordSentence,
    wordParagraph,
    weights,
    counters,
  } = query;
  // Words are numbered across all the paragraphs a query reads, and a sentence skips a number, so a run (a position
  // whose last match is the previous word) never reaches into another sentence or paragraph, with nothing to clear.
  let word = counters[0] as number;
  let sentenceMark = counters[1] as number;
  const paragraphMark = (counters[2] as number) + 1;
  for (const sentence of sentences) {
    word++;
    sentenceMark++;
    let found = 0;
    let distinct = 0;
    let weight = 0;
    for (let i = scanWord(text, sentence.start, sentence.end); i >= 0; i = scanWord(text, i, sentence.end)) {
      word++;
      const at = positions.get(scannedHash);
      if (at === undefined) continue;
      const head = at[0] as number;
      if (wordSentence[head] !== sentenceMark) {
        wordSentence[head] = sentenceMark;
        distinct++;
        weight += weights[head] as number;
        if (wordParagraph[head] !== paragraphMark) {
          wordParagraph[head] = paragraphMark;
          paragraphWords++;
        }
      }
      // Last position first, so that a position reads the one before it as the previous word left it.
      for (let k = at.length - 1; k >= 0; k--) {
        const p = at[k] as number;
        const length = p > 0 && wordAt[p - 1] === word - 1 ? (runAt[p - 1] as number) + 1 : 1;
        wordAt[p] = word;
        runAt[p] = length;
        if (length > run) run = length;
        if (length < 2) continue;
        const pair = pairAt[p] as number;
        if (pairSentence[pair] !== sentenceMark) {
          pairSentence[pair] = sentenceMark;
          found++;
        }
        if (pairParagraph[pair] !== paragraphMark) {
          pairParagraph[pair] = paragraphMark;
          paragraphPairs++;
        }
      }
    }
    if (found > pairs) pairs = found;
    if (distinct > words) words = distinct;
    if (weight > weighted) weighted = weight;
  }
  counters[0] = word + 1;
  counters[1] = sentenceMark;
  counters[2] = paragraphMark;
  return { run, pairs, paragraphPairs, words, paragraphWords, weighted };
}
