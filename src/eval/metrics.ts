/** SQuAD v1.1 scoring, as the official evaluation script (evaluate-v1.1.py) does it. */

/** Python's `string.punctuation`: the script removes these ASCII characters and no others (not curly quotes). */
const PUNCTUATION = /[!"#$%&'()*+,\-./:;<=>?@[\\\]^_`{|}~]/g;
/** `\b(a|an|the)\b` as Python 3 reads it: a word character is any letter, digit or underscore, not ASCII only. */
const ARTICLES = /(?<![\p{L}\p{N}_])(?:a|an|the)(?![\p{L}\p{N}_])/gu;

/** White space as Python's `str.split()` sees it (JavaScript's `\s` also takes U+FEFF and leaves out U+001C-1F, U+0085). */
// biome-ignore lint/suspicious/noControlCharactersInRegex: Python's str.split() counts U+001C-1F as white space.
const WHITE_SPACE = /[\t\n\v\f\r\x1c-\x1f \x85\xa0\u1680\u2000-\u200a\u2028\u2029\u202f\u205f\u3000]+/;

/** Lower case, drop ASCII punctuation and the articles a/an/the, collapse white space. */
export function normalizeAnswer(text: string): string {
  return text
    .toLowerCase()
    .replace(PUNCTUATION, '')
    .replace(ARTICLES, ' ')
    .split(WHITE_SPACE)
    .filter(Boolean)
    .join(' ');
}

export function exactMatch(prediction: string, gold: string): number {
  return normalizeAnswer(prediction) === normalizeAnswer(gold) ? 1 : 0;
}

/** Token F1 over the normalised words; no word in common (two empty answers included) is 0, as in the script. */
export function f1Score(prediction: string, gold: string): number {
  const p = normalizeAnswer(prediction).split(' ').filter(Boolean);
  const g = normalizeAnswer(gold).split(' ').filter(Boolean);
  const counts = new Map<string, number>();
  for (const t of g) counts.set(t, (counts.get(t) ?? 0) + 1);
  let same = 0;
  for (const t of p) {
    const c = counts.get(t) ?? 0;
    if (c > 0) {
      same++;
      counts.set(t, c - 1);
    }
  }
  if (same === 0) return 0;
  const precision = same / p.length;
  const recall = same / g.length;
  return (2 * precision * recall) / (precision + recall);
}

/** Best score over the gold answers; a null prediction scores 0. */
export function bestOver(
  metric: (p: string, g: string) => number,
  prediction: string | null,
  golds: readonly string[],
): number {
  if (prediction === null) return 0;
  let best = 0;
  for (const g of golds) best = Math.max(best, metric(prediction, g));
  return best;
}

/** The value at quantile q (0..1) of a list of numbers, nearest-rank. */
export function percentile(values: readonly number[], q: number): number {
  if (values.length === 0) return Number.NaN;
  const sorted = [...values].sort((a, b) => a - b);
  const rank = Math.min(sorted.length - 1, Math.max(0, Math.ceil(q * sorted.length) - 1));
  return sorted[rank] as number;
}
