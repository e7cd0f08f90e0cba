/**
 * The real entry point, as `npm start` runs it: built to dist/, started as a process, stopped
 * with SIGTERM. Terminal mode over piped input, Discord mode against the emulator.
 */
import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { DiscordEmulator } from './discord/emulator.js';
import { GUILD_A, MEMBER, TOKEN } from './discord/harness.js';
import { FIXTURE_CORPUS } from './helpers/library.js';
import { tempDir } from './helpers/tmp.js';

const root = fileURLToPath(new URL('..', import.meta.url));
const dir = tempDir();
const main = join(root, 'dist', 'src', 'main.js');

beforeAll(() => {
  execFileSync(
    process.execPath,
    [join(root, 'node_modules', 'typescript', 'bin', 'tsc'), '-p', join(root, 'tsconfig.build.json')],
    { cwd: root },
  );
}, 60_000);

const children: ChildProcess[] = [];
// A test that fails half-way must not leave a bot running.
afterAll(() => {
  for (const child of children) if (child.exitCode === null) child.kill('SIGKILL');
});

function run(
  env: Record<string, string>,
  input?: string,
): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [main], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
  children.push(child);
  let stdout = '';
  let stderr = '';
  child.stdout?.on('data', (d: Buffer) => {
    stdout += d.toString();
  });
  child.stderr?.on('data', (d: Buffer) => {
    stderr += d.toString();
  });
  if (input !== undefined) child.stdin?.end(input);
  const output = new Promise<{ code: number | null; stdout: string; stderr: string }>((resolve) =>
    child.on('close', (code) => resolve({ code, stdout, stderr })),
  );
  return { child, output };
}

describe('npm start', () => {
  it('answers piped questions in the terminal and exits at the end of input', async () => {
    const { output } = run({ DATABASE_PATH: join(dir, 'terminal.db'), CORPUS_DIR: FIXTURE_CORPUS }, 'who defected?\n');
    const { code, stdout } = await output;
    expect(code).toBe(0);
    expect(stdout).toMatch(/^> who defected\?\nMoussa Koussa; Shokri Ghanem/);
  });

  it('fails fast with a clear message on bad configuration', async () => {
    const { output } = run({ DISCORD_TOKEN: 'nonsense', LOG_LEVEL: 'loud' });
    const { code, stderr } = await output;
    expect(code).toBe(2);
    expect(stderr).toMatch(/DISCORD_TOKEN is not a bot token/);
    expect(stderr).toMatch(/LOG_LEVEL must be one of/);
    expect(stderr).not.toContain('nonsense');
  });

  it('says so when the database cannot be written', async () => {
    // A path under a regular file cannot be created, even by root.
    const file = join(dir, 'a-file');
    writeFileSync(file, 'not a folder');
    const { output } = run({ DATABASE_PATH: join(file, 'nope.db') }, 'who defected?\n');
    const { code, stderr } = await output;
    expect(code).toBe(2);
    expect(stderr).toMatch(/Cannot (create the folder for|open) the database/);
  });

  describe('with DISCORD_TOKEN', () => {
    const emulator = new DiscordEmulator({ token: TOKEN, guilds: [GUILD_A] });
    beforeAll(() => emulator.start());
    afterAll(() => emulator.stop());

    it('serves the emulator, answers /ask, and stops cleanly on SIGTERM', async () => {
      const { child, output } = run({
        DISCORD_TOKEN: TOKEN,
        DISCORD_CLIENT_ID: emulator.applicationId,
        DISCORD_API_BASE: emulator.apiBase,
        DATABASE_PATH: join(dir, 'bot.db'),
        CORPUS_DIR: FIXTURE_CORPUS,
      });
      await emulator.waitForReady(1);
      const message = await emulator
        .slash(GUILD_A, MEMBER, 'ask', [{ name: 'question', type: 3, value: 'Who edited the report?' }])
        .message(10_000);
      expect(message.embeds[0]?.title).toBe('Alison Williams');
      child.kill('SIGTERM');
      const { code, stderr } = await output;
      expect(code).toBe(0);
      const logs = stderr
        .trim()
        .split('\n')
        .map((l) => JSON.parse(l) as { msg: string });
      expect(logs.map((l) => l.msg)).toEqual(expect.arrayContaining(['logged in', 'ask', 'stopping']));
      expect(stderr).not.toContain(TOKEN);
      expect(stderr).not.toContain('Alison Williams');
    }, 30_000);
  });

  describe('npm run start:sharded', () => {
    // (guild id >> 22) % 2 puts the first on shard 0 and the second on shard 1.
    const G0 = { id: '2000000000004194304', name: 'Shard zero', channelId: '3000000000000000010' };
    const G1 = { id: '2000000000000000001', name: 'Shard one', channelId: '3000000000000000011' };
    const emulator = new DiscordEmulator({ token: TOKEN, guilds: [G0, G1] });
    beforeAll(async () => {
      emulator.shards = 2;
      await emulator.start();
    });
    afterAll(() => emulator.stop());

    it('runs two shards, one gateway session each, answering and writing to one database', async () => {
      const child = spawn(process.execPath, [join(root, 'dist', 'src', 'cli', 'sharded.js')], {
        cwd: dir,
        env: {
          PATH: process.env.PATH ?? '',
          DISCORD_TOKEN: TOKEN,
          DISCORD_CLIENT_ID: emulator.applicationId,
          DISCORD_API_BASE: emulator.apiBase,
          DATABASE_PATH: join(dir, 'sharded.db'),
          CORPUS_DIR: FIXTURE_CORPUS,
          COOLDOWN_SECONDS: '0',
        },
        stdio: ['ignore', 'pipe', 'pipe'],
      });
      children.push(child);
      let stderr = '';
      child.stderr?.on('data', (d: Buffer) => {
        stderr += d.toString();
      });
      const closed = new Promise<number | null>((resolve) => child.on('close', resolve));
      await emulator.waitForReady(2);
      expect(emulator.identified.map((i) => i.shard).sort()).toEqual([
        [0, 2],
        [1, 2],
      ]);
      const moderator = { id: '4000000000000000001', username: 'mod', permissions: '32' };
      const asks = await Promise.all(
        [G0, G1].map((g) =>
          emulator
            .slash(g, MEMBER, 'ask', [{ name: 'question', type: 3, value: 'Who edited the report?' }])
            .message(15_000),
        ),
      );
      expect(asks.map((m) => m.embeds[0]?.title)).toEqual(['Alison Williams', 'Alison Williams']);
      // Both processes write at once, to the same file.
      const adds = await Promise.all(
        [G0, G1].flatMap((g) =>
          [1, 2, 3].map((k) =>
            emulator
              .submitModal(g, moderator, 'fn:article:add', {
                title: `Note ${k} of ${g.name}`,
                source: '',
                text: `Shard test article number ${k} for ${g.name}, written at the same time as the others.`,
              })
              .message(15_000),
          ),
        ),
      );
      expect(adds.every((m) => /^Added #\d+: Note \d of Shard (zero|one)$/.test(String(m.embeds[0]?.title)))).toBe(
        true,
      );
      expect(stderr).not.toMatch(/SQLITE_BUSY|database is locked/);
      child.kill('SIGTERM');
      expect(await closed).toBe(0);
    }, 60_000);
  });
});
