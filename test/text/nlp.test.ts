import { describe, expect, it } from 'vitest';
import { terms } from '../../src/text/analyze.js';
import { annotate } from '../../src/text/nlp.js';

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
