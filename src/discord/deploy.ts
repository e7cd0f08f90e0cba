/** Registering slash commands with Discord, from the one command registry. */
import { REST, Routes } from 'discord.js';
import { type Config, ConfigError } from '../config.js';
import type { Command } from './command.js';

/** PUT every command to DISCORD_GUILD_ID when set (instant), else globally. Returns how many were registered. */
export async function deployCommands(config: Config, commands: readonly Command[]): Promise<number> {
  if (!config.discordToken || !config.discordClientId) {
    throw new ConfigError('Set DISCORD_TOKEN and DISCORD_CLIENT_ID (see .env.example) to register commands.');
  }
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(config.discordToken);
  const body = commands.map((c) => c.data.toJSON());
  const route = config.discordGuildId
    ? Routes.applicationGuildCommands(config.discordClientId, config.discordGuildId)
    : Routes.applicationCommands(config.discordClientId);
  const result = (await rest.put(route, { body })) as unknown[];
  return result.length;
}
