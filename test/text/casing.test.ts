import { describe, expect, it } from 'vitest';
import { answer } from '../../src/answer/engine.js';
import { restoreCase, typedInLowerCase } from '../../src/text/casing.js';
import { testLibrary } from '../helpers/library.js';

const TEXTS = [
  'Russian Foreign Minister Sergei Lavrov said he would meet a Libyan "opposition" delegation.',
  'Plans by NATO to use helicopters, the rebels said on Sunday as Ashton visited Benghazi, where several Libyans met her.',
  'Rebels held the town. "Rebels are here," he said. Shells fell.',
];

describe('restoreCase', () => {
  it('writes the words of a lower-case question as the texts write them', () => {
    expect(restoreCase('who is lavrov', TEXTS)).toBe('who is Lavrov');
    expect(restoreCase('when did ashton visit benghazi?', TEXTS)).toBe('when did Ashton visit Benghazi?');
    expect(restoreCase('what is nato planning', TEXTS)).toBe('what is NATO planning');
    // Written only in the plural: the word as typed, capitalised.
    expect(restoreCase('what did the libyan do', ['Several Libyans met her.'])).toBe('what did the Libyan do');
    expect(restoreCase('Who is lavrov?', TEXTS)).toBe('Who is Lavrov?');
  });

  it('leaves common words, unknown words and questions with a capital past their first letter alone', () => {
    expect(restoreCase('who did the rebels say', TEXTS)).toBe('who did the rebels say');
    expect(restoreCase('who is zorblat', TEXTS)).toBe('who is zorblat');
    expect(restoreCase('Did lavrov visit Benghazi?', TEXTS)).toBe('Did lavrov visit Benghazi?');
    expect(restoreCase('who is lavrov', [])).toBe('who is lavrov');
    expect(typedInLowerCase('who is lavrov')).toBe(true);
    expect(typedInLowerCase('Who is lavrov?')).toBe(true);
    expect(typedInLowerCase('who is Lavrov')).toBe(false);
  });

  it('takes a word written after an article, or capitalised only inside a longer name, for a common word', () => {
    expect(restoreCase('what did the state do', ['He said the State would pay.'])).toBe('what did the state do');
    expect(restoreCase('which city grew', ['Kansas City grew fast.'])).toBe('which city grew');
  });

  it('does not count the capital a sentence opens with', () => {
    // "Shells" opens its sentence only; "rebels" is written in lower case elsewhere.
    expect(restoreCase('what do shells do', TEXTS)).toBe('what do shells do');
    expect(restoreCase('where are rebels', TEXTS)).toBe('where are rebels');
  });

  it('lets a lower-case question find names as a capitalised one does', () => {
    const seed = testLibrary().collection('seed');
    const lower = answer('who did lavrov say he would meet', seed);
    expect(lower.answer).toBe(answer('Who did Lavrov say he would meet?', seed).answer);
    expect(lower.answer).toMatch(/delegation/);
    expect(answer('who is lavrov', seed).answer).toBe('Russian Foreign Minister');
  });
});
