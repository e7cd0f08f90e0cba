/** npm run start:sharded: the bot in one process per shard (see src/discord/sharding.ts). */
import { ConfigError, loadConfig } from '../config.js';
import { startSharded } from '../discord/sharding.js';
import { createLogger } from '../log.js';

try {
  const config = loadConfig();
  if (!config.discordToken) throw new ConfigError('start:sharded needs DISCORD_TOKEN (see .env.example).');
  const log = createLogger(config.logLevel);
  const manager = await startSharded(config, log);
  const stop = (signal: string) => {
    log.info({ signal }, 'stopping shards');
    // A shard stopped on purpose must not be brought back.
    manager.respawn = false;
    for (const shard of manager.shards.values()) shard.process?.kill('SIGTERM');
    setTimeout(() => process.exit(0), 5000).unref();
    let left = manager.shards.size;
    for (const shard of manager.shards.values()) {
      shard.process?.once('exit', () => {
        left -= 1;
        if (left === 0) process.exit(0);
      });
    }
  };
  process.once('SIGINT', () => stop('SIGINT'));
  process.once('SIGTERM', () => stop('SIGTERM'));
} catch (error) {
  console.error(error instanceof ConfigError ? error.message : `Sharding failed: ${(error as Error).message}`);
  process.exitCode = 1;
}
