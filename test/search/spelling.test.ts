import { describe, expect, it } from 'vitest';
import { answer, DEFAULT_ENGINE_SETTINGS } from '../../src/answer/engine.js';
import { Library } from '../../src/library.js';
import { correctSpelling, SPELLING } from '../../src/search/spelling.js';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';
import { testLibrary } from '../helpers/library.js';

/** A one-article collection saying `content`. */
function collectionOf(content: string) {
  const library = new Library(new Store(openDatabase(':memory:')));
  library.addArticle('g', { title: 'Test', content });
  return library.collection('g');
}

describe('correctSpelling', () => {
  const seed = testLibrary().collection('seed');

  it('reads a misspelt name or word as the one the articles use, in the case it was written', () => {
    expect(correctSpelling('Where did Moussa Kousa fly to?', seed)).toEqual({
      text: 'Where did Moussa Koussa fly to?',
      corrections: [{ from: 'Kousa', to: 'Koussa' }],
    });
    expect(correctSpelling('what did the rebles want?', seed).text).toBe('what did the rebels want?');
    // A swap of two letters is one edit; two edits only in words of eight letters or more.
    expect(correctSpelling('What did Ashtno say?', seed).text).toBe('What did Ashton say?');
    expect(correctSpelling('Who is Shalgam?', seed).text).toBe('Who is Shalgham?');
    expect(correctSpelling('Who is Shlagam?', seed).corrections).toEqual([]);
    expect(correctSpelling('What happened in Bengzahi?', seed).text).toBe('What happened in Benghazi?');
  });

  it('leaves alone what the articles hold, real words they do not, acronyms, numbers and short words', () => {
    for (const q of ['Who defected?', 'Who was redone?', 'What is NATOO?', 'What happened in 2O11?', 'Who is Aston?'])
      expect(correctSpelling(q, seed)).toEqual({ text: q, corrections: [] });
  });

  it('reads an acronym the articles never write as the name it stands for, in capitals or typed in lower case', () => {
    expect(correctSpelling('What is the NTC?', seed)).toEqual({
      text: 'What is the National Transitional Council?',
      corrections: [{ from: 'NTC', to: 'National Transitional Council' }],
    });
    expect(correctSpelling('what is the ntc', seed).text).toBe('what is the National Transitional Council');
    // In lower case only after an article in a question typed in lower case; never a stop word or currency code.
    for (const q of ['What did Lavrov say of the ntc?', 'what is ntc', 'Is THE council new?', 'How much is it in USD?'])
      expect(correctSpelling(q, seed).corrections).toEqual([]);
  });

  it('of words as near, takes the one written most like what was typed, and none when still in doubt', () => {
    const c = collectionOf(
      'The river separates the towns.\n\nSeveral bridges cross it.\n\nSeveral boats sail on it.\n\nHaddad met Hammad.',
    );
    // "seper" is one edit from "separ" and from "sever" (in more paragraphs); "separates" is written nearer.
    expect(correctSpelling('What seperates the towns?', c).text).toBe('What separates the towns?');
    expect(correctSpelling('Who is Hadmad?', c).corrections).toEqual([]);
  });

  it('does not read a word as a form of the stem written much further from it', () => {
    // "chracter" is one edit from the stem "character", but four from "characterized", the only form written.
    expect(
      correctSpelling('Who is the main chracter?', collectionOf('She characterized the plan as reckless.')).corrections,
    ).toEqual([]);
  });

  it('does not read a name as another whose first letter differs', () => {
    expect(correctSpelling('Who is Ghanem?', seed).corrections).toEqual([]);
    expect(correctSpelling('Who is Moussa Goussa?', seed).corrections).toEqual([]);
    expect(correctSpelling('Who is Safa?', seed).text).toBe('Who is Safia?');
  });

  it('mends the question word and "how many", and at most a few words', () => {
    expect(correctSpelling('Wher did Kefi speak?', seed).text).toBe('Where did Kefi speak?');
    expect(correctSpelling('how amny rebels defected?', seed).text).toBe('how many rebels defected?');
    const c = collectionOf('Alpha bravo charlie delta echoes foxtrot golfing hotels.');
    expect(correctSpelling('alpah bravu charlei deltaa echos?', c).corrections).toHaveLength(SPELLING.maxCorrections);
    // Unknown words past the lookup bound are left as typed, however many follow.
    const gibberish = `${'qzxv '.repeat(SPELLING.maxLookups)}alpah?`;
    expect(correctSpelling(gibberish, c).corrections).toEqual([]);
    expect(correctSpelling(`${'qzxv '.repeat(SPELLING.maxLookups - 1)}alpah?`, c).corrections).toHaveLength(1);
  });
});

describe('answer with a misspelt question', () => {
  const seed = testLibrary().collection('seed');

  it('answers as for the right spelling and says what it read', () => {
    const right = answer('Who is Moussa Koussa?', seed);
    const misspelt = answer('Who is Moussa Kousa?', seed);
    expect(misspelt.answer).toBe(right.answer);
    expect(misspelt.corrections).toEqual([{ from: 'Kousa', to: 'Koussa' }]);
    expect(right.corrections).toBeUndefined();
  });

  it('reads the words as asked with the spelling setting off', () => {
    const off = answer('Who is Moussa Kousa?', seed, {}, { ...DEFAULT_ENGINE_SETTINGS, spelling: false });
    expect(off.corrections).toBeUndefined();
    expect(off.answer).toBeNull();
  });
});
