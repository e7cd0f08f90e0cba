/**
 * Daily questions: every server with a schedule gets one question a day in its channel at its
 * local time. Schedules live in the database, so they survive restarts; a question missed while
 * the bot was down is posted when it comes back.
 */
import type { Logger } from '../log.js';
import type { Clock, TimerHandle } from '../util/clock.js';
import { seedOf } from '../util/random.js';
import type { DailySchedule, OpenQuestion, Quiz, QuizService } from './service.js';

export interface DailyPort {
  post(schedule: DailySchedule, quiz: Quiz, question: OpenQuestion): Promise<void>;
}

/** How often schedules are checked. */
export const DAILY_TICK_MS = 30_000;

export class DailyScheduler {
  private timer: TimerHandle | undefined;
  private stopped = false;
  private busy = false;

  constructor(
    private readonly service: QuizService,
    private readonly clock: Clock,
    private readonly port: DailyPort,
    private readonly log: Logger,
    private readonly tickMs: number = DAILY_TICK_MS,
  ) {}

  start(): void {
    this.stopped = false;
    void this.tick();
  }

  stop(): void {
    this.stopped = true;
    if (this.timer) this.clock.clearTimeout(this.timer);
    this.timer = undefined;
  }

  /** Post every question that is due; the next check is armed first, so a slow post cannot delay it. */
  async tick(): Promise<void> {
    if (!this.stopped) this.timer = this.clock.setTimeout(() => void this.tick(), this.tickMs);
    const now = this.clock.now();
    const due = this.service.dailies().filter((s) => s.nextAt <= now);
    if (due.length === 0 || this.busy) return;
    this.busy = true;
    try {
      await this.postDue(due, now);
    } finally {
      this.busy = false;
    }
  }

  private async postDue(due: readonly DailySchedule[], now: number): Promise<void> {
    for (const schedule of due) {
      // Moved on first: a slow or failed post never posts the same day twice.
      this.service.markDailyPosted(schedule, now);
      try {
        for (const old of this.service.running('daily'))
          if (old.collectionId === schedule.collectionId) this.service.end(old.id, 'ended', now);
        const { quiz, question } = this.service.start(
          {
            collectionId: schedule.collectionId,
            channelId: schedule.channelId,
            starterId: 'daily',
            mode: 'daily',
            count: 1,
            seconds: 120,
            seed: seedOf(`${schedule.collectionId}:${schedule.nextAt}`),
          },
          now,
        );
        await this.port.post(schedule, quiz, question);
        this.log.info({ guild: schedule.collectionId, quiz: quiz.id }, 'daily question posted');
      } catch (error) {
        this.log.error({ err: error, guild: schedule.collectionId }, 'daily question failed');
      }
    }
  }
}
