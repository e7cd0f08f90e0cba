import { describe, expect, it } from 'vitest';
import { type ParaphraseRow, trainParaphrase } from '../../src/learn/paraphrase.js';

const unit = (...xs: number[]) => Float32Array.from(xs);

// Questions asking along dimension 0 are answered by paragraphs saying dimension 1 (a paraphrase); the order
// alone prefers the wrong paragraph a little.
const lists: ParaphraseRow[][] = Array.from({ length: 50 }, () => [
  { order: 0.2, gold: false, sides: { question: unit(1, 0), paragraph: unit(1, 0) } },
  { order: 0, gold: true, sides: { question: unit(1, 0), paragraph: unit(0, 1) } },
  { order: -1, gold: false },
]);

describe('trainParaphrase', () => {
  it('learns the cross term that puts the paraphrasing paragraph first', () => {
    const w = trainParaphrase(lists, 2);
    // w[0][1] (question 0 against paragraph 1) up, w[0][0] down; the unused question dimension untouched.
    expect(w[1]).toBeGreaterThan(0);
    expect(w[0]).toBeLessThan(0);
    expect(w[2]).toBe(0);
    expect(w[3]).toBe(0);
    expect(0.2 + (w[0] as number)).toBeLessThan(0 + (w[1] as number));
  });

  it('is deterministic, and learns nothing from lists without a gold paragraph or a second row', () => {
    expect(trainParaphrase(lists, 2)).toEqual(trainParaphrase(lists, 2));
    const idle = trainParaphrase(
      [lists[0]?.map((r) => ({ ...r, gold: false })) ?? [], [{ order: 0, gold: true, sides: lists[0]?.[0]?.sides }]],
      2,
    );
    expect([...idle]).toEqual([0, 0, 0, 0]);
  });

  it('refuses a size that is not a whole number', () => {
    expect(() => trainParaphrase(lists, 0)).toThrow(/dims/);
    expect(() => trainParaphrase(lists, 1.5)).toThrow(/dims/);
  });
});
