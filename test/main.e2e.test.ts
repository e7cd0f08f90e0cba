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

function run(
  env: Record<string, string>,
  input?: string,
): { child: ChildProcess; output: Promise<{ code: number | null; stdout: string; stderr: string }> } {
  const child = spawn(process.execPath, [main], {
    cwd: dir,
    env: { PATH: process.env.PATH ?? '', ...env },
    stdio: ['pipe', 'pipe', 'pipe'],
  });
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
});
