import { crc32 } from 'node:zlib';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { FrozenSegment, MAX_TERM_FREQUENCY, mergeSegment, SnapshotError } from '../../src/search/segment.js';

const docs = [
  { id: 7, articleId: 1, textTerms: ['rebel', 'defect', 'rebel'], headingTerms: ['libya'] },
  { id: 3, articleId: 2, textTerms: ['nato', 'helicopt'], headingTerms: [] },
  { id: 5, articleId: 1, textTerms: ['ghanem', 'defect'], headingTerms: [] },
];

/** A paragraph of article 1 stored with one sentence holding all its terms. */
const oneSentence = (id: number, textTerms: string[]) => ({
  id,
  articleId: 1,
  textTerms,
  headingTerms: [],
  sentences: [{ start: 0, end: 9, terms: textTerms.length }],
});

describe('mergeSegment and FrozenSegment', () => {
  it('numbers paragraphs in id order and keeps postings per field', () => {
    const segment = mergeSegment(undefined, docs, 'fp');
    expect([...segment.ids]).toEqual([3, 5, 7]);
    expect(segment.docOf(7)).toBe(2);
    expect(segment.docOf(4)).toBe(-1);
    const postings: Array<[number, number]> = [];
    segment.forEachPosting(segment.termId('rebel'), 0, (doc, tf) => postings.push([doc, tf]));
    expect(postings).toEqual([[2, 2]]);
    expect(segment.documentFrequency(segment.termId('defect'), 0)).toBe(2);
    expect(segment.documentFrequency(segment.termId('libya'), 1)).toBe(1);
    expect(segment.documentFrequency(segment.termId('libya'), 0)).toBe(0);
    expect(segment.termId('absent')).toBe(-1);
    expect([...segment.lengths[0]]).toEqual([2, 2, 2]);
  });

  it('forgets a killed paragraph in frequencies and length sums, and drops it when merged', () => {
    const segment = mergeSegment(undefined, docs, 'fp');
    expect(segment.kill(5)).toBe(true);
    expect(segment.kill(5)).toBe(false);
    expect(segment.has(5)).toBe(false);
    expect(segment.size).toBe(2);
    expect(segment.documentFrequency(segment.termId('defect'), 0)).toBe(1);
    expect(segment.lengthSum(0)).toBe(4);
    const merged = mergeSegment(segment, [{ id: 9, articleId: 3, textTerms: ['ghanem'], headingTerms: [] }], 'fp');
    expect([...merged.ids]).toEqual([3, 7, 9]);
    expect(merged.documentFrequency(merged.termId('ghanem'), 0)).toBe(1);
    expect(() => mergeSegment(merged, [{ id: 7, articleId: 1, textTerms: [], headingTerms: [] }], 'fp')).toThrow(
      /already indexed/,
    );
  });

  it('caps term frequencies at 8 bits', () => {
    const many = Array.from({ length: MAX_TERM_FREQUENCY + 10 }, () => 'oil');
    const segment = mergeSegment(undefined, [{ id: 1, articleId: 1, textTerms: many, headingTerms: [] }], 'fp');
    const seen: number[] = [];
    segment.forEachPosting(segment.termId('oil'), 0, (_, tf) => seen.push(tf));
    expect(seen).toEqual([MAX_TERM_FREQUENCY]);
  });

  it('round-trips through bytes, also from an unaligned buffer', () => {
    const segment = mergeSegment(undefined, docs, 'fp');
    const bytes = segment.toBytes();
    const back = FrozenSegment.fromBytes(bytes, 'fp');
    expect([...back.ids]).toEqual([3, 5, 7]);
    expect(back.termId('helicopt')).toBe(segment.termId('helicopt'));
    const shifted = new Uint8Array(bytes.length + 1).subarray(1);
    shifted.set(bytes);
    expect(FrozenSegment.fromBytes(shifted, 'fp').documentFrequency(back.termId('defect'), 0)).toBe(2);
    expect(FrozenSegment.fromBytes(FrozenSegment.empty('fp').toBytes(), 'fp').size).toBe(0);
  });

  it('refuses damaged, truncated, foreign and other-analyser snapshots with a SnapshotError', () => {
    const bytes = mergeSegment(undefined, docs, 'fp').toBytes();
    const flipped = bytes.slice();
    flipped[bytes.length - 3] = (flipped[bytes.length - 3] as number) ^ 0xff;
    expect(() => FrozenSegment.fromBytes(flipped, 'fp')).toThrow(/checksum/);
    expect(() => FrozenSegment.fromBytes(bytes.subarray(0, 10), 'fp')).toThrow(SnapshotError);
    expect(() => FrozenSegment.fromBytes(bytes.subarray(0, bytes.length - 8), 'fp')).toThrow(SnapshotError);
    expect(() => FrozenSegment.fromBytes(new TextEncoder().encode('{"json": "index"}'), 'fp')).toThrow(
      /not an index snapshot/,
    );
    expect(() => FrozenSegment.fromBytes(bytes, 'other')).toThrow(/another text analyser/);
  });

  it("keeps each paragraph's sentences and terms in order, and none for a paragraph stored without them", () => {
    const sentences = [
      { start: 0, end: 12, terms: 2 },
      { start: 13, end: 30, terms: 1 },
    ];
    const withSentences = { ...(docs[0] as (typeof docs)[0]), sentences };
    const segment = mergeSegment(undefined, [withSentences, docs[1], docs[2]] as typeof docs, 'fp');
    expect(segment.analysed(segment.docOf(7))).toEqual({ terms: ['rebel', 'defect', 'rebel'], sentences });
    expect(segment.analysed(segment.docOf(3))).toBeUndefined();
    // Renumbered through a merge that drops a paragraph before it and adds one after it.
    segment.kill(3);
    const added = oneSentence(9, ['ghanem']);
    const merged = FrozenSegment.fromBytes(mergeSegment(segment, [added], 'fp').toBytes(), 'fp');
    expect(merged.analysed(merged.docOf(7))).toEqual({ terms: ['rebel', 'defect', 'rebel'], sentences });
    expect(merged.analysed(merged.docOf(9))).toEqual({ terms: ['ghanem'], sentences: added.sentences });
    expect(merged.analysed(merged.docOf(5))).toBeUndefined();
  });

  it('keeps each term as its rank by frequency: one byte for the 128 most written, more for the rest', () => {
    // 70,000 terms written once, "oil" written 1,000 times: "oil" ranks first and takes one byte each time.
    const many = Array.from({ length: 70_000 }, (_, k) => `t${k.toString(36).padStart(4, '0')}`);
    const oily = oneSentence(
      2,
      Array.from({ length: 1_000 }, () => 'oil'),
    );
    const back = FrozenSegment.fromBytes(mergeSegment(undefined, [oneSentence(1, many), oily], 'fp').toBytes(), 'fp');
    expect(back.analysed(back.docOf(1))?.terms).toEqual(many);
    expect(back.analysed(back.docOf(2))?.terms).toEqual(oily.textTerms);
    const { termStarts } = back.forwardArrays;
    expect((termStarts[2] as number) - (termStarts[1] as number)).toBe(1_000);
    // 127 terms in one byte, 16,256 in two, the other 53,617 in three.
    expect(termStarts[1]).toBe(127 + 2 * 16_256 + 3 * 53_617);
    // A paragraph whose last byte says more follows is damaged: it gives no analysis, and a merge drops it.
    back.forwardArrays.terms[(termStarts[2] as number) - 1] = 0x80;
    expect(back.analysed(back.docOf(2))).toBeUndefined();
    const merged = mergeSegment(back, [], 'fp');
    expect(merged.analysed(merged.docOf(2))).toBeUndefined();
    expect(merged.analysed(merged.docOf(1))?.terms).toEqual(many);
  });

  it('refuses a snapshot whose analyses name a term outside its vocabulary, even with a good checksum', () => {
    const bytes = mergeSegment(undefined, [oneSentence(1, ['oil'])], 'fp').toBytes();
    // The analyses end the arrays: term starts [0, 1], the term's byte [0] (padded to four), ranked [0], sentence
    // starts [0, 1], spans [0, 9, 1]. Rank 0 is made to name vocabulary number 5, of a vocabulary of one.
    const words = new Uint32Array(bytes.buffer, bytes.byteOffset, bytes.byteLength >>> 2);
    const tail = [0, 1, 0, 0, 0, 1, 0, 9, 1];
    const at = words.findIndex((_, k) => tail.every((w, j) => words[k + j] === w));
    expect(at).toBeGreaterThan(0);
    const damaged = bytes.slice();
    new Uint32Array(damaged.buffer, 0, damaged.byteLength >>> 2)[at + 3] = 5;
    new DataView(damaged.buffer).setUint32(8, crc32(damaged.subarray(16)), true);
    expect(() => FrozenSegment.fromBytes(damaged, 'fp')).toThrow(/analyses are damaged/);
  });

  it('keeps every posting through merges, kills and snapshots, with gaps that take several bytes (property against a map)', () => {
    const vocabulary = ['a', 'b', 'c', 'd', 'rare'];
    // "rare" is in about one paragraph in 60: the gaps between its paragraph numbers take two bytes.
    const doc = fc
      .record({
        id: fc.integer({ min: 1, max: 5_000_000 }),
        terms: fc.array(fc.constantFrom('a', 'b', 'c', 'd'), { maxLength: 6 }),
        rare: fc.integer({ min: 0, max: 59 }),
      })
      .map((d) => ({ id: d.id, terms: d.rare === 0 ? [...d.terms, 'rare'] : d.terms }));
    fc.assert(
      fc.property(
        fc.uniqueArray(doc, { selector: (d) => d.id, minLength: 150, maxLength: 600 }),
        fc.nat(),
        fc.array(fc.nat()),
        (docs, cut, kills) => {
          // Every other paragraph with its analysis: its terms in two sentences (the first may hold none).
          const all = docs.map((d) => {
            const doc = { id: d.id, articleId: d.id % 7, textTerms: d.terms, headingTerms: [] };
            const half = d.terms.length >> 1;
            const sentences = [
              { start: 0, end: d.id % 1000, terms: half },
              { start: d.id % 1000, end: d.id, terms: d.terms.length - half },
            ];
            return d.id % 2 === 0 ? { ...doc, sentences } : doc;
          });
          const split = cut % all.length;
          let segment = mergeSegment(undefined, all.slice(0, split), 'fp');
          const dead = new Set<number>();
          for (const k of kills) {
            const victim = all[k % Math.max(1, split)];
            if (victim && k % 3 === 0 && segment.kill(victim.id)) dead.add(victim.id);
          }
          segment = FrozenSegment.fromBytes(mergeSegment(segment, all.slice(split), 'fp').toBytes(), 'fp');
          const alive = all.filter((d) => !dead.has(d.id)).sort((x, y) => x.id - y.id);
          expect([...segment.ids]).toEqual(alive.map((d) => d.id));
          for (const d of alive)
            expect(segment.analysed(segment.docOf(d.id))).toEqual(
              'sentences' in d ? { terms: d.textTerms, sentences: d.sentences } : undefined,
            );
          for (const term of vocabulary) {
            const got: Array<[number, number]> = [];
            segment.forEachPosting(segment.termId(term), 0, (n, tf) => got.push([segment.ids[n] as number, tf]));
            const expected = alive
              .filter((d) => d.textTerms.includes(term))
              .map((d): [number, number] => [d.id, d.textTerms.filter((t) => t === term).length]);
            expect(got).toEqual(expected);
            expect(segment.documentFrequency(segment.termId(term), 0)).toBe(expected.length);
          }
        },
      ),
      { numRuns: 100 },
    );
  });
});
