import { describe, expect, it } from 'vitest';
import {
  creditAsked,
  creditedFor,
  creditedFrom,
  creditPlaceAsked,
  creditTopic,
  readCredits,
} from '../../src/answer/credits.js';
import { answer, CREDIT_CONFIDENCE } from '../../src/answer/engine.js';
import { Library } from '../../src/library.js';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';
import { testLibrary } from '../helpers/library.js';

const SEED_CREDITS =
  '(Additional reporting by Joseph Logan in Tripoli, Sherine El Madany in Benghazi and Joseph Nasr in Berlin; ' +
  'Writing by Ralph Boulton; Editing by Alison Williams)';

describe('readCredits', () => {
  it('reads each part of a credit line by role, the names without where they reported from', () => {
    expect(readCredits(SEED_CREDITS)).toEqual([
      {
        role: 'reporting',
        additional: true,
        names: ['Joseph Logan', 'Sherine El Madany', 'Joseph Nasr'],
        places: ['Tripoli', 'Benghazi', 'Berlin'],
      },
      { role: 'writing', additional: false, names: ['Ralph Boulton'], places: [undefined] },
      { role: 'editing', additional: false, names: ['Alison Williams'], places: [undefined] },
    ]);
    expect(readCredits('(Reporting and writing by Ana Diaz; Editing by Terje Solsvik and Mark Potter)')).toEqual([
      { role: 'reporting', additional: false, names: ['Ana Diaz'], places: [undefined] },
      { role: 'writing', additional: false, names: ['Ana Diaz'], places: [undefined] },
      { role: 'editing', additional: false, names: ['Terje Solsvik', 'Mark Potter'], places: [undefined, undefined] },
    ]);
  });

  it('reads nothing from a paragraph without a credit line', () => {
    expect(readCredits('Ghanem was staying in a hotel (a small one), he told a news conference.')).toEqual([]);
    expect(readCredits('The report was written by a committee.')).toEqual([]);
  });
});

describe('creditAsked', () => {
  it('knows who wrote, reported or edited the story, asked with nothing else', () => {
    const asked = (q: string) => creditAsked(q);
    expect(['Who wrote the story?', 'who wrote this', 'Who is the author?', 'who wrote it'].map(asked)).toEqual([
      'writing',
      'writing',
      'writing',
      'writing',
    ]);
    expect(asked('who reported this story')).toBe('reporting');
    expect(asked('Who is the reporter of this article?')).toBe('reporting');
    expect(asked('who edited the article')).toBe('editing');
    for (const q of ['Who reported from Tripoli?', 'Who wrote the letter to Gaddafi?', 'Who edited the law?'])
      expect(asked(q), q).toBeUndefined();
  });
});

describe('creditedFor', () => {
  const credits = readCredits(SEED_CREDITS);
  it('names the writer, else the reporters not called additional; the reporters; the editors', () => {
    expect(creditedFor(credits, 'writing')).toBe('Ralph Boulton');
    expect(creditedFor(credits, 'reporting')).toBe('Joseph Logan; Sherine El Madany; Joseph Nasr');
    expect(creditedFor(credits, 'editing')).toBe('Alison Williams');
    expect(creditedFor(readCredits('(Reporting by Natalia Ramos; Editing by Peter Cooney)'), 'writing')).toBe(
      'Natalia Ramos',
    );
    expect(creditedFor(readCredits('(Additional reporting by Fabian Cambero)'), 'writing')).toBeUndefined();
  });
});

describe('creditPlaceAsked and creditedFrom', () => {
  it('finds who reported from a place the line names, asked with nothing else', () => {
    expect(creditPlaceAsked('Who reported from Berlin?')).toBe('Berlin');
    expect(creditPlaceAsked('who contributed reporting from Tripoli')).toBe('Tripoli');
    expect(creditPlaceAsked('Who reported from Berlin about the talks there?')).toBeUndefined();
    // A place the line does not name exactly reads nothing: the engine answers as usual.
    expect(creditedFrom(readCredits(SEED_CREDITS), creditPlaceAsked('Who reported from Berlin on Monday?') ?? '')).toBe(
      undefined,
    );
    expect(creditPlaceAsked('Who wrote the story?')).toBeUndefined();
    const credits = readCredits(SEED_CREDITS);
    expect(creditedFrom(credits, 'Berlin')).toBe('Joseph Nasr');
    expect(creditedFrom(credits, 'benghazi')).toBe('Sherine El Madany');
    expect(creditedFrom(credits, 'Paris')).toBeUndefined();
  });
});

describe('answer() for the credit line', () => {
  it('answers from the one article in scope that has a credit line, citing it', () => {
    const seed = testLibrary().collection('seed');
    const result = answer('who edited the article', seed);
    expect(result).toMatchObject({ answer: 'Alison Williams', confidence: CREDIT_CONFIDENCE });
    expect(result.citations[0]?.sentence).toContain('Editing by Alison Williams');
    expect(answer('Who is the author?', seed).answer).toBe('Ralph Boulton');
    // Joseph Logan's name came first to the engine, which does not read "in Berlin" as who reported from there.
    expect(answer('Who contributed reporting from Berlin?', seed).answer).toBe('Joseph Nasr');
  });

  it('answers as usual when several articles have credit lines ("the story" could be any)', () => {
    const library = new Library(new Store(openDatabase(':memory:')));
    const a = library.addArticle('c', {
      title: 'A',
      content: 'Prices rose.\n\n(Reporting by Ana Diaz; Editing by Bo Li)',
    });
    library.addArticle('c', { title: 'B', content: 'Rain fell.\n\n(Reporting by Cy Young; Editing by Di Ma)' });
    const c = library.collection('c');
    expect(answer('who edited it', c).confidence).not.toBe(CREDIT_CONFIDENCE);
    expect(answer('who edited it', c, { article: a.id }).answer).toBe('Bo Li');
  });

  it('answers from the article a question names the story of ("who wrote the rain story?")', () => {
    const library = new Library(new Store(openDatabase(':memory:')));
    library.addArticle('c', {
      title: 'Prices',
      content: 'Prices rose after the rain.\n\n(Reporting by Ana Diaz; Editing by Bo Li)',
    });
    library.addArticle('c', {
      title: 'Weather',
      content: 'Rain fell all week.\n\nMore rain is due.\n\n(Reporting by Cy Young; Editing by Di Ma)',
    });
    const c = library.collection('c');
    // Both hold "rain"; the weather article holds it in more paragraphs.
    expect(answer('Who edited the rain story?', c)).toMatchObject({ answer: 'Di Ma', confidence: CREDIT_CONFIDENCE });
    expect(answer('who wrote the story about prices', c).answer).toBe('Ana Diaz');
    expect(answer('Who wrote the snow story?', c).confidence).not.toBe(CREDIT_CONFIDENCE);
  });
});

describe('creditTopic', () => {
  it('reads which story a credit question names', () => {
    expect(creditTopic('who wrote the cholera story')).toBe('cholera');
    expect(creditTopic('Who reported the story about the rail strike?')).toBe('rail strike');
    expect(creditTopic('Who is the author of the Libya article?')).toBe('Libya');
    expect(creditTopic('who wrote the story')).toBeUndefined();
    expect(creditAsked('Who wrote the cholera story?')).toBe('writing');
    expect(creditAsked('Who wrote the letter?')).toBeUndefined();
  });
});
