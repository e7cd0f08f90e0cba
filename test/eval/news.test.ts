import { fileURLToPath } from 'node:url';
import { describe, expect, it } from 'vitest';
import { readCorpusFolder } from '../../src/corpus/folder.js';
import { evaluateDevSet, readDevSet } from '../../src/eval/devset.js';
import { Library } from '../../src/library.js';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';

const NEWS = fileURLToPath(new URL('../fixtures/news', import.meta.url));

/**
 * How many of the news questions (test/fixtures/news/questions.json) the engine gets right, answer and first passage,
 * as of this release. The engine was fixed against them, so this is a floor against regressions, not a measure of
 * unseen questions: a change that loses some must win as many elsewhere, or explain why in the floor's new value.
 */
// 289 since session 24: the passage ranker's reading of the best sentence's shape and of the question's words as
// written (six news questions more; 283 since session 22's mean word vectors).
const NEWS_FLOOR = 289;

describe('the news questions, all articles in one collection', () => {
  it(`gets at least ${NEWS_FLOOR} right`, () => {
    const library = new Library(new Store(openDatabase(':memory:')), { seed: () => readCorpusFolder(NEWS) });
    const items = readDevSet(`${NEWS}/questions.json`);
    const results = evaluateDevSet(library.collection('news'), items);
    const right = results.filter((r) => r.answerRight && r.passageRight).length;
    expect(items.length).toBe(382);
    expect(right).toBeGreaterThanOrEqual(NEWS_FLOOR);
  });
});
