/**
 * The pace of a group quiz: show a question, close it when its time is up or when everyone
 * present has answered, reveal, pause, next; stop after the last question, on /quiz stop, or
 * when nobody has answered for a while. Timers come from an injectable clock (tests use a fake
 * one); what is shown goes through a port (Discord in production, plain calls in tests).
 */
import type { Logger } from '../log.js';
import type { Clock, TimerHandle } from '../util/clock.js';
import { type OpenQuestion, QUIZ_LIMITS, type Quiz, type QuizService, type Reveal, type ScoreLine } from './service.js';

export type FinishReason = 'ended' | 'stopped' | 'idle';

export interface QuizPort {
  question(quiz: Quiz, question: OpenQuestion): Promise<void>;
  reveal(quiz: Quiz, reveal: Reveal): Promise<void>;
  finished(quiz: Quiz, board: readonly ScoreLine[], reason: FinishReason): Promise<void>;
}

/** Pause between a reveal and the next question. */
export const REVEAL_PAUSE_MS = 4000;

export class GroupQuizRunner {
  private readonly timers = new Map<number, TimerHandle>();
  private readonly chains = new Map<number, Promise<void>>();

  constructor(
    private readonly service: QuizService,
    private readonly clock: Clock,
    private readonly port: QuizPort,
    private readonly log: Logger,
    private readonly pauseMs: number = REVEAL_PAUSE_MS,
  ) {}

  /** Run one step of a quiz at a time, in order, whatever calls it. */
  private serial(quizId: number, step: () => Promise<void>): Promise<void> {
    const previous = this.chains.get(quizId) ?? Promise.resolve();
    const next = previous
      .then(step)
      .catch((error: unknown) => this.log.error({ err: error, quiz: quizId }, 'quiz step failed'));
    this.chains.set(quizId, next);
    return next;
  }

  private arm(quizId: number, questionId: number, ms: number, action: () => Promise<void>): void {
    this.disarm(quizId);
    this.timers.set(
      quizId,
      this.clock.setTimeout(() => {
        this.timers.delete(quizId);
        void this.serial(quizId, async () => {
          const quiz = this.service.quiz(quizId);
          if (quiz.status === 'running' && this.service.currentQuestion(quizId).id === questionId) await action();
        });
      }, ms),
    );
  }

  private disarm(quizId: number): void {
    const timer = this.timers.get(quizId);
    if (timer) this.clock.clearTimeout(timer);
    this.timers.delete(quizId);
  }

  /** Show the open question of a quiz that was just started, and start its clock. */
  begin(quizId: number): Promise<void> {
    return this.serial(quizId, async () => {
      const quiz = this.service.quiz(quizId);
      const question = this.service.currentQuestion(quizId);
      // The clock starts as the question goes out.
      this.arm(quizId, question.id, quiz.seconds * 1000, () => this.closeCurrent(quizId));
      await this.port.question(quiz, question);
    });
  }

  /** After an answer: reveal at once when everyone present has answered. */
  onAnswer(quizId: number, questionId: number): Promise<void> {
    return this.serial(quizId, async () => {
      const quiz = this.service.quiz(quizId);
      if (quiz.status !== 'running') return;
      const question = this.service.currentQuestion(quizId);
      if (question.id !== questionId || question.closedAt !== undefined) return;
      const present = this.service.participants(quizId);
      const answered = new Set(this.service.answeredBy(questionId));
      // "Present" are those who have answered in this quiz; the first question always runs its time.
      if (quiz.current > 0 && present.length > 0 && present.every((u) => answered.has(u)))
        await this.closeCurrent(quizId);
    });
  }

  async stop(quizId: number, userId: string, isModerator: boolean): Promise<Quiz> {
    const quiz = this.service.stop(quizId, userId, isModerator, this.clock.now());
    this.disarm(quizId);
    await this.serial(quizId, () => this.port.finished(quiz, this.service.scoreboard(quizId), 'stopped'));
    return quiz;
  }

  private async closeCurrent(quizId: number): Promise<void> {
    this.disarm(quizId);
    const now = this.clock.now();
    const question = this.service.currentQuestion(quizId);
    const reveal = this.service.close(question.id, now);
    const revealed = this.service.quiz(quizId);
    const idle = revealed.idleRounds >= QUIZ_LIMITS.idleRoundsToStop;
    if (idle) this.service.end(quizId, 'stopped', now);
    const next = idle ? null : this.service.advance(quizId, now);
    // Decide and arm first, then post: the next question opens after a pause to read the reveal,
    // and its own clock starts when it is shown.
    if (next) {
      this.arm(quizId, next.id, this.pauseMs, async () => {
        const shown = this.service.currentQuestion(quizId);
        this.arm(quizId, shown.id, revealed.seconds * 1000, () => this.closeCurrent(quizId));
        await this.port.question(this.service.quiz(quizId), shown);
      });
    }
    await this.port.reveal(revealed, reveal);
    if (!next)
      await this.port.finished(this.service.quiz(quizId), this.service.scoreboard(quizId), idle ? 'idle' : 'ended');
  }

  /** Cancel every timer (shutdown). */
  close(): void {
    for (const quizId of [...this.timers.keys()]) this.disarm(quizId);
  }
}
