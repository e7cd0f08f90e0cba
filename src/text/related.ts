/**
 * Related words from WordNet (see `related-source.ts`): the index terms a term's common senses share a synset with
 * or derive from ("die" - "death", "explain" - "explanation"), from `related-data.json`.
 *
 * The file holds one JSON string: one line a term, sorted, the term then its related terms, separated by spaces. It
 * is searched by binary search over its line starts, each term's list kept once looked up: parsing it into a map of
 * 36,000 lists took 140 ms of every cold start, and only the questions' terms are ever looked up. (A JSON string
 * rather than a text file: the compiler carries it to `dist/` like every imported JSON, and the test runner
 * transforms a string in milliseconds where a 36,000-key object took seconds.)
 */
import data from './related-data.json' with { type: 'json' };

const text: string = data;
const starts: number[] = [];
for (let at = 0; at < text.length; ) {
  starts.push(at);
  const end = text.indexOf('\n', at);
  at = end < 0 ? text.length : end + 1;
}
const NONE: readonly string[] = [];
const looked = new Map<string, readonly string[]>();
const LOOKED_LIMIT = 50_000;

function lineAt(k: number): string {
  const start = starts[k] as number;
  const end = text.indexOf('\n', start);
  return text.slice(start, end < 0 ? text.length : end);
}

function find(term: string): readonly string[] {
  let lo = 0;
  let hi = starts.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >> 1;
    const line = lineAt(mid);
    const space = line.indexOf(' ');
    const key = space < 0 ? line : line.slice(0, space);
    if (key === term) return space < 0 ? NONE : line.slice(space + 1).split(' ');
    if (key < term) lo = mid + 1;
    else hi = mid - 1;
  }
  return NONE;
}

/** The index terms related to an index term (none for most names and numbers). */
export function relatedTerms(term: string): readonly string[] {
  let list = looked.get(term);
  if (list === undefined) {
    list = find(term);
    if (looked.size >= LOOKED_LIMIT) looked.clear();
    looked.set(term, list);
  }
  return list;
}

/** True when a related term of `term` is in `terms`. */
export function hasRelated(term: string, terms: ReadonlySet<string>): boolean {
  for (const r of relatedTerms(term)) if (terms.has(r)) return true;
  return false;
}
