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
  /** Scratch rows of the run count, one word apart (one query is read by one caller at a time). */
  readonly previous: Int32Array;
  readonly current: Int32Array;
  /** Scratch marks of the pairs found in a sentence, and in the paragraph. */
  readonly inSentence: Uint8Array;
  readonly inParagraph: Uint8Array;
}

/** What a paragraph shares with the question on the surface. */
export interface SurfaceOverlap {
  /** The longest run of the question's words, in order, in one sentence. */
  readonly run: number;
  /** The most distinct word pairs of the question one sentence holds (each pair as adjacent words). */
  readonly pairs: number;
  /** Distinct word pairs of the question the paragraph holds, sentences apart. */
  readonly paragraphPairs: number;
}

const FNV_OFFSET = 0x811c9dc5;
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

/** Calls `visit` with the hash of each word of `text[start, end)`, in order. */
function forEachWord(text: string, start: number, end: number, visit: (hash: number) => void): void {
  let hash = FNV_OFFSET;
  let inWord = false;
  for (let i = start; i < end; i++) {
    const u = wordUnit(text.charCodeAt(i));
    if (u >= 0) {
      hash = Math.imul(hash ^ u, FNV_PRIME);
      inWord = true;
    } else if (inWord) {
      visit(hash >>> 0);
      hash = FNV_OFFSET;
      inWord = false;
    }
  }
  if (inWord) visit(hash >>> 0);
}

/** Reads a question's words for `surfaceOverlap`. */
export function surfaceQuery(question: string): SurfaceQuery {
  const hashes: number[] = [];
  forEachWord(question, 0, question.length, (h) => hashes.push(h));
  const positions = new Map<number, number[]>();
  hashes.forEach((h, p) => {
    const list = positions.get(h);
    if (list) list.push(p);
    else positions.set(h, [p]);
  });
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
    previous: new Int32Array(hashes.length),
    current: new Int32Array(hashes.length),
    inSentence: new Uint8Array(seen.size),
    inParagraph: new Uint8Array(seen.size),
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
  if (query.length === 0) return { run, pairs, paragraphPairs };
  const { positions, pairAt, inSentence, inParagraph } = query;
  inParagraph.fill(0);
  let previous = query.previous;
  let current = query.current;
  for (const sentence of sentences) {
    previous.fill(0);
    inSentence.fill(0);
    let found = 0;
    let hash = FNV_OFFSET;
    let inWord = false;
    // One step past the end, so that a word ending the sentence is read (a code unit of −1 ends any word).
    for (let i = sentence.start; i <= sentence.end; i++) {
      const u = i < sentence.end ? wordUnit(text.charCodeAt(i)) : -1;
      if (u >= 0) {
        hash = Math.imul(hash ^ u, FNV_PRIME);
        inWord = true;
        continue;
      }
      if (!inWord) continue;
      // A word ends: extend the runs that end at each question position holding it.
      const at = positions.get(hash >>> 0);
      hash = FNV_OFFSET;
      inWord = false;
      if (at === undefined) {
        // Most words are not the question's: the runs end.
        previous.fill(0);
        continue;
      }
      current.fill(0);
      for (const p of at) {
        const length = (p > 0 ? (previous[p - 1] as number) : 0) + 1;
        current[p] = length;
        if (length > run) run = length;
        if (length < 2) continue;
        const pair = pairAt[p] as number;
        if (inSentence[pair] === 0) {
          inSentence[pair] = 1;
          found++;
        }
        if (inParagraph[pair] === 0) {
          inParagraph[pair] = 1;
          paragraphPairs++;
        }
      }
      const swap = previous;
      previous = current;
      current = swap;
    }
    if (found > pairs) pairs = found;
  }
  return { run, pairs, paragraphPairs };
}
