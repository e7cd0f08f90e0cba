import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { tempDir } from '../helpers/tmp.js';
import { GUILD_A, type Harness, MEMBER, OTHER, startHarness } from './harness.js';

const dir = tempDir();
let h: Harness;

beforeAll(async () => {
  h = await startHarness(dir, { COOLDOWN_SECONDS: '30' });
});

afterAll(async () => {
  await h?.stop();
});

describe('per-user cooldown', () => {
  it('answers a second /ask too soon with when to retry, and lets others ask', async () => {
    const q = [{ name: 'question', type: 3, value: 'who defected?' }];
    expect((await h.emulator.slash(GUILD_A, MEMBER, 'ask', q).message()).embeds.length).toBe(1);
    const again = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q).message();
    expect(again.flags & 64).toBe(64);
    expect(again.content).toMatch(/again in (29|30) s/);
    expect((await h.emulator.slash(GUILD_A, OTHER, 'ask', q).message()).embeds.length).toBe(1);
  });
});
