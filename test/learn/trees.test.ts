import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { ensembleScore, fitTrees, type RankingList, type TreeEnsemble } from '../../src/learn/trees.js';

/** Softmax cross-entropy of a list under the ensemble, added to its base scores. */
function loss(lists: readonly RankingList[], ensemble: TreeEnsemble): number {
  let sum = 0;
  for (const l of lists) {
    const s = l.rows.map((r, i) => (l.base[i] as number) + ensembleScore(ensemble, r));
    const max = Math.max(...s);
    const z = s.reduce((a, x) => a + Math.exp(x - max), 0);
    l.target.forEach((t, i) => {
      if (t > 0) sum -= t * (s[i] as number) - t * (max + Math.log(z));
    });
  }
  return sum / lists.length;
}

describe('ensembleScore', () => {
  it('sums the leaves each tree sends a vector to', () => {
    const stump = {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, -1, 2],
    };
    const leaf = { feature: [-1], threshold: [0], left: [-1], right: [-1], value: [0.25] };
    expect(ensembleScore({ trees: [stump, leaf] }, [0.2])).toBe(-0.75);
    expect(ensembleScore({ trees: [stump, leaf] }, [0.5])).toBe(-0.75);
    expect(ensembleScore({ trees: [stump, leaf] }, [0.9])).toBe(2.25);
    expect(ensembleScore({ trees: [] }, [1])).toBe(0);
  });
});

describe('fitTrees', () => {
  it('learns an interaction no linear score can: the largest value in some lists, the smallest in others', () => {
    // Items x = 0..3 and a flag for the list; the right item is x = 3 where the flag is 1 and x = 0 where it is
    // 0. A linear score orders x the same way in every list, so it gets at most the 65% of lists with flag 1.
    const lists: RankingList[] = [];
    for (let k = 0; k < 200; k++) {
      const flag = k % 20 < 13 ? 1 : 0;
      const rows = [0, 1, 2, 3].map((x) => [x, flag, (k * (x + 3)) % 5]);
      const right = flag ? 3 : 0;
      lists.push({ rows, target: rows.map((_, i) => (i === right ? 1 : 0)), base: [0, 0, 0, 0] });
    }
    const ensemble = fitTrees(lists, 3, { trees: 40, depth: 2, learningRate: 0.3 });
    const right = lists.filter((l) => {
      const s = l.rows.map((r) => ensembleScore(ensemble, r));
      return l.target[s.indexOf(Math.max(...s))] === 1;
    }).length;
    expect(right).toBe(lists.length);
  });

  it('starts from each list’s base scores', () => {
    const lists: RankingList[] = [{ rows: [[0], [0]], target: [1, 0], base: [5, 0] }];
    // Nothing to split on and the base already right: the trees add the same to both items.
    const e = fitTrees(lists, 1, { trees: 5 });
    expect(ensembleScore(e, [0])).toBeCloseTo(ensembleScore(e, [0]));
    expect(e.trees).toHaveLength(5);
  });

  it('never raises the training loss (random lists)', () => {
    fc.assert(
      fc.property(
        fc.array(
          fc.array(fc.tuple(fc.double({ min: -3, max: 3, noNaN: true }), fc.integer({ min: 0, max: 3 })), {
            minLength: 2,
            maxLength: 6,
          }),
          { minLength: 1, maxLength: 12 },
        ),
        (raw) => {
          const lists: RankingList[] = raw.map((items) => ({
            rows: items.map(([x, c]) => [x, c]),
            target: items.map((_, i) => (i === 0 ? 1 : 0)),
            base: items.map(() => 0),
          }));
          const e = fitTrees(lists, 2, { trees: 10, depth: 2, minHessian: 0.01 });
          expect(loss(lists, e)).toBeLessThanOrEqual(loss(lists, { trees: [] }) + 1e-9);
        },
      ),
      { numRuns: 40 },
    );
  });

  it('refuses options it cannot honour', () => {
    expect(() => fitTrees([], 1, { depth: 0 })).toThrow(/Invalid boosting options/);
  });
});
