/**
 * A collection in memory: its articles, their paragraphs and the search index over them,
 * kept in step with the database by `Library`. This is what `answer()` reads.
 */

import { type IndexOptions, ParagraphIndex } from './search/index.js';
import type { ArticleRecord, ParagraphRecord } from './storage/store.js';

/** What a citation says of its article. */
export interface CitedArticle {
  readonly id: number;
  readonly title: string;
  readonly source?: string;
  readonly url?: string;
}

/**
 * Heap estimates, measured with `npm run bench`: per paragraph beyond its text (record, postings, maps), and per
 * distinct term of a collection's vocabulary (MiniSearch's radix tree). Small collections pay mostly for their
 * vocabulary: 150 paragraphs with 3,000 terms hold about 1.9 MB.
 */
export const INDEX_BYTES_PER_PARAGRAPH = 1200;
export const INDEX_BYTES_PER_TERM = 450;

function paragraphBytes(text: string): number {
  return INDEX_BYTES_PER_PARAGRAPH + 2 * text.length;
}

export class Collection {
  readonly id: string;
  readonly index: ParagraphIndex;
  private readonly articleMap = new Map<number, ArticleRecord>();
  private readonly paragraphMap = new Map<number, ParagraphRecord>();
  private readonly articleParagraphIds = new Map<number, number[]>();
  private bytes = 0;

  constructor(id: string, indexOptions?: IndexOptions) {
    this.id = id;
    this.index = new ParagraphIndex(indexOptions);
  }

  /** Add an article and its paragraphs to memory and to the index. */
  addArticle(article: ArticleRecord, paragraphs: readonly ParagraphRecord[]): void {
    if (this.articleMap.has(article.id)) this.removeArticle(article.id);
    this.articleMap.set(article.id, article);
    this.articleParagraphIds.set(
      article.id,
      paragraphs.map((p) => p.id),
    );
    for (const p of paragraphs) {
      this.paragraphMap.set(p.id, p);
      this.bytes += paragraphBytes(p.text);
    }
    this.index.add(paragraphs);
  }

  removeArticle(articleId: number): void {
    const ids = this.articleParagraphIds.get(articleId) ?? [];
    this.index.remove(ids);
    for (const id of ids) {
      const p = this.paragraphMap.get(id);
      if (p) this.bytes -= paragraphBytes(p.text);
      this.paragraphMap.delete(id);
    }
    this.articleParagraphIds.delete(articleId);
    this.articleMap.delete(articleId);
  }

  article(id: number): ArticleRecord | undefined {
    return this.articleMap.get(id);
  }

  /** The article as a citation shows it, or undefined. */
  citedArticle(id: number): CitedArticle | undefined {
    const a = this.articleMap.get(id);
    if (!a) return undefined;
    return { id: a.id, title: a.title, ...(a.source ? { source: a.source } : {}), ...(a.url ? { url: a.url } : {}) };
  }

  paragraph(id: number): ParagraphRecord | undefined {
    return this.paragraphMap.get(id);
  }

  /** Paragraph ids of one article, in order. */
  paragraphIdsOf(articleId: number): readonly number[] {
    return this.articleParagraphIds.get(articleId) ?? [];
  }

  articles(): ArticleRecord[] {
    return [...this.articleMap.values()];
  }

  get articleCount(): number {
    return this.articleMap.size;
  }

  /** An estimate of the heap this collection holds (text, records and index), for the library's memory budget. */
  get estimatedBytes(): number {
    return this.bytes + this.index.engineTermCount * INDEX_BYTES_PER_TERM;
  }

  get paragraphCount(): number {
    return this.paragraphMap.size;
  }
}
