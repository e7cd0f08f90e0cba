import { describe, expect, it } from 'vitest';
import { bestOver, exactMatch, f1Score, normalizeAnswer, percentile } from '../../src/eval/metrics.js';

describe('SQuAD metrics', () => {
  it('normalises like the official script', () => {
    expect(normalizeAnswer('The  Eiffel-Tower!')).toBe('eiffeltower');
    expect(normalizeAnswer('an apple, a pear')).toBe('apple pear');
    // Python 3's \\b knows non-ASCII letters: the "a" of "montaña" is no article; only ASCII punctuation goes.
    expect(normalizeAnswer('Montaña')).toBe('montaña');
    expect(normalizeAnswer('the “long” term – a year')).toBe('“long” term – year');
  });

  it('gives two answers with no words F1 0, as the script does (exact match still 1)', () => {
    expect(f1Score('the', 'a')).toBe(0);
    expect(exactMatch('the', 'a')).toBe(1);
  });

  it('scores exact match and token F1', () => {
    expect(exactMatch('the Tonnerre', 'Tonnerre')).toBe(1);
    expect(f1Score('French warship Tonnerre', 'the warship Tonnerre')).toBeCloseTo(0.8);
    expect(f1Score('Paris', 'Tokyo')).toBe(0);
    expect(bestOver(f1Score, null, ['x'])).toBe(0);
    expect(bestOver(exactMatch, 'Tokyo', ['Paris', 'tokyo'])).toBe(1);
  });

  it('takes nearest-rank percentiles', () => {
    const values = Array.from({ length: 100 }, (_, i) => i + 1);
    expect(percentile(values, 0.5)).toBe(50);
    expect(percentile(values, 0.99)).toBe(99);
    expect(percentile([], 0.5)).toBeNaN();
  });
});
