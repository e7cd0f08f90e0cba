/**
 * npm run start:sharded: discord.js's ShardingManager runs the bot (dist/src/main.js) in one
 * process per shard, SHARD_COUNT of them or as many as Discord recommends. Every process opens
 * the same SQLite database (WAL, one writer at a time, busy timeout), so they share the articles.
 */
import { fileURLToPath } from 'node:url';
import { REST, Routes, ShardingManager } from 'discord.js';
import type { Config } from '../config.js';
import type { Logger } from '../log.js';

/** Discord's recommended shard count, asked through the configured REST base. */
export async function recommendedShards(config: Config): Promise<number> {
  const rest = new REST(config.discordApiBase ? { api: config.discordApiBase } : {}).setToken(
    config.discordToken as string,
  );
  const info = (await rest.get(Routes.gatewayBot())) as { shards: number };
  return Math.max(1, info.shards);
}

export async function startSharded(config: Config, log: Logger): Promise<ShardingManager> {
  if (!config.discordToken) throw new Error('Sharding needs DISCORD_TOKEN');
  const totalShards = config.shardCount ?? (await recommendedShards(config));
  const manager = new ShardingManager(fileURLToPath(new URL('../main.js', import.meta.url)), {
    token: config.discordToken,
    totalShards,
    respawn: true,
  });
  manager.on('shardCreate', (shard) => log.info({ shard: shard.id, of: totalShards }, 'shard started'));
  await manager.spawn({ timeout: 60_000 });
  return manager;
}
