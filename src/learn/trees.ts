/**
 * Gradient-boosted regression trees for listwise ranking (the LambdaMART family, with a softmax over each
 * list as the loss): small, exact and dependency-free, so a model file of plain numbers scores candidates the
 * same way at training and at run time.
 *
 * Training bins every feature once (at most `MAX_BINS` quantile bins), then grows each tree level by level from
 * per-node histograms of the loss's gradient and Hessian, as XGBoost and LightGBM do; a leaf's value is the
 * Newton step −G / (H + λ), shrunk by the learning rate.
 */

/** One tree as flat arrays: node k splits on `feature[k]` at `threshold[k]` (x ≤ threshold goes left), or is a leaf when `feature[k]` is −1. */
export interface Tree {
  readonly feature: readonly number[];
  readonly threshold: readonly number[];
  readonly left: readonly number[];
  readonly right: readonly number[];
  readonly value: readonly number[];
}

export interface TreeEnsemble {
  readonly trees: readonly Tree[];
}

/**
 * An ensemble's nodes packed into typed arrays, every tree's after the one before (child indices made absolute):
 * walking it reads machine integers and doubles, where the JSON-born arrays hold a mix of small integers and
 * boxed doubles that cost an allocation a leaf in the scorer's hot loop.
 */
interface PackedEnsemble {
  readonly roots: Int32Array;
  readonly feature: Int32Array;
  readonly threshold: Float64Array;
  readonly left: Int32Array;
  readonly right: Int32Array;
  readonly value: Float64Array;
}

const packed = new WeakMap<TreeEnsemble, PackedEnsemble>();

function pack(ensemble: TreeEnsemble): PackedEnsemble {
  let nodes = 0;
  for (const tree of ensemble.trees) nodes += tree.feature.length;
  const p = {
    roots: new Int32Array(ensemble.trees.length),
    feature: new Int32Array(nodes),
    threshold: new Float64Array(nodes),
    left: new Int32Array(nodes),
    right: new Int32Array(nodes),
    value: new Float64Array(nodes),
  };
  let at = 0;
  ensemble.trees.forEach((tree, t) => {
    p.roots[t] = at;
    for (let k = 0; k < tree.feature.length; k++) {
      p.feature[at + k] = tree.feature[k] as number;
      p.threshold[at + k] = tree.threshold[k] as number;
      p.left[at + k] = at + (tree.left[k] as number);
      p.right[at + k] = at + (tree.right[k] as number);
      p.value[at + k] = tree.value[k] as number;
    }
    at += tree.feature.length;
  });
  return p;
}

/** The ensemble's score of one feature vector: the sum of the leaves it reaches. */
export function ensembleScore(ensemble: TreeEnsemble, x: ArrayLike<number>): number {
  let p = packed.get(ensemble);
  // (Ensembles are not changed once made; a different tree count would mean one was, and is packed again.)
  if (p === undefined || p.roots.length !== ensemble.trees.length) {
    p = pack(ensemble);
    packed.set(ensemble, p);
  }
  const { roots, feature, threshold, left, right, value } = p;
  let s = 0;
  for (let t = 0; t < roots.length; t++) {
    let k = roots[t] as number;
    let f = feature[k] as number;
    while (f >= 0) {
      k = (x[f] ?? 0) <= (threshold[k] as number) ? (left[k] as number) : (right[k] as number);
      f = feature[k] as number;
    }
    s += value[k] as number;
  }
  return s;
}

export interface BoostOptions {
  /** Trees to grow. */
  readonly trees: number;
  /** Depth of each tree (a tree has at most 2^depth leaves). */
  readonly depth: number;
  /** Shrinkage applied to every leaf value. */
  readonly learningRate: number;
  /** L2 penalty on leaf values (λ in −G / (H + λ)). */
  readonly lambda: number;
  /** A split must leave at least this much Hessian on each side. */
  readonly minHessian: number;
  /** Called every `reportEvery` trees with the ensemble so far. */
  readonly onProgress?: (trees: number, ensemble: TreeEnsemble) => void;
  readonly reportEvery?: number;
}

export const DEFAULT_BOOST_OPTIONS: BoostOptions = {
  trees: 150,
  depth: 4,
  learningRate: 0.1,
  lambda: 1,
  minHessian: 1,
};

/** A ranking list: the feature vectors of its items, the target share of each (summing to 1), and a starting score. */
export interface RankingList {
  readonly rows: ReadonlyArray<readonly number[]>;
  readonly target: readonly number[];
  readonly base: readonly number[];
}

export const MAX_BINS = 32;

/** Grow an ensemble that, added to each list's base scores, lowers the softmax cross-entropy against its targets. */
export function fitTrees(
  lists: readonly RankingList[],
  dims: number,
  options: Partial<BoostOptions> = {},
): TreeEnsemble {
  const o = { ...DEFAULT_BOOST_OPTIONS, ...options };
  if (!(o.trees >= 0 && o.depth >= 1 && o.learningRate > 0 && o.lambda >= 0))
    throw new Error('Invalid boosting options');
  const n = lists.reduce((s, l) => s + l.rows.length, 0);
  // Column-major bins and each bin's upper value, per feature.
  const bins: Uint8Array[] = [];
  const uppers: number[][] = [];
  for (let f = 0; f < dims; f++) {
    const values: number[] = [];
    for (const l of lists) for (const r of l.rows) values.push(r[f] ?? 0);
    const sorted = Float64Array.from(values).sort();
    const cuts: number[] = [];
    for (let b = 1; b < MAX_BINS; b++) {
      const v = sorted[Math.floor((b * sorted.length) / MAX_BINS)] as number;
      if (cuts.length === 0 || v > (cuts[cuts.length - 1] as number)) cuts.push(v);
    }
    // Bin k holds values ≤ cuts[k] (and > cuts[k−1]); the last bin everything above.
    const column = new Uint8Array(n);
    values.forEach((v, i) => {
      let lo = 0;
      let hi = cuts.length;
      while (lo < hi) {
        const mid = (lo + hi) >> 1;
        if (v <= (cuts[mid] as number)) hi = mid;
        else lo = mid + 1;
      }
      column[i] = lo;
    });
    bins.push(column);
    uppers.push(cuts);
  }
  const score = new Float64Array(n);
  const starts: number[] = [];
  let at = 0;
  for (const l of lists) {
    starts.push(at);
    l.base.forEach((b, i) => {
      score[at + i] = b;
    });
    at += l.rows.length;
  }
  const g = new Float64Array(n);
  const h = new Float64Array(n);
  const trees: GrownTree[] = [];
  for (let t = 0; t < o.trees; t++) {
    lists.forEach((l, li) => {
      const s0 = starts[li] as number;
      let max = Number.NEGATIVE_INFINITY;
      for (let i = 0; i < l.rows.length; i++) max = Math.max(max, score[s0 + i] as number);
      let z = 0;
      for (let i = 0; i < l.rows.length; i++) z += Math.exp((score[s0 + i] as number) - max);
      for (let i = 0; i < l.rows.length; i++) {
        const p = Math.exp((score[s0 + i] as number) - max) / z;
        g[s0 + i] = p - (l.target[i] as number);
        h[s0 + i] = Math.max(p * (1 - p), 1e-6);
      }
    });
    const tree = growTree(bins, uppers, g, h, n, o);
    trees.push(tree);
    // Update scores through the binned values: x ≤ cut is exactly bin ≤ the cut's bin.
    for (let i = 0; i < n; i++) {
      let k = 0;
      while ((tree.feature[k] as number) >= 0) {
        const f = tree.feature[k] as number;
        k =
          (bins[f]?.[i] as number) <= (tree.splitBin[k] as number)
            ? (tree.left[k] as number)
            : (tree.right[k] as number);
      }
      score[i] = (score[i] as number) + (tree.value[k] as number);
    }
    if (o.onProgress && o.reportEvery && (t + 1) % o.reportEvery === 0) o.onProgress(t + 1, { trees: strip(trees) });
  }
  return { trees: strip(trees) };
}

interface GrownTree extends Tree {
  readonly splitBin: readonly number[];
}

function strip(trees: readonly GrownTree[]): Tree[] {
  return trees.map(({ feature, threshold, left, right, value }) => ({ feature, threshold, left, right, value }));
}

function growTree(
  bins: readonly Uint8Array[],
  uppers: readonly number[][],
  g: Float64Array,
  h: Float64Array,
  n: number,
  o: BoostOptions,
): GrownTree {
  const feature: number[] = [];
  const threshold: number[] = [];
  const splitBin: number[] = [];
  const left: number[] = [];
  const right: number[] = [];
  const value: number[] = [];
  const leafValue = (G: number, H: number) => (-G / (H + o.lambda)) * o.learningRate;
  const all = new Uint32Array(n);
  for (let i = 0; i < n; i++) all[i] = i;
  const grow = (rows: Uint32Array, depth: number): number => {
    const k = feature.length;
    let G = 0;
    let H = 0;
    for (const i of rows) {
      G += g[i] as number;
      H += h[i] as number;
    }
    feature.push(-1);
    threshold.push(0);
    splitBin.push(0);
    left.push(-1);
    right.push(-1);
    value.push(leafValue(G, H));
    if (depth >= o.depth || H < 2 * o.minHessian) return k;
    const parent = (G * G) / (H + o.lambda);
    let bestGain = 1e-9;
    let bestFeature = -1;
    let bestBin = 0;
    const hg = new Float64Array(MAX_BINS);
    const hh = new Float64Array(MAX_BINS);
    for (let f = 0; f < bins.length; f++) {
      const cuts = uppers[f] as number[];
      if (cuts.length === 0) continue;
      hg.fill(0);
      hh.fill(0);
      const column = bins[f] as Uint8Array;
      for (const i of rows) {
        const b = column[i] as number;
        hg[b] = (hg[b] as number) + (g[i] as number);
        hh[b] = (hh[b] as number) + (h[i] as number);
      }
      let gl = 0;
      let hl = 0;
      for (let b = 0; b < cuts.length; b++) {
        gl += hg[b] as number;
        hl += hh[b] as number;
        const hr = H - hl;
        if (hl < o.minHessian || hr < o.minHessian) continue;
        const gr = G - gl;
        const gain = (gl * gl) / (hl + o.lambda) + (gr * gr) / (hr + o.lambda) - parent;
        if (gain > bestGain) {
          bestGain = gain;
          bestFeature = f;
          bestBin = b;
        }
      }
    }
    if (bestFeature < 0) return k;
    const column = bins[bestFeature] as Uint8Array;
    let nl = 0;
    for (const i of rows) if ((column[i] as number) <= bestBin) nl++;
    const l = new Uint32Array(nl);
    const r = new Uint32Array(rows.length - nl);
    let a = 0;
    let b = 0;
    for (const i of rows) {
      if ((column[i] as number) <= bestBin) l[a++] = i;
      else r[b++] = i;
    }
    feature[k] = bestFeature;
    threshold[k] = (uppers[bestFeature] as number[])[bestBin] as number;
    splitBin[k] = bestBin;
    left[k] = grow(l, depth + 1);
    right[k] = grow(r, depth + 1);
    return k;
  };
  grow(all, 0);
  return { feature, threshold, splitBin, left, right, value };
}
