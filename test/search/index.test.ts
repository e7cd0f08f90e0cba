import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ParagraphIndex } from '../../src/search/index.js';
import { terms, uniqueTerms } from '../../src/text/analyze.js';

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
});
