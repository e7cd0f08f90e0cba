/**
 * Paraphrase likeness between a question and a paragraph: what the question asks that the paragraph does not say
 * in its words, against what the paragraph says besides the question's words. Each side is the IDF-weighted sum of
 * its terms' word vectors (GloVe, `vectors.ts`), made unit length; the likeness is the bilinear form q·W·p, with W
 * (100 × 100) learned by `npm run train` on SQuAD v1.1 training questions: softmax over each question's re-ranked
 * paragraphs, added to the learned passage ranker's score (whose features see exact words, WordNet relatives and
 * single close neighbours, not a whole paraphrase: "the oldest surviving plans" against "the earliest surviving
 * written work"). The engine adds it to the order of the passage ranker's first few paragraphs
 * (`paraphraseDepth`) when the shipped file matches the vectors' dimensions.
 */
import { termVectors, VECTOR_DIMENSIONS } from '../text/vectors.js';
import weights from './paraphrase-weights.json' with { type: 'json' };
import { decodeHashed, type HashedWeightsFile } from './ranker.js';

/** The learned matrix, row-major: `weights[i * dims + j]` weighs question dimension i against paragraph dimension j. */
export interface ParaphraseModel {
  readonly dims: number;
  readonly weights: Float32Array;
}

/** How the model file stores it: the matrix as 16-bit integers (see `encodeHashed`). */
export interface ParaphraseModelFile {
  readonly version: 1;
  readonly dims: number;
  readonly matrix: HashedWeightsFile;
  readonly trainedOn: string;
}

/** A model from its file form; undefined when it is not consistent or not for vectors of `dims` dimensions. */
export function loadParaphraseModel(raw: unknown, dims: number): ParaphraseModel | undefined {
  const m = raw as Partial<ParaphraseModelFile> | undefined;
  if (m?.version !== 1 || m.dims !== dims || !m.matrix) return undefined;
  const matrix = decodeHashed(m.matrix);
  if (!matrix || matrix.length !== dims * dims) return undefined;
  return { dims, weights: matrix };
}

/** The two sides of a question and a paragraph, each a unit vector; undefined when a side has no vector. */
export interface ParaphraseSides {
  readonly question: Float32Array;
  readonly paragraph: Float32Array;
}

/**
 * The sides for a paragraph holding `held` (its terms): the question's terms it lacks, weighted by `idf` (the
 * question's term weights), and its terms the question lacks, weighted by `termIdf`.
 */
export function paraphraseSides(
  idf: ReadonlyMap<string, number>,
  held: ReadonlySet<string>,
  termIdf: (term: string) => number,
): ParaphraseSides | undefined {
  const vectors = termVectors();
  const question = vectors.pool(idf.keys(), (t) => (held.has(t) ? 0 : (idf.get(t) ?? 0)));
  if (!question) return undefined;
  const paragraph = vectors.pool(held, (t) => (idf.has(t) ? 0 : termIdf(t)));
  return paragraph ? { question, paragraph } : undefined;
}

/** q·W·p (training passes its matrix of doubles as it fits it). */
export function paraphraseScore(
  model: { readonly dims: number; readonly weights: ArrayLike<number> },
  sides: ParaphraseSides,
): number {
  const { dims, weights } = model;
  const q = sides.question;
  const p = sides.paragraph;
  let s = 0;
  for (let i = 0; i < dims; i++) {
    const qi = q[i] as number;
    if (qi === 0) continue;
    let row = 0;
    const base = i * dims;
    for (let j = 0; j < dims; j++) row += (weights[base + j] as number) * (p[j] as number);
    s += qi * row;
  }
  return s;
}

/** The shipped model, or undefined when the file does not fit the shipped vectors (re-run `npm run train`). */
export const DEFAULT_PARAPHRASE: ParaphraseModel | undefined = loadParaphraseModel(weights, VECTOR_DIMENSIONS);
