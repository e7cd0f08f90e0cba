import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { terms } from '../../src/text/analyze.js';
import {
  annotate,
  decodeReading,
  encodeReading,
  fromReading,
  readingFingerprint,
  readParagraph,
  readSentence,
  setTaggerLimitForTests,
  storedAnnotation,
  TAGGER_NEW_WORDS,
  taggerGrowth,
  type WinkReading,
} from '../../src/text/nlp.js';

describe('annotate', () => {
  it('gives each token its offsets, tag and the index term', () => {
    const text = 'Moussa Koussa defected on Monday.';
    const { tokens } = annotate(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.term)).toEqual(['moussa', 'koussa', 'defect', null, 'mondai', null]);
    expect(tokens[2]?.pos).toBe('VERB');
  });

  it('agrees with the index on acronyms: "U.S." and "US" are the country, "us" the pronoun', () => {
    const text = 'The U.S. and the UK told US officials to call us in Washington, D.C. on Monday.';
    const tagged = annotate(text)
      .tokens.map((t) => t.term)
      .filter((t) => t !== null);
    expect(tagged).toEqual(terms(text));
    expect(tagged.filter((t) => t === 'usa')).toHaveLength(2);
  });

  it('tags a sentence the same whatever it read before (wink-nlp remembers unknown tokens whole)', () => {
    // Names no other test uses: once wink-nlp has added "Zorvath's" whole (before a full stop), it would look the
    // same string up as one token later, and "264" first met in "H.264" would stay a name.
    const sentence = "Zorvath's envoy met 264 delegates and Qelmira's aide.";
    const tagged = (text: string) => annotate(text).tokens.map((t) => `${t.text}/${t.pos}`);
    const fresh = tagged(sentence);
    tagged("They praised Zorvath's. Then Qelmira's, and the H.264 codec.");
    expect(tagged(sentence)).toEqual(fresh);
    expect(fresh.slice(0, 2)).toEqual(['Zorvath/PROPN', "'s/PART"]);
    expect(fresh).toContain('264/NUM');
  });

  it('leaves contractions to wink-nlp and keeps offsets in the text as given', () => {
    const text = "It's Kerry's turn; that's what Obama’s aide said.";
    const { tokens } = annotate(text);
    for (const t of tokens) expect(text.slice(t.start, t.end)).toBe(t.text);
    expect(tokens.map((t) => t.text)).toContain('Obama');
    expect(tokens.map((t) => t.text)).toContain('Kerry');
  });
});

describe('the tagger', () => {
  it('is made anew once it has learned more than its limit of new words, and tags as before', () => {
    expect(TAGGER_NEW_WORDS).toBe(200_000);
    const sentence = "Brelvani's envoy met 264 delegates on Monday, said Dr. Oskanne.";
    const tagged = () => annotate(sentence).tokens.map((t) => `${t.text}/${t.pos}/${t.lemma}`);
    const fresh = tagged();
    // Words no model holds, a distinct pair for each question.
    const unknown = (k: number) => `Vr${'qzxk'[k % 4]}${k.toString(36)}olt`;
    setTaggerLimitForTests(20);
    try {
      const { taggers } = taggerGrowth();
      for (let k = 0; k < 30; k++) annotate(`Who met ${unknown(2 * k)} in ${unknown(2 * k + 1)}?`);
      const after = taggerGrowth();
      expect(after.taggers).toBeGreaterThan(taggers);
      // Never more than the limit and one sentence's words: the check comes before each sentence.
      expect(after.newWords).toBeLessThanOrEqual(20 + 4);
      expect(tagged()).toEqual(fresh);
    } finally {
      setTaggerLimitForTests(undefined);
    }
  });
});

describe('stored readings', () => {
  const sentence = "Libya said Shokri Ghanem, 68, defected to Tunisia's capital on 17 May 2011 with $1.2 billion.";

  it('encode to one line that decodes to the same reading, and annotate the same', () => {
    const reading = readSentence(sentence);
    const line = encodeReading(reading, sentence) as string;
    expect(line).not.toContain('\n');
    expect(line.length).toBeLessThan(1.5 * sentence.length);
    expect(decodeReading(line, sentence)).toEqual(reading);
    expect(fromReading(sentence, decodeReading(line, sentence) as WinkReading)).toEqual(annotate(sentence));
  });

  it('keep a token wink-nlp gives no lemma without one ("design engineer Sir Jonathan Ive.")', () => {
    const text = 'He met design engineer Sir Jonathan Ive.';
    const read = readSentence(text);
    const reading = { ...read, lemmas: read.lemmas.map((l, k) => (k === 6 ? undefined : l)) };
    expect(decodeReading(encodeReading(reading, text) as string, text)).toEqual(reading);
  });

  it('decode to the same reading for any sentence of words, numbers and punctuation (property)', () => {
    const word = fc.constantFrom(
      'Ghanem',
      'said',
      'U.S.',
      "Kerry's",
      '$4',
      '40%',
      '17',
      'May',
      '"No,"',
      'the',
      '(NATO)',
    );
    fc.assert(
      fc.property(fc.array(word, { minLength: 1, maxLength: 20 }), (words) => {
        const text = `${words.join(' ')}.`;
        const reading = readSentence(text);
        expect(decodeReading(encodeReading(reading, text) as string, text)).toEqual(reading);
      }),
      { numRuns: 50 },
    );
  });

  it('refuse a line that is not a reading, whatever is in it', () => {
    const text = 'Rebels left Misrata.';
    const good = JSON.parse(encodeReading(readSentence(text), text) as string);
    for (const bad of [
      'not json',
      '[]',
      JSON.stringify([good[0], `${good[1]}A`, good[2], good[3]]), // a tag too many
      JSON.stringify([good[0], 'zzz', good[2], good[3]]), // letters that are no tag
      JSON.stringify([good[0], good[1], [99, 'x'], good[3]]), // a lemma past the end
      JSON.stringify([good[0], good[1], good[2], [0, 0]]), // an entity cut short
      JSON.stringify([good[0], good[1], good[2], [42, 0, 0]]), // an entity type that does not exist
      JSON.stringify([good[0], good[1], good[2], [0, 2, 9]]), // an entity past the end
      JSON.stringify([[...good[0].slice(0, -1), 800], good[1], good[2], good[3]]), // a token past the sentence's end
      JSON.stringify([[...good[0].slice(0, -1), 3], good[1], good[2], good[3]]), // a token of no characters
    ])
      expect(decodeReading(bad, text)).toBeUndefined();
    // A reading of another, shorter sentence does not fit this one.
    expect(decodeReading(JSON.stringify(good), 'Rebels.')).toBeUndefined();
  });

  it("store a paragraph's sentences one line each, and give a sentence's annotation only when the split agrees", () => {
    const paragraph = 'Rebels left Misrata. Ghanem defected on Monday, officials said.';
    const stored = readParagraph(paragraph) as string;
    expect(stored.split('\n')).toHaveLength(2);
    const second = 'Ghanem defected on Monday, officials said.';
    expect(storedAnnotation(stored, 1, 2, second)).toEqual(annotate(second));
    expect(storedAnnotation(stored, 1, 3, second)).toBeUndefined();
    expect(storedAnnotation('garbage\nlines', 1, 2, second)).toBeUndefined();
  });

  it('name the tagger and its versions in the fingerprint', () => {
    expect(readingFingerprint()).toMatch(/^r\d+\/wink-nlp@[\d.]+\/model@[\d.]+$/);
  });
});
