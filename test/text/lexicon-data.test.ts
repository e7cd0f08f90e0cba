import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { irregularInfinitive } from '../../src/text/irregular.js';
import { isOrgWord, isPlaceName, isPlaceWord, nameHints } from '../../src/text/lexicon.js';
import { lexiconFromCompromise } from '../../src/text/lexicon-source.js';

describe('lexicon-data.json', () => {
  it('is what compromise gives today (run `npm run lexicon` after upgrading compromise)', () => {
    const shipped = JSON.parse(readFileSync(new URL('../../src/text/lexicon-data.json', import.meta.url), 'utf8'));
    expect(shipped).toEqual(lexiconFromCompromise());
  });

  it('answers the lookups the analyser and the candidate finder make', () => {
    expect(nameHints('libya')).toContain('place');
    expect(nameHints('catherine')).toContain('first');
    expect(nameHints('ghanem')).toEqual([]);
    // Places compromise lacks, added by hand for telling names apart (not for the analyser).
    expect(isPlaceName('britain')).toBe(true);
    expect(isPlaceName('middle east')).toBe(true);
    expect(isPlaceName('libya')).toBe(true);
    expect(isPlaceName('ghanem')).toBe(false);
    expect(nameHints('britain')).toEqual([]);
    expect(isOrgWord('council')).toBe(true);
    expect(isPlaceWord('island')).toBe(true);
    expect(irregularInfinitive('took')).toBe('take');
    expect(irregularInfinitive('fled')).toBe('flee');
    expect(irregularInfinitive('found')).toBeUndefined();
  });
});
