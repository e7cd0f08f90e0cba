/**
 * npm run deploy-commands: register the slash commands of commands/index.ts with Discord, to
 * DISCORD_GUILD_ID when set (instant, for a test server), else globally.
 */
import { COMMANDS } from '../../commands/index.js';
import { ConfigError, loadConfig } from '../config.js';
import { deployCommands } from '../discord/deploy.js';

try {
  const config = loadConfig();
  const count = await deployCommands(config, COMMANDS);
  console.log(
    `Registered ${count} commands ${config.discordGuildId ? `in server ${config.discordGuildId} (instant)` : 'globally (may take up to an hour to appear)'}.`,
  );
} catch (error) {
  console.error(
    error instanceof ConfigError ? error.message : `Could not register the commands: ${(error as Error).message}`,
  );
  process.exitCode = 1;
}
