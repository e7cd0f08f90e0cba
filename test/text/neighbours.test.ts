import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { neighboursFrom, type WordVectors } from '../../src/text/neighbours-source.js';
import { hasNeighbour, NEIGHBOURS, TermTable } from '../../src/text/related.js';
import { formatRelated } from '../../src/text/related-source.js';

describe('neighboursFrom', () => {
  // Two tight pairs ("invade"/"invasion" stem apart; "attack"/"attacks" share a term) and a word far from all.
  const vectors: WordVectors = {
    dimensions: 3,
    words: ['the', 'invade', 'invasion', 'attack', 'attacks', 'banana', '1990', 'x'],
    vectors: {
      the: [1, 1, 1],
      invade: [1, 0.1, 0, 9, 9],
      invasion: [0.9, 0.15, 0, 9, 9],
      attack: [0.8, 0.5, 0, 9, 9],
      attacks: [0.75, 0.55, 0, 9, 9],
      banana: [0, 0, 1, 9, 9],
      '1990': [1, 0.1, 0],
      x: [1, 0.1, 0],
    },
  };

  it("relates each word's term to its nearest words' terms, pooled by term, stop words and non-words left out", () => {
    // Cosines: invade-invasion 0.998, attack-attacks 0.997, attack-invasion 0.924, attack-invade 0.897.
    const data = neighboursFrom(vectors, { perWord: 2, minSimilarity: 0.9 });
    expect(data).toEqual({ invad: ['invas'], invas: ['attack', 'invad'], attack: ['invas'] });
    expect(neighboursFrom(vectors, { perWord: 3, minSimilarity: 0.85 }).invad).toEqual(['attack', 'invas']);
  });

  it('keeps at most `perWord` neighbours a word, above the similarity floor, among the first `words` words', () => {
    expect(neighboursFrom(vectors, { perWord: 1, minSimilarity: 0.9 }).invad).toEqual(['invas']);
    expect(neighboursFrom(vectors, { minSimilarity: 0.999 })).toEqual({});
    expect(neighboursFrom(vectors, { words: 2, minSimilarity: 0.5 })).toEqual({
      invad: ['invas'],
      invas: ['invad'],
    });
  });
});

describe('the shipped neighbour table', () => {
  const text: string = JSON.parse(
    readFileSync(new URL('../../src/text/neighbours-data.json', import.meta.url), 'utf8'),
  );

  it('is sorted, one term a line, and found by binary search at both ends', () => {
    const lines = text.trim().split('\n');
    expect(lines.length).toBe(NEIGHBOURS.size);
    const keys = lines.map((l) => l.split(' ')[0] as string);
    expect(keys).toEqual([...keys].sort((a, b) => (a < b ? -1 : a > b ? 1 : 0)));
    for (const line of [lines[0], lines[lines.length - 1]]) {
      const [term, ...near] = (line as string).split(' ');
      expect(NEIGHBOURS.terms(term as string)).toEqual(near);
    }
    expect(NEIGHBOURS.terms('invad')).toContain('invas');
    expect(hasNeighbour('invad', new Set(['invas']))).toBe(true);
    expect(hasNeighbour('qwxyz', new Set(['invas']))).toBe(false);
  });
});

describe('TermTable', () => {
  it('looks terms up in a table given as text, the same as formatRelated wrote it', () => {
    const table = new TermTable(formatRelated({ b: ['a', 'c'], a: ['b'], c: [] }));
    expect(table.size).toBe(3);
    expect(table.terms('a')).toEqual(['b']);
    expect(table.terms('b')).toEqual(['a', 'c']);
    expect(table.terms('c')).toEqual([]);
    expect(table.terms('0')).toEqual([]);
    expect(table.terms('z')).toEqual([]);
    expect(table.has('b', new Set(['c']))).toBe(true);
    expect(table.has('a', new Set(['c']))).toBe(false);
    expect(new TermTable('').terms('a')).toEqual([]);
  });
});
