import fc from 'fast-check';
import MiniSearch from 'minisearch';
import { describe, expect, it } from 'vitest';
import { bareMiniSearchOptions, type IndexableParagraph, ParagraphIndex } from '../../src/search/index.js';
import { terms, uniqueTerms } from '../../src/text/analyze.js';
import { analyseParagraph } from '../../src/text/paragraph.js';

const paragraphs = [
  { id: 1, articleId: 10, text: 'Rebels said Shokri Ghanem had defected last week.' },
  { id: 2, articleId: 10, text: 'The most prominent Libyan defector is Moussa Koussa.', heading: 'DEFECTION?' },
  { id: 3, articleId: 20, text: 'NATO plans to use attack helicopters in Libya.' },
];

describe('ParagraphIndex', () => {
  it('finds paragraphs through the shared analysis (defected ~ defector)', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    expect(
      index
        .search(uniqueTerms('who defected?'))
        .map((h) => h.id)
        .sort(),
    ).toEqual([1, 2]);
    expect(index.search(['helicopt'])[0]?.id).toBe(3);
  });

  it('finds terms near a misspelt one in both segments, not those only removed paragraphs held', () => {
    const index = new ParagraphIndex({ compactAbove: 0 });
    index.add(paragraphs);
    index.compact();
    index.add([{ id: 4, articleId: 20, text: 'Gadhafi and Ghanem met Koussa.' }]);
    expect(index.liveSize).toBe(1);
    // "ghanem" is in both segments, counted once; "gadhafi" only in the live one.
    expect(index.nearTerms('ghanen', 1)).toEqual([{ term: 'ghanem', distance: 1, documentFrequency: 2 }]);
    expect(index.nearTerms('gadhaif', 1).map((n) => n.term)).toEqual(['gadhafi']);
    expect(index.nearTerms('kousa', 1)).toEqual([{ term: 'koussa', distance: 1, documentFrequency: 2 }]);
    index.remove([3]);
    expect(index.nearTerms('helicop', 1)).toEqual([]);
  });

  it('limits to one article and to a number of hits', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    expect(index.search(['libya', 'defect'], { articleId: 20 }).map((h) => h.id)).toEqual([3]);
    expect(index.search(['libya', 'defect'], { limit: 1 })).toHaveLength(1);
  });

  it('searches section headings too, weighted below the text', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    index.add([{ id: 4, articleId: 20, text: 'A paragraph on defection itself.' }]);
    const hits = index.search(['defect']);
    expect(hits.map((h) => h.id)).toContain(2);
  });

  it('adds and removes incrementally, with document frequencies kept', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    expect(index.documentFrequency('defect')).toBe(2);
    index.remove([1, 99]);
    expect(index.size).toBe(2);
    expect(index.search(['ghanem'])).toEqual([]);
    expect(index.has(1)).toBe(false);
    index.add([{ id: 1, articleId: 10, text: 'Ghanem is back.' }]);
    expect(index.search(['ghanem'])[0]?.id).toBe(1);
  });

  it('refuses to index the same paragraph twice', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    expect(() => index.add([paragraphs[0] as (typeof paragraphs)[0]])).toThrow(/already indexed/);
  });

  it('gives rarer terms a higher IDF', () => {
    const index = new ParagraphIndex();
    index.add(paragraphs);
    expect(index.idf('ghanem')).toBeGreaterThan(index.idf('defect'));
  });

  it('remembers IDF until paragraphs are added or removed, and counts those changes', () => {
    const index = new ParagraphIndex({ compactAbove: 0 });
    // BM25's IDF of a term `df` of `n` paragraphs hold, as a fresh index of the same paragraphs computes it.
    const fresh = (held: readonly IndexableParagraph[], term: string) => {
      const other = new ParagraphIndex();
      other.add(held);
      return other.idf(term);
    };
    const [a, b, c] = paragraphs as [IndexableParagraph, IndexableParagraph, IndexableParagraph];
    index.add([a, c]);
    expect(index.generation).toBe(1);
    const before = index.idf('libya');
    expect(index.rememberedTerms).toBe(1);
    expect(index.idf('libya')).toBe(before);
    index.add([b]);
    expect(index.generation).toBe(2);
    expect(index.rememberedTerms).toBe(0);
    expect(index.idf('libya')).toBeCloseTo(fresh([a, b, c], 'libya'), 12);
    expect(index.idf('libya')).not.toBe(before);
    index.compact();
    expect(index.generation).toBe(2);
    index.remove([3]);
    expect(index.generation).toBe(3);
    expect(index.idf('libya')).toBeCloseTo(fresh([a, b], 'libya'), 12);
  });

  const words = [
    'rebel',
    'rebels',
    'Ghanem',
    'defected',
    'defector',
    'NATO',
    'Libya',
    'helicopters',
    'said',
    'the',
    'oil',
    'Tunisia',
  ];
  const text = fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 12 }).map((w) => w.join(' '));

  it('returns exactly the paragraphs that hold a query term, after any adds and removes (property against a scan)', () => {
    fc.assert(
      fc.property(
        fc.array(text, { minLength: 1, maxLength: 25 }),
        fc.array(fc.nat(30)),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 4 }),
        (texts, removals, query) => {
          const index = new ParagraphIndex();
          const live = new Map<number, string>();
          texts.forEach((t, i) => {
            index.add([{ id: i + 1, articleId: 1, text: t }]);
            live.set(i + 1, t);
          });
          for (const id of removals) {
            index.remove([id]);
            live.delete(id);
          }
          const queryTerms = uniqueTerms(query.join(' '));
          const expected = [...live]
            .filter(([, t]) => terms(t).some((x) => queryTerms.includes(x)))
            .map(([id]) => id)
            .sort((a, b) => a - b);
          const got = index
            .search(queryTerms)
            .map((h) => h.id)
            .sort((a, b) => a - b);
          expect(got).toEqual(expected);
          const scores = index.search(queryTerms).map((h) => h.score);
          expect([...scores].sort((a, b) => b - a)).toEqual(scores);
        },
      ),
      { numRuns: 150 },
    );
  });

  const paragraph = fc.record({
    text,
    heading: fc.option(fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 3 }), { nil: undefined }),
    articleId: fc.constantFrom(1, 2, 3),
  });

  it('ranks exactly as a bare MiniSearch over the same paragraphs, however they are split between frozen and live segments and snapshots (property)', () => {
    fc.assert(
      fc.property(
        fc.array(paragraph, { minLength: 1, maxLength: 30 }),
        fc.array(fc.nat(40), { maxLength: 3 }),
        fc.array(fc.constantFrom(...words), { minLength: 1, maxLength: 5 }),
        fc.option(fc.constantFrom(1, 2, 3), { nil: undefined }),
        (list, cuts, query, articleId) => {
          const docs: IndexableParagraph[] = list.map((p, i) => ({
            id: 10 + i * 3,
            articleId: p.articleId,
            text: p.text,
            ...(p.heading ? { heading: p.heading.join(' ') } : {}),
          }));
          // The index: added in steps, compacted or saved and reloaded at the cut points.
          let index = new ParagraphIndex();
          const cutSet = new Set(cuts);
          docs.forEach((doc, i) => {
            index.add([doc]);
            if (cutSet.has(i)) index = i % 2 === 0 ? ParagraphIndex.fromBytes(index.toBytes()) : compacted(index);
          });
          const bare = new MiniSearch<IndexableParagraph>(bareMiniSearchOptions());
          bare.addAll(docs);
          const queryTerms = uniqueTerms(query.join(' '));
          const expected = bare
            .search(queryTerms.join(' '))
            .filter((r) => articleId === undefined || docs.find((d) => d.id === r.id)?.articleId === articleId);
          const got = index.search(queryTerms, articleId === undefined ? {} : { articleId });
          expect(got.map((h) => h.id).sort()).toEqual(expected.map((r) => r.id as number).sort());
          const expectedScore = new Map(expected.map((r) => [r.id as number, r.score]));
          for (const hit of got) {
            expect(hit.score).toBeCloseTo(expectedScore.get(hit.id) as number, 9);
            const match = expected.find((r) => r.id === hit.id);
            expect([...hit.terms].sort()).toEqual([...(match?.queryTerms ?? [])].sort());
          }
          // Best first; with a limit, the best few.
          expect(got.map((h) => h.score)).toEqual([...got.map((h) => h.score)].sort((a, b) => b - a));
          const limited = index.search(queryTerms, { limit: 3, ...(articleId === undefined ? {} : { articleId }) });
          expect(limited.map((h) => h.score)).toEqual(got.slice(0, 3).map((h) => h.score));
        },
      ),
      { numRuns: 200 },
    );
  });

  it('keeps every paragraph, with its sentences and terms, through compactions and snapshots, removed ones removed (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom('add', 'remove', 'compact', 'snapshot'), fc.nat(20), text)),
        (steps) => {
          let index = new ParagraphIndex();
          const model = new Map<number, string>();
          for (const [op, id, t] of steps) {
            if (op === 'add' && !model.has(id)) {
              index.add([{ id, articleId: 1, text: t }]);
              model.set(id, t);
            } else if (op === 'remove') {
              index.remove([id]);
              model.delete(id);
            } else if (op === 'compact') index = compacted(index);
            else if (op === 'snapshot') index = ParagraphIndex.fromBytes(index.toBytes());
          }
          expect(index.ids()).toEqual([...model.keys()].sort((a, b) => a - b));
          expect(index.size).toBe(model.size);
          for (const w of ['rebel', 'ghanem', 'libya']) {
            const df = [...model.values()].filter((t) => terms(t).includes(w)).length;
            expect(index.documentFrequency(w)).toBe(df);
          }
          for (const [id, t] of model) expect(index.analysed(id)).toEqual(analyseParagraph(t));
          expect(index.analysed(21)).toBeUndefined();
        },
      ),
      { numRuns: 200 },
    );
  });

  it('scores a large frozen segment, with far-apart postings, as the bare MiniSearch does', () => {
    const docs: IndexableParagraph[] = Array.from({ length: 600 }, (_, i) => ({
      id: i + 1,
      articleId: 1 + (i % 5),
      text: `${i % 150 === 0 ? 'zeppelin ' : ''}harbour report ${i % 7 === 0 ? 'convoy' : 'ship'} number ${i}`,
    }));
    const index = new ParagraphIndex();
    index.add(docs);
    expect(index.liveSize).toBe(0);
    const bare = new MiniSearch<IndexableParagraph>(bareMiniSearchOptions());
    bare.addAll(docs);
    for (const query of [['zeppelin'], ['zeppelin', 'convoy'], ['harbour', 'ship']]) {
      const expected = bare.search(query.join(' ')).slice(0, 10);
      const got = index.search(query, { limit: 10 });
      expect(got.map((h) => h.score)).toEqual(expected.map((r) => expect.closeTo(r.score, 9)));
      expect(new Set(got.map((h) => h.id))).toEqual(new Set(expected.map((r) => r.id as number)));
    }
  });

  it('tells when the live segment has grown enough to compact', () => {
    const index = new ParagraphIndex({ compactAbove: 20, compactShare: 0.25 });
    for (let i = 1; i <= 16; i++) index.add([{ id: i, articleId: 1, text: `paragraph ${i} on oil` }]);
    expect(index.needsCompaction).toBe(false);
    index.add([{ id: 17, articleId: 1, text: 'one more' }]);
    expect(index.needsCompaction).toBe(true);
    index.compact();
    expect(index.liveSize).toBe(0);
    expect(index.needsCompaction).toBe(false);
    expect(index.search(['oil'])).toHaveLength(16);
  });
});

function compacted(index: ParagraphIndex): ParagraphIndex {
  index.compact();
  return index;
}

describe('ParagraphIndex.countsByArticle', () => {
  it('counts living paragraphs per article across both segments', () => {
    const index = new ParagraphIndex();
    index.add(
      Array.from({ length: 100 }, (_, i) => ({ id: i + 1, articleId: 1 + Math.floor(i / 30), text: `oil ${i}` })),
    );
    index.remove([1, 2, 95]);
    index.add([{ id: 500, articleId: 2, text: 'late paragraph' }]);
    expect(Object.fromEntries(index.countsByArticle())).toEqual({ 1: 28, 2: 31, 3: 30, 4: 9 });
  });
});
