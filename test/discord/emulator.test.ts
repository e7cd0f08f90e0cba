import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { WebSocket } from 'ws';
import { DiscordEmulator } from './emulator.js';
import { GUILD_A, MEMBER, TOKEN } from './harness.js';

let emulator: DiscordEmulator;

beforeAll(async () => {
  emulator = new DiscordEmulator({ token: TOKEN, guilds: [GUILD_A] });
  await emulator.start();
  // A bare gateway session, so interactions can be dispatched without a bot.
  const ws = new WebSocket(`${emulator.baseUrl.replace('http', 'ws')}/gateway`);
  await new Promise((resolve) => ws.once('open', resolve));
  ws.send(JSON.stringify({ op: 2, d: { token: TOKEN, intents: 1, properties: {} } }));
  await emulator.waitForReady(1);
});

afterAll(async () => {
  await emulator.stop();
});

async function post(path: string, body: unknown) {
  const res = await fetch(`${emulator.apiBase}/v10${path}`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify(body),
  });
  return { status: res.status, body: res.status === 204 ? undefined : ((await res.json()) as { code: number }) };
}

describe('the emulator is as strict as Discord', () => {
  it('refuses over-limit messages with 400 / 50035 and keeps the interaction unacknowledged', async () => {
    const handle = emulator.slash(GUILD_A, MEMBER, 'ask', []);
    const path = `/interactions/${handle.id}/${handle.state.token}/callback`;
    for (const data of [
      { content: 'x'.repeat(2001) },
      { embeds: [{ description: 'x'.repeat(4097) }] },
      { embeds: Array.from({ length: 11 }, () => ({ title: 't' })) },
      { embeds: [{ fields: Array.from({ length: 26 }, () => ({ name: 'n', value: 'v' })) }] },
      { embeds: [{ fields: [{ name: 'n', value: 'v'.repeat(1025) }] }] },
      { embeds: [{ description: 'x'.repeat(4000) }, { description: 'y'.repeat(2500) }] },
      {
        components: Array.from({ length: 6 }, () => ({
          type: 1,
          components: [{ type: 2, style: 1, label: 'a', custom_id: 'a' }],
        })),
      },
      {
        components: [
          {
            type: 1,
            components: Array.from({ length: 6 }, (_, i) => ({ type: 2, style: 1, label: 'a', custom_id: `a${i}` })),
          },
        ],
      },
      { components: [{ type: 1, components: [{ type: 2, style: 1, label: 'a', custom_id: 'c'.repeat(101) }] }] },
    ]) {
      const res = await post(path, { type: 4, data });
      expect(res.status).toBe(400);
      expect(res.body?.code).toBe(50035);
    }
    expect((await post(path, { type: 4, data: { content: 'fine' } })).status).toBe(204);
  });

  it('refuses a second acknowledgement with 40060', async () => {
    const handle = emulator.slash(GUILD_A, MEMBER, 'ask', []);
    const path = `/interactions/${handle.id}/${handle.state.token}/callback`;
    expect((await post(path, { type: 5 })).status).toBe(204);
    const second = await post(path, { type: 4, data: { content: 'again' } });
    expect(second.status).toBe(400);
    expect(second.body?.code).toBe(40060);
  });

  it('finds an interaction gone after 3 seconds (404 / 10062), and unknown ones too', async () => {
    emulator.backdateNextMs = 3100;
    const handle = emulator.slash(GUILD_A, MEMBER, 'ask', []);
    const late = await post(`/interactions/${handle.id}/${handle.state.token}/callback`, {
      type: 4,
      data: { content: 'late' },
    });
    expect(late.status).toBe(404);
    expect(late.body?.code).toBe(10062);
    expect((await post(`/interactions/${handle.id}/wrong-token/callback`, { type: 5 })).body?.code).toBe(10062);
  });

  it('refuses autocomplete answers over 25 choices or 100 characters', async () => {
    const a = emulator.autocomplete(GUILD_A, MEMBER, 'ask', []);
    const tooMany = await post(`/interactions/${a.id}/${a.state.token}/callback`, {
      type: 8,
      data: { choices: Array.from({ length: 26 }, (_, i) => ({ name: `c${i}`, value: `${i}` })) },
    });
    expect(tooMany.status).toBe(400);
    const tooLong = await post(`/interactions/${a.id}/${a.state.token}/callback`, {
      type: 8,
      data: { choices: [{ name: 'x'.repeat(101), value: '1' }] },
    });
    expect(tooLong.status).toBe(400);
  });

  it('requires the bot token on authenticated routes', async () => {
    const res = await fetch(`${emulator.apiBase}/v10/gateway/bot`, { headers: { authorization: 'Bot wrong' } });
    expect(res.status).toBe(401);
  });
});
