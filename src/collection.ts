/**
 * A collection in memory: its articles, their paragraphs and the search index over them,
 * kept in step with the database by `Library`. This is what `answer()` reads.
 */

import { type IndexOptions, ParagraphIndex } from './search/index.js';
import type { ArticleRecord, ParagraphRecord } from './storage/store.js';
import { LruCache } from './util/lru.js';

/** Reads one paragraph of the collection from the database (texts of a snapshot-loaded collection are read on demand). */
export type ParagraphLoader = (id: number) => ParagraphRecord | undefined;
/** Reads several paragraphs at once (those that exist), for `Collection.preload`. */
export type ParagraphsLoader = (ids: readonly number[]) => readonly ParagraphRecord[];

/** Reads the sentence readings stored with a paragraph (`Store.paragraphReadings`), if any. */
export type ReadingsLoader = (id: number) => string | undefined;

/** Paragraph texts read on demand that a collection keeps, most recently used first. */
export const LAZY_TEXT_CACHE = 2_000;

/**
 * Paragraphs whose stored readings a collection keeps as read (most recently used first): the engine tags a
 * paragraph's sentences one at a time, and reading the paragraph's row again for each was nearly half the reads.
 */
export const READINGS_CACHE = 64;

/** What a citation says of its article. */
export interface CitedArticle {
  readonly id: number;
  readonly title: string;
  readonly source?: string;
  readonly url?: string;
}

/**
 * Heap estimates, measured with `npm run bench` :
 * per paragraph beyond its text (record, maps), per paragraph of the live segment (MiniSearch's
 * maps), per distinct term of the live segment (MiniSearch's radix tree) and per term of the frozen
 * vocabulary (one string). The frozen segment's arrays are counted exactly.
 */
export const RECORD_BYTES_PER_PARAGRAPH = 300;
/** A collection's own cost whatever its size: maps, an empty MiniSearch for the live segment, scratch arrays. */
export const COLLECTION_BYTES = 48 * 1024;
export const LIVE_BYTES_PER_PARAGRAPH = 900;
export const LIVE_BYTES_PER_TERM = 450;
export const FROZEN_BYTES_PER_TERM = 48;
/** A term whose IDF the index remembers (`ParagraphIndex.idf`): a map entry and its number; the term is the index's. */
export const REMEMBERED_BYTES_PER_TERM = 56;

function paragraphBytes(text: string): number {
  return RECORD_BYTES_PER_PARAGRAPH + 2 * text.length;
}

export class Collection {
  readonly id: string;
  readonly index: ParagraphIndex;
  private readonly articleMap = new Map<number, ArticleRecord>();
  private readonly paragraphMap = new Map<number, ParagraphRecord>();
  private readonly articleParagraphIds = new Map<number, number[]>();
  private bytes = 0;
  private loader: ParagraphLoader | undefined;
  private loadMany: ParagraphsLoader | undefined;
  private readingsLoader: ReadingsLoader | undefined;
  private readonly lazyTexts = new LruCache<number, ParagraphRecord>(LAZY_TEXT_CACHE);
  private readonly readings = new LruCache<number, string | undefined>(READINGS_CACHE);
  private lazyBytes = 0;
  /** Characters of the readings kept (`readings`), for `estimatedBytes`. */
  private readingsChars = 0;
  private pendingParagraphIds = false;
  private changes = 0;

  /** A collection over `index` (a loaded snapshot), or over a new empty index. */
  constructor(id: string, indexOptions?: IndexOptions, index?: ParagraphIndex) {
    this.id = id;
    this.index = index ?? new ParagraphIndex(indexOptions);
  }

  /**
   * Take in the articles of the database when the index (a snapshot) is known to hold exactly
   * their paragraphs: paragraph texts are not read now but when a passage needs them, through
   * `loader`. Paragraphs of an article are numbered in id order, as they were stored.
   */
  loadLazily(articles: readonly ArticleRecord[], loader: ParagraphLoader, loadMany?: ParagraphsLoader): void {
    this.changes++;
    this.loader = loader;
    this.loadMany = loadMany;
    for (const article of articles) this.articleMap.set(article.id, article);
    this.pendingParagraphIds = true;
  }

  /** Where `storedReadings` reads from (the database the collection was loaded from). */
  useStoredReadings(loader: ReadingsLoader): void {
    this.readingsLoader = loader;
    this.readings.clear();
    this.readingsChars = 0;
  }

  /**
   * The sentence readings stored with paragraph `id` of this collection (see `readParagraph`), or undefined when
   * there are none: read from the database, and kept for the last `READINGS_CACHE` paragraphs (the engine keeps
   * what it decodes). They do not change while the collection is in use: they are stored with the paragraph, or for
   * one stored by an older release when its collection is loaded, and an id names one text for good.
   */
  storedReadings(id: number): string | undefined {
    if (!this.readingsLoader || !this.index.has(id)) return undefined;
    if (this.readings.has(id)) return this.readings.get(id);
    const read = this.readingsLoader(id);
    const evicted = this.readings.set(id, read);
    this.readingsChars += (read?.length ?? 0) - (evicted?.length ?? 0);
    return read;
  }

  /** After a lazy load: each article's paragraph ids, from the index, made when first asked for. */
  private paragraphIdsReady(): void {
    if (!this.pendingParagraphIds) return;
    this.pendingParagraphIds = false;
    // Articles added since the load already have their list (from `hold`); the others get theirs from the index.
    const fromIndex = new Map<number, number[]>();
    for (const id of this.articleMap.keys()) if (!this.articleParagraphIds.has(id)) fromIndex.set(id, []);
    for (const [id, articleId] of this.index.entries()) fromIndex.get(articleId)?.push(id);
    for (const [articleId, ids] of fromIndex) this.articleParagraphIds.set(articleId, ids);
  }

  /**
   * Take in the articles and paragraphs of the database. The index (perhaps a snapshot saved
   * some time ago) is brought in line with them: paragraphs it lacks are indexed, paragraphs
   * no longer stored are removed. Paragraph ids are never reused (AUTOINCREMENT), so an id
   * names one text for good.
   */
  load(articles: readonly ArticleRecord[], byArticle: ReadonlyMap<number, readonly ParagraphRecord[]>): void {
    this.changes++;
    const stored = new Set<number>();
    const missing: ParagraphRecord[] = [];
    for (const article of articles) {
      const paragraphs = byArticle.get(article.id) ?? [];
      this.hold(article, paragraphs);
      for (const p of paragraphs) {
        stored.add(p.id);
        if (!this.index.has(p.id)) missing.push(p);
      }
    }
    const gone = this.index.ids().filter((id) => !stored.has(id));
    this.index.remove(gone);
    this.index.add(missing);
  }

  /** Add an article and its paragraphs to memory and to the index. */
  addArticle(article: ArticleRecord, paragraphs: readonly ParagraphRecord[]): void {
    this.changes++;
    if (this.articleMap.has(article.id)) this.removeArticle(article.id);
    this.hold(article, paragraphs);
    this.index.add(paragraphs);
  }

  /** Keep an article and its paragraphs (texts included) in memory. */
  private hold(article: ArticleRecord, paragraphs: readonly ParagraphRecord[]): void {
    this.articleMap.set(article.id, article);
    this.articleParagraphIds.set(
      article.id,
      paragraphs.map((p) => p.id),
    );
    for (const p of paragraphs) {
      this.paragraphMap.set(p.id, p);
      this.bytes += paragraphBytes(p.text);
    }
  }

  removeArticle(articleId: number): void {
    this.changes++;
    this.paragraphIdsReady();
    const ids = this.articleParagraphIds.get(articleId) ?? [];
    this.index.remove(ids);
    for (const id of ids) {
      const p = this.paragraphMap.get(id);
      if (p) this.bytes -= paragraphBytes(p.text);
      this.paragraphMap.delete(id);
      const lazy = this.lazyTexts.get(id);
      if (lazy) this.lazyBytes -= paragraphBytes(lazy.text);
      this.lazyTexts.delete(id);
      this.readingsChars -= this.readings.get(id)?.length ?? 0;
      this.readings.delete(id);
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
    const held = this.paragraphMap.get(id) ?? this.lazyTexts.get(id);
    if (held || !this.loader || !this.index.has(id)) return held;
    const read = this.loader(id);
    return read && this.keep(read) ? read : undefined;
  }

  /**
   * Read the texts of `ids` not held yet in one go (a passage search's hits, about to be read one by one), when the
   * collection was loaded lazily with a loader of many.
   */
  preload(ids: readonly number[]): void {
    if (!this.loadMany) return;
    const missing = ids.filter((id) => !this.paragraphMap.has(id) && !this.lazyTexts.has(id) && this.index.has(id));
    if (missing.length > 1) for (const read of this.loadMany(missing)) this.keep(read);
  }

  /** Hold a text read through a loader. The article check keeps another collection's row out whatever the loader does. */
  private keep(read: ParagraphRecord): boolean {
    if (!this.articleMap.has(read.articleId)) return false;
    const evicted = this.lazyTexts.set(read.id, read);
    this.lazyBytes += paragraphBytes(read.text) - (evicted ? paragraphBytes(evicted.text) : 0);
    return true;
  }

  /** A number that changes whenever articles are added, removed or loaded: what was read of the texts is stale. */
  get revision(): number {
    return this.changes;
  }

  /**
   * Every paragraph's text, read one at a time; texts not held are read through the loader without being kept (a
   * scan would push out the passages questions keep asking for).
   */
  *paragraphTexts(): Generator<string> {
    for (const id of this.index.ids()) {
      const held = this.paragraphMap.get(id) ?? this.lazyTexts.get(id);
      if (held) {
        yield held.text;
        continue;
      }
      const read = this.loader?.(id);
      if (read && this.articleMap.has(read.articleId)) yield read.text;
    }
  }

  /** Paragraph ids of one article, in order. */
  paragraphIdsOf(articleId: number): readonly number[] {
    this.paragraphIdsReady();
    return this.articleParagraphIds.get(articleId) ?? [];
  }

  articles(): ArticleRecord[] {
    return [...this.articleMap.values()];
  }

  get articleCount(): number {
    return this.articleMap.size;
  }

  /**
   * An estimate of the heap this collection holds (text, records, stored readings kept and index), for the library's
   * memory budget.
   */
  get estimatedBytes(): number {
    const index = this.index;
    return (
      COLLECTION_BYTES +
      this.bytes +
      this.lazyBytes +
      2 * this.readingsChars +
      index.frozenBytes +
      index.frozenTermCount * FROZEN_BYTES_PER_TERM +
      index.liveSize * LIVE_BYTES_PER_PARAGRAPH +
      index.liveTermCount * LIVE_BYTES_PER_TERM +
      index.rememberedTerms * REMEMBERED_BYTES_PER_TERM
    );
  }

  get paragraphCount(): number {
    return this.index.size;
  }
}
