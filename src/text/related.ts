/**
 * Tables of related index terms, each from one JSON string: one line a term, sorted, the term then its related
 * terms, separated by spaces. A table is searched by binary search over its line starts, each term's list kept once
 * looked up: parsing it into a map of tens of thousands of lists took 140 ms of every cold start, and only the
 * questions' terms are ever looked up. (A JSON string rather than a text file: the compiler carries it to `dist/`
 * like every imported JSON, and the test runner transforms a string in milliseconds where a 36,000-key object took
 * seconds.)
 *
 * Two tables ship:
 * - WordNet's (see `related-source.ts`, `related-data.json`): the index terms a term's common senses share a synset
 *   with or derive from ("die" - "death", "explain" - "explanation").
 * - Word-vector neighbours (see `neighbours-source.ts`, `neighbours-data.json`): the terms whose GloVe vectors are
 *   nearest a term's ("invade" - "invasion", "annex", "occupy"): looser, and so weighed apart.
 */
import neighbourData from './neighbours-data.json' with { type: 'json' };
import data from './related-data.json' with { type: 'json' };

const NONE: readonly string[] = [];
/** Looked-up lists kept per table, at most (then the cache starts again). */
const LOOKED_LIMIT = 50_000;

/** A table of related terms over its file's text. */
export class TermTable {
  private readonly starts: number[] = [];
  private readonly looked = new Map<string, readonly string[]>();

  constructor(private readonly text: string) {
    for (let at = 0; at < text.length; ) {
      this.starts.push(at);
      const end = text.indexOf('\n', at);
      at = end < 0 ? text.length : end + 1;
    }
  }

  /** Terms in the table. */
  get size(): number {
    return this.starts.length;
  }

  private lineAt(k: number): string {
    const start = this.starts[k] as number;
    const end = this.text.indexOf('\n', start);
    return this.text.slice(start, end < 0 ? this.text.length : end);
  }

  private find(term: string): readonly string[] | undefined {
    let lo = 0;
    let hi = this.starts.length - 1;
    while (lo <= hi) {
      const mid = (lo + hi) >> 1;
      const line = this.lineAt(mid);
      const space = line.indexOf(' ');
      const key = space < 0 ? line : line.slice(0, space);
      if (key === term) return space < 0 ? NONE : line.slice(space + 1).split(' ');
      if (key < term) lo = mid + 1;
      else hi = mid - 1;
    }
    return undefined;
  }

  /** True when the table has a line for `term` (WordNet and GloVe know the word). */
  contains(term: string): boolean {
    return this.find(term) !== undefined;
  }

  /** The terms related to an index term (none for most names and numbers). */
  terms(term: string): readonly string[] {
    let list = this.looked.get(term);
    if (list === undefined) {
      list = this.find(term) ?? NONE;
      if (this.looked.size >= LOOKED_LIMIT) this.looked.clear();
      this.looked.set(term, list);
    }
    return list;
  }

  /** True when a related term of `term` is in `terms`. */
  has(term: string, terms: ReadonlySet<string>): boolean {
    for (const r of this.terms(term)) if (terms.has(r)) return true;
    return false;
  }
}

/** WordNet's table. */
export const WORDNET = new TermTable(data);
/** The word-vector neighbours' table. */
export const NEIGHBOURS = new TermTable(neighbourData);

/** The index terms WordNet relates to an index term. */
export function relatedTerms(term: string): readonly string[] {
  return WORDNET.terms(term);
}

/** True when a term WordNet relates to `term` is in `terms`. */
export function hasRelated(term: string, terms: ReadonlySet<string>): boolean {
  return WORDNET.has(term, terms);
}

/** True when a word-vector neighbour of `term` is in `terms`. */
export function hasNeighbour(term: string, terms: ReadonlySet<string>): boolean {
  return NEIGHBOURS.has(term, terms);
}
