/**
 * npm start: with DISCORD_TOKEN the Discord bot, without it the terminal over the local
 * collection (new databases start with the bundled corpus/).
 */
import { type Opened, openLibrary } from './app.js';
import { type Config, ConfigError, loadConfig, TERMINAL_COLLECTION } from './config.js';
import { isUserError } from './errors.js';
import { createLogger } from './log.js';
import { runRepl } from './terminal/repl.js';
import { TerminalSession } from './terminal/session.js';

function openOrExplain(config: Config): Opened | undefined {
  try {
    return openLibrary(config);
  } catch (error) {
    if (isUserError(error)) {
      console.error(error.message);
      return undefined;
    }
    throw error;
  }
}

async function runDiscord(config: Config): Promise<number> {
  const log = createLogger(config.logLevel);
  const opened = openOrExplain(config);
  if (!opened) return 2;
  const { startBot } = await import('./discord/bot.js');
  const { COMMANDS } = await import('../commands/index.js');
  const bot = await startBot(config, opened, log, { commands: COMMANDS });
  await new Promise<void>((resolve) => {
    const stop = (signal: string) => {
      log.info({ signal }, 'stopping');
      void bot.stop().finally(() => {
        opened.close();
        resolve();
      });
    };
    process.once('SIGINT', () => stop('SIGINT'));
    process.once('SIGTERM', () => stop('SIGTERM'));
  });
  return 0;
}

async function main(): Promise<number> {
  let config: Config;
  try {
    config = loadConfig();
  } catch (error) {
    if (error instanceof ConfigError) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
  if (config.discordToken) return runDiscord(config);
  // The terminal is for people: only warnings and errors go to the log.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  const opened = openOrExplain(config);
  if (!opened) return 2;
  const session = new TerminalSession({
    library: opened.library,
    collectionId: TERMINAL_COLLECTION,
    color: process.stdout.isTTY === true && !config.noColor,
    allowPrivateUrls: config.allowPrivateUrls,
  });
  const shutdown = () => {
    opened.close();
    process.exit(0);
  };
  process.once('SIGINT', shutdown);
  process.once('SIGTERM', shutdown);
  await runRepl(session, { input: process.stdin, output: process.stdout }, (error) =>
    log.error({ err: error }, 'terminal command failed'),
  );
  opened.close();
  return 0;
}

main().then(
  (code) => {
    process.exitCode = code;
  },
  (error: unknown) => {
    console.error(`Footnote stopped: ${(error as Error).message}`);
    process.exitCode = 1;
  },
);
