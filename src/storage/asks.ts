/**
 * Questions and searches asked in Discord (so buttons can page through their passages later
 * without carrying the question in a 100-character custom id) and the 👍/👎 feedback on
 * answers: one vote per user per answer, changeable.
 */
import { UserError } from '../errors.js';
import type { Db } from './db.js';

export type AskKind = 'ask' | 'search';

export interface AskRecord {
  readonly id: number;
  readonly collectionId: string;
  readonly userId: string;
  readonly kind: AskKind;
  readonly question: string;
  readonly articleId?: number;
  readonly answer?: string;
  readonly createdAt: string;
}

interface AskRow {
  id: number;
  collection_id: string;
  user_id: string;
  kind: AskKind;
  question: string;
  article_id: number | null;
  answer: string | null;
  created_at: string;
}

export interface VoteTally {
  readonly up: number;
  readonly down: number;
}

export class AskStore {
  private readonly statements;

  constructor(db: Db) {
    this.statements = {
      insert: db.prepare(
        `INSERT INTO asks (collection_id, user_id, kind, question, article_id, answer, created_at)
         VALUES (@collectionId, @userId, @kind, @question, @articleId, @answer, @createdAt)`,
      ),
      get: db.prepare<[number], AskRow>('SELECT * FROM asks WHERE id = ?'),
      vote: db.prepare(
        `INSERT INTO feedback (ask_id, user_id, vote, question, answer, updated_at)
         VALUES (@askId, @userId, @vote, @question, @answer, @updatedAt)
         ON CONFLICT (ask_id, user_id) DO UPDATE SET vote = excluded.vote, updated_at = excluded.updated_at`,
      ),
      tally: db.prepare<[number], { up: number | null; down: number | null }>(
        'SELECT SUM(vote = 1) AS up, SUM(vote = -1) AS down FROM feedback WHERE ask_id = ?',
      ),
      voteOf: db.prepare<[number, string], { vote: number }>(
        'SELECT vote FROM feedback WHERE ask_id = ? AND user_id = ?',
      ),
    };
  }

  record(ask: Omit<AskRecord, 'id' | 'createdAt'>, now: Date = new Date()): AskRecord {
    const createdAt = now.toISOString();
    const info = this.statements.insert.run({
      collectionId: ask.collectionId,
      userId: ask.userId,
      kind: ask.kind,
      question: ask.question,
      articleId: ask.articleId ?? null,
      answer: ask.answer ?? null,
      createdAt,
    });
    return { ...ask, id: Number(info.lastInsertRowid), createdAt };
  }

  /** The ask with this id in this collection; NOT_FOUND for a stale or foreign id. */
  get(collectionId: string, id: number): AskRecord {
    const row = this.statements.get.get(id);
    if (!row || row.collection_id !== collectionId) {
      throw new UserError('NOT_FOUND', 'That question is no longer available. Ask it again.');
    }
    return {
      id: row.id,
      collectionId: row.collection_id,
      userId: row.user_id,
      kind: row.kind,
      question: row.question,
      ...(row.article_id !== null ? { articleId: row.article_id } : {}),
      ...(row.answer !== null ? { answer: row.answer } : {}),
      createdAt: row.created_at,
    };
  }

  /** Record or change a user's vote on an answer. */
  vote(ask: AskRecord, userId: string, vote: 1 | -1, now: Date = new Date()): VoteTally {
    this.statements.vote.run({
      askId: ask.id,
      userId,
      vote,
      question: ask.question,
      answer: ask.answer ?? null,
      updatedAt: now.toISOString(),
    });
    return this.tally(ask.id);
  }

  voteOf(askId: number, userId: string): 1 | -1 | undefined {
    return this.statements.voteOf.get(askId, userId)?.vote as 1 | -1 | undefined;
  }

  tally(askId: number): VoteTally {
    const row = this.statements.tally.get(askId);
    return { up: row?.up ?? 0, down: row?.down ?? 0 };
  }
}
