/**
 * Quizzes in the database: starting one, answering (once per person, checked in SQLite so no
 * answer is lost or counted twice however many click at once), closing a question with its
 * tally, moving on, stopping, scores, leaderboards, stats, spaced review of missed questions
 * (Leitner boxes) and daily questions. Plain data in and out; no Discord, no timers.
 */
import { createHash } from 'node:crypto';
import { UserError } from '../errors.js';
import type { Library } from '../library.js';
import type { Db } from '../storage/db.js';
import { generateQuiz, type QuizQuestion } from './generate.js';
import { nextOccurrence, parseTime } from './schedule.js';

export type QuizMode = 'group' | 'solo' | 'review' | 'daily';
export type QuizStatus = 'running' | 'ended' | 'stopped';

export const QUIZ_LIMITS = {
  minQuestions: 1,
  maxQuestions: 20,
  defaultQuestions: 5,
  minSeconds: 10,
  maxSeconds: 120,
  defaultSeconds: 20,
  /** Questions in a row nobody answers before a group quiz stops itself. */
  idleRoundsToStop: 2,
  /** Most points the speed bonus adds to a right answer (answering at once). */
  maxSpeedBonus: 0.5,
  /** Cards one /quiz review brings back. */
  reviewBatch: 5,
} as const;

/** Days before a card in Leitner box n (1-based) is due again. */
export const LEITNER_DAYS = [1, 2, 4, 8, 16] as const;
const DAY_MS = 86_400_000;

export interface Quiz {
  readonly id: number;
  readonly collectionId: string;
  readonly channelId: string;
  readonly starterId: string;
  readonly mode: QuizMode;
  readonly status: QuizStatus;
  readonly seconds: number;
  readonly speedBonus: boolean;
  readonly current: number;
  readonly idleRounds: number;
  readonly messageId?: string;
  readonly questionCount: number;
}

export interface OpenQuestion {
  readonly id: number;
  readonly quizId: number;
  readonly position: number;
  readonly question: QuizQuestion;
  readonly openedAt?: number;
  readonly closedAt?: number;
}

export type AnswerOutcome =
  | { readonly status: 'recorded'; readonly correct: boolean; readonly points: number; readonly question: OpenQuestion }
  | { readonly status: 'already'; readonly choice: number }
  | { readonly status: 'closed' };

export interface Reveal {
  readonly question: OpenQuestion;
  /** How many chose each option, in option order. */
  readonly counts: readonly number[];
  readonly right: readonly string[];
  readonly wrong: readonly string[];
}

export interface ScoreLine {
  readonly userId: string;
  readonly points: number;
  readonly right: number;
  readonly answered: number;
  /** Longest run of right answers. */
  readonly bestStreak: number;
}

export interface UserStats {
  readonly answered: number;
  readonly right: number;
  /** Right answers in a row, most recent first. */
  readonly streak: number;
  readonly articlesCovered: number;
  readonly dueReviews: number;
}

export interface DailySchedule {
  readonly collectionId: string;
  readonly channelId: string;
  readonly time: string;
  readonly timezone: string;
  readonly nextAt: number;
}

interface QuizRow {
  id: number;
  collection_id: string;
  channel_id: string;
  starter_id: string;
  mode: QuizMode;
  status: QuizStatus;
  seconds: number;
  speed_bonus: number;
  current: number;
  idle_rounds: number;
  message_id: string | null;
  question_count: number;
}

interface QuestionRow {
  id: number;
  quiz_id: number;
  position: number;
  data: string;
  opened_at: string | null;
  closed_at: string | null;
}

function toQuiz(r: QuizRow): Quiz {
  return {
    id: r.id,
    collectionId: r.collection_id,
    channelId: r.channel_id,
    starterId: r.starter_id,
    mode: r.mode,
    status: r.status,
    seconds: r.seconds,
    speedBonus: r.speed_bonus === 1,
    current: r.current,
    idleRounds: r.idle_rounds,
    ...(r.message_id ? { messageId: r.message_id } : {}),
    questionCount: r.question_count,
  };
}

function toQuestion(r: QuestionRow): OpenQuestion {
  return {
    id: r.id,
    quizId: r.quiz_id,
    position: r.position,
    question: JSON.parse(r.data) as QuizQuestion,
    ...(r.opened_at ? { openedAt: Date.parse(r.opened_at) } : {}),
    ...(r.closed_at ? { closedAt: Date.parse(r.closed_at) } : {}),
  };
}

/** A stable key for a question, so the same question missed twice is one review card. */
export function cardKey(q: QuizQuestion): string {
  return createHash('sha256').update(`${q.stem}\n${q.answer}`).digest('hex').slice(0, 24);
}

const iso = (ms: number) => new Date(ms).toISOString();

export interface StartOptions {
  readonly collectionId: string;
  readonly channelId: string;
  readonly starterId: string;
  readonly mode: QuizMode;
  readonly articleId?: number;
  readonly count?: number;
  readonly seconds?: number;
  readonly seed: number;
  /** For review quizzes: the questions to ask (else generated). */
  readonly questions?: readonly QuizQuestion[];
}

export class QuizService {
  private readonly db: Db;
  private readonly library: Library;

  constructor(db: Db, library: Library) {
    this.db = db;
    this.library = library;
  }

  speedBonus(collectionId: string): boolean {
    const row = this.db
      .prepare<[string], { speed_bonus: number }>('SELECT speed_bonus FROM quiz_settings WHERE collection_id = ?')
      .get(collectionId);
    return row ? row.speed_bonus === 1 : true;
  }

  setSpeedBonus(collectionId: string, on: boolean): void {
    this.library.collection(collectionId);
    this.db
      .prepare(
        'INSERT INTO quiz_settings (collection_id, speed_bonus) VALUES (?, ?) ON CONFLICT (collection_id) DO UPDATE SET speed_bonus = excluded.speed_bonus',
      )
      .run(collectionId, on ? 1 : 0);
  }

  /** Write the questions and open the first. Throws UserError when nothing can be asked or the channel is busy. */
  start(options: StartOptions, now: number): { quiz: Quiz; question: OpenQuestion } {
    const count = options.count ?? QUIZ_LIMITS.defaultQuestions;
    const seconds = options.seconds ?? QUIZ_LIMITS.defaultSeconds;
    if (!Number.isInteger(count) || count < QUIZ_LIMITS.minQuestions || count > QUIZ_LIMITS.maxQuestions) {
      throw new UserError(
        'BAD_INPUT',
        `A quiz has ${QUIZ_LIMITS.minQuestions} to ${QUIZ_LIMITS.maxQuestions} questions.`,
      );
    }
    if (!Number.isInteger(seconds) || seconds < QUIZ_LIMITS.minSeconds || seconds > QUIZ_LIMITS.maxSeconds) {
      throw new UserError(
        'BAD_INPUT',
        `Questions last ${QUIZ_LIMITS.minSeconds} to ${QUIZ_LIMITS.maxSeconds} seconds.`,
      );
    }
    const collection = this.library.collection(options.collectionId);
    if (options.articleId !== undefined && !collection.article(options.articleId)) {
      throw new UserError('NOT_FOUND', `There is no article #${options.articleId} here.`);
    }
    const questions =
      options.questions ??
      generateQuiz(collection, {
        count,
        seed: options.seed,
        ...(options.articleId !== undefined ? { articleId: options.articleId } : {}),
      });
    if (questions.length === 0)
      throw new UserError('NOT_FOUND', 'These articles hold no names, numbers or dates to quiz on yet.');
    const quizId = this.db
      .transaction(() => {
        let id: number;
        try {
          id = Number(
            this.db
              .prepare(
                `INSERT INTO quizzes (collection_id, channel_id, starter_id, mode, status, seconds, speed_bonus, created_at)
                 VALUES (?, ?, ?, ?, 'running', ?, ?, ?)`,
              )
              .run(
                options.collectionId,
                options.channelId,
                options.starterId,
                options.mode,
                seconds,
                this.speedBonus(options.collectionId) ? 1 : 0,
                iso(now),
              ).lastInsertRowid,
          );
        } catch (error) {
          if (/UNIQUE/.test((error as Error).message))
            throw new UserError(
              'BAD_INPUT',
              'A group quiz is already running in this channel. Join it, or /quiz stop it first.',
            );
          throw error;
        }
        const insert = this.db.prepare(
          'INSERT INTO quiz_questions (quiz_id, position, data, card_key, opened_at) VALUES (?, ?, ?, ?, ?)',
        );
        questions.forEach((q, i) => {
          insert.run(id, i, JSON.stringify(q), cardKey(q), i === 0 ? iso(now) : null);
        });
        return id;
      })
      .immediate();
    return { quiz: this.quiz(quizId), question: this.currentQuestion(quizId) };
  }

  quiz(id: number): Quiz {
    const row = this.db
      .prepare<[number], QuizRow>(
        'SELECT q.*, (SELECT COUNT(*) FROM quiz_questions WHERE quiz_id = q.id) AS question_count FROM quizzes q WHERE q.id = ?',
      )
      .get(id);
    if (!row) throw new UserError('NOT_FOUND', 'That quiz is over or never existed.');
    return toQuiz(row);
  }

  /** The running group quiz of a channel, if any. */
  runningInChannel(channelId: string): Quiz | undefined {
    const row = this.db
      .prepare<[string], { id: number }>(
        "SELECT id FROM quizzes WHERE channel_id = ? AND status = 'running' AND mode = 'group'",
      )
      .get(channelId);
    return row ? this.quiz(row.id) : undefined;
  }

  /** Running quizzes of a mode (at start-up, to end group quizzes whose timers died with the last process). */
  running(mode: QuizMode): Quiz[] {
    return this.db
      .prepare<[QuizMode], { id: number }>("SELECT id FROM quizzes WHERE status = 'running' AND mode = ?")
      .all(mode)
      .map((r) => this.quiz(r.id));
  }

  question(questionId: number): OpenQuestion {
    const row = this.db.prepare<[number], QuestionRow>('SELECT * FROM quiz_questions WHERE id = ?').get(questionId);
    if (!row) throw new UserError('NOT_FOUND', 'That question no longer exists.');
    return toQuestion(row);
  }

  currentQuestion(quizId: number): OpenQuestion {
    const quiz = this.quiz(quizId);
    const row = this.db
      .prepare<[number, number], QuestionRow>('SELECT * FROM quiz_questions WHERE quiz_id = ? AND position = ?')
      .get(quizId, quiz.current);
    if (!row) throw new UserError('NOT_FOUND', 'That quiz has no question open.');
    return toQuestion(row);
  }

  /** Record one person's answer to an open question: once, and only while it is open. */
  answer(quizId: number, questionId: number, userId: string, choice: number, now: number): AnswerOutcome {
    return this.db
      .transaction((): AnswerOutcome => {
        const quiz = this.quiz(quizId);
        const question = this.question(questionId);
        if (question.quizId !== quizId) throw new UserError('BAD_INPUT', 'That button does not belong to this quiz.');
        if ((quiz.mode === 'solo' || quiz.mode === 'review') && userId !== quiz.starterId) {
          throw new UserError('FORBIDDEN', 'This is someone else’s quiz. Start your own with /quiz start.');
        }
        if (
          quiz.status !== 'running' ||
          question.position !== quiz.current ||
          question.closedAt !== undefined ||
          question.openedAt === undefined
        ) {
          return { status: 'closed' };
        }
        if (!Number.isInteger(choice) || choice < 0 || choice >= question.question.options.length)
          throw new UserError('BAD_INPUT', 'That is not one of the options.');
        const previous = this.db
          .prepare<[number, string], { choice: number }>(
            'SELECT choice FROM quiz_answers WHERE question_id = ? AND user_id = ?',
          )
          .get(questionId, userId);
        if (previous) return { status: 'already', choice: previous.choice };
        const correct = choice === question.question.answerIndex;
        const elapsed = Math.max(0, now - (question.openedAt ?? now)) / 1000;
        const bonus =
          quiz.speedBonus && quiz.mode === 'group'
            ? Math.max(0, QUIZ_LIMITS.maxSpeedBonus * (1 - elapsed / quiz.seconds))
            : 0;
        const points = correct ? Math.round((1 + bonus) * 100) / 100 : 0;
        this.db
          .prepare(
            'INSERT INTO quiz_answers (question_id, user_id, choice, correct, points, answered_at) VALUES (?, ?, ?, ?, ?, ?)',
          )
          .run(questionId, userId, choice, correct ? 1 : 0, points, iso(now));
        this.updateCard(quiz, question, userId, correct, now);
        return { status: 'recorded', correct, points, question };
      })
      .immediate();
  }

  /** Leitner: a miss goes to box 1 (due tomorrow); a right answer to a card moves it up a box. */
  private updateCard(quiz: Quiz, question: OpenQuestion, userId: string, correct: boolean, now: number): void {
    const key = cardKey(question.question);
    const card = this.db
      .prepare<[string, string, string], { box: number }>(
        'SELECT box FROM review_cards WHERE collection_id = ? AND user_id = ? AND card_key = ?',
      )
      .get(quiz.collectionId, userId, key);
    if (!card && correct) return;
    const box = correct ? Math.min((card?.box ?? 1) + 1, LEITNER_DAYS.length) : 1;
    const due = now + (LEITNER_DAYS[box - 1] ?? 1) * DAY_MS;
    this.db
      .prepare(
        `INSERT INTO review_cards (collection_id, user_id, card_key, data, box, due_at, updated_at) VALUES (?, ?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection_id, user_id, card_key) DO UPDATE SET box = excluded.box, due_at = excluded.due_at, updated_at = excluded.updated_at`,
      )
      .run(quiz.collectionId, userId, key, JSON.stringify(question.question), box, iso(due), iso(now));
  }

  /** Close a question and tally it. Closing twice returns the same tally. */
  close(questionId: number, now: number): Reveal {
    return this.db
      .transaction((): Reveal => {
        const question = this.question(questionId);
        if (question.closedAt === undefined)
          this.db.prepare('UPDATE quiz_questions SET closed_at = ? WHERE id = ?').run(iso(now), questionId);
        const answers = this.db
          .prepare<[number], { user_id: string; choice: number; correct: number }>(
            'SELECT user_id, choice, correct FROM quiz_answers WHERE question_id = ? ORDER BY answered_at',
          )
          .all(questionId);
        const counts = question.question.options.map((_, i) => answers.filter((a) => a.choice === i).length);
        const quiz = this.quiz(question.quizId);
        if (quiz.mode === 'group') {
          const idle = answers.length === 0 ? quiz.idleRounds + 1 : 0;
          this.db.prepare('UPDATE quizzes SET idle_rounds = ? WHERE id = ?').run(idle, quiz.id);
        }
        return {
          question: { ...question, closedAt: question.closedAt ?? now },
          counts,
          right: answers.filter((a) => a.correct === 1).map((a) => a.user_id),
          wrong: answers.filter((a) => a.correct === 0).map((a) => a.user_id),
        };
      })
      .immediate();
  }

  /** Open the next question, or end the quiz (null) after the last. */
  advance(quizId: number, now: number): OpenQuestion | null {
    return this.db
      .transaction((): OpenQuestion | null => {
        const quiz = this.quiz(quizId);
        if (quiz.status !== 'running') return null;
        if (quiz.current + 1 >= quiz.questionCount) {
          this.db.prepare("UPDATE quizzes SET status = 'ended', ended_at = ? WHERE id = ?").run(iso(now), quizId);
          return null;
        }
        this.db.prepare('UPDATE quizzes SET current = current + 1 WHERE id = ?').run(quizId);
        this.db
          .prepare('UPDATE quiz_questions SET opened_at = ? WHERE quiz_id = ? AND position = ?')
          .run(iso(now), quizId, quiz.current + 1);
        return this.currentQuestion(quizId);
      })
      .immediate();
  }

  /** Stop a running quiz: its starter or a moderator only. */
  stop(quizId: number, userId: string, isModerator: boolean, now: number): Quiz {
    const quiz = this.quiz(quizId);
    if (quiz.status !== 'running') throw new UserError('NOT_FOUND', 'That quiz is already over.');
    if (quiz.starterId !== userId && !isModerator)
      throw new UserError('FORBIDDEN', 'Only the person who started the quiz, or a moderator, can stop it.');
    this.end(quizId, 'stopped', now);
    return this.quiz(quizId);
  }

  end(quizId: number, status: 'ended' | 'stopped', now: number): void {
    this.db
      .prepare("UPDATE quizzes SET status = ?, ended_at = ? WHERE id = ? AND status = 'running'")
      .run(status, iso(now), quizId);
  }

  setMessage(quizId: number, messageId: string): void {
    this.db.prepare('UPDATE quizzes SET message_id = ? WHERE id = ?').run(messageId, quizId);
  }

  /** People who have answered anything in this quiz (those "present"). */
  participants(quizId: number): string[] {
    return this.db
      .prepare<[number], { user_id: string }>(
        'SELECT DISTINCT a.user_id FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id WHERE q.quiz_id = ?',
      )
      .all(quizId)
      .map((r) => r.user_id);
  }

  answeredBy(questionId: number): string[] {
    return this.db
      .prepare<[number], { user_id: string }>('SELECT user_id FROM quiz_answers WHERE question_id = ?')
      .all(questionId)
      .map((r) => r.user_id);
  }

  scoreboard(quizId: number): ScoreLine[] {
    const rows = this.db
      .prepare<[number], { user_id: string; position: number; correct: number; points: number }>(
        'SELECT a.user_id, q.position, a.correct, a.points FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id WHERE q.quiz_id = ? ORDER BY q.position',
      )
      .all(quizId);
    return scoreLines(rows.map((r) => ({ userId: r.user_id, correct: r.correct === 1, points: r.points })));
  }

  /** Points per person over a period ('week': the last 7 days; 'all'). */
  leaderboard(collectionId: string, period: 'week' | 'all', now: number, limit = 10): ScoreLine[] {
    const since = period === 'week' ? iso(now - 7 * DAY_MS) : '';
    const rows = this.db
      .prepare<[string, string], { user_id: string; correct: number; points: number }>(
        `SELECT a.user_id, a.correct, a.points FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id JOIN quizzes z ON z.id = q.quiz_id
         WHERE z.collection_id = ? AND a.answered_at >= ? ORDER BY a.answered_at`,
      )
      .all(collectionId, since);
    return scoreLines(rows.map((r) => ({ userId: r.user_id, correct: r.correct === 1, points: r.points }))).slice(
      0,
      limit,
    );
  }

  stats(collectionId: string, userId: string, now: number): UserStats {
    const rows = this.db
      .prepare<[string, string], { correct: number; data: string }>(
        `SELECT a.correct, q.data FROM quiz_answers a JOIN quiz_questions q ON q.id = a.question_id JOIN quizzes z ON z.id = q.quiz_id
         WHERE z.collection_id = ? AND a.user_id = ? ORDER BY a.answered_at DESC`,
      )
      .all(collectionId, userId);
    let streak = 0;
    while (streak < rows.length && rows[streak]?.correct === 1) streak++;
    const articles = new Set(rows.map((r) => (JSON.parse(r.data) as QuizQuestion).citation.article.id));
    return {
      answered: rows.length,
      right: rows.filter((r) => r.correct === 1).length,
      streak,
      articlesCovered: articles.size,
      dueReviews: this.dueCards(collectionId, userId, now).length,
    };
  }

  /** A person's review cards that are due, most overdue first. */
  dueCards(collectionId: string, userId: string, now: number, limit: number = QUIZ_LIMITS.reviewBatch): QuizQuestion[] {
    return this.db
      .prepare<[string, string, string, number], { data: string }>(
        'SELECT data FROM review_cards WHERE collection_id = ? AND user_id = ? AND due_at <= ? ORDER BY due_at, box LIMIT ?',
      )
      .all(collectionId, userId, iso(now), limit)
      .map((r) => JSON.parse(r.data) as QuizQuestion);
  }

  /** When the next card comes due, if any. */
  nextDue(collectionId: string, userId: string): number | undefined {
    const row = this.db
      .prepare<[string, string], { due: string | null }>(
        'SELECT MIN(due_at) AS due FROM review_cards WHERE collection_id = ? AND user_id = ?',
      )
      .get(collectionId, userId);
    return row?.due ? Date.parse(row.due) : undefined;
  }

  setDaily(
    collectionId: string,
    channelId: string,
    time: string,
    timezone: string,
    by: string,
    now: number,
  ): DailySchedule {
    parseTime(time);
    this.library.collection(collectionId);
    const nextAt = nextOccurrence(time, timezone, now);
    this.db
      .prepare(
        `INSERT INTO daily_schedules (collection_id, channel_id, time, timezone, next_at, created_by) VALUES (?, ?, ?, ?, ?, ?)
         ON CONFLICT (collection_id) DO UPDATE SET channel_id = excluded.channel_id, time = excluded.time, timezone = excluded.timezone, next_at = excluded.next_at, created_by = excluded.created_by`,
      )
      .run(collectionId, channelId, time, timezone, iso(nextAt), by);
    return { collectionId, channelId, time, timezone, nextAt };
  }

  dailyOff(collectionId: string): boolean {
    return this.db.prepare('DELETE FROM daily_schedules WHERE collection_id = ?').run(collectionId).changes > 0;
  }

  daily(collectionId: string): DailySchedule | undefined {
    return this.dailies().find((d) => d.collectionId === collectionId);
  }

  dailies(): DailySchedule[] {
    return this.db
      .prepare<[], { collection_id: string; channel_id: string; time: string; timezone: string; next_at: string }>(
        'SELECT * FROM daily_schedules ORDER BY next_at',
      )
      .all()
      .map((r) => ({
        collectionId: r.collection_id,
        channelId: r.channel_id,
        time: r.time,
        timezone: r.timezone,
        nextAt: Date.parse(r.next_at),
      }));
  }

  /** Move a schedule to its next day, after its question was posted. */
  markDailyPosted(schedule: DailySchedule, now: number): DailySchedule {
    const nextAt = nextOccurrence(schedule.time, schedule.timezone, Math.max(now, schedule.nextAt));
    this.db
      .prepare('UPDATE daily_schedules SET next_at = ? WHERE collection_id = ?')
      .run(iso(nextAt), schedule.collectionId);
    return { ...schedule, nextAt };
  }
}

function scoreLines(answers: ReadonlyArray<{ userId: string; correct: boolean; points: number }>): ScoreLine[] {
  const byUser = new Map<string, { points: number; right: number; answered: number; run: number; best: number }>();
  for (const a of answers) {
    const s = byUser.get(a.userId) ?? { points: 0, right: 0, answered: 0, run: 0, best: 0 };
    s.points += a.points;
    s.answered += 1;
    if (a.correct) {
      s.right += 1;
      s.run += 1;
      s.best = Math.max(s.best, s.run);
    } else s.run = 0;
    byUser.set(a.userId, s);
  }
  return [...byUser]
    .map(([userId, s]) => ({
      userId,
      points: Math.round(s.points * 100) / 100,
      right: s.right,
      answered: s.answered,
      bestStreak: s.best,
    }))
    .sort((a, b) => b.points - a.points || b.right - a.right || a.userId.localeCompare(b.userId));
}
