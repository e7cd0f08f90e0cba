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
  if (config.discordToken) {
    console.error('Discord mode is not built yet in this release. Unset DISCORD_TOKEN to use the terminal.');
    return 2;
  }
  // The terminal is for people: only warnings and errors go to the log.
  const log = createLogger(config.logLevel === 'info' ? 'warn' : config.logLevel);
  let opened: Opened;
  try {
    opened = openLibrary(config);
  } catch (error) {
    if (isUserError(error)) {
      console.error(error.message);
      return 2;
    }
    throw error;
  }
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
