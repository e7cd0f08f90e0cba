import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { termVectorsFrom, type WordVectors } from '../../src/text/neighbours-source.js';
import { TermVectors, termVectors } from '../../src/text/vectors.js';

// "attack" and "attacks" share a term; "the" is a stop word and "1990" not a plain word: both left out.
const words: WordVectors = {
  dimensions: 3,
  words: ['the', 'attack', 'attacks', 'invade', 'banana', '1990'],
  vectors: {
    the: [1, 1, 1],
    attack: [1, 0, 0, 9, 9],
    attacks: [0, 1, 0, 9, 9],
    invade: [1, 1, 0, 9, 9],
    banana: [0, 0, 2, 9, 9],
    '1990': [1, 0, 0],
  },
};

/** Plain cosine over plain arrays: the reference the 8-bit table is held to. */
function cosine(a: readonly number[], b: readonly number[]): number {
  const dot = a.reduce((s, x, k) => s + x * (b[k] as number), 0);
  const norm = (v: readonly number[]) => Math.sqrt(v.reduce((s, x) => s + x * x, 0));
  return dot / (norm(a) * norm(b));
}

describe('termVectorsFrom', () => {
  it("pools a term's words' unit vectors, sorted by term, stop words and non-words left out", () => {
    const file = termVectorsFrom(words);
    expect(file.terms).toBe('attack banana invad');
    expect(file.dimensions).toBe(3);
    const table = new TermVectors(file);
    expect(table.size).toBe(3);
    // attack = mean of (1,0,0) and (0,1,0), which points as invade's (1,1,0) does.
    expect(table.similarity('attack', 'invad')).toBeCloseTo(1, 3);
    expect(table.similarity('attack', 'banana')).toBeCloseTo(0, 3);
    expect(termVectorsFrom(words, { words: 1 }).terms).toBe('attack');
  });

  it('stores each component in 8 bits, the largest of each vector at ±127', () => {
    const bytes = new Int8Array(Buffer.from(termVectorsFrom(words).vectors, 'base64'));
    // attack (0.71, 0.71, 0), banana (0, 0, 1), invade (0.71, 0.71, 0).
    expect([...bytes]).toEqual([127, 127, 0, 0, 0, 127, 127, 127, 0]);
  });
});

describe('TermVectors', () => {
  it('keeps cosine similarity within 0.03 of the exact one after 8 bits (property): each component is off by at most half a step', () => {
    const component = fc.double({ min: -1, max: 1, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(component, { minLength: 8, maxLength: 8 }),
        fc.array(component, { minLength: 8, maxLength: 8 }),
        (a, b) => {
          fc.pre(a.some((x) => Math.abs(x) > 0.01) && b.some((x) => Math.abs(x) > 0.01));
          const file = termVectorsFrom({ dimensions: 8, words: ['alpha', 'bravo'], vectors: { alpha: a, bravo: b } });
          const table = new TermVectors(file);
          expect(Math.abs(table.similarity('alpha', 'bravo') - cosine(a, b))).toBeLessThan(0.03);
        },
      ),
    );
  });

  it('gives 0 for a term without a vector and 1 for a term with itself, and refuses a torn file', () => {
    const table = new TermVectors(termVectorsFrom(words));
    expect(table.similarity('attack', 'qwxyz')).toBe(0);
    expect(table.similarity('banana', 'banana')).toBe(1);
    expect(table.has('qwxyz')).toBe(false);
    expect(() => new TermVectors({ version: 1, dimensions: 3, terms: 'a b', vectors: 'AAAA' })).toThrow(/bytes/);
  });

  it('adds a weighted unit vector to a sum, and nothing for a term without one', () => {
    const table = new TermVectors(termVectorsFrom(words));
    expect(table.dimensions).toBe(3);
    const sum = new Float32Array(3);
    expect(table.addTo('banana', sum, 2)).toBe(true);
    expect(table.addTo('qwxyz', sum)).toBe(false);
    expect([...sum].map((x) => Number(x.toFixed(3)))).toEqual([0, 0, 2]);
    table.addTo('invad', sum);
    // (0, 0, 2) + the unit vector of (1, 1, 0).
    expect(sum[0]).toBeCloseTo(Math.SQRT1_2, 2);
    expect(sum[2]).toBeCloseTo(2, 3);
  });

  it('ships a table of the most frequent words: near words are near, far ones far', () => {
    const shipped = termVectors();
    expect(shipped.size).toBeGreaterThan(20_000);
    expect(shipped.similarity('vessel', 'submarin')).toBeGreaterThan(0.5);
    expect(shipped.similarity('river', 'missouri')).toBeGreaterThan(shipped.similarity('river', 'guitar'));
  });
});
