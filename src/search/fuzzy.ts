/**
 * Terms of a sorted vocabulary near a given term: within a few edits, each one letter inserted, deleted or
 * replaced, or two neighbouring letters swapped (the optimal string alignment distance, a restricted
 * Damerau-Levenshtein: "recieve" is one edit from "receive", not two).
 *
 * The vocabulary is walked as the trie it implicitly is (sorted strings sharing a prefix are neighbours): one row
 * of the edit-distance table per prefix, shared by every term under it, and a whole branch skipped as soon as its
 * row holds nothing within reach. Ranges of one prefix are found by binary search, so a vocabulary of 300,000
 * terms costs a few thousand rows, not 300,000 comparisons.
 */

/** A vocabulary term and its distance from the term looked up. */
export interface NearTerm {
  readonly term: string;
  readonly distance: number;
}

/**
 * Every term of `vocabulary` (sorted by UTF-16 code units, as `Array.prototype.sort` sorts strings) within
 * `maxDistance` edits of `term`, the term itself included when present, in vocabulary order.
 */
export function nearTerms(vocabulary: readonly string[], term: string, maxDistance: number): NearTerm[] {
  if (!Number.isInteger(maxDistance) || maxDistance < 0) throw new RangeError(`maxDistance must be an integer >= 0`);
  const out: NearTerm[] = [];
  const m = term.length;
  const first = new Int32Array(m + 1);
  for (let j = 0; j <= m; j++) first[j] = j;
  if (m <= maxDistance && vocabulary.length > 0 && vocabulary[0] === '') out.push({ term: '', distance: m });
  walk(vocabulary, term, maxDistance, 0, vocabulary.length, 0, first, undefined, -1, out);
  return out;
}

/**
 * Visit the children of the prefix of length `depth` shared by vocabulary[lo..hi): `row` is that prefix's row of
 * the distance table, `above` its parent's, `last` the prefix's last letter (code unit, -1 for none).
 */
function walk(
  vocabulary: readonly string[],
  term: string,
  max: number,
  lo: number,
  hi: number,
  depth: number,
  row: Int32Array,
  above: Int32Array | undefined,
  last: number,
  out: NearTerm[],
): void {
  const m = term.length;
  // The prefix itself sorts first in its range; it was reported by the caller.
  let at = lo;
  if (at < hi && (vocabulary[at] as string).length === depth) at++;
  // A swap reads the row two letters up, so a child whose own row is out of reach may still have descendants
  // within it while this row's least value plus one is.
  let rowLeast = Number.POSITIVE_INFINITY;
  for (let j = 0; j <= m; j++) rowLeast = Math.min(rowLeast, row[j] as number);
  while (at < hi) {
    const c = (vocabulary[at] as string).charCodeAt(depth);
    const end = runEnd(vocabulary, at, hi, depth, c);
    const next = new Int32Array(m + 1);
    next[0] = depth + 1;
    let least = next[0];
    for (let j = 1; j <= m; j++) {
      const t = term.charCodeAt(j - 1);
      let d = Math.min((row[j] as number) + 1, (next[j - 1] as number) + 1, (row[j - 1] as number) + (t === c ? 0 : 1));
      if (above && j > 1 && t === last && term.charCodeAt(j - 2) === c) d = Math.min(d, (above[j - 2] as number) + 1);
      next[j] = d;
      if (d < least) least = d;
    }
    if ((vocabulary[at] as string).length === depth + 1 && (next[m] as number) <= max)
      out.push({ term: vocabulary[at] as string, distance: next[m] as number });
    if (least <= max || rowLeast + 1 <= max) walk(vocabulary, term, max, at, end, depth + 1, next, row, c, out);
    at = end;
  }
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
