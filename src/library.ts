/**
 * The library: every collection in the database, loaded into memory (and indexed) the first
 * time it is asked for, and kept in step with the database as articles are added and removed.
 * The database is written first, in one transaction; memory follows only once it committed.
 */
import { Collection } from './collection.js';
import { type ArticleInput, parseArticle } from './corpus/article.js';
import type { FolderArticle } from './corpus/folder.js';
import type { IndexOptions } from './search/index.js';
import type { ArticleRecord, Store } from './storage/store.js';

export interface LibraryOptions {
  /** Articles every new collection starts with (the bundled corpus). Read lazily, once. */
  readonly seed?: () => readonly FolderArticle[];
  readonly indexOptions?: IndexOptions;
  readonly now?: () => Date;
}

export class Library {
  readonly store: Store;
  private readonly options: LibraryOptions;
  private readonly loaded = new Map<string, Collection>();
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
    if (cached) return cached;
    if (!this.store.hasCollection(id)) {
      const seed = this.seed();
      const now = this.options.now ?? (() => new Date());
      this.store.ensureCollection(
        id,
        (store) => {
          for (const { article } of seed) store.addArticle(id, article, { addedBy: 'corpus', now });
        },
        now,
      );
    }
    const collection = new Collection(id, this.options.indexOptions);
    const byArticle = this.store.paragraphsByArticle(id);
    for (const article of this.store.listArticles(id)) collection.addArticle(article, byArticle.get(article.id) ?? []);
    this.loaded.set(id, collection);
    return collection;
  }

  /** Parse and store an article, then index it. Throws `UserError` for bad input; nothing is stored then. */
  addArticle(collectionId: string, input: ArticleInput, addedBy?: string): ArticleRecord {
    const parsed = parseArticle(input);
    const collection = this.collection(collectionId);
    const record = this.store.addArticle(collectionId, parsed, addedBy !== undefined ? { addedBy } : {});
    collection.addArticle(record, this.store.articleParagraphs(record.id));
    return record;
  }

  /** Remove an article from the database and the index. */
  removeArticle(collectionId: string, articleId: number): ArticleRecord {
    const collection = this.collection(collectionId);
    const removed = this.store.removeArticle(collectionId, articleId);
    collection.removeArticle(articleId);
    return removed;
  }

  listArticles(collectionId: string): ArticleRecord[] {
    this.collection(collectionId);
    return this.store.listArticles(collectionId);
  }

  /** Forget the in-memory copy of a collection (it is reloaded from the database on next use). */
  unload(collectionId: string): void {
    this.loaded.delete(collectionId);
  }
}
