import { describe, expect, it } from 'vitest';
import { DEFAULT_CONFIDENCE } from '../../src/answer/confidence.js';
import { DEFAULT_ENGINE_SETTINGS } from '../../src/answer/engine.js';
import { evaluateDevSet } from '../../src/eval/devset.js';
import { evaluateSquad, holdsAnswer, loadSquad, type SquadFile, squadTitle } from '../../src/eval/squad.js';
import { testLibrary } from '../helpers/library.js';

const squad: SquadFile = {
  data: [
    {
      title: 'Harbour_Town',
      paragraphs: [
        {
          context: 'Harbour Town was founded in 1802 by fishermen from Brittany.',
          qas: [
            { id: 'h1', question: 'When was Harbour Town founded?', answers: [{ text: '1802', answer_start: 25 }] },
          ],
        },
        {
          context: 'The town has 4,000 inhabitants and a lighthouse built of granite.',
          qas: [
            {
              id: 'h2',
              question: 'How many inhabitants does the town have?',
              answers: [{ text: '4,000', answer_start: 13 }],
            },
          ],
        },
      ],
    },
    {
      title: 'Granite',
      paragraphs: [
        {
          context: 'Granite is an igneous rock quarried in Brittany since Roman times.',
          qas: [
            {
              id: 'g1',
              question: 'What kind of rock is granite?',
              answers: [{ text: 'igneous rock', answer_start: 12 }],
            },
          ],
        },
      ],
    },
  ],
};

describe('SQuAD evaluation', () => {
  it('loads one article per entry with its contexts as paragraphs, and scores every question', () => {
    const library = testLibrary();
    const ids = loadSquad(library, 'squad', squad);
    expect(ids).toHaveLength(2);
    expect(library.store.articleParagraphs(ids[0] as number).map((p) => p.n)).toEqual([1, 2]);
    const { report, predictions } = evaluateSquad(library, 'squad', squad, ids, { scope: 'article' });
    expect(report.questions).toBe(3);
    expect(report.passageAt1).toBe(1);
    expect(report.exactMatch).toBeGreaterThanOrEqual(66);
    expect(Object.keys(predictions).sort()).toEqual(['g1', 'h1', 'h2']);
    expect(predictions.h1?.answer).toBe('1802');
    expect(predictions.h1?.passages[0]).toMatch(/^Harbour Town was founded/);
    expect(report.latencyMs.p50).toBeGreaterThan(0);
    expect(report.tradeoff[0]).toMatchObject({ threshold: 0, answered: 1 - report.notFoundRate });
    for (let i = 1; i < report.tradeoff.length; i++) {
      expect(report.tradeoff[i]?.answered).toBeLessThanOrEqual(report.tradeoff[i - 1]?.answered as number);
    }
  });

  it('counts a first passage holding the answer apart from the paragraph the question was written for', () => {
    const library = testLibrary();
    const file: SquadFile = {
      data: [
        {
          title: 'Harbour_Town',
          paragraphs: [
            { context: 'Harbour Town was founded in 1802 by fishermen from Brittany.', qas: [] },
            {
              context: 'In 1802 the fishermen also built a chapel; the founding is celebrated every summer.',
              qas: [
                { id: 'x', question: 'When was Harbour Town founded?', answers: [{ text: '1802', answer_start: 3 }] },
              ],
            },
          ],
        },
      ],
    };
    const ids = loadSquad(library, 'dup', file);
    const { report, predictions } = evaluateSquad(library, 'dup', file, ids, { scope: 'article' });
    expect(predictions.x?.passages[0]).toMatch(/^Harbour Town was founded/);
    expect(report.passageAt1).toBe(0);
    expect(report.answerInPassage1).toBe(1);
  });

  it('finds an answer as written, not inside a longer word or number', () => {
    expect(holdsAnswer("Krugman's contention was challenged.", 'krugman')).toBe(true);
    expect(holdsAnswer('It opened in 1990 (see p. 4).', '1990 (see')).toBe(true);
    expect(holdsAnswer('It opened in 1990.', '1')).toBe(false);
    expect(holdsAnswer('Twenty-two ships.', 'two')).toBe(true);
    expect(holdsAnswer('Anything.', '  ')).toBe(false);
  });

  it('reads titles as a reader writes them: underscores are spaces, percent escapes decoded', () => {
    expect(squadTitle('Harbour_Town')).toBe('Harbour Town');
    expect(squadTitle('Financial_crisis_of_2007%E2%80%9308')).toBe('Financial crisis of 2007\u201308');
    expect(squadTitle('Bill_%26_Melinda_Gates_Foundation')).toBe('Bill & Melinda Gates Foundation');
    expect(squadTitle('100%_pure')).toBe('100% pure');
  });

  it('scores withheld answers as the best guess, and as wrong as shipped', () => {
    const library = testLibrary();
    const ids = loadSquad(library, 'squad', squad);
    if (!DEFAULT_CONFIDENCE) throw new Error('no confidence model shipped');
    // A threshold no answer reaches: every answer is withheld.
    const settings = { ...DEFAULT_ENGINE_SETTINGS, confidence: { ...DEFAULT_CONFIDENCE, threshold: 2 } };
    const { report } = evaluateSquad(library, 'squad', squad, ids, { scope: 'article', settings });
    expect(report.exactMatch).toBe(0);
    expect(report.notFoundRate).toBe(1);
    expect(report.guessExactMatch).toBeGreaterThanOrEqual(66);
    const shipped = evaluateSquad(library, 'squad', squad, ids, { scope: 'article' }).report;
    expect(shipped.guessF1).toBeGreaterThanOrEqual(shipped.f1);
  });
});

describe('dev-set evaluation', () => {
  it('judges answers, passages and not-found items', () => {
    const results = evaluateDevSet(testLibrary().collection('x'), [
      { q: 'Who edited the report?', answer: ['Alison Williams'], passage: ['Editing by'] },
      { q: 'Who won the football match?', answer: null, passage: [] },
      { q: 'Who edited the report?', answer: ['Somebody Else'], passage: ['Editing by'] },
    ]);
    expect(results.map((r) => r.answerRight)).toEqual([true, true, false]);
    expect(results[0]?.passageRight).toBe(true);
  });
});
