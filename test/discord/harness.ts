/** The real bot, logged in to the emulator, over a database file of its own. */
import { join } from 'node:path';
import { COMMANDS } from '../../commands/index.js';
import { openLibrary } from '../../src/app.js';
import { type Config, parseConfig } from '../../src/config.js';
import { type Bot, startBot } from '../../src/discord/bot.js';
import { deployCommands } from '../../src/discord/deploy.js';
import { createLogger, type Logger } from '../../src/log.js';
import type { Clock } from '../../src/util/clock.js';
import { FIXTURE_CORPUS } from '../helpers/library.js';
import { DiscordEmulator, type GuildSpec, PERMISSIONS, type User } from './emulator.js';

export const TOKEN = 'MTEwMDAwMDAwMDAwMDAwMDAwMQ.GaBcDe.abcdefghijklmnopqrstuvwxyz0123456789';

export const GUILD_A: GuildSpec = { id: '2000000000000000001', name: 'Newsroom', channelId: '3000000000000000001' };
export const GUILD_B: GuildSpec = { id: '2100000000000000002', name: 'Study group', channelId: '3100000000000000002' };

export const MODERATOR: User = { id: '4000000000000000001', username: 'mod', permissions: PERMISSIONS.moderator };
export const MEMBER: User = { id: '4000000000000000002', username: 'member', permissions: PERMISSIONS.member };
export const OTHER: User = { id: '4000000000000000003', username: 'other', permissions: PERMISSIONS.member };

export interface Harness {
  readonly emulator: DiscordEmulator;
  readonly bot: Bot;
  readonly config: Config;
  readonly logLines: string[];
  /** Stop the bot and start a new one on the same database (a restart). */
  restart(): Promise<void>;
  stop(): Promise<void>;
}

export async function startHarness(dir: string, env: Record<string, string> = {}, clock?: Clock): Promise<Harness> {
  const emulator = new DiscordEmulator({ token: TOKEN, guilds: [GUILD_A, GUILD_B] });
  await emulator.start();
  const config = parseConfig({
    DISCORD_TOKEN: TOKEN,
    DISCORD_CLIENT_ID: emulator.applicationId,
    DISCORD_GUILD_ID: GUILD_A.id,
    DISCORD_API_BASE: emulator.apiBase,
    DATABASE_PATH: join(dir, `bot-${Date.now()}-${Math.random().toString(36).slice(2)}.db`),
    CORPUS_DIR: FIXTURE_CORPUS,
    ALLOW_PRIVATE_URLS: 'true',
    COOLDOWN_SECONDS: '0',
    LOG_LEVEL: 'info',
    ...env,
  });
  await deployCommands(config, COMMANDS);
  const logLines: string[] = [];
  const sink = { write: (line: string) => logLines.push(line) } as unknown as NodeJS.WritableStream;
  const log: Logger = createLogger(config.logLevel, sink);
  let opened = openLibrary(config);
  let bot = await startBot(config, opened, log, { commands: COMMANDS, ...(clock ? { clock } : {}) });
  await emulator.waitForReady(1);
  return {
    emulator,
    get bot() {
      return bot;
    },
    config,
    logLines,
    restart: async () => {
      await bot.stop();
      opened.close();
      opened = openLibrary(config);
      const before = emulator.identified.length;
      bot = await startBot(config, opened, log, { commands: COMMANDS, ...(clock ? { clock } : {}) });
      while (emulator.identified.length <= before || emulator.sessionCount > 1)
        await new Promise((r) => setTimeout(r, 10));
    },
    stop: async () => {
      await bot.stop();
      opened.close();
      await emulator.stop();
    },
  };
}

/** Text of a message's embeds and content, for assertions. */
export function textOf(message: { content: string; embeds: Array<Record<string, unknown>> }): string {
  const parts = [message.content];
  for (const e of message.embeds) {
    parts.push(String(e.title ?? ''), String(e.description ?? ''));
    for (const f of (e.fields as Array<{ name: string; value: string }> | undefined) ?? []) parts.push(f.name, f.value);
    parts.push(String((e.footer as { text?: string } | undefined)?.text ?? ''));
  }
  return parts.join('\n');
}

/** custom_ids of a message's buttons. */
export function buttonsOf(message: {
  components: Array<Record<string, unknown>>;
}): Array<{ id: string; label: string }> {
  return message.components.flatMap((row) =>
    ((row.components as Array<{ custom_id: string; label: string }>) ?? []).map((c) => ({
      id: c.custom_id,
      label: c.label,
    })),
  );
}
