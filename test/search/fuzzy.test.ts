import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { editDistance, nearTerms } from '../../src/search/fuzzy.js';

/** The optimal string alignment distance, straight from its definition (the reference). */
function osa(a: string, b: string): number {
  const d: number[][] = Array.from({ length: a.length + 1 }, (_, i) => [i]);
  for (let j = 0; j <= b.length; j++) (d[0] as number[])[j] = j;
  for (let i = 1; i <= a.length; i++)
    for (let j = 1; j <= b.length; j++) {
      const row = d[i] as number[];
      const up = d[i - 1] as number[];
      row[j] = Math.min(
        (up[j] as number) + 1,
        (row[j - 1] as number) + 1,
        (up[j - 1] as number) + (a[i - 1] === b[j - 1] ? 0 : 1),
      );
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1])
        row[j] = Math.min(row[j] as number, ((d[i - 2] as number[])[j - 2] as number) + 1);
    }
  return (d[a.length] as number[])[b.length] as number;
}

describe('nearTerms', () => {
  const vocabulary = ['defect', 'defector', 'libya', 'napoleon', 'nato', 'receiv', 'reciev', 'rebel'].sort();

  it('finds terms one edit away, a swap of two letters counting as one', () => {
    expect(nearTerms(vocabulary, 'napolean', 1)).toEqual([{ term: 'napoleon', distance: 1 }]);
    expect(nearTerms(vocabulary, 'receiv', 1)).toEqual([
      { term: 'receiv', distance: 0 },
      { term: 'reciev', distance: 1 },
    ]);
    expect(nearTerms(vocabulary, 'libia', 0)).toEqual([]);
    expect(nearTerms(vocabulary, 'libya', 0)).toEqual([{ term: 'libya', distance: 0 }]);
  });

  it('keeps terms that extend another (a prefix and its longer words)', () => {
    expect(nearTerms(vocabulary, 'defecto', 1)).toEqual([
      { term: 'defect', distance: 1 },
      { term: 'defector', distance: 1 },
    ]);
  });

  it('gives the distance between two words, or one more than the bound', () => {
    expect(editDistance('recieve', 'receive', 2)).toBe(1);
    expect(editDistance('napolean', 'napoleon', 2)).toBe(1);
    expect(editDistance('kousa', 'moussa', 1)).toBe(2);
  });

  it('keeps to terms sharing the first letters when asked', () => {
    expect(nearTerms(vocabulary, 'nibya', 1)).toEqual([{ term: 'libya', distance: 1 }]);
    expect(nearTerms(vocabulary, 'nibya', 1, 1)).toEqual([]);
    expect(nearTerms(vocabulary, 'rebel', 2, 2).map((n) => n.term)).toEqual(['rebel']);
  });

  it('rejects a distance or shared prefix that does not fit', () => {
    expect(() => nearTerms(vocabulary, 'nato', -1)).toThrow(RangeError);
    expect(() => nearTerms(vocabulary, 'nato', 1.5)).toThrow(RangeError);
    expect(() => nearTerms(vocabulary, 'nato', 1, 5)).toThrow(RangeError);
  });

  it('returns what a scan of every term with the reference distance returns', () => {
    const word = fc.string({ unit: fc.constantFrom('a', 'b', 'c', 'd'), maxLength: 7 });
    fc.assert(
      fc.property(
        fc.uniqueArray(word, { maxLength: 40 }),
        word,
        fc.integer({ min: 0, max: 3 }),
        fc.integer({ min: 0, max: 2 }),
        (words, term, max, shared) => {
          const prefix = Math.min(shared, term.length);
          const sorted = [...words].sort();
          const expected = sorted.flatMap((t) => {
            const distance = osa(term, t);
            return distance <= max && t.startsWith(term.slice(0, prefix)) ? [{ term: t, distance }] : [];
          });
          expect(nearTerms(sorted, term, max, prefix)).toEqual(expected);
        },
      ),
      { numRuns: 2000 },
    );
  });
});
