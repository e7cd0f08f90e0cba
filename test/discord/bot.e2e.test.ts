import { createServer, type Server } from 'node:http';
import type { AddressInfo } from 'node:net';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { percentile } from '../../src/eval/metrics.js';
import { tempDir } from '../helpers/tmp.js';
import {
  buttonsOf,
  GUILD_A,
  GUILD_B,
  type Harness,
  MEMBER,
  MODERATOR,
  OTHER,
  startHarness,
  textOf,
} from './harness.js';

const dir = tempDir();
let h: Harness;
let pages: Server;
let pagesBase: string;

const q = (value: string) => [{ name: 'question', type: 3, value }];

beforeAll(async () => {
  h = await startHarness(dir);
  pages = createServer((_req, res) => {
    res.writeHead(200, { 'content-type': 'text/html; charset=utf-8' });
    res.end(
      `<html><head><title>Port reopens | Local News</title></head><body><nav>Home | World</nav><article><h1>Port reopens</h1>
       <p>BENGHAZI (Reuters) - The port of Benghazi reopened on Thursday after weeks of closure, harbour officials said.</p>
       <p>About 40 ships were waiting to unload food and fuel, the officials added.</p></article></body></html>`,
    );
  });
  await new Promise<void>((resolve) => pages.listen(0, '127.0.0.1', resolve));
  pagesBase = `http://127.0.0.1:${(pages.address() as AddressInfo).port}`;
  // Warm the server's collection so later asks are answered at once.
  await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('who edited the report?')).message();
});

afterAll(async () => {
  pages?.closeAllConnections();
  await new Promise((resolve) => pages?.close(resolve));
  await h?.stop();
});

describe('login and registration', () => {
  it('logs in with the Guilds intent only and registers every command of the registry', () => {
    expect(h.emulator.identified).toEqual([{ shard: [0, 1], intents: 1 }]);
    const commands = h.emulator.commands.get(`guild:${GUILD_A.id}`) ?? [];
    expect(commands.map((c) => c.name).sort()).toEqual(['Add as article', 'article', 'ask', 'help', 'quiz', 'search']);
    expect(commands.find((c) => c.name === 'Add as article')?.default_member_permissions).toBe('32');
  });
});

describe('/ask', () => {
  it('answers with an evidence card: answer, bold span, window, title, ¶, source', async () => {
    const asked = h.emulator.slash(GUILD_A, MEMBER, 'ask', q('who defected?'));
    expect((await asked.ack()).type).toBe(4);
    const message = await asked.message();
    const embed = message.embeds[0] as {
      title: string;
      description: string;
      fields: Array<{ name: string; value: string }>;
    };
    expect(embed.title).toBe('Moussa Koussa; Shokri Ghanem');
    expect(embed.description).toContain('**Moussa Koussa**');
    expect(embed.fields[0]?.value).toMatch(/NATO plans to use attack helicopters in Libya… · ¶19 · Reuters/);
    expect(textOf(message)).toContain('**Shokri Ghanem**');
    expect(buttonsOf(message).map((b) => b.label)).toEqual(['More passages', '👍', '👎']);
    expect(message.allowed_mentions).toEqual({ parse: [] });
    expect(message.flags & 64).toBe(0);
  });

  it('says "not in the articles" with the closest passages', async () => {
    const message = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', q('What did Obama say about the helicopters?'))
      .message();
    expect(message.embeds[0]?.title).toBe('Not in the articles');
    expect(textOf(message)).toMatch(/closest passages/);
    expect(((message.embeds[0]?.fields as unknown[] | undefined) ?? []).length).toBeGreaterThan(0);
  });

  it('answers privately when asked to', async () => {
    const message = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', [
        ...q('When did Ashton visit the rebels?'),
        { name: 'private', type: 5, value: true },
      ])
      .message();
    expect(message.flags & 64).toBe(64);
    expect(message.embeds[0]?.title).toBe('Sunday');
  });

  it('pages with "More passages" by editing the message, and back', async () => {
    const message = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('What did Ashton say?')).message();
    const more = buttonsOf(message).find((b) => b.label === 'More passages');
    const clicked = h.emulator.click(GUILD_A, OTHER, message, more?.id as string);
    expect((await clicked.ack()).type).toBe(7);
    expect(message.embeds[0]?.title).toBe('More passages');
    expect(textOf(message)).toMatch(/Page 2 of/);
    const back = buttonsOf(message).find((b) => b.label === 'Back to the answer');
    await h.emulator.click(GUILD_A, OTHER, message, back?.id as string).ack();
    expect(message.embeds[0]?.title).toMatch(/long term/);
  });

  it('stores 👍/👎 with the question, the answer and who gave it: one vote per user, changeable', async () => {
    const message = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('Who edited the report?')).message();
    const [up, down] = buttonsOf(message).filter((b) => b.label === '👍' || b.label === '👎');
    const first = await h.emulator.click(GUILD_A, OTHER, message, up?.id as string).message();
    expect(first.flags & 64).toBe(64);
    expect(first.content).toMatch(/👍 1 · 👎 0/);
    const changed = await h.emulator.click(GUILD_A, OTHER, message, down?.id as string).message();
    expect(changed.content).toMatch(/👍 0 · 👎 1/);
    await h.emulator.click(GUILD_A, MEMBER, message, up?.id as string).message();
    const rows = h.bot.context.library.store.db
      .prepare('SELECT user_id, vote, question, answer FROM feedback WHERE ask_id = ? ORDER BY user_id')
      .all(Number(String(up?.id).split(':')[3]));
    expect(rows).toEqual([
      { user_id: MEMBER.id, vote: 1, question: 'Who edited the report?', answer: 'Alison Williams' },
      { user_id: OTHER.id, vote: -1, question: 'Who edited the report?', answer: 'Alison Williams' },
    ]);
  });

  it('keeps servers apart', async () => {
    await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [
        { name: 'add', type: 1, options: [{ name: 'url', type: 3, value: `${pagesBase}/port` }] },
      ])
      .message();
    const inA = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('When did the port of Benghazi reopen?')).message();
    expect(inA.embeds[0]?.title).toBe('Thursday');
    const inB = await h.emulator.slash(GUILD_B, MEMBER, 'ask', q('When did the port of Benghazi reopen?')).message();
    expect(inB.embeds[0]?.title).toBe('Not in the articles');
  });
});

describe('/search and autocomplete', () => {
  it('lists passages with the matched words in bold, paged with buttons', async () => {
    const message = await h.emulator
      .slash(GUILD_A, MEMBER, 'search', [{ name: 'query', type: 3, value: 'Gaddafi forces' }])
      .message();
    expect(message.embeds[0]?.title).toBe('Passages for “Gaddafi forces”');
    expect(textOf(message)).toMatch(/\*\*Gaddafi\*\*/);
    expect(((message.embeds[0]?.fields as unknown[] | undefined) ?? []).length).toBe(5);
    const next = buttonsOf(message).find((b) => b.label === 'Next');
    await h.emulator.click(GUILD_A, MEMBER, message, next?.id as string).ack();
    expect(textOf(message)).toMatch(/^6\. ¶/m);
  });

  it('reads a misspelt word as the articles write it, and says so', async () => {
    const message = await h.emulator
      .slash(GUILD_A, MEMBER, 'search', [{ name: 'query', type: 3, value: 'Gadafi forces' }])
      .message();
    expect(textOf(message)).toMatch(/\*\*Gaddafi\*\*/);
    expect((message.embeds[0]?.footer as { text?: string } | undefined)?.text).toBe(
      'Page 1 · Read "Gadafi" as "Gaddafi"',
    );
  });

  it('completes article titles: at most 25 choices of at most 100 characters, fast', async () => {
    const handle = h.emulator.autocomplete(GUILD_A, MEMBER, 'ask', [
      { name: 'question', type: 3, value: 'who' },
      { name: 'article', type: 3, value: 'nato', focused: true },
    ]);
    const ack = await handle.ack();
    expect(ack.type).toBe(8);
    expect(ack.ms).toBeLessThan(1000);
    const choices = (ack.data?.choices as Array<{ name: string; value: string }>) ?? [];
    expect(choices.length).toBeGreaterThan(0);
    expect(choices.length).toBeLessThanOrEqual(25);
    expect(choices[0]?.name).toMatch(/^#\d+ NATO plans/);
    for (const c of choices) expect(c.name.length).toBeLessThanOrEqual(100);
  });

  it('limits /ask to the article picked', async () => {
    const choices = ((
      await h.emulator
        .autocomplete(GUILD_A, MEMBER, 'ask', [{ name: 'article', type: 3, value: 'port', focused: true }])
        .ack()
    ).data?.choices ?? []) as Array<{ value: string }>;
    const id = choices[0]?.value as string;
    const message = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', [...q('who defected?'), { name: 'article', type: 3, value: id }])
      .message();
    expect(message.embeds[0]?.title).toBe('Not in the articles');
  });
});

describe('/article', () => {
  it('adds an article from a modal', async () => {
    const opened = h.emulator.slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [] }]);
    const ack = await opened.ack();
    expect(ack.type).toBe(9);
    expect(ack.data?.custom_id).toBe('fn:article:add');
    const submitted = h.emulator.submitModal(GUILD_A, MODERATOR, 'fn:article:add', {
      title: 'Oil output falls',
      source: 'Reuters',
      text: 'Libyan oil output fell to 100,000 barrels a day in May, the oil ministry said.\nExports have nearly stopped.',
    });
    const message = await submitted.message();
    expect(message.embeds[0]?.title).toMatch(/^Added #\d+: Oil output falls$/);
    expect(textOf(message)).toMatch(/2 paragraphs/);
    const answer = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', q('How much oil did Libya produce in May?'))
      .message();
    expect(answer.embeds[0]?.title).toMatch(/100,000/);
  });

  it('adds an article from an attachment, deferring first', async () => {
    const [option, resolved] = h.emulator.attachment(
      'file',
      'harbour.md',
      '---\ntitle: Harbour mined\n---\n\nDivers found 12 mines in the harbour of Misrata on Wednesday, NATO said.\n',
      'text/markdown',
    );
    const handle = h.emulator.slash(
      GUILD_A,
      MODERATOR,
      'article',
      [{ name: 'add', type: 1, options: [option] }],
      resolved,
    );
    expect((await handle.ack()).type).toBe(5);
    const message = await handle.message();
    expect(message.embeds[0]?.title).toMatch(/^Added #\d+: Harbour mined$/);
    const answer = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', q('How many mines were found in the harbour?'))
      .message();
    expect(answer.embeds[0]?.title).toBe('12');
  });

  it('refuses a bad attachment without storing anything', async () => {
    const before = h.bot.context.library.listArticles(GUILD_A.id).length;
    const [pdf, r1] = h.emulator.attachment('file', 'report.pdf', '%PDF-1.4', 'application/pdf');
    const refused = await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [pdf] }], r1)
      .message();
    expect(refused.content).toMatch(/not a \.txt, \.md or \.html file/);
    expect(refused.flags & 64).toBe(64);
    const [big, r2] = h.emulator.attachment('file', 'big.txt', 'x', 'text/plain', 50 * 1024 * 1024);
    expect(
      (await h.emulator.slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [big] }], r2).message())
        .content,
    ).toMatch(/limit is 2\.0 MiB/);
    const [binary, r3] = h.emulator.attachment('file', 'fake.txt', Buffer.from([0, 1, 2, 3, 0, 5]), 'text/plain');
    expect(
      (
        await h.emulator
          .slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [binary] }], r3)
          .message()
      ).content,
    ).toMatch(/binary file/);
    expect(h.bot.context.library.listArticles(GUILD_A.id).length).toBe(before);
  });

  it('adds an article from a URL (a local page)', async () => {
    const [option, resolved] = [{ name: 'url', type: 3, value: `${pagesBase}/ships` }, undefined];
    const handle = h.emulator.slash(
      GUILD_B,
      MODERATOR,
      'article',
      [{ name: 'add', type: 1, options: [option] }],
      resolved,
    );
    const message = await handle.message();
    expect(message.embeds[0]?.title).toMatch(/^Added #\d+: Port reopens$/);
    expect(message.embeds[0]?.url).toBe(`${pagesBase}/ships`);
    const answer = await h.emulator.slash(GUILD_B, MEMBER, 'ask', q('How many ships were waiting?')).message();
    // "About 40" and "40" are both faithful; the learned ranker chooses.
    expect(answer.embeds[0]?.title).toMatch(/^(?:About )?40$/);
  });

  it('turns a message into an article with "Add as article"', async () => {
    const target = h.emulator.userMessage(
      GUILD_A,
      OTHER,
      'The ferry Karim docked in Malta on Saturday with 300 evacuees, the crew said.',
      [{ filename: 'extra.txt', body: 'The evacuees were mostly Egyptian workers.', contentType: 'text/plain' }],
    );
    const handle = h.emulator.messageCommand(GUILD_A, MODERATOR, 'Add as article', target);
    expect((await handle.ack()).type).toBe(5);
    const message = await handle.message();
    expect(message.embeds[0]?.title).toMatch(/^Added #\d+:/);
    const answer = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('Where did the ferry Karim dock?')).message();
    expect(answer.embeds[0]?.title).toBe('Malta');
  });

  it('lists and shows articles', async () => {
    const list = await h.emulator.slash(GUILD_A, MEMBER, 'article', [{ name: 'list', type: 1, options: [] }]).message();
    expect(list.embeds[0]?.title).toMatch(/^Articles \(\d+\)$/);
    expect(textOf(list)).toMatch(/\*\*#1\*\* NATO plans/);
    const show = await h.emulator
      .slash(GUILD_A, MEMBER, 'article', [
        { name: 'show', type: 1, options: [{ name: 'article', type: 3, value: '1' }] },
      ])
      .message();
    expect(show.embeds[0]?.title).toBe('NATO plans to use attack helicopters in Libya…');
    expect(textOf(show)).toMatch(/\*\*¶1\*\* PARIS\/MISRATA/);
  });

  it('removes an article only after confirmation', async () => {
    const [option, resolved] = h.emulator.attachment(
      'file',
      'short.txt',
      'A short article about the ferry Aurora that sank in 1911.',
      'text/plain',
    );
    const added = await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [option] }], resolved)
      .message();
    const id = /#(\d+)/.exec(String(added.embeds[0]?.title))?.[1] as string;
    const confirm = await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [
        { name: 'remove', type: 1, options: [{ name: 'article', type: 3, value: id }] },
      ])
      .message();
    expect(confirm.flags & 64).toBe(64);
    expect(confirm.embeds[0]?.title).toBe('Remove this article?');
    expect(h.bot.context.library.collection(GUILD_A.id).article(Number(id))).toBeDefined();
    const remove = buttonsOf(confirm).find((b) => b.label === 'Remove');
    const removed = await h.emulator.click(GUILD_A, MODERATOR, confirm, remove?.id as string).message();
    expect(removed.content).toMatch(new RegExp(`^Removed #${id}`));
    expect(h.bot.context.library.collection(GUILD_A.id).article(Number(id))).toBeUndefined();
  });

  it('refuses members without Manage Server, at run time, for every change', async () => {
    const before = h.bot.context.library.listArticles(GUILD_A.id).length;
    const add = await h.emulator
      .slash(GUILD_A, MEMBER, 'article', [
        { name: 'add', type: 1, options: [{ name: 'url', type: 3, value: `${pagesBase}/x` }] },
      ])
      .message();
    expect(add.content).toMatch(/Only moderators/);
    expect(add.flags & 64).toBe(64);
    const remove = await h.emulator
      .slash(GUILD_A, MEMBER, 'article', [
        { name: 'remove', type: 1, options: [{ name: 'article', type: 3, value: '1' }] },
      ])
      .message();
    expect(remove.content).toMatch(/Only moderators/);
    const modal = await h.emulator
      .submitModal(GUILD_A, MEMBER, 'fn:article:add', {
        title: '',
        source: '',
        text: 'Sneaky text that should never be stored anywhere.',
      })
      .message();
    expect(modal.content).toMatch(/Only moderators/);
    const forgedRemove = await h.emulator.click(GUILD_A, MEMBER, add, 'fn:article:remove:1').message();
    expect(forgedRemove.content).toMatch(/Only moderators/);
    const target = h.emulator.userMessage(GUILD_A, OTHER, 'Some text a member wants stored.');
    expect((await h.emulator.messageCommand(GUILD_A, MEMBER, 'Add as article', target).message()).content).toMatch(
      /Only moderators/,
    );
    expect(h.bot.context.library.listArticles(GUILD_A.id).length).toBe(before);
  });
});

describe('safety and limits', () => {
  it('quotes article text with @everyone and mentions without pinging anyone', async () => {
    const text =
      'Protesters chanted @everyone and @here outside, and <@4000000000000000002> and <@&5000000000000000001> were named in the leaflet about the harbour strike on Monday.';
    const [option, resolved] = h.emulator.attachment('file', 'pings.txt', text, 'text/plain');
    const added = await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [option] }], resolved)
      .message();
    const asked = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', q('What did protesters chant outside during the harbour strike?'))
      .message();
    const searched = await h.emulator
      .slash(GUILD_A, MEMBER, 'search', [{ name: 'query', type: 3, value: 'leaflet harbour strike' }])
      .message();
    for (const m of [added, asked, searched]) {
      expect(m.pings).toEqual([]);
      expect(m.allowed_mentions).toEqual({ parse: [] });
    }
    expect(textOf(searched)).toContain('@\u200beveryone');
  });

  it('keeps a very long paragraph within Discord limits', async () => {
    const sentence = (i: number) =>
      `Sentence ${i} of the long report says the convoy number ${i} reached Ajdabiya with supplies and *stars* and _marks_.`;
    const paragraph = Array.from({ length: 34 }, (_, i) => sentence(i)).join(' ');
    expect(paragraph.length).toBeGreaterThan(3500);
    const [option, resolved] = h.emulator.attachment(
      'file',
      'long.txt',
      `${paragraph}\n${paragraph.replace(/convoy/g, 'column')}`,
      'text/plain',
    );
    await h.emulator
      .slash(GUILD_A, MODERATOR, 'article', [{ name: 'add', type: 1, options: [option] }], resolved)
      .message();
    const asked = await h.emulator
      .slash(GUILD_A, MEMBER, 'ask', q('Where did convoy number 17 arrive with supplies?'))
      .message();
    // 34 near-identical sentences, all of which say Ajdabiya.
    expect(asked.embeds[0]?.title).toBe('Ajdabiya');
    // The evidence is the sentence about convoy 17, the answer in bold.
    expect(asked.embeds[0]?.description).toMatch(/convoy number 17 reached \*\*Ajdabiya\*\*/);
    const searched = await h.emulator
      .slash(GUILD_A, MEMBER, 'search', [{ name: 'query', type: 3, value: 'convoy column Ajdabiya supplies' }])
      .message();
    expect(searched.embeds.length).toBe(1);
    // The emulator refuses anything over a limit with 400; no request of this test was refused.
    expect(h.emulator.requests.filter((r) => r.status === 400)).toEqual([]);
  });

  it('answers a stale or forged button politely', async () => {
    const message = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('Who edited the report?')).message();
    for (const id of [
      'fn:ask:page:999999:1',
      'fn:ask:vote:1:sideways',
      'not-ours',
      'fn:nope:x',
      `fn:ask:page:1:${'9'.repeat(5)}`,
    ]) {
      const reply = await h.emulator.click(GUILD_A, MEMBER, message, id).message();
      expect(reply.flags & 64).toBe(64);
      expect(reply.content).toMatch(/no longer (works|available)/);
    }
  });

  it('survives an interaction that expired or was acknowledged elsewhere', async () => {
    h.emulator.backdateNextMs = 4000;
    const late = h.emulator.slash(GUILD_A, MEMBER, 'ask', q('who defected?'));
    const taken = h.emulator.slash(GUILD_A, MEMBER, 'ask', q('who defected?'));
    taken.acknowledgeElsewhere();
    const refusedCodes = () =>
      h.emulator.requests.filter((r) => r.code === 10062 || r.code === 40060).map((r) => r.code);
    for (
      let waited = 0;
      waited < 5000 && !(refusedCodes().includes(10062) && refusedCodes().includes(40060));
      waited += 50
    ) {
      await new Promise((resolve) => setTimeout(resolve, 50));
    }
    expect(refusedCodes()).toEqual(expect.arrayContaining([10062, 40060]));
    void late;
    const after = await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('Who edited the report?')).message();
    expect(after.embeds[0]?.title).toBe('Alison Williams');
    expect(h.logLines.some((l) => /interaction could not be answered/.test(l))).toBe(true);
  });

  it('acknowledges 20 concurrent /ask within 3 seconds', async () => {
    const questions = [
      'who defected?',
      'Who edited the report?',
      'When did Ashton visit the rebels?',
      'What is Misrata?',
      'How long has the conflict lasted?',
    ];
    const handles = Array.from({ length: 20 }, (_, i) =>
      h.emulator.slash(
        GUILD_A,
        { ...MEMBER, id: `49000000000000000${String(i).padStart(2, '0')}` },
        'ask',
        q(questions[i % 5] as string),
      ),
    );
    const acks = await Promise.all(handles.map((x) => x.ack()));
    for (const ack of acks) expect(ack.ms).toBeLessThan(3000);
    const messages = await Promise.all(handles.map((x) => x.message()));
    expect(messages.every((m) => m.embeds.length === 1)).toBe(true);
  });

  it('shows the emulator request log for one /ask, and time to acknowledgement over 200 asks', async () => {
    const from = h.emulator.requests.length;
    await h.emulator.slash(GUILD_A, MEMBER, 'ask', q('When did Shalgham denounce Gaddafi?')).message();
    const log = h.emulator.requests.slice(from).map((r) => `${r.method} ${r.path} -> ${r.status}`);
    expect(log).toEqual([
      expect.stringMatching(/^POST \/api\/v10\/interactions\/\d+\/TOKEN\/callback\?with_response=false -> 204$/),
    ]);
    console.log(`emulator request log for one /ask:\n  ${log.join('\n  ')}`);
    const times: number[] = [];
    const questions = [
      'who defected?',
      'Who edited the report?',
      'When did Ashton visit the rebels?',
      'What did Ashton say?',
    ];
    for (let i = 0; i < 200; i++)
      times.push((await h.emulator.slash(GUILD_A, MEMBER, 'ask', q(questions[i % 4] as string)).ack()).ms);
    const p50 = percentile(times, 0.5);
    const p99 = percentile(times, 0.99);
    console.log(`/ask time to acknowledgement over 200 interactions: p50 ${p50} ms, p99 ${p99} ms`);
    expect(p99).toBeLessThan(3000);
  });
});

describe('/help', () => {
  it('explains every command in one screen, privately', async () => {
    const message = await h.emulator.slash(GUILD_A, MEMBER, 'help').message();
    expect(message.flags & 64).toBe(64);
    for (const c of ['/ask', '/search', '/article add', '/article remove', 'Add as article'])
      expect(textOf(message)).toContain(c);
  });
});
