/**
 * Collections, articles and paragraphs in SQLite. Every change is one transaction: an
 * article is stored whole or not at all, and an error never loses what was stored before.
 */
import type { ParsedArticle } from '../corpus/article.js';
import { UserError } from '../errors.js';
import { readingFingerprint, readParagraph } from '../text/nlp.js';
import type { Db } from './db.js';

export interface ArticleRecord {
  readonly id: number;
  readonly collectionId: string;
  readonly title: string;
  readonly source?: string;
  readonly url?: string;
  readonly published?: string;
  readonly format: string;
  readonly contentHash: string;
  readonly addedBy?: string;
  readonly addedAt: string;
  readonly paragraphCount: number;
}

export interface ParagraphRecord {
  readonly id: number;
  readonly articleId: number;
  readonly n: number;
  readonly text: string;
  readonly heading?: string;
}

interface ArticleRow {
  id: number;
  collection_id: string;
  title: string;
  source: string | null;
  url: string | null;
  published: string | null;
  format: string;
  content_hash: string;
  added_by: string | null;
  added_at: string;
  paragraph_count: number;
}

interface ParagraphRow {
  id: number;
  article_id: number;
  n: number;
  heading: string | null;
  text: string;
}

function toArticle(row: ArticleRow): ArticleRecord {
  return {
    id: row.id,
    collectionId: row.collection_id,
    title: row.title,
    ...(row.source !== null ? { source: row.source } : {}),
    ...(row.url !== null ? { url: row.url } : {}),
    ...(row.published !== null ? { published: row.published } : {}),
    format: row.format,
    contentHash: row.content_hash,
    ...(row.added_by !== null ? { addedBy: row.added_by } : {}),
    addedAt: row.added_at,
    paragraphCount: row.paragraph_count,
  };
}

/**
 * Articles up to this many characters are tagged as they are stored (`readArticle`), so that answering does not tag
 * their sentences again: about 0.2 s of tagging at 0.1 ms a sentence, which holds up a bot's other work that long.
 * A longer article's sentences are tagged when a question first needs them.
 */
export const READ_ON_ADD_MAX_CHARS = 200_000;

/**
 * Each paragraph's sentence readings to store with it (`readParagraph`), none for an article longer than
 * `READ_ON_ADD_MAX_CHARS`. Done before the write lock is taken: it is the slow part of storing an article.
 */
export function readArticle(article: ParsedArticle): Array<string | undefined> {
  let chars = 0;
  for (const p of article.paragraphs) chars += p.text.length;
  if (chars > READ_ON_ADD_MAX_CHARS) return article.paragraphs.map(() => undefined);
  return article.paragraphs.map((p) => readParagraph(p.text));
}

export function toParagraph(row: ParagraphRow): ParagraphRecord {
  return {
    id: row.id,
    articleId: row.article_id,
    n: row.n,
    text: row.text,
    ...(row.heading !== null ? { heading: row.heading } : {}),
  };
}

const ARTICLE_COLUMNS = `a.id, a.collection_id, a.title, a.source, a.url, a.published, a.format, a.content_hash,
  a.added_by, a.added_at, (SELECT COUNT(*) FROM paragraphs p WHERE p.article_id = a.id) AS paragraph_count`;

export interface AddOptions {
  /** Who added it (a Discord user id, or "terminal"). */
  readonly addedBy?: string;
  /** Clock, for tests. */
  readonly now?: () => Date;
}

/** Index snapshots are stored in rows of this many bytes. */
export const SNAPSHOT_CHUNK_BYTES = 1 << 20;

export class Store {
  readonly db: Db;
  private readonly statements;

  constructor(db: Db) {
    this.db = db;
    this.statements = {
      getCollection: db.prepare<[string], { id: string }>('SELECT id FROM collections WHERE id = ?'),
      insertCollection: db.prepare<[string, string]>('INSERT INTO collections (id, created_at) VALUES (?, ?)'),
      insertArticle: db.prepare(
        `INSERT INTO articles (collection_id, title, source, url, published, format, content_hash, added_by, added_at)
         VALUES (@collectionId, @title, @source, @url, @published, @format, @contentHash, @addedBy, @addedAt)`,
      ),
      insertParagraph: db.prepare<[number, number, string | null, string]>(
        'INSERT INTO paragraphs (article_id, n, heading, text) VALUES (?, ?, ?, ?)',
      ),
      readingsById: db.prepare<[number, string], { readings: string }>(
        'SELECT readings FROM paragraph_tags WHERE paragraph_id = ? AND tagger = ?',
      ),
      putReadings: db.prepare<[number, string, string]>(
        'INSERT OR REPLACE INTO paragraph_tags (paragraph_id, tagger, readings) VALUES (?, ?, ?)',
      ),
      unread: db.prepare<[string, string], { id: number; text: string }>(
        `SELECT p.id, p.text FROM paragraphs p JOIN articles a ON a.id = p.article_id
         LEFT JOIN paragraph_tags t ON t.paragraph_id = p.id AND t.tagger = ?
         WHERE a.collection_id = ? AND t.paragraph_id IS NULL ORDER BY p.id`,
      ),
      findByHash: db.prepare<[string, string], ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.collection_id = ? AND a.content_hash = ?`,
      ),
      getArticle: db.prepare<[string, number], ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.collection_id = ? AND a.id = ?`,
      ),
      listArticlesUncounted: db.prepare<[string], ArticleRow>(
        `SELECT a.id, a.collection_id, a.title, a.source, a.url, a.published, a.format, a.content_hash, a.added_by,
         a.added_at, 0 AS paragraph_count FROM articles a WHERE a.collection_id = ? ORDER BY a.id`,
      ),
      listArticles: db.prepare<[string], ArticleRow>(
        `SELECT ${ARTICLE_COLUMNS} FROM articles a WHERE a.collection_id = ? ORDER BY a.id`,
      ),
      deleteArticle: db.prepare<[number]>('DELETE FROM articles WHERE id = ?'),
      deleteParagraphs: db.prepare<[number]>('DELETE FROM paragraphs WHERE article_id = ?'),
      updateArticle: db.prepare(
        `UPDATE articles SET title = @title, source = @source, url = @url, published = @published, format = @format,
         content_hash = @contentHash WHERE id = @id`,
      ),
      getSnapshot: db.prepare<[string], { data: Buffer }>(
        'SELECT data FROM index_snapshots WHERE collection_id = ? ORDER BY seq',
      ),
      snapshotBytes: db.prepare<[string], { bytes: number | null }>(
        'SELECT SUM(length(data)) AS bytes FROM index_snapshots WHERE collection_id = ?',
      ),
      deleteSnapshot: db.prepare<[string]>('DELETE FROM index_snapshots WHERE collection_id = ?'),
      putSnapshot: db.prepare<[string, number, number, string, Uint8Array]>(
        'INSERT INTO index_snapshots (collection_id, seq, paragraphs, saved_at, data) VALUES (?, ?, ?, ?, ?)',
      ),
      paragraphStats: db.prepare<[string], { count: number; max: number | null }>(
        `SELECT COUNT(*) AS count, MAX(p.id) AS max FROM paragraphs p JOIN articles a ON a.id = p.article_id
         WHERE a.collection_id = ?`,
      ),
      paragraphById: db.prepare<[number], ParagraphRow>(
        'SELECT id, article_id, n, heading, text FROM paragraphs WHERE id = ?',
      ),
      // Ids as a JSON array: one statement for any number of them.
      paragraphsByIds: db.prepare<[string], ParagraphRow>(
        'SELECT id, article_id, n, heading, text FROM paragraphs WHERE id IN (SELECT value FROM json_each(?))',
      ),
      articleParagraphs: db.prepare<[number], ParagraphRow>(
        'SELECT id, article_id, n, heading, text FROM paragraphs WHERE article_id = ? ORDER BY n',
      ),
      collectionParagraphs: db.prepare<[string], ParagraphRow>(
        `SELECT p.id, p.article_id, p.n, p.heading, p.text FROM paragraphs p
         JOIN articles a ON a.id = p.article_id WHERE a.collection_id = ? ORDER BY p.article_id, p.n`,
      ),
    };
  }

  hasCollection(id: string): boolean {
    return this.statements.getCollection.get(id) !== undefined;
  }

  /**
   * Create the collection if it does not exist, running `seed` in the same transaction, so a
   * collection never exists half-seeded. Returns true when it was created now.
   */
  ensureCollection(id: string, seed?: (store: Store) => void, now: () => Date = () => new Date()): boolean {
    return this.db
      .transaction(() => {
        if (this.hasCollection(id)) return false;
        this.statements.insertCollection.run(id, now().toISOString());
        seed?.(this);
        return true;
      })
      .immediate();
  }

  /** Store a parsed article. Throws DUPLICATE_ARTICLE when the collection already has the same text. */
  addArticle(collectionId: string, article: ParsedArticle, options: AddOptions = {}): ArticleRecord {
    // Tagging is the slow part of storing: not for an article refused anyway (checked again under the lock).
    this.refuseDuplicate(collectionId, article);
    const readings = readArticle(article);
    return this.db
      .transaction(() => {
        if (!this.hasCollection(collectionId)) throw new UserError('NOT_FOUND', `No collection ${collectionId}.`);
        this.refuseDuplicate(collectionId, article);
        const info = this.statements.insertArticle.run({
          collectionId,
          title: article.title,
          source: article.source ?? null,
          url: article.url ?? null,
          published: article.published ?? null,
          format: article.format,
          contentHash: article.contentHash,
          addedBy: options.addedBy ?? null,
          addedAt: (options.now?.() ?? new Date()).toISOString(),
        });
        const articleId = Number(info.lastInsertRowid);
        this.insertParagraphs(articleId, article, readings);
        return this.getArticle(collectionId, articleId);
      })
      .immediate();
  }

  /** Replace an article's text and metadata, keeping its id. */
  replaceArticle(collectionId: string, articleId: number, article: ParsedArticle): ArticleRecord {
    const readings = readArticle(article);
    return this.db
      .transaction(() => {
        this.getArticle(collectionId, articleId);
        const clash = this.statements.findByHash.get(collectionId, article.contentHash);
        if (clash && clash.id !== articleId) {
          throw new UserError('DUPLICATE_ARTICLE', `That text is already here as #${clash.id} "${clash.title}".`);
        }
        this.statements.deleteParagraphs.run(articleId);
        this.statements.updateArticle.run({
          id: articleId,
          title: article.title,
          source: article.source ?? null,
          url: article.url ?? null,
          published: article.published ?? null,
          format: article.format,
          contentHash: article.contentHash,
        });
        this.insertParagraphs(articleId, article, readings);
        return this.getArticle(collectionId, articleId);
      })
      .immediate();
  }

  /** Throws DUPLICATE_ARTICLE when the collection already has the article's text. */
  private refuseDuplicate(collectionId: string, article: ParsedArticle): void {
    const existing = this.statements.findByHash.get(collectionId, article.contentHash);
    if (existing)
      throw new UserError('DUPLICATE_ARTICLE', `That article is already here as #${existing.id} "${existing.title}".`);
  }

  /** Inside a write: an article's paragraphs, each with its sentences' readings when it has them. */
  private insertParagraphs(articleId: number, article: ParsedArticle, readings: ReadonlyArray<string | undefined>) {
    const tagger = readingFingerprint();
    article.paragraphs.forEach((p, k) => {
      const id = Number(this.statements.insertParagraph.run(articleId, p.n, p.heading ?? null, p.text).lastInsertRowid);
      const lines = readings[k];
      if (lines !== undefined) this.statements.putReadings.run(id, tagger, lines);
    });
  }

  /** Remove an article and its paragraphs; returns what was removed. */
  removeArticle(collectionId: string, articleId: number): ArticleRecord {
    return this.db
      .transaction(() => {
        const article = this.getArticle(collectionId, articleId);
        this.statements.deleteArticle.run(articleId);
        return article;
      })
      .immediate();
  }

  getArticle(collectionId: string, articleId: number): ArticleRecord {
    const row = this.statements.getArticle.get(collectionId, articleId);
    if (!row) throw new UserError('NOT_FOUND', `There is no article #${articleId} here.`);
    return toArticle(row);
  }

  /**
   * The articles of a collection. With `paragraphCounts` (known from a loaded index), the counts
   * come from there instead of a count per article in SQL, which reads every paragraph's index entry.
   */
  listArticles(collectionId: string, paragraphCounts?: ReadonlyMap<number, number>): ArticleRecord[] {
    if (paragraphCounts)
      return this.statements.listArticlesUncounted
        .all(collectionId)
        .map((row) => toArticle({ ...row, paragraph_count: paragraphCounts.get(row.id) ?? 0 }));
    return this.statements.listArticles.all(collectionId).map(toArticle);
  }

  articleParagraphs(articleId: number): ParagraphRecord[] {
    return this.statements.articleParagraphs.all(articleId).map(toParagraph);
  }

  /**
   * How many paragraphs a collection holds and its largest paragraph id. Ids are never reused
   * and each new one is larger than any before, so two states of a collection with the same
   * count and largest id hold the same paragraphs.
   */
  paragraphStats(collectionId: string): { count: number; maxId: number } {
    const row = this.statements.paragraphStats.get(collectionId);
    return { count: row?.count ?? 0, maxId: row?.max ?? 0 };
  }

  /** One paragraph by id, or undefined. Which collection it belongs to is for the caller to check (see `Collection`). */
  paragraph(id: number): ParagraphRecord | undefined {
    const row = this.statements.paragraphById.get(id);
    return row ? toParagraph(row) : undefined;
  }

  /**
   * The readings of paragraph `id`'s sentences stored with it (`readParagraph`), or undefined when none were stored
   * or they were made by another tagger.
   */
  paragraphReadings(id: number): string | undefined {
    return this.statements.readingsById.get(id, readingFingerprint())?.readings;
  }

  /**
   * Store readings for a collection's paragraphs that have none from the current tagger (stored by an older
   * release), oldest first, until `maxChars` characters of text have been read. Returns how many were read.
   */
  readUnreadParagraphs(collectionId: string, maxChars: number): number {
    const tagger = readingFingerprint();
    const read: Array<{ id: number; lines: string }> = [];
    let chars = 0;
    for (const row of this.statements.unread.iterate(tagger, collectionId)) {
      if (chars + row.text.length > maxChars) break;
      chars += row.text.length;
      const lines = readParagraph(row.text);
      if (lines !== undefined) read.push({ id: row.id, lines });
    }
    if (read.length > 0)
      this.db.transaction(() => {
        for (const r of read) this.statements.putReadings.run(r.id, tagger, r.lines);
      })();
    return read.length;
  }

  /** The paragraphs of `ids` that exist, in one query (20 rows: 0.09 ms against 0.31 ms one at a time). */
  paragraphs(ids: readonly number[]): ParagraphRecord[] {
    if (ids.length === 0) return [];
    return this.statements.paragraphsByIds.all(JSON.stringify(ids)).map(toParagraph);
  }

  /** The saved index snapshot of a collection, or undefined. What it holds is checked by its reader. */
  indexSnapshot(collectionId: string): Uint8Array | undefined {
    const total = this.statements.snapshotBytes.get(collectionId)?.bytes;
    if (total === undefined || total === null) return undefined;
    // Copied chunk by chunk into one buffer, each chunk dropped at once: half the fresh memory of read-then-concat.
    const out = Buffer.allocUnsafeSlow(total);
    let at = 0;
    for (const { data } of this.statements.getSnapshot.iterate(collectionId)) {
      if (at + data.length > total) return undefined;
      out.set(data, at);
      at += data.length;
    }
    return at === total ? out : undefined;
  }

  /**
   * Save (replace) the index snapshot of a collection, in one transaction. It is stored in
   * chunks of `SNAPSHOT_CHUNK_BYTES`: SQLite reads one 30 MB value about three times slower
   * than the same bytes in 1 MB rows (measured: 320 ms against 100 ms).
   */
  saveIndexSnapshot(collectionId: string, data: Uint8Array, paragraphs: number, now: Date = new Date()): void {
    this.db
      .transaction(() => {
        this.statements.deleteSnapshot.run(collectionId);
        const savedAt = now.toISOString();
        for (let at = 0, seq = 0; at < data.length || seq === 0; at += SNAPSHOT_CHUNK_BYTES, seq++)
          this.statements.putSnapshot.run(
            collectionId,
            seq,
            paragraphs,
            savedAt,
            data.subarray(at, at + SNAPSHOT_CHUNK_BYTES),
          );
      })
      .immediate();
  }

  /** Every paragraph of a collection grouped by article id, each list in ¶ order. */
  paragraphsByArticle(collectionId: string): Map<number, ParagraphRecord[]> {
    const byArticle = new Map<number, ParagraphRecord[]>();
    for (const p of this.collectionParagraphs(collectionId)) {
      const list = byArticle.get(p.articleId);
      if (list) list.push(p);
      else byArticle.set(p.articleId, [p]);
    }
    return byArticle;
  }

  /** Every paragraph of a collection, article by article, in order. */
  *collectionParagraphs(collectionId: string): IterableIterator<ParagraphRecord> {
    for (const row of this.statements.collectionParagraphs.iterate(collectionId)) yield toParagraph(row);
  }
}
