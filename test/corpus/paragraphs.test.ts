import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isAllCapsHeading, isBareDateline, splitLong, toParagraphs } from '../../src/corpus/paragraphs.js';

describe('isAllCapsHeading', () => {
  it.each(['CEASEFIRE CALLS', 'DEFECTION?', 'OIL MINISTER FLEES'])('%s is a heading', (line) => {
    expect(isAllCapsHeading(line)).toBe(true);
  });
  it.each([
    'PARIS/MISRATA, Libya (Reuters) – NATO plans',
    'A',
    'THE U.N. SAID, "NO."',
    'Rebels advance',
    '',
    'ONE TWO THREE FOUR FIVE SIX SEVEN EIGHT NINE',
  ])('%s is not', (line) => {
    expect(isAllCapsHeading(line)).toBe(false);
  });
});

describe('toParagraphs', () => {
  it('attaches section headings to the paragraphs under them and never numbers them', () => {
    const paragraphs = toParagraphs([
      { text: 'First paragraph.' },
      { text: 'CEASEFIRE CALLS' },
      { text: 'Second paragraph.' },
      { text: 'Third paragraph.' },
      { text: 'DEFECTION?' },
      { text: 'Fourth.' },
    ]);
    expect(paragraphs).toEqual([
      { n: 1, text: 'First paragraph.' },
      { n: 2, text: 'Second paragraph.', heading: 'CEASEFIRE CALLS' },
      { n: 3, text: 'Third paragraph.', heading: 'CEASEFIRE CALLS' },
      { n: 4, text: 'Fourth.', heading: 'DEFECTION?' },
    ]);
  });

  it('keeps the dateline in its paragraph and joins a dateline standing alone', () => {
    expect(isBareDateline('PARIS (Reuters) -')).toBe(true);
    const paragraphs = toParagraphs([{ text: 'PARIS (Reuters) -' }, { text: 'NATO plans to use helicopters.' }]);
    expect(paragraphs).toEqual([{ n: 1, text: 'PARIS (Reuters) - NATO plans to use helicopters.' }]);
    const inline = toParagraphs([{ text: 'PARIS/MISRATA, Libya (Reuters) – NATO plans to use attack helicopters.' }]);
    expect(inline[0]?.text.startsWith('PARIS/MISRATA, Libya (Reuters) –')).toBe(true);
  });

  it('keeps the credit line as a searchable paragraph', () => {
    const credit =
      '(Additional reporting by Joseph Logan in Tripoli; Writing by Ralph Boulton; Editing by Alison Williams)';
    expect(toParagraphs([{ text: 'Body.' }, { text: credit }]).at(-1)?.text).toBe(credit);
  });

  it('drops empty blocks and repeated paragraphs, collapses white space', () => {
    expect(toParagraphs([{ text: '  a\n b  ' }, { text: '' }, { text: '   ' }, { text: 'a b' }])).toEqual([
      { n: 1, text: 'a b' },
    ]);
  });

  it('cuts an over-long block at sentence ends', () => {
    const block = Array.from({ length: 50 }, (_, i) => `Sentence number ${i} is here.`).join(' ');
    const paragraphs = toParagraphs([{ text: block }], 100);
    expect(paragraphs.length).toBeGreaterThan(5);
    for (const p of paragraphs) expect(p.text.length).toBeLessThanOrEqual(100);
    expect(paragraphs.map((p) => p.text).join(' ')).toBe(block);
  });

  it('cuts a block with no sentence end at words', () => {
    const pieces = splitLong('word '.repeat(100).trim(), 42);
    for (const p of pieces) expect(p.length).toBeLessThanOrEqual(42);
    expect(pieces.join(' ')).toBe('word '.repeat(100).trim());
  });

  const block = fc.oneof(
    fc
      .array(
        fc.constantFrom(
          'Rebels',
          'said',
          'NATO',
          'the',
          'Ghanem',
          'defected.',
          '"We',
          'stay,"',
          'he',
          'said.',
          '(Reuters)',
          '–',
          '12',
          'helicopters',
        ),
        { minLength: 0, maxLength: 25 },
      )
      .map((w) => w.join(' ')),
    fc.constantFrom('CEASEFIRE CALLS', 'DEFECTION?', '', '   ', 'PARIS (Reuters) -'),
  );

  it('invariants: numbered 1..n, no empty or repeated paragraph, no text lost (property)', () => {
    fc.assert(
      fc.property(fc.array(block, { maxLength: 30 }), fc.integer({ min: 40, max: 400 }), (texts, max) => {
        const blocks = texts.map((text) => ({ text }));
        const paragraphs = toParagraphs(blocks, max);
        paragraphs.forEach((p, i) => {
          expect(p.n).toBe(i + 1);
          expect(p.text.trim()).not.toBe('');
          expect(p.text.length).toBeLessThanOrEqual(max);
        });
        expect(new Set(paragraphs.map((p) => p.text)).size).toBe(paragraphs.length);
        // Every word of every body block is in the output, in order (repeats may be dropped).
        const out = paragraphs.map((p) => p.text).join(' ');
        for (const b of blocks) {
          const text = b.text.trim();
          if (!text || isAllCapsHeading(text)) continue;
          const words = text.split(/\s+/).join(' ');
          expect(out.replace(/\s+/g, ' ')).toContain(isBareDateline(text) ? words : words.split(' ')[0]);
        }
      }),
    );
  });
});
