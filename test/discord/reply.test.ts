import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/engine.js';
import { DISCORD_LIMITS } from '../../src/discord/limits.js';
import { answerCard, passageWindow } from '../../src/discord/render.js';
import { fitEmbeds, safePayload } from '../../src/discord/reply.js';
import { escapeArticleText, truncate } from '../../src/discord/text.js';
import { testLibrary } from '../helpers/library.js';
import { DiscordEmulator } from './emulator.js';

const validator = new DiscordEmulator({ token: 'x', guilds: [] });

describe('truncate', () => {
  it('keeps short text and cuts long text at a sentence or word, with an ellipsis', () => {
    expect(truncate('Short.', 100)).toBe('Short.');
    expect(truncate('First sentence here. Second sentence that is long.', 30)).toBe('First sentence here.…');
    expect(truncate('one two three four five six seven', 20)).toBe('one two three…');
  });

  it('never leaves markdown open (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom('word', '**bold words**', '`code`', '~~gone~~', 'end.', '__under__'), {
          maxLength: 60,
        }),
        fc.integer({ min: 10, max: 300 }),
        (parts, max) => {
          const out = truncate(parts.join(' '), max);
          expect(out.length).toBeLessThanOrEqual(max);
          const outside = out.replace(/`[^`]*`/g, '');
          expect((out.match(/`/g) ?? []).length % 2).toBe(0);
          expect((outside.match(/\*\*/g) ?? []).length % 2).toBe(0);
          expect((outside.match(/~~/g) ?? []).length % 2).toBe(0);
        },
      ),
    );
  });
});

describe('escapeArticleText', () => {
  it('makes mentions and markdown inert', () => {
    const out = escapeArticleText('@everyone <@123> <@&456> <#789> **loud** > quote');
    expect(out).not.toMatch(/@everyone|<@123>|<@&456>|<#789>/);
    expect(out).toContain('\\*\\*loud\\*\\*');
  });
});

describe('safePayload', () => {
  it('never allows mentions and marks ephemeral replies', () => {
    expect(safePayload({ content: '@everyone hi', ephemeral: true })).toMatchObject({
      allowedMentions: { parse: [] },
      flags: 64,
    });
  });

  it('fits any embeds within every Discord limit (property, checked by the emulator)', () => {
    const text = (max: number) => fc.string({ minLength: 1, maxLength: max });
    const field = fc.record({ name: text(400), value: text(2000) });
    const embed = fc.record({
      title: text(400),
      description: text(6000),
      fields: fc.array(field, { maxLength: 30 }),
      footer: fc.record({ text: text(3000) }),
    });
    fc.assert(
      fc.property(fc.array(embed, { maxLength: 12 }), text(3000), (embeds, content) => {
        const body = safePayload({ content, embeds });
        expect(() => validator.validateMessage(body as unknown as Record<string, unknown>)).not.toThrow();
        expect(body.embeds.length).toBeLessThanOrEqual(DISCORD_LIMITS.embeds);
      }),
      { numRuns: 60 },
    );
    expect(fitEmbeds([])).toEqual([]);
  });
});

describe('answerCard', () => {
  const collection = testLibrary().collection('render');

  it('puts the answer in the title and in bold in the cited window', () => {
    const result = answer('When did Ashton visit the rebels?', collection, { limit: 10 });
    const card = answerCard(result, 7);
    expect(card.embeds[0]?.title).toBe('Sunday');
    expect(card.embeds[0]?.description).toContain('**Sunday**');
    expect(card.components[0]?.components.map((c) => ('custom_id' in c ? c.custom_id : ''))).toEqual([
      'fn:ask:page:7:1',
      'fn:ask:vote:7:up',
      'fn:ask:vote:7:down',
    ]);
  });

  it('shows how the articles begin for "what is the article about?", with no mention in the quoted text', () => {
    const card = answerCard(answer('what is the article about?', collection), 9);
    expect(card.embeds[0]?.title).toBe('How the articles begin');
    expect(card.embeds[0]?.fields?.[0]?.value).toMatch(/^> PARIS\/MISRATA, Libya \(Reuters\) – NATO plans/);
    expect(card.embeds[0]?.fields?.[0]?.value).toMatch(/· ¶1 · Reuters/);
  });

  it('says in the footer what a misspelt word was read as', () => {
    const card = answerCard(answer('When did Ashtno visit the rebels?', collection), 7);
    expect(card.embeds[0]?.footer?.text).toMatch(/^Confidence \d+% · Read "Ashtno" as "Ashton"$/);
    const missing = answerCard(answer('Did the rebles win the football match?', collection), 8);
    expect(missing.embeds[0]?.title).toBe('Not in the articles');
    expect(missing.embeds[0]?.footer?.text).toBe('Read "rebles" as "rebels"');
  });

  it('answers a yes-or-no question with the passages that speak to it, no answer line', () => {
    const result = answer('Did Shokri Ghanem defect?', collection);
    expect(result).toMatchObject({ answer: null, polar: true });
    const card = answerCard(result, 10);
    expect(card.embeds[0]?.title).toBe('Yes or no?');
    expect(card.embeds[0]?.fields?.[0]?.value).toMatch(/defected/);
  });

  it('shows a window of the paragraph around the sentence', () => {
    const result = answer("Who is Russia's foreign minister?", collection);
    const window = passageWindow(result.citations[0] as (typeof result.citations)[0], result.answer);
    expect(window).toContain('**Sergei Lavrov**');
  });

  it('pages through further passages', () => {
    const result = answer('Gaddafi forces helicopters', collection, { limit: 10 });
    const page2 = answerCard(result, 1, 1);
    expect(page2.embeds[0]?.title).toBe('More passages');
    expect(page2.embeds[0]?.fields?.length).toBe(3);
    expect(page2.components[0]?.components[0]).toMatchObject({
      label: 'Back to the answer',
      custom_id: 'fn:ask:page:1:0',
    });
  });
});
