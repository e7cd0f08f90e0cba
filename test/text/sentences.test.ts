import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/text/sentences.js';
import { SENTENCE_WORDS } from '../helpers/words.js';

describe('splitSentences', () => {
  it('does not break after titles, initials, months or dotted acronyms', () => {
    const text =
      'Mr. Smith met Gen. Petraeus in St. Louis on Jan. 5. John F. Kennedy was there. The U.S. forces left at 3 p.m. and returned.';
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      'Mr. Smith met Gen. Petraeus in St. Louis on Jan. 5.',
      'John F. Kennedy was there.',
      'The U.S. forces left at 3 p.m. and returned.',
    ]);
  });

  it('splits after quotations and question marks', () => {
    const text = 'He said: "We have no plans." Critics disagree. Was it true? Nobody knows.';
    expect(splitSentences(text)).toHaveLength(4);
  });

  it('covers every non-space character once, in order (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom(...SENTENCE_WORDS), { maxLength: 40 }), (words) => {
        const text = words.join(' ');
        const sentences = splitSentences(text);
        expect(
          sentences
            .map((s) => s.text)
            .join('')
            .replace(/\s/g, ''),
        ).toBe(text.replace(/\s/g, ''));
        for (const s of sentences) {
          expect(text.slice(s.start, s.end)).toBe(s.text);
          expect(s.text.trim()).toBe(s.text);
          expect(s.text.length).toBeGreaterThan(0);
        }
      }),
    );
  });
});
