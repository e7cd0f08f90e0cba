/**
 * The SQLite database: one file (WAL mode, so readers never wait for the writer), a schema
 * versioned in `PRAGMA user_version` and brought up to date at open by the migrations below.
 * A migration runs in a transaction: it either completes or leaves the database as it was.
 */
import { mkdirSync } from 'node:fs';
import { dirname } from 'node:path';
import Database from 'better-sqlite3';
import { UserError } from '../errors.js';

export type Db = Database.Database;

/**
 * Schema migrations, in order. Entry i takes the database from version i to version i + 1.
 * Never edit a released entry: append a new one.
 */
export const MIGRATIONS: readonly string[] = [
  `
  CREATE TABLE collections (
    id          TEXT PRIMARY KEY,
    created_at  TEXT NOT NULL
  );
  CREATE TABLE articles (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    title         TEXT NOT NULL,
    source        TEXT,
    url           TEXT,
    published     TEXT,
    format        TEXT NOT NULL,
    content_hash  TEXT NOT NULL,
    added_by      TEXT,
    added_at      TEXT NOT NULL,
    UNIQUE (collection_id, content_hash)
  );
  CREATE INDEX articles_collection ON articles(collection_id);
  CREATE TABLE paragraphs (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    article_id  INTEGER NOT NULL REFERENCES articles(id) ON DELETE CASCADE,
    n           INTEGER NOT NULL,
    heading     TEXT,
    text        TEXT NOT NULL,
    UNIQUE (article_id, n)
  );
  `,
  `
  CREATE TABLE asks (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    kind          TEXT NOT NULL CHECK (kind IN ('ask', 'search')),
    question      TEXT NOT NULL,
    article_id    INTEGER,
    answer        TEXT,
    created_at    TEXT NOT NULL
  );
  CREATE TABLE feedback (
    ask_id      INTEGER NOT NULL REFERENCES asks(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    vote        INTEGER NOT NULL CHECK (vote IN (-1, 1)),
    question    TEXT NOT NULL,
    answer      TEXT,
    updated_at  TEXT NOT NULL,
    PRIMARY KEY (ask_id, user_id)
  );
  `,
  `
  CREATE TABLE quiz_settings (
    collection_id TEXT PRIMARY KEY REFERENCES collections(id) ON DELETE CASCADE,
    speed_bonus   INTEGER NOT NULL DEFAULT 1
  );
  CREATE TABLE quizzes (
    id            INTEGER PRIMARY KEY AUTOINCREMENT,
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    channel_id    TEXT NOT NULL,
    starter_id    TEXT NOT NULL,
    mode          TEXT NOT NULL CHECK (mode IN ('group', 'solo', 'review', 'daily')),
    status        TEXT NOT NULL CHECK (status IN ('running', 'ended', 'stopped')),
    seconds       INTEGER NOT NULL,
    speed_bonus   INTEGER NOT NULL,
    current       INTEGER NOT NULL DEFAULT 0,
    idle_rounds   INTEGER NOT NULL DEFAULT 0,
    message_id    TEXT,
    created_at    TEXT NOT NULL,
    ended_at      TEXT
  );
  CREATE UNIQUE INDEX quizzes_one_group_per_channel ON quizzes(channel_id) WHERE status = 'running' AND mode = 'group';
  CREATE TABLE quiz_questions (
    id          INTEGER PRIMARY KEY AUTOINCREMENT,
    quiz_id     INTEGER NOT NULL REFERENCES quizzes(id) ON DELETE CASCADE,
    position    INTEGER NOT NULL,
    data        TEXT NOT NULL,
    card_key    TEXT NOT NULL,
    opened_at   TEXT,
    closed_at   TEXT,
    UNIQUE (quiz_id, position)
  );
  CREATE TABLE quiz_answers (
    question_id INTEGER NOT NULL REFERENCES quiz_questions(id) ON DELETE CASCADE,
    user_id     TEXT NOT NULL,
    choice      INTEGER NOT NULL,
    correct     INTEGER NOT NULL,
    points      REAL NOT NULL,
    answered_at TEXT NOT NULL,
    PRIMARY KEY (question_id, user_id)
  );
  CREATE TABLE review_cards (
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    user_id       TEXT NOT NULL,
    card_key      TEXT NOT NULL,
    data          TEXT NOT NULL,
    box           INTEGER NOT NULL,
    due_at        TEXT NOT NULL,
    updated_at    TEXT NOT NULL,
    PRIMARY KEY (collection_id, user_id, card_key)
  );
  CREATE TABLE daily_schedules (
    collection_id TEXT PRIMARY KEY REFERENCES collections(id) ON DELETE CASCADE,
    channel_id    TEXT NOT NULL,
    time          TEXT NOT NULL,
    timezone      TEXT NOT NULL,
    next_at       TEXT NOT NULL,
    created_by    TEXT NOT NULL
  );
  `,
  `
  CREATE TABLE index_snapshots (
    collection_id TEXT NOT NULL REFERENCES collections(id) ON DELETE CASCADE,
    seq           INTEGER NOT NULL,
    paragraphs    INTEGER NOT NULL,
    saved_at      TEXT NOT NULL,
    data          BLOB NOT NULL,
    PRIMARY KEY (collection_id, seq)
  );
  `,
  `
  -- Each paragraph's sentences as wink-nlp read them when it was stored (nlp.ts: readParagraph), so that answering
  -- does not tag them again; tagger is readingFingerprint(). A cache: a row may be missing or stale, never wrong.
  CREATE TABLE paragraph_tags (
    paragraph_id INTEGER PRIMARY KEY REFERENCES paragraphs(id) ON DELETE CASCADE,
    tagger       TEXT NOT NULL,
    readings     TEXT NOT NULL
  );
  `,
];

export const SCHEMA_VERSION = MIGRATIONS.length;

export interface OpenOptions {
  /** Milliseconds a writer waits for another connection's lock before failing. */
  readonly busyTimeoutMs?: number;
  /** Open read-only (no migrations). */
  readonly readonly?: boolean;
}

/** Open (creating if needed) the database at `path` and migrate it. `:memory:` gives a private database. */
export function openDatabase(path: string, options: OpenOptions = {}): Db {
  if (path !== ':memory:') {
    try {
      mkdirSync(dirname(path), { recursive: true });
    } catch (error) {
      throw new UserError(
        'BAD_INPUT',
        `Cannot create the folder for the database at ${path}: ${(error as NodeJS.ErrnoException).code}`,
      );
    }
  }
  let db: Db;
  try {
    db = new Database(path, { readonly: options.readonly ?? false });
  } catch (error) {
    throw new UserError('BAD_INPUT', `Cannot open the database at ${path}: ${(error as Error).message}`);
  }
  db.pragma(`busy_timeout = ${options.busyTimeoutMs ?? 5000}`);
  db.pragma('foreign_keys = ON');
  if (!options.readonly) {
    if (path !== ':memory:') db.pragma('journal_mode = WAL');
    db.pragma('synchronous = NORMAL');
    migrate(db);
  }
  return db;
}

/** Bring the schema up to `SCHEMA_VERSION`. Refuses a database written by a newer release. */
export function migrate(db: Db, migrations: readonly string[] = MIGRATIONS): void {
  const check = (current: number) => {
    if (current > migrations.length) {
      throw new UserError(
        'BAD_INPUT',
        `The database is at schema version ${current}, newer than this release understands (${migrations.length}). Update Footnote.`,
      );
    }
  };
  check(db.pragma('user_version', { simple: true }) as number);
  // Each step re-reads the version inside its write lock: another process (a second shard) may have migrated meanwhile.
  for (;;) {
    const done = db
      .transaction(() => {
        const version = db.pragma('user_version', { simple: true }) as number;
        check(version);
        if (version >= migrations.length) return true;
        db.exec(migrations[version] as string);
        db.pragma(`user_version = ${version + 1}`);
        return false;
      })
      .immediate();
    if (done) break;
  }
}
