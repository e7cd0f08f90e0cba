/** What every command gets: plain services, passed explicitly (no globals). */
import type { Fetched, FetchOptions } from '../corpus/fetch.js';
import type { Library } from '../library.js';
import type { Logger } from '../log.js';
import type { GroupQuizRunner } from '../quiz/runner.js';
import type { QuizService } from '../quiz/service.js';
import type { AskStore } from '../storage/asks.js';
import type { Clock } from '../util/clock.js';
import type { Cooldowns } from './cooldown.js';

export interface BotContext {
  readonly library: Library;
  readonly asks: AskStore;
  readonly log: Logger;
  readonly cooldowns: Cooldowns;
  readonly allowPrivateUrls: boolean;
  /** Downloads pages and attachments (replaceable in tests). */
  readonly fetch: (url: string, options: FetchOptions) => Promise<Fetched>;
  readonly now: () => Date;
  readonly clock: Clock;
  readonly quizzes: QuizService;
  readonly runner: GroupQuizRunner;
}
