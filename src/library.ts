/**
 * The library: every collection in the database, loaded into memory (and indexed) the first
 * time it is asked for, and kept in step with the database as articles are added and removed.
 * The database is written first, in one transaction; memory follows only once it committed.
 */
import { Collection } from './collection.js';
import { type ArticleInput, parseArticle } from './corpus/article.js';
import type { FolderArticle } from './corpus/folder.js';
import { type IndexOptions, ParagraphIndex } from './search/index.js';
import { type ArticleRecord, READ_ON_ADD_MAX_CHARS, type Store } from './storage/store.js';

export interface LibraryOptions {
  /** Articles every new collection starts with (the bundled corpus). Read lazily, once. */
  readonly seed?: () => readonly FolderArticle[];
  readonly indexOptions?: IndexOptions;
  readonly now?: () => Date;
  /** Estimated bytes of loaded collections to keep in memory; the least recently used go first. Unlimited when unset. */
  readonly memoryBudgetBytes?: number;
}

/** What loading and eviction have done so far. */
export interface LibraryStats {
  readonly loaded: number;
  readonly loads: number;
  readonly evictions: number;
  readonly estimatedBytes: number;
  /** Loads that used a saved index snapshot (perhaps with a few paragraphs to add or remove). */
  readonly snapshotLoads: number;
  /** Loads that had to index every paragraph: no snapshot, or one that could not be read or used. */
  readonly fullBuilds: number;
  /** Snapshots that could not be read or used (damaged, other format or analyser, unreadable rows). */
  readonly damagedSnapshots: number;
  readonly snapshotSaves: number;
  /** Snapshots that could not be written (the collection was served from memory all the same). */
  readonly snapshotSaveFailures: number;
}

export class Library {
  readonly store: Store;
  private readonly options: LibraryOptions;
  /** Loaded collections, least recently used first. */
  private readonly loaded = new Map<string, Collection>();
  private loads = 0;
  private evictions = 0;
  private snapshotLoads = 0;
  private fullBuilds = 0;
  private damagedSnapshots = 0;
  private snapshotSaves = 0;
  private snapshotSaveFailures = 0;
  private seedArticles: readonly FolderArticle[] | undefined;

  constructor(store: Store, options: LibraryOptions = {}) {
    this.store = store;
    this.options = options;
  }

  private seed(): readonly FolderArticle[] {
    this.seedArticles ??= this.options.seed?.() ?? [];
    return this.seedArticles;
  }

  /** True when the collection is in memory (asking it costs no load). */
  isLoaded(id: string): boolean {
    return this.loaded.has(id);
  }

  /** The collection with this id, created (with the bundled articles) if it does not exist yet. */
  collection(id: string): Collection {
    const cached = this.loaded.get(id);
    if (cached) {
      this.loaded.delete(id);
      this.loaded.set(id, cached);
      return cached;
    }
    this.ensure(id);
    const collection = this.load(id);
    this.loaded.set(id, collection);
    this.loads += 1;
    this.evictOver(id);
    return collection;
  }

  /**
   * Read a collection from the database. Its saved index snapshot is used when it is intact,
   * with the paragraphs added or removed since applied; otherwise every paragraph is indexed
   * and a new snapshot saved, so the next load is fast.
   */
  private load(id: string): Collection {
    // A snapshot is a cache: one that cannot be read or used, for whatever reason, is rebuilt from the rows.
    let index: ParagraphIndex | undefined;
    try {
      const bytes = this.store.indexSnapshot(id);
      if (bytes) index = ParagraphIndex.fromBytes(bytes, this.options.indexOptions);
    } catch {
      this.damagedSnapshots += 1;
    }
    const collection = new Collection(id, this.options.indexOptions, index);
    collection.useStoredReadings((paragraphId) => this.store.paragraphReadings(paragraphId));
    const stats = this.store.paragraphStats(id);
    if (index && index.size === stats.count && index.maxId === stats.maxId) {
      // The snapshot holds exactly the stored paragraphs: texts are read when passages need them.
      collection.loadLazily(
        this.store.listArticles(id, index.countsByArticle()),
        (paragraphId) => this.store.paragraph(paragraphId),
        (paragraphIds) => this.store.paragraphs(paragraphIds),
      );
      this.snapshotLoads += 1;
      return collection;
    }
    collection.load(this.store.listArticles(id), this.store.paragraphsByArticle(id));
    // A collection built from its rows is new, or was stored by an older release (whose snapshot format or analyser
    // differed): its paragraphs stored without sentence readings get them now, as many as adding an article reads.
    // Like a snapshot, they only make answers faster: a database that cannot take them (read-only, busy) is left so.
    try {
      this.store.readUnreadParagraphs(id, READ_ON_ADD_MAX_CHARS);
    } catch {
      // Their sentences are tagged when questions need them.
    }
    if (index) this.snapshotLoads += 1;
    else this.fullBuilds += 1;
    if (!index || collection.index.needsCompaction) this.saveSnapshot(collection);
    return collection;
  }

  /**
   * Compact the index and save it as the collection's snapshot. A snapshot only makes the next
   * load faster: if it cannot be written (disk full, database busy past its timeout, read-only
   * file), the collection goes on from memory and the failure is counted, not thrown.
   */
  private saveSnapshot(collection: Collection): void {
    const bytes = collection.index.toBytes();
    try {
      this.store.saveIndexSnapshot(collection.id, bytes, collection.index.size, this.now());
      this.snapshotSaves += 1;
    } catch {
      this.snapshotSaveFailures += 1;
    }
  }

  /** After a change: fold the live segment into a new saved snapshot once it has grown enough. */
  private maybeCompact(collection: Collection): void {
    if (collection.index.needsCompaction) this.saveSnapshot(collection);
  }

  private now(): Date {
    return this.options.now?.() ?? new Date();
  }

  /** Create the collection in the database, with the bundled articles, if it does not exist yet. */
  private ensure(id: string): void {
    if (!this.store.hasCollection(id)) {
      const seed = this.seed();
      const now = () => this.now();
      this.store.ensureCollection(
        id,
        (store) => {
          for (const { article } of seed) store.addArticle(id, article, { addedBy: 'corpus', now });
        },
        now,
      );
    }
  }

  /** Drop least recently used collections (never `keep`) while the estimate is over the budget. */
  private evictOver(keep: string): void {
    const budget = this.options.memoryBudgetBytes;
    if (budget === undefined) return;
    let total = this.estimatedBytes();
    for (const [id, collection] of this.loaded) {
      if (total <= budget) break;
      if (id === keep) continue;
      this.loaded.delete(id);
      total -= collection.estimatedBytes;
      this.evictions += 1;
    }
  }

  private estimatedBytes(): number {
    let total = 0;
    for (const c of this.loaded.values()) total += c.estimatedBytes;
    return total;
  }

  stats(): LibraryStats {
    return {
      loaded: this.loaded.size,
      loads: this.loads,
      evictions: this.evictions,
      estimatedBytes: this.estimatedBytes(),
      snapshotLoads: this.snapshotLoads,
      fullBuilds: this.fullBuilds,
      damagedSnapshots: this.damagedSnapshots,
      snapshotSaves: this.snapshotSaves,
      snapshotSaveFailures: this.snapshotSaveFailures,
    };
  }

  /** Parse and store an article, then index it. Throws `UserError` for bad input; nothing is stored then. */
  addArticle(collectionId: string, input: ArticleInput, addedBy?: string): ArticleRecord {
    const parsed = parseArticle(input);
    const collection = this.collection(collectionId);
    const record = this.store.addArticle(collectionId, parsed, addedBy !== undefined ? { addedBy } : {});
    collection.addArticle(record, this.store.articleParagraphs(record.id));
    this.maybeCompact(collection);
    this.evictOver(collectionId);
    return record;
  }

  /** Remove an article from the database and the index. */
  removeArticle(collectionId: string, articleId: number): ArticleRecord {
    const collection = this.collection(collectionId);
    const removed = this.store.removeArticle(collectionId, articleId);
    collection.removeArticle(articleId);
    this.maybeCompact(collection);
    return removed;
  }

  /** The articles of a collection, from the database (listing does not load the index). */
  listArticles(collectionId: string): ArticleRecord[] {
    this.ensure(collectionId);
    return this.store.listArticles(collectionId);
  }

  /** Forget the in-memory copy of a collection (it is reloaded from the database on next use). */
  unload(collectionId: string): void {
    this.loaded.delete(collectionId);
  }
}
