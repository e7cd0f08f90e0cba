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
    expect(tagged.filter((t) => t === 'us')).toHaveLength(2);
  });
});
