/**
 * Configuration, read once at start from the environment (and a `.env` file, via dotenv),
 * validated, and passed explicitly to whatever needs it. This is the only module that reads
 * `process.env`.
 */
import { existsSync } from 'node:fs';
import { dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { config as loadDotenv } from 'dotenv';
import { z } from 'zod';

function findPackageRoot(start: string): string {
  let dir = start;
  while (!existsSync(join(dir, 'package.json'))) {
    const up = dirname(dir);
    if (up === dir) return start;
    dir = up;
  }
  return dir;
}

/** The folder holding package.json (whether running from src/ or dist/src/). */
export const PACKAGE_ROOT = findPackageRoot(dirname(fileURLToPath(import.meta.url)));

export const DEFAULT_DATABASE_PATH = 'data/footnote.db';
export const DEFAULT_CORPUS_DIR = join(PACKAGE_ROOT, 'corpus');
/** The collection the terminal uses (Discord servers use their guild id). */
export const TERMINAL_COLLECTION = 'local';

const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

const optionalString = z
  .string()
  .transform((s) => s.trim())
  .optional()
  .transform((s) => (s ? s : undefined));

const schema = z.object({
  DISCORD_TOKEN: optionalString.refine((t) => t === undefined || /^[\w-]{20,}\.[\w-]{4,}\.[\w-]{20,}$/.test(t), {
    message: 'is not a bot token (three dot-separated parts, from the Developer Portal, Bot page)',
  }),
  DISCORD_CLIENT_ID: optionalString.refine((t) => t === undefined || /^\d{15,21}$/.test(t), {
    message: 'must be the application id, a number of 15 to 21 digits',
  }),
  DISCORD_GUILD_ID: optionalString.refine((t) => t === undefined || /^\d{15,21}$/.test(t), {
    message: 'must be a server id, a number of 15 to 21 digits',
  }),
  DISCORD_API_BASE: optionalString.refine((t) => t === undefined || /^https?:\/\/[^\s]+$/.test(t), {
    message: 'must be an http(s) URL such as https://discord.com/api',
  }),
  DATABASE_PATH: optionalString,
  CORPUS_DIR: optionalString,
  ALLOW_PRIVATE_URLS: optionalString.refine((v) => v === undefined || ['true', 'false', '1', '0'].includes(v), {
    message: 'must be true or false',
  }),
  NO_COLOR: z.string().optional(),
  COOLDOWN_SECONDS: optionalString.refine(
    (v) => v === undefined || (/^\d{1,4}(\.\d+)?$/.test(v) && Number(v) <= 3600),
    {
      message: 'must be a number of seconds from 0 to 3600',
    },
  ),
  MEMORY_BUDGET_MB: optionalString.refine((v) => v === undefined || (/^\d{1,6}$/.test(v) && Number(v) >= 16), {
    message: 'must be a whole number of megabytes, 16 or more',
  }),
  SHARD_COUNT: optionalString.refine((v) => v === undefined || (/^\d{1,4}$/.test(v) && Number(v) >= 1), {
    message: 'must be a whole number of shards, 1 or more',
  }),
  LOG_LEVEL: optionalString.refine((l) => l === undefined || (LOG_LEVELS as readonly string[]).includes(l), {
    message: `must be one of ${LOG_LEVELS.join(', ')}`,
  }),
});

export interface Config {
  /** Bot token; without it Footnote runs in the terminal. */
  readonly discordToken?: string;
  readonly discordClientId?: string;
  readonly discordGuildId?: string;
  /** REST base for Discord (a proxy or the test emulator); discord.js's default when unset. */
  readonly discordApiBase?: string;
  readonly databasePath: string;
  readonly corpusDir: string;
  readonly logLevel: (typeof LOG_LEVELS)[number];
  /** Fetch article URLs that point to private, loopback or link-local addresses (tests, intranets). */
  readonly allowPrivateUrls: boolean;
  /** NO_COLOR is set: no ANSI colours in the terminal. */
  readonly noColor: boolean;
  /** Seconds a member waits between two /ask (or two /search); 0 turns the cooldown off. */
  readonly cooldownSeconds: number;
  /** Megabytes of loaded collections kept in memory; idle ones beyond it are dropped (and reloaded when asked). */
  readonly memoryBudgetMb: number;
  /** Shards for `npm run start:sharded`; unset means Discord's recommendation. */
  readonly shardCount?: number;
}

/** Default of MEMORY_BUDGET_MB. */
export const DEFAULT_MEMORY_BUDGET_MB = 512;

/** Default of COOLDOWN_SECONDS. */
export const DEFAULT_COOLDOWN_SECONDS = 3;

export class ConfigError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ConfigError';
  }
}

/** Validate an environment. Throws `ConfigError` listing every problem, one per line. */
export function parseConfig(env: Readonly<Record<string, string | undefined>>): Config {
  const result = schema.safeParse(env);
  if (!result.success) {
    const lines = result.error.issues.map((issue) => `- ${issue.path.join('.')} ${issue.message}`);
    throw new ConfigError(`Configuration error:\n${lines.join('\n')}`);
  }
  const e = result.data;
  if (e.DISCORD_TOKEN && !e.DISCORD_CLIENT_ID) {
    throw new ConfigError(
      'Configuration error:\n- DISCORD_CLIENT_ID is missing: with DISCORD_TOKEN set, give the application id (Developer Portal > General Information).',
    );
  }
  return {
    ...(e.DISCORD_TOKEN ? { discordToken: e.DISCORD_TOKEN } : {}),
    ...(e.DISCORD_CLIENT_ID ? { discordClientId: e.DISCORD_CLIENT_ID } : {}),
    ...(e.DISCORD_GUILD_ID ? { discordGuildId: e.DISCORD_GUILD_ID } : {}),
    ...(e.DISCORD_API_BASE ? { discordApiBase: e.DISCORD_API_BASE.replace(/\/+$/, '') } : {}),
    databasePath: e.DATABASE_PATH ?? DEFAULT_DATABASE_PATH,
    corpusDir: e.CORPUS_DIR ?? DEFAULT_CORPUS_DIR,
    logLevel: (e.LOG_LEVEL as Config['logLevel'] | undefined) ?? 'info',
    allowPrivateUrls: e.ALLOW_PRIVATE_URLS === 'true' || e.ALLOW_PRIVATE_URLS === '1',
    noColor: e.NO_COLOR !== undefined && e.NO_COLOR !== '',
    cooldownSeconds: e.COOLDOWN_SECONDS !== undefined ? Number(e.COOLDOWN_SECONDS) : DEFAULT_COOLDOWN_SECONDS,
    memoryBudgetMb: e.MEMORY_BUDGET_MB !== undefined ? Number(e.MEMORY_BUDGET_MB) : DEFAULT_MEMORY_BUDGET_MB,
    ...(e.SHARD_COUNT ? { shardCount: Number(e.SHARD_COUNT) } : {}),
  };
}

/** Read `.env` (if present) and the process environment, once, at start. */
export function loadConfig(): Config {
  loadDotenv({ quiet: true });
  return parseConfig(process.env);
}
