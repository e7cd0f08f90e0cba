import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terms } from '../../src/text/analyze.js';
import { analyseParagraph, paragraphFingerprint, termsBySentence } from '../../src/text/paragraph.js';
import { splitSentences } from '../../src/text/sentences.js';
import { SENTENCE_WORDS } from '../helpers/words.js';

describe('analyseParagraph', () => {
  it("gives the paragraph's terms, and each sentence the ones of its words", () => {
    const text = 'Mr. Smith met Gen. Petraeus in the U.S. capital. U.S. forces left on Jan. 5. It rained!';
    const { terms: all, sentences } = analyseParagraph(text);
    expect(all).toEqual(terms(text));
    expect(sentences.map((s) => text.slice(s.start, s.end))).toEqual([
      'Mr. Smith met Gen. Petraeus in the U.S. capital.',
      'U.S. forces left on Jan. 5.',
      'It rained!',
    ]);
    expect(termsBySentence(analyseParagraph(text))).toEqual([
      ['mr', 'smith', 'meet', 'gen', 'petraeu', 'usa', 'capit'],
      ['usa', 'forc', 'left', 'jan', '5'],
      ['rain'],
    ]);
  });

  it('counts a sentence of stop words only as holding none, and an empty text as no sentences', () => {
    expect(analyseParagraph('Rebels left. It was so. Ghanem defected.').sentences.map((s) => s.terms)).toEqual([
      2, 0, 2,
    ]);
    expect(analyseParagraph('  ')).toEqual({ terms: [], sentences: [] });
  });

  it('splits as splitSentences does and gives each sentence the terms it has alone (property)', () => {
    const word = fc.constantFrom(...SENTENCE_WORDS, 'United', 'States', 'Kerry’s', '(NATO)');
    fc.assert(
      fc.property(fc.array(word, { maxLength: 40 }), (words) => {
        const text = words.join(' ');
        const { terms: all, sentences } = analyseParagraph(text);
        expect(all).toEqual(terms(text));
        expect(sentences.map(({ start, end }) => ({ start, end }))).toEqual(
          splitSentences(text).map(({ start, end }) => ({ start, end })),
        );
        expect(termsBySentence(analyseParagraph(text))).toEqual(
          sentences.map((s) => terms(text.slice(s.start, s.end))),
        );
      }),
    );
  });

  it('has a fingerprint of 16 hex digits that stays the same', () => {
    expect(paragraphFingerprint()).toMatch(/^[0-9a-f]{16}$/);
    expect(paragraphFingerprint()).toBe(paragraphFingerprint());
  });
});
