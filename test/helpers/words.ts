/** Words for property tests of sentence splitting: titles, acronyms, quotations, numbers, sentence ends. */
export const SENTENCE_WORDS = [
  'Mr.',
  'Smith',
  'said',
  'U.S.',
  'troops.',
  'It',
  'rained!',
  '"Go',
  'now."',
  'Why?',
  '3.5',
  'p.m.',
  'and',
] as const;
