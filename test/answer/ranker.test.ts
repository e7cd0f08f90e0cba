import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_SETTINGS, explain } from '../../src/answer/engine.js';
import passageWeights from '../../src/answer/passage-weights.json' with { type: 'json' };
import {
  DEFAULT_PASSAGE_RANKER,
  DEFAULT_RANKER,
  FEATURE_NAMES,
  PASSAGE_FEATURE_NAMES,
  rankerScore,
} from '../../src/answer/ranker.js';
import weights from '../../src/answer/ranker-weights.json' with { type: 'json' };
import { testLibrary } from '../helpers/library.js';

describe('the learned ranker', () => {
  it('ships trained weights for exactly this code’s features', () => {
    expect(DEFAULT_RANKER).toBeDefined();
    expect(weights.features).toEqual(FEATURE_NAMES);
    expect(weights.weights).toHaveLength(FEATURE_NAMES.length);
    expect(weights.trainedOn).toMatch(/SQuAD v1\.1 train, \d+ articles \(tune-48 left out\)/);
    expect(DEFAULT_ENGINE_SETTINGS.ranker).toBe(DEFAULT_RANKER);
    expect(DEFAULT_PASSAGE_RANKER).toBeDefined();
    expect(passageWeights.features).toEqual(PASSAGE_FEATURE_NAMES);
    expect(DEFAULT_ENGINE_SETTINGS.passageRanker).toBe(DEFAULT_PASSAGE_RANKER);
  });

  it('scores candidates linearly from their features', () => {
    const collection = testLibrary().collection('r');
    const { candidates } = explain(
      'Who edited the report?',
      collection,
      {},
      { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true },
    );
    const first = candidates.find((c) => c.features);
    expect(first?.features).toHaveLength(FEATURE_NAMES.length);
    const model = {
      version: 1 as const,
      features: FEATURE_NAMES,
      weights: FEATURE_NAMES.map((_, i) => (i === 0 ? 2 : 0)),
      trainedOn: 'test',
      questions: 0,
    };
    expect(rankerScore(model, first?.features ?? [])).toBe(2);
  });

  it('answers the same with or without it on clear questions', () => {
    const collection = testLibrary().collection('r');
    const hand = { ...DEFAULT_ENGINE_SETTINGS, ranker: undefined };
    for (const q of [
      'Who edited the report?',
      'When did Ashton visit the rebels?',
      'Where was Kefi visiting when he spoke?',
    ]) {
      expect(explain(q, collection).candidates.length).toBeGreaterThan(0);
      expect(explain(q, collection, {}, hand).candidates[0]?.text).toBeTruthy();
    }
  });
});
