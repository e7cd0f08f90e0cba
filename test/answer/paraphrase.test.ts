import { describe, expect, it } from 'vitest';
import {
  DEFAULT_PARAPHRASE,
  loadParaphraseModel,
  paraphraseScore,
  paraphraseSides,
} from '../../src/answer/paraphrase.js';
import { encodeHashed } from '../../src/answer/ranker.js';
import { termVectors, VECTOR_DIMENSIONS } from '../../src/text/vectors.js';

const file = (dims: number, matrix: Float32Array) => ({
  version: 1,
  dims,
  matrix: encodeHashed(matrix),
  trainedOn: '',
});

describe('loadParaphraseModel', () => {
  it('loads a matrix of the right size and refuses any other', () => {
    expect(loadParaphraseModel(file(2, Float32Array.from([1, 0, 0, 1])), 2)?.weights).toEqual(
      Float32Array.from([1, 0, 0, 1]),
    );
    expect(loadParaphraseModel(file(2, Float32Array.from([1, 0, 0, 1])), 3)).toBeUndefined();
    expect(loadParaphraseModel(file(2, Float32Array.from([1, 0, 0])), 2)).toBeUndefined();
    expect(loadParaphraseModel({ version: 2, dims: 2 }, 2)).toBeUndefined();
    expect(loadParaphraseModel(undefined, 2)).toBeUndefined();
  });

  it('ships a model for the shipped vectors', () => {
    expect(DEFAULT_PARAPHRASE?.dims).toBe(VECTOR_DIMENSIONS);
  });
});

describe('paraphraseScore', () => {
  it('is q·W·p: the dot product under the identity, a cross term under a swap', () => {
    const sides = { question: Float32Array.from([0.6, 0.8]), paragraph: Float32Array.from([1, 0]) };
    const identity = { dims: 2, weights: Float32Array.from([1, 0, 0, 1]) };
    expect(paraphraseScore(identity, sides)).toBeCloseTo(0.6, 6);
    const swap = { dims: 2, weights: Float32Array.from([0, 0, 2, 0]) };
    // Only question dimension 1 against paragraph dimension 0: 0.8 × 2 × 1.
    expect(paraphraseScore(swap, sides)).toBeCloseTo(1.6, 6);
  });
});

describe('paraphraseSides', () => {
  const vectors = termVectors();
  const idf = new Map([
    ['oldest', 2],
    ['plan', 1],
  ]);

  it("pools the question's terms the paragraph lacks against the paragraph's terms the question lacks", () => {
    const sides = paraphraseSides(idf, new Set(['plan', 'earliest', 'written']), () => 1);
    expect(sides).toBeDefined();
    // The question side is "oldest" alone (the paragraph holds "plan").
    expect(sides?.question).toEqual(vectors.pool(['oldest'], () => 2));
    expect(sides?.paragraph).toEqual(vectors.pool(['earliest', 'written'], () => 1));
  });

  it('is undefined when the paragraph holds every question term, or nothing else', () => {
    expect(paraphraseSides(idf, new Set(['oldest', 'plan', 'earliest']), () => 1)).toBeUndefined();
    expect(paraphraseSides(idf, new Set(['plan']), () => 1)).toBeUndefined();
  });
});
