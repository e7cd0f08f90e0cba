import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  acronymTerm,
  fold,
  STOP_WORDS,
  stem,
  surfaceTerm,
  terms,
  tokenize,
  uniqueTerms,
  writesInLowerCase,
} from '../../src/text/analyze.js';

describe('fold', () => {
  it('lower-cases and removes accents', () => {
    expect(fold('Muñoz ÉLYSÉE Ångström')).toBe('munoz elysee angstrom');
  });
});

describe('stem', () => {
  it('joins defected, defector, defection and their plurals', () => {
    const forms = ['defected', 'defector', 'defectors', 'defection', 'defections', 'defects'];
    expect(new Set(forms.map(stem))).toEqual(new Set(['defect']));
  });

  it('strips -or only from long stems (governor, not actor or doctor)', () => {
    expect(stem('governor')).toBe(stem('govern'));
    expect(stem('actor')).not.toBe(stem('act'));
    expect(stem('doctor')).toBe('doctor');
  });

  it('joins irregular past forms with their verb', () => {
    expect(stem('fled')).toBe(stem('flee'));
    expect(stem('took')).toBe(stem('take'));
    expect(stem('began')).toBe(stem('begin'));
    // "found" is also "to found": left alone.
    expect(stem('found')).not.toBe(stem('find'));
  });
});

describe('tokenize', () => {
  it('gives offsets that point at the surface text', () => {
    const text = 'The U.N. said 1,000 troops—“Gaddafi’s men”—fled.';
    for (const token of tokenize(text)) expect(text.slice(token.start, token.end)).toBe(token.text);
  });

  it('keeps dotted acronyms whole and apart from pronouns', () => {
    const [us, and, un] = tokenize('U.S. and U.N.');
    expect(us?.term).toBe('usa');
    expect(and?.term).toBeNull();
    expect(un?.term).toBe('un');
    expect(terms('give it to us')).toEqual(['give']);
    // Capitalised, "US" is the country (as "U.S." is), not the pronoun.
    expect(terms('US troops')).toEqual(['usa', 'troop']);
    expect(terms('Give US troops to us')).toEqual(['give', 'usa', 'troop']);
    // Not "us", which Porter makes of "use".
    expect(terms('used by the US')).toEqual(['us', 'usa']);
  });

  it('gives other tokenisers the same acronym terms (acronymTerm)', () => {
    expect(['U.S.', 'U.S', 'US', 'U.K.', 'e.g.'].map(acronymTerm)).toEqual(['usa', 'usa', 'usa', 'uk', 'eg']);
    // An initial, an abbreviation, the pronoun and a number are not acronyms kept whole.
    expect(['J.', 'Mr.', 'us', 'Us', '1,000'].map(acronymTerm)).toEqual([null, null, null, null, null]);
  });

  it('reads "United States", "United Kingdom", "United Nations", "European Union" and "USA" as their acronyms', () => {
    expect(terms('the United States and the US')).toEqual(['usa', 'usa']);
    expect(terms('USA, U.S.A., united states')).toEqual(['usa', 'usa', 'usa']);
    expect(terms('the United Kingdom, the United  Nations, the European Union')).toEqual(['uk', 'un', 'eu']);
    // Only written one after the other, and only those names.
    expect(terms('United, States')).toEqual(['unit', 'state']);
    expect(terms('United Airlines')).toEqual(['unit', 'airlin']);
    const [united, states] = tokenize('United States');
    expect([united?.term, states?.term]).toEqual(['usa', null]);
  });

  it('reads each world war as one term however it is written', () => {
    for (const text of ['World War II', 'the Second World War', 'WWII', 'World War 2', 'world war two'])
      expect(terms(text)).toContain('ww2');
    for (const text of ['World War I.', 'the First World War', 'WWI', 'World War 1', 'world war one'])
      expect(terms(text)).toContain('ww1');
    // "I" after "World War" is a numeral; elsewhere a war, a first or a second is what it was.
    expect(terms('after World War I began')).toEqual(['world', 'war', 'ww1', 'begin']);
    expect(terms('the second war, the first world')).toEqual(['second', 'war', 'first', 'world']);
    expect(terms('a world war I think')).toEqual(['world', 'war', 'ww1', 'think']);
    expect(['WWII', 'wwi', 'WW2', 'WWF'].map(surfaceTerm)).toEqual(['ww2', 'ww1', 'ww2', null]);
  });

  it('gives tokenize() the terms terms() gives around the world wars and acronyms (property)', () => {
    const words = ['World', 'world', 'War', 'war', 'I', 'II', '1', '2', 'one', 'First', 'second', 'United', 'States'];
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...words), { maxLength: 12 }),
        fc.constantFrom(' ', ', ', '  '),
        (ws, gap) => {
          const text = ws.join(gap);
          expect(terms(text)).toEqual(tokenize(text).flatMap((t) => (t.term ? [t.term] : [])));
        },
      ),
    );
  });

  it('reads "rose" and "fell" in lower case as the verbs, and as written names', () => {
    expect(terms('shares rose 4% and profit fell 38%')).toEqual(['share', 'rise', '4', 'profit', 'fall', '38']);
    expect(terms('Rose Byrne')).toEqual(['rose', 'byrn']);
    expect(['rose', 'Rose', 'US'].map(surfaceTerm)).toEqual(['rise', null, 'usa']);
  });

  it('reads numbers with thousands separators as one term', () => {
    expect(terms('1,000 helicopters')).toEqual(['1000', 'helicopt']);
  });

  it('drops stop words and single letters', () => {
    expect(terms("who said it's a NATO plan")).toEqual(['nato', 'plan']);
  });

  it('agrees with terms() on every string (property)', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const fromTokens = tokenize(text).flatMap((t) => (t.term ? [t.term] : []));
        expect(terms(text)).toEqual(fromTokens);
        for (const t of tokenize(text)) expect(text.slice(t.start, t.end)).toBe(t.text);
      }),
    );
  });

  it('never emits a stop word as a term (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.constantFrom(...STOP_WORDS, 'rebels', 'Ghanem', 'défection', '2011'), { maxLength: 30 }),
        (words) => {
          for (const term of terms(words.join(' '))) expect(STOP_WORDS.has(term)).toBe(false);
        },
      ),
    );
  });
});

describe('uniqueTerms', () => {
  it('keeps first-seen order', () => {
    expect(uniqueTerms('rebels said rebels defected')).toEqual(['rebel', 'defect']);
  });
});

describe('writesInLowerCase', () => {
  it('tells whether the text writes a word of that term in lower case', () => {
    const writes = writesInLowerCase('Rebels said the rebel-held city of Misrata was shelled. Several fled.');
    expect(['rebel', 'citi', 'shell'].map(writes)).toEqual([true, true, true]);
    expect(['misrata', 'sever', 'said'].map(writes)).toEqual([false, false, false]);
    expect(writesInLowerCase('')('rebel')).toBe(false);
  });

  // The reference: every lower-case word analysed (irregular pasts aside: "held" → "hold" is missed).
  const reference = (text: string, term: string) =>
    tokenize(text).some((t) => /^\p{Ll}/u.test(t.text) && t.term === term);
  const WORDS = ['rebel', 'rebels', 'city', 'cities', 'shelled', 'misrata', 'defector', 'defected', 'running', 'un'];

  it('agrees with analysing every lower-case word (property)', () => {
    fc.assert(
      fc.property(
        fc.array(fc.tuple(fc.constantFrom(...WORDS), fc.boolean(), fc.constantFrom(' ', '-', '. ', ', ')), {
          maxLength: 12,
        }),
        (parts) => {
          const text = parts.map(([w, up, sep]) => (up ? w.charAt(0).toUpperCase() + w.slice(1) : w) + sep).join('');
          const writes = writesInLowerCase(text);
          for (const w of WORDS) {
            const term = terms(w)[0] as string;
            expect(writes(term), `${term} in ${text}`).toBe(reference(text, term));
          }
        },
      ),
    );
  });
});
