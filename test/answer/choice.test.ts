import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  CHOICE_FEATURES,
  type ChoiceCandidate,
  type ChoicePassage,
  choiceFeatures,
  choiceScore,
  choiceWeights,
  choosePassage,
  DEFAULT_CHOICE,
  NO_CANDIDATE,
} from '../../src/answer/choice.js';

const at = (name: (typeof CHOICE_FEATURES)[number]) => CHOICE_FEATURES.indexOf(name);

describe('choiceFeatures', () => {
  const passages: ChoicePassage[] = [{ order: 3 }, { order: 2.5 }, { order: 1 }];
  const candidates: ChoiceCandidate[] = [
    { passage: 0, score: 1 },
    { passage: 1, score: 4 },
    { passage: 0, score: 2 },
    { passage: 1, score: 0.5 },
  ];
  const rows = choiceFeatures(passages, candidates);

  it("reads each passage's ranking score and best candidate beside the best", () => {
    expect(rows.map((r) => r[at('orderGap')])).toEqual([0, -0.5, -2]);
    expect(rows.map((r) => r[at('candidateGap')])).toEqual([-2, 0, NO_CANDIDATE]);
    expect(rows.map((r) => r[at('noCandidate')])).toEqual([0, 0, 1]);
  });

  it('ignores a candidate whose passage is not among those offered, and offers nothing for no passages', () => {
    const stray = choiceFeatures(passages, [...candidates, { passage: 3, score: 99 }, { passage: -1, score: 99 }]);
    expect(stray).toEqual(rows);
    expect(choiceFeatures([], candidates)).toEqual([]);
  });

  it('agrees with a plain reference for any passages and candidates', () => {
    const value = (min: number, max: number) => fc.double({ min, max, noNaN: true });
    fc.assert(
      fc.property(
        fc.array(fc.record({ order: value(-10, 10) }), { minLength: 1, maxLength: 5 }),
        fc.array(fc.record({ passage: fc.nat(5), score: value(-15, 15) }), { maxLength: 12 }),
        (ps, cs) => {
          const mine = cs.filter((c) => c.passage < ps.length);
          const best = Math.max(...mine.map((c) => c.score));
          choiceFeatures(ps, cs).forEach((row, i) => {
            const own = mine.filter((c) => c.passage === i).map((c) => c.score);
            const expected = [
              (ps[i]?.order ?? 0) - Math.max(...ps.map((q) => q.order)),
              own.length ? Math.max(...own) - best : NO_CANDIDATE,
              own.length ? 0 : 1,
            ];
            row.forEach((x, j) => {
              expect(x).toBeCloseTo(expected[j] as number, 9);
            });
          });
        },
      ),
    );
  });
});

describe('choosePassage', () => {
  const passages: ChoicePassage[] = [{ order: 2 }, { order: 1 }];

  it('picks the best candidate score plus the passage weight times the ranking score', () => {
    const candidates: ChoiceCandidate[] = [
      { passage: 0, score: 1 },
      { passage: 1, score: 5 },
    ];
    // 0.75 × (−1) + 0 beats 0 + (−4): the second passage's candidate is much better.
    expect(choosePassage({ passageWeight: 0.75, emptyPenalty: 1 }, passages, candidates)).toBe(1);
    // Ranked far enough ahead, the first answers.
    expect(choosePassage({ passageWeight: 5, emptyPenalty: 1 }, passages, candidates)).toBe(0);
    // Infinity: always the best passage; 0: the best candidate wherever it is.
    expect(choosePassage({ passageWeight: Number.POSITIVE_INFINITY, emptyPenalty: 1 }, passages, candidates)).toBe(0);
    expect(choosePassage({ passageWeight: 0, emptyPenalty: 1 }, passages, candidates)).toBe(1);
  });

  it('counts a passage without candidates the penalty below the best candidate, or never', () => {
    const alone: ChoiceCandidate[] = [{ passage: 1, score: 5 }];
    // The first: 0 − penalty; the second: 0.75 × (−1) + 0.
    expect(choosePassage({ passageWeight: 0.75, emptyPenalty: 0.5 }, passages, alone)).toBe(0);
    expect(choosePassage({ passageWeight: 0.75, emptyPenalty: 1 }, passages, alone)).toBe(1);
    expect(choosePassage({ passageWeight: 3, emptyPenalty: 1 }, passages, alone)).toBe(0);
    expect(choosePassage({ passageWeight: 3, emptyPenalty: null }, passages, alone)).toBe(1);
  });

  it('is a linear score over the features', () => {
    const weights = choiceWeights({ passageWeight: 0.75, emptyPenalty: 1 });
    expect(choiceScore(weights, [-1, -2, 0])).toBe(-2.75);
    expect(choiceScore(weights, [-1, NO_CANDIDATE, 1])).toBeCloseTo(-1.75, 9);
    expect(choiceScore(choiceWeights({ passageWeight: 0.75, emptyPenalty: null }), [0, NO_CANDIDATE, 1])).toBe(
      Number.NEGATIVE_INFINITY,
    );
  });

  it('takes the first of equals, the first when none has a candidate, and −1 when there is no passage', () => {
    const tie: ChoicePassage[] = [{ order: 1 }, { order: 1 }];
    const both: ChoiceCandidate[] = [
      { passage: 0, score: 2 },
      { passage: 1, score: 2 },
    ];
    expect(choosePassage({ passageWeight: 1, emptyPenalty: 1 }, tie, both)).toBe(0);
    expect(choosePassage({ passageWeight: 1, emptyPenalty: null }, passages, [])).toBe(0);
    expect(choosePassage({ passageWeight: 1, emptyPenalty: 1 }, [], both)).toBe(-1);
  });
});

describe('DEFAULT_CHOICE', () => {
  it('is the shipped choice, a penalty chosen on data', () => {
    expect(DEFAULT_CHOICE?.version).toBe(2);
    expect(DEFAULT_CHOICE?.emptyPenalty).toBeGreaterThan(0);
  });
});
