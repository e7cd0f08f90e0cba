/**
 * Terms of a sorted vocabulary near a given term: within a few edits, each one letter inserted, deleted or
 * replaced, or two neighbouring letters swapped (the optimal string alignment distance, a restricted
 * Damerau-Levenshtein: "recieve" is one edit from "receive", not two).
 *
 * The vocabulary is walked as the trie it implicitly is (sorted strings sharing a prefix are neighbours): one row
 * of the edit-distance table per prefix, shared by every term under it, and a whole branch skipped as soon as its
 * rows hold nothing within reach. Ranges of one prefix are found by binary search, and a walk may start below a
 * prefix the terms must share (spelling correction keeps the first letter, which skips all other branches).
 */

/** A vocabulary term and its distance from the term looked up. */
export interface NearTerm {
  readonly term: string;
  readonly distance: number;
}

/**
 * Every term of `vocabulary` (sorted by UTF-16 code units, as `Array.prototype.sort` sorts strings) within
 * `maxDistance` edits of `term` and starting with its first `sharedPrefix` letters, the term itself included when
 * present, in vocabulary order.
 */
export function nearTerms(
  vocabulary: readonly string[],
  term: string,
  maxDistance: number,
  sharedPrefix = 0,
): NearTerm[] {
  if (!Number.isInteger(maxDistance) || maxDistance < 0) throw new RangeError('maxDistance must be an integer >= 0');
  if (!Number.isInteger(sharedPrefix) || sharedPrefix < 0 || sharedPrefix > term.length)
    throw new RangeError('sharedPrefix must be an integer from 0 to the length of the term');
  const walk = new Walk(vocabulary, term, maxDistance);
  const prefix = term.slice(0, sharedPrefix);
  // The prefix's rows, one letter at a time; then the range of terms that start with it.
  for (let d = 0; d < sharedPrefix; d++) walk.row(d, prefix.charCodeAt(d));
  const lo = lowerBound(vocabulary, prefix, 0, vocabulary.length);
  const hi = prefixEnd(vocabulary, prefix, lo);
  if (lo < hi && vocabulary[lo] === prefix) walk.report(prefix, sharedPrefix);
  walk.children(lo, hi, sharedPrefix);
  return walk.out;
}

/** The distance between two words as `nearTerms` counts it, or `max + 1` when it is more than `max`. */
export function editDistance(a: string, b: string, max: number): number {
  return nearTerms([b], a, max)[0]?.distance ?? max + 1;
}

/** One lookup: the term, its bound, the rows of the prefixes on the current path, and what was found. */
class Walk {
  readonly out: NearTerm[] = [];
  /** rows[d]: the distance table's row for the path's prefix of length d (rows[0] is 0, 1, ..., m). */
  private readonly rows: Int32Array[] = [];
  /** letters[d]: the path's letter at position d (code unit). */
  private readonly letters: number[] = [];
  private readonly m: number;

  constructor(
    private readonly vocabulary: readonly string[],
    private readonly term: string,
    private readonly max: number,
  ) {
    this.m = term.length;
    this.rows.push(Int32Array.from({ length: this.m + 1 }, (_, j) => j));
  }

  /** Computes the row of the path's prefix of length d + 1 (letter `c` at position d); returns its least value. */
  row(d: number, c: number): number {
    const { m, term } = this;
    let next = this.rows[d + 1];
    if (next === undefined) {
      next = new Int32Array(m + 1);
      this.rows[d + 1] = next;
    }
    this.letters[d] = c;
    const row = this.rows[d] as Int32Array;
    const above = d > 0 ? (this.rows[d - 1] as Int32Array) : undefined;
    const last = d > 0 ? (this.letters[d - 1] as number) : -1;
    next[0] = d + 1;
    let least = d + 1;
    for (let j = 1; j <= m; j++) {
      const t = term.charCodeAt(j - 1);
      let v = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (t === c ? 0 : 1));
      if (above && j > 1 && t === last && term.charCodeAt(j - 2) === c) v = Math.min(v, (above[j - 2] as number) + 1);
      next[j] = v;
      if (v < least) least = v;
    }
    return least;
  }

  report(word: string, depth: number): void {
    const distance = (this.rows[depth] as Int32Array)[this.m] as number;
    if (distance <= this.max) this.out.push({ term: word, distance });
  }

  /** Visits the children of the prefix of length `depth` shared by vocabulary[lo..hi). */
  children(lo: number, hi: number, depth: number): void {
    const { vocabulary, max } = this;
    // The prefix itself sorts first in its range; it was reported by the caller.
    let at = lo;
    if (at < hi && (vocabulary[at] as string).length === depth) at++;
    // A swap reads the row two letters up, so a child whose own row is out of reach may still have descendants
    // within it while this row's least value plus one is.
    const row = this.rows[depth] as Int32Array;
    let rowLeast = Number.POSITIVE_INFINITY;
    for (let j = 0; j <= this.m; j++) rowLeast = Math.min(rowLeast, row[j] as number);
    while (at < hi) {
      const word = vocabulary[at] as string;
      const c = word.charCodeAt(depth);
      const end = runEnd(vocabulary, at, hi, depth, c);
      const least = this.row(depth, c);
      if (word.length === depth + 1) this.report(word, depth + 1);
      if (least <= max || rowLeast + 1 <= max) this.children(at, end, depth + 1);
      at = end;
    }
  }
}

/** First index in vocabulary[lo..hi) whose term is not below `key`. */
function lowerBound(vocabulary: readonly string[], key: string, lo: number, hi: number): number {
  let a = lo;
  let b = hi;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((vocabulary[mid] as string) < key) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** End of the terms from `lo` on that start with `prefix` (they are contiguous in a sorted vocabulary). */
function prefixEnd(vocabulary: readonly string[], prefix: string, lo: number): number {
  let a = lo;
  let b = vocabulary.length;
  while (a < b) {
    const mid = (a + b) >>> 1;
    if ((vocabulary[mid] as string).startsWith(prefix)) a = mid + 1;
    else b = mid;
  }
  return a;
}

/** End of the run of vocabulary[at..hi) whose letter at `depth` is `c` (binary search; the range is sorted). */
function runEnd(vocabulary: readonly string[], at: number, hi: number, depth: number, c: number): number {
  let lo = at + 1;
  let h = hi;
  while (lo < h) {
    const mid = (lo + h) >>> 1;
    if ((vocabulary[mid] as string).charCodeAt(depth) === c) lo = mid + 1;
    else h = mid;
  }
  return lo;
}
