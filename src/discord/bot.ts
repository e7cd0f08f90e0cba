/**
 * The Discord client: discord.js 14 with the Guilds intent only (no privileged intents),
 * REST (and so the gateway address) from `DISCORD_API_BASE` when set, every interaction through
 * the router, and a clean stop.
 */
import { Client, Events, GatewayIntentBits } from 'discord.js';
import type { Opened } from '../app.js';
import type { Config } from '../config.js';
import { fetchArticle } from '../corpus/fetch.js';
import type { Logger } from '../log.js';
import { DailyScheduler } from '../quiz/daily.js';
import { GroupQuizRunner } from '../quiz/runner.js';
import { QuizService } from '../quiz/service.js';
import { AskStore } from '../storage/asks.js';
import { type Clock, systemClock } from '../util/clock.js';
import type { Command } from './command.js';
import type { BotContext } from './context.js';
import { Cooldowns } from './cooldown.js';
import { ChannelPoster, DiscordQuizPort } from './quiz.js';
import { createRouter } from './router.js';

export interface Bot {
  readonly client: Client;
  readonly context: BotContext;
  readonly daily: DailyScheduler;
  stop(): Promise<void>;
}

export interface BotOptions {
  readonly commands: readonly Command[];
  /** Replaceable for tests. */
  readonly fetch?: BotContext['fetch'];
  /** Time for quizzes, cooldowns and daily questions (a fake clock in tests). */
  readonly clock?: Clock;
}

/** Log in and serve every server the bot is in. Resolves once the client is ready. */
export async function startBot(config: Config, opened: Opened, log: Logger, options: BotOptions): Promise<Bot> {
  if (!config.discordToken) throw new Error('startBot needs DISCORD_TOKEN');
  const client = new Client({
    intents: [GatewayIntentBits.Guilds],
    ...(config.discordApiBase ? { rest: { api: config.discordApiBase } } : {}),
  });
  const clock = options.clock ?? systemClock;
  const now = () => new Date(clock.now());
  const quizzes = new QuizService(opened.db, opened.library);
  const port = new DiscordQuizPort(new ChannelPoster(client.rest, log));
  const runner = new GroupQuizRunner(quizzes, clock, port, log);
  const daily = new DailyScheduler(quizzes, clock, port, log);
  // Group quizzes whose timers died with the previous process cannot go on.
  for (const stale of quizzes.running('group')) quizzes.end(stale.id, 'stopped', clock.now());
  const context: BotContext = {
    library: opened.library,
    asks: new AskStore(opened.db),
    log,
    cooldowns: new Cooldowns(config.cooldownSeconds, () => now().getTime()),
    allowPrivateUrls: config.allowPrivateUrls,
    fetch: options.fetch ?? fetchArticle,
    now,
    clock,
    quizzes,
    runner,
  };
  const route = createRouter(options.commands, context);
  client.on(Events.InteractionCreate, (interaction) => {
    void route(interaction);
  });
  client.on(Events.Error, (error) => log.error({ err: error }, 'discord client error'));
  client.on(Events.ShardError, (error, shard) => log.error({ err: error, shard }, 'gateway error'));
  client.on(Events.GuildCreate, (guild) => log.info({ guild: guild.id }, 'serving server'));
  const ready = new Promise<void>((resolve) => client.once(Events.ClientReady, () => resolve()));
  await client.login(config.discordToken);
  await ready;
  log.info({ user: client.user?.id, servers: client.guilds.cache.size }, 'logged in');
  daily.start();
  return {
    client,
    context,
    daily,
    stop: async () => {
      daily.stop();
      runner.close();
      await client.destroy();
    },
  };
}
