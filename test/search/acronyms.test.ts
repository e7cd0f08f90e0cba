import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/engine.js';
import { Library } from '../../src/library.js';
import { ACRONYMS, acronymLetters, expandAcronym, initialisms } from '../../src/search/acronyms.js';
import { openDatabase } from '../../src/storage/db.js';
import { Store } from '../../src/storage/store.js';

describe('initialisms', () => {
  it('reads each run of capitalised words, and each part of it, by its initials', () => {
    const names = initialisms(['He spoke for the rebel National Transitional Council in Benghazi.']);
    expect(names.get('NTC')).toBe('National Transitional Council');
    expect(names.get('TC')).toBeUndefined(); // two letters are too few
    expect(initialisms(['the Benghazi-based rebel National Transitional Council']).get('NTC')).toBe(
      'National Transitional Council',
    );
  });

  it('gives a dotted abbreviation, a word in capitals and a Roman numeral all their letters', () => {
    const names = initialisms([
      'The U.S. Geological Survey said so.',
      'After World War II the UA Entertainment firm grew.',
    ]);
    expect(names.get('USGS')).toBe('U.S. Geological Survey');
    expect(names.get('WWII')).toBe('World War II');
    expect(names.get('UAE')).toBe('UA Entertainment');
  });

  it('counts a small word inside a name both ways, and no "The" opening a sentence', () => {
    const names = initialisms(['The Department of Energy spoke.']);
    expect(names.get('DOE')).toBe('Department of Energy');
    expect(names.get('DE')).toBeUndefined();
    expect(names.get('TDOE')).toBeUndefined();
    expect(initialisms(['Bank for International Settlements']).get('BIS')).toBe('Bank for International Settlements');
  });

  it('does not join names across punctuation, and takes the name written most often', () => {
    const names = initialisms([
      'France, Britain and Canada agreed.',
      'The National Trade Council met.',
      'The National Trade Council and the Northern Transport Company met again.',
    ]);
    expect(names.get('FBC')).toBeUndefined();
    expect(names.get('NTC')).toBe('National Trade Council');
  });
});

describe('acronymLetters', () => {
  it('takes letters only, dots between allowed, of a bounded length, and no currency code', () => {
    expect(acronymLetters('NTC')).toBe('NTC');
    expect(acronymLetters('U.S.G.S.')).toBe('USGS');
    expect(acronymLetters('ntc')).toBe('NTC');
    expect(acronymLetters('G7')).toBeUndefined();
    expect(acronymLetters('EU')).toBeUndefined();
    expect(acronymLetters('ABCDEFG')).toBeUndefined();
    expect(acronymLetters('USD')).toBeUndefined();
    expect(ACRONYMS.minLetters).toBe(3);
  });
});

describe('expandAcronym', () => {
  const library = new Library(new Store(openDatabase(':memory:')));
  library.addArticle('a', {
    title: 'Council',
    content: 'The delegation represented the National Transitional Council.\n\nIt met in Rome on Monday.',
  });

  it('finds the name in the collection, and reads it again after a change', () => {
    const c = library.collection('a');
    expect(expandAcronym(c, 'NTC')).toBe('National Transitional Council');
    expect(expandAcronym(c, 'USGS')).toBeUndefined();
    library.addArticle('a', { title: 'Quake', content: 'The quake hit at night, the U.S. Geological Survey said.' });
    expect(expandAcronym(c, 'USGS')).toBe('U.S. Geological Survey');
  });

  it('reads no collection of more paragraphs than the limit, and no name that is only letters', () => {
    const c = library.collection('a');
    expect(expandAcronym(c, 'NTC', c.paragraphCount - 1)).toBeUndefined();
    library.addArticle('b', { title: 'Initials', content: 'J. M. E. McTaggart taught at Cambridge.' });
    expect(expandAcronym(library.collection('b'), 'JME')).toBeUndefined();
  });

  it("reads a common title's abbreviation as its words when the articles hold them, and answers with the name", () => {
    const lib = new Library(new Store(openDatabase(':memory:')));
    lib.addArticle('n', {
      title: 'Profit',
      content: '"Demand is strong," Chief Executive Henrik Lund told reporters.\n\nThe company hired 2,000 people.',
    });
    const c = lib.collection('n');
    expect(expandAcronym(c, 'CEO')).toBe('chief executive');
    expect(expandAcronym(c, 'CFO')).toBeUndefined(); // "financial" and "officer" are in no paragraph
    expect(answer('Who is the CEO?', c).answer).toBe('Henrik Lund');
  });

  it('lets the engine answer and cite for an acronym the articles never write, saying what it read', () => {
    const result = answer('Who did the NTC send?', library.collection('a'));
    expect(result.corrections).toEqual([{ from: 'NTC', to: 'National Transitional Council' }]);
    expect(result.citations[0]?.text).toContain('National Transitional Council');
  });
});
