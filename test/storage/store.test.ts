import { join } from 'node:path';
import Database from 'better-sqlite3';
import { beforeEach, describe, expect, it } from 'vitest';
import { type ParsedArticle, parseArticle } from '../../src/corpus/article.js';
import { UserError } from '../../src/errors.js';
import { MIGRATIONS, migrate, openDatabase, SCHEMA_VERSION } from '../../src/storage/db.js';
import { READ_ON_ADD_MAX_CHARS, readArticle, Store } from '../../src/storage/store.js';
import { readParagraph } from '../../src/text/nlp.js';
import { tempDir } from '../helpers/tmp.js';

const dir = tempDir();
let path: string;
let store: Store;

/** Each line is a paragraph; lines are made long enough to pass the minimum article length. */
const article = (text: string, title = 'A story'): ParsedArticle =>
  parseArticle({
    content: text
      .split('\n')
      .map((line) => `${line} (story text)`)
      .join('\n'),
    title,
  });

beforeEach(() => {
  path = join(dir, `t-${Math.random().toString(36).slice(2)}.db`);
  store = new Store(openDatabase(path));
  store.ensureCollection('guild-1');
});

describe('openDatabase', () => {
  it('creates the file in WAL mode at the current schema version', () => {
    expect(store.db.pragma('journal_mode', { simple: true })).toBe('wal');
    expect(store.db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('creates missing folders', () => {
    const nested = join(dir, 'a', 'b', 'c.db');
    openDatabase(nested).close();
    expect(new Database(nested).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
  });

  it('refuses a database written by a newer release, and changes nothing', () => {
    store.db.pragma(`user_version = ${SCHEMA_VERSION + 1}`);
    store.db.close();
    expect(() => openDatabase(path)).toThrow(/newer than this release/);
    expect(new Database(path).pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
  });

  it('migrates an older database and keeps every article', () => {
    const id = store.addArticle('guild-1', article('Rebels said Ghanem defected last week.')).id;
    store.db.close();
    // A later release adds a migration; the old file opens and keeps its rows.
    const db = openDatabase(path);
    migrate(db, [...MIGRATIONS, 'CREATE TABLE extra (x INTEGER)']);
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION + 1);
    expect(new Store(db).getArticle('guild-1', id).title).toBe('A story');
  });

  it('rolls back a failing migration whole', () => {
    const db = openDatabase(':memory:');
    expect(() => migrate(db, [...MIGRATIONS, 'CREATE TABLE ok (x INTEGER); THIS IS NOT SQL'])).toThrow();
    expect(db.pragma('user_version', { simple: true })).toBe(SCHEMA_VERSION);
    expect(db.prepare("SELECT name FROM sqlite_master WHERE name = 'ok'").get()).toBeUndefined();
  });
});

describe('Store', () => {
  it('adds, lists, reads and removes articles with their paragraphs', () => {
    const a = store.addArticle('guild-1', article('First paragraph here.\nSecond paragraph here.'), { addedBy: 'u1' });
    expect(a).toMatchObject({ collectionId: 'guild-1', title: 'A story', paragraphCount: 2, addedBy: 'u1' });
    expect(store.articleParagraphs(a.id).map((p) => [p.n, p.text])).toEqual([
      [1, 'First paragraph here. (story text)'],
      [2, 'Second paragraph here. (story text)'],
    ]);
    expect(store.listArticles('guild-1').map((x) => x.id)).toEqual([a.id]);
    expect(store.removeArticle('guild-1', a.id).id).toBe(a.id);
    expect(store.listArticles('guild-1')).toEqual([]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM paragraphs').get()).toEqual({ n: 0 });
  });

  it('keeps collections apart', () => {
    store.ensureCollection('guild-2');
    const a = store.addArticle('guild-1', article('Only in the first server.'));
    expect(store.listArticles('guild-2')).toEqual([]);
    expect(() => store.getArticle('guild-2', a.id)).toThrow(UserError);
    expect(() => store.removeArticle('guild-2', a.id)).toThrow(/no article/);
    expect(store.listArticles('guild-1')).toHaveLength(1);
  });

  it('refuses a duplicate article and keeps the first', () => {
    const first = store.addArticle('guild-1', article('Same text twice.'));
    try {
      store.addArticle('guild-1', article('Same text twice.', 'Other title'));
      expect.unreachable();
    } catch (error) {
      expect((error as UserError).code).toBe('DUPLICATE_ARTICLE');
      expect((error as UserError).message).toContain(`#${first.id}`);
    }
    expect(store.listArticles('guild-1')).toHaveLength(1);
  });

  it('stores nothing when a paragraph fails half-way (transaction)', () => {
    const good = store.addArticle('guild-1', article('Stored before.'));
    const broken: ParsedArticle = { ...article('One.\nTwo.\nThree.'), contentHash: 'x' };
    const clashing = { ...broken, paragraphs: [...broken.paragraphs, { n: 1, text: 'same number twice' }] };
    expect(() => store.addArticle('guild-1', clashing)).toThrow();
    expect(store.listArticles('guild-1').map((a) => a.id)).toEqual([good.id]);
    expect(store.db.prepare('SELECT COUNT(*) AS n FROM paragraphs').get()).toEqual({ n: 1 });
  });

  it('replaces an article in place, keeping its id', () => {
    const a = store.addArticle('guild-1', article('Old text.'));
    const b = store.replaceArticle('guild-1', a.id, article('New text.\nAnd more.', 'New title'));
    expect(b).toMatchObject({ id: a.id, title: 'New title', paragraphCount: 2 });
  });

  it("stores each paragraph's sentence readings with it, and drops them with the paragraph", () => {
    const a = store.addArticle('guild-1', article('Rebels left Misrata. Ghanem defected.\nNATO said so.'));
    const [first, second] = store.articleParagraphs(a.id);
    expect(store.paragraphReadings(first?.id as number)).toBe(readParagraph(first?.text as string));
    expect(store.paragraphReadings(first?.id as number)?.split('\n')).toHaveLength(2);
    // Readings made by another tagger are not used.
    store.db.prepare("UPDATE paragraph_tags SET tagger = 'r0/old' WHERE paragraph_id = ?").run(second?.id);
    expect(store.paragraphReadings(second?.id as number)).toBeUndefined();
    store.replaceArticle('guild-1', a.id, article('New text.'));
    const count = () => store.db.prepare('SELECT COUNT(*) AS n FROM paragraph_tags').get();
    expect(count()).toEqual({ n: 1 });
    store.removeArticle('guild-1', a.id);
    expect(count()).toEqual({ n: 0 });
  });

  it(`stores no readings for an article longer than ${READ_ON_ADD_MAX_CHARS} characters (it is tagged when asked)`, () => {
    const line = 'The harbour of Misrata was shelled again on Tuesday, residents said, and ships could not dock. ';
    const long = Array.from(
      { length: Math.ceil(READ_ON_ADD_MAX_CHARS / 2_500) },
      (_, k) => `Part ${k}. ${line.repeat(30)}`,
    ).join('\n');
    const a = store.addArticle('guild-1', article(long));
    expect(a.paragraphCount).toBeGreaterThan(1);
    for (const p of store.articleParagraphs(a.id)) expect(store.paragraphReadings(p.id)).toBeUndefined();
    const short = 'Rebels left Misrata on Tuesday.';
    expect(readArticle(article(short))).toEqual([readParagraph(`${short} (story text)`)]);
  });

  it('creates a collection with its seed in one transaction', () => {
    expect(() =>
      store.ensureCollection('guild-3', (s) => {
        s.addArticle('guild-3', article('Seeded.'));
        throw new Error('crash while seeding');
      }),
    ).toThrow('crash while seeding');
    expect(store.hasCollection('guild-3')).toBe(false);
    expect(store.ensureCollection('guild-3', (s) => void s.addArticle('guild-3', article('Seeded.')))).toBe(true);
    expect(store.ensureCollection('guild-3')).toBe(false);
    expect(store.listArticles('guild-3')).toHaveLength(1);
  });

  it('keeps everything across a reopen', () => {
    store.addArticle('guild-1', article('Durable text.'));
    store.db.close();
    const reopened = new Store(openDatabase(path));
    expect(reopened.listArticles('guild-1')[0]?.title).toBe('A story');
  });

  it('lets a reader read while a writer holds a transaction (WAL)', () => {
    store.addArticle('guild-1', article('Visible to readers.'));
    const reader = new Store(openDatabase(path));
    store.db.exec('BEGIN IMMEDIATE');
    store.db.prepare("INSERT INTO collections (id, created_at) VALUES ('pending', 'now')").run();
    expect(reader.listArticles('guild-1')).toHaveLength(1);
    expect(reader.hasCollection('pending')).toBe(false);
    store.db.exec('COMMIT');
    expect(reader.hasCollection('pending')).toBe(true);
  });
});
