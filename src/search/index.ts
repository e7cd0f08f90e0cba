/**
 * The paragraph index of one collection: MiniSearch (BM25+) over paragraph text and section
 * heading, analysed by `src/text/analyze.ts`, updated incrementally as articles come and go.
 * Queries are given as index terms (already analysed), so a question is analysed once.
 */
import MiniSearch, { type Options as MiniSearchOptions } from 'minisearch';
import { terms as analyzeTerms } from '../text/analyze.js';

/** What the index needs of a paragraph. */
export interface IndexableParagraph {
  readonly id: number;
  readonly articleId: number;
  readonly text: string;
  readonly heading?: string;
}

export interface IndexOptions {
  /** Weight of a match in the section heading relative to one in the text. */
  readonly headingBoost?: number;
  /** BM25 parameters (MiniSearch's BM25+). */
  readonly bm25?: { k: number; b: number; d: number };
}

export const DEFAULT_INDEX_OPTIONS: Required<IndexOptions> = {
  headingBoost: 0.3,
  bm25: { k: 1.2, b: 0.75, d: 0.5 },
};

export interface SearchHit {
  readonly id: number;
  readonly score: number;
  /** Query terms found in the paragraph. */
  readonly terms: readonly string[];
}

export interface SearchOptions {
  /** At most this many hits, best first. */
  readonly limit?: number;
  /** Only paragraphs of this article. */
  readonly articleId?: number;
}

const FIELDS = ['text', 'heading'] as const;
const TEXT_FIELD_ID = 0;

const identity = (term: string) => term;
const splitTerms = (text: string) => (text ? text.split(' ') : []);

/** MiniSearch, opened up just enough to read document frequencies for IDF weights. */
class Engine extends MiniSearch<IndexableParagraph> {
  documentFrequency(term: string): number {
    return this._index.get(term)?.get(TEXT_FIELD_ID)?.size ?? 0;
  }
}

export class ParagraphIndex {
  private readonly engine: Engine;
  private readonly articleOf = new Map<number, number>();
  private readonly options: Required<IndexOptions>;

  constructor(options: IndexOptions = {}) {
    this.options = { ...DEFAULT_INDEX_OPTIONS, ...options };
    const engineOptions: MiniSearchOptions<IndexableParagraph> = {
      fields: [...FIELDS],
      storeFields: [],
      tokenize: (text) => analyzeTerms(text),
      processTerm: identity,
      extractField: (doc, field) => (field === 'id' ? (doc.id as unknown as string) : (doc[field as 'text'] ?? '')),
      searchOptions: {
        tokenize: splitTerms,
        processTerm: identity,
        boost: { text: 1, heading: this.options.headingBoost },
        bm25: this.options.bm25,
      },
    };
    this.engine = new Engine(engineOptions);
  }

  /** Number of paragraphs in the index. */
  get size(): number {
    return this.articleOf.size;
  }

  add(paragraphs: Iterable<IndexableParagraph>): void {
    for (const p of paragraphs) {
      if (this.articleOf.has(p.id)) throw new Error(`Paragraph ${p.id} is already indexed`);
      this.engine.add(p);
      this.articleOf.set(p.id, p.articleId);
    }
  }

  /** Remove paragraphs by id (ids that are not indexed are ignored). */
  remove(ids: Iterable<number>): void {
    for (const id of ids) {
      if (!this.articleOf.delete(id)) continue;
      this.engine.discard(id);
    }
  }

  has(id: number): boolean {
    return this.articleOf.has(id);
  }

  /** Distinct terms in the index (its vocabulary), for memory estimates. */
  get engineTermCount(): number {
    return this.engine.termCount;
  }

  /** Number of paragraphs whose text holds `term` (an index term). */
  documentFrequency(term: string): number {
    return this.engine.documentFrequency(term);
  }

  /** Inverse document frequency of an index term, BM25's form (always positive). */
  idf(term: string): number {
    const n = Math.max(this.size, 1);
    const df = Math.min(this.documentFrequency(term), n);
    return Math.log(1 + (n - df + 0.5) / (df + 0.5));
  }

  /** BM25 search for paragraphs holding any of `queryTerms` (index terms). */
  search(queryTerms: readonly string[], options: SearchOptions = {}): SearchHit[] {
    if (queryTerms.length === 0 || this.size === 0) return [];
    const { articleId, limit } = options;
    const results = this.engine.search(
      queryTerms.join(' '),
      articleId === undefined ? {} : { filter: (r) => this.articleOf.get(r.id as number) === articleId },
    );
    const hits = limit === undefined ? results : results.slice(0, limit);
    return hits.map((r) => ({ id: r.id as number, score: r.score, terms: r.terms }));
  }

  /** The bare MiniSearch query for a string of index terms (the baseline the bench compares against). */
  rawSearch(query: string) {
    return this.engine.search(query);
  }
}
