/**
 * npm run deploy-commands: register the slash commands of commands/index.ts with Discord, to
 * DISCORD_GUILD_ID when set (instant, for a test server), else globally.
 */
import { REST, Routes } from 'discord.js';
import { COMMANDS } from '../../commands/index.js';
import { type Config, ConfigError, loadConfig } from '../config.js';

export async function deployCommands(config: Config): Promise<number> {
  if (!config.discordToken || !config.discordClientId) {
    throw new ConfigError('Set DISCORD_TOKEN and DISCORD_CLIENT_ID (see .env.example) to register commands.');
  }
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
  const body = COMMANDS.map((c) => c.data.toJSON());
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const result = (await rest.put(route, { body })) as unknown[];
  return result.length;
}

const isMain = process.argv[1] !== undefined && import.meta.url === new URL(`file://${process.argv[1]}`).href;
if (isMain) {
  try {
    const config = loadConfig();
    const count = await deployCommands(config);
    console.log(
      `Registered ${count} commands ${config.discordGuildId ? `in server ${config.discordGuildId} (instant)` : 'globally (may take up to an hour to appear)'}.`,
    );
  } catch (error) {
    console.error(
      error instanceof ConfigError ? error.message : `Could not register the commands: ${(error as Error).message}`,
    );
    process.exitCode = 1;
  }
}
