import { describe, expect, it } from 'vitest';
import { acceptsTyped, dateShape, generateQuiz, isVariant } from '../../src/quiz/generate.js';
import { qualityProblems, qualityReport } from '../../src/quiz/quality.js';
import { testLibrary } from '../helpers/library.js';

const collection = testLibrary().collection('quiz');
const articleId = collection.articles()[0]?.id as number;

describe('generateQuiz', () => {
  it('writes questions of several kinds that pass every quality rule (share over many seeds)', () => {
    const all = Array.from({ length: 8 }, (_, seed) => generateQuiz(collection, { articleId, count: 10, seed })).flat();
    const report = qualityReport(all);
    expect(report.questions).toBeGreaterThanOrEqual(60);
    expect(report.share).toBeGreaterThanOrEqual(0.95);
    expect(new Set(all.map((q) => q.kind))).toEqual(new Set(['choice', 'number', 'who-said']));
    expect(new Set(all.map((q) => q.type))).toEqual(new Set(['PERSON', 'PLACE', 'ORG', 'NUMBER', 'DATE']));
  });

  it("reads its sentences' tags from the readings stored with the paragraphs, and writes the same quiz without them", () => {
    const library = testLibrary();
    const own = library.collection('quiz-readings');
    const id = own.articles()[0]?.id as number;
    const read: number[] = [];
    own.useStoredReadings((paragraphId) => {
      read.push(paragraphId);
      return library.store.paragraphReadings(paragraphId);
    });
    const quiz = generateQuiz(own, { articleId: id, count: 10, seed: 4 });
    expect(read.length).toBeGreaterThan(0);
    expect(read.every((p) => library.store.paragraphReadings(p) !== undefined)).toBe(true);
    own.useStoredReadings(() => undefined);
    expect(generateQuiz(own, { articleId: id, count: 10, seed: 4 })).toEqual(quiz);
  });

  it('is deterministic for a seed', () => {
    expect(generateQuiz(collection, { articleId, count: 5, seed: 7 })).toEqual(
      generateQuiz(collection, { articleId, count: 5, seed: 7 }),
    );
    expect(generateQuiz(collection, { articleId, count: 5, seed: 7 })).not.toEqual(
      generateQuiz(collection, { articleId, count: 5, seed: 8 }),
    );
  });

  it('cites the sentence that holds the answer, never shows the answer in the stem, never repeats a sentence or an answer', () => {
    const quiz = generateQuiz(collection, { articleId, count: 15, seed: 3 });
    expect(quiz.length).toBe(15);
    for (const q of quiz) {
      expect(q.citation.sentence).toContain(q.answer);
      expect(q.citation.article.title).toBe('NATO plans to use attack helicopters in Libya…');
      expect(qualityProblems(q)).toEqual([]);
      expect(q.options[q.answerIndex]).toBe(q.answer);
    }
    expect(new Set(quiz.map((q) => q.citation.sentence)).size).toBe(quiz.length);
    for (let i = 0; i < quiz.length; i++)
      for (let j = i + 1; j < quiz.length; j++)
        expect(isVariant(quiz[i]?.answer as string, quiz[j]?.answer as string)).toBe(false);
  });

  it('turns "12 helicopters ... were shipped" into a How many question', () => {
    const all = Array.from({ length: 12 }, (_, seed) =>
      generateQuiz(collection, { articleId, count: 20, seed }),
    ).flat();
    const helicopters = all.find((q) => q.kind === 'number');
    expect(helicopters?.stem).toBe(
      'How many helicopters were shipped out to Libya on the French warship Tonnerre on May 17?',
    );
    expect(helicopters?.answer).toBe('12');
  });

  it('asks who said a quotation, with people as options', () => {
    const all = Array.from({ length: 12 }, (_, seed) =>
      generateQuiz(collection, { articleId, count: 20, seed }),
    ).flat();
    const ashton = all.find((q) => q.kind === 'who-said' && q.stem.includes('long term'));
    expect(ashton?.answer).toBe('Ashton');
    expect(ashton?.citation.sentence).toMatch(/Ashton said/);
  });

  it('returns fewer questions, not bad ones, when the text is thin', () => {
    const library = testLibrary();
    const thin = library.addArticle('x', {
      content: 'It rained a lot and then it stopped raining for a while.',
      title: 'Weather',
    });
    expect(generateQuiz(library.collection('x'), { articleId: thin.id, count: 5, seed: 1 })).toEqual([]);
  });
});

describe('helpers', () => {
  it('tells variants apart', () => {
    expect(isVariant('Shokri Ghanem', 'Ghanem')).toBe(true);
    expect(isVariant('the European Union', 'European Union')).toBe(true);
    expect(isVariant('1,000', '1000')).toBe(true);
    expect(isVariant('Tripoli', 'Tunisia')).toBe(false);
  });

  it('knows date shapes', () => {
    expect(['1976', '1990s', '16th century', 'March', 'Monday', 'May 17', 'last week', 'Sun'].map(dateShape)).toEqual([
      'year',
      'decade',
      'century',
      'month',
      'weekday',
      'monthday',
      'relative',
      null,
    ]);
  });

  it('accepts typed answers in cloze mode', () => {
    const q = generateQuiz(collection, { articleId, count: 20, seed: 3 }).find(
      (x) => x.type === 'PERSON' && x.answer.includes(' '),
    );
    expect(q).toBeDefined();
    const last = q?.answer.split(' ').at(-1) as string;
    expect(acceptsTyped(q as NonNullable<typeof q>, q?.answer.toUpperCase() as string)).toBe(true);
    expect(acceptsTyped(q as NonNullable<typeof q>, last)).toBe(true);
    expect(acceptsTyped(q as NonNullable<typeof q>, 'somebody else')).toBe(false);
    expect(acceptsTyped(q as NonNullable<typeof q>, '')).toBe(false);
  });
});
