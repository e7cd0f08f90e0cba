import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_SETTINGS, explain } from '../../src/answer/engine.js';
import passageWeights from '../../src/answer/passage-weights.json' with { type: 'json' };
import {
  DEFAULT_PASSAGE_RANKER,
  DEFAULT_RANKER,
  decodeHashed,
  encodeHashed,
  FEATURE_NAMES,
  HASH_BUCKETS,
  loadRankerModel,
  PASSAGE_FEATURE_NAMES,
  rankerScore,
  TREE_FEATURE_NAMES,
  treeInputs,
} from '../../src/answer/ranker.js';
import weights from '../../src/answer/ranker-weights.json' with { type: 'json' };
import { testLibrary } from '../helpers/library.js';

describe('the learned ranker', () => {
  it('ships trained weights for exactly this code’s features', () => {
    expect(DEFAULT_RANKER).toBeDefined();
    expect(DEFAULT_RANKER?.hashed).toHaveLength(HASH_BUCKETS);
    expect(weights.hashed.buckets).toBe(HASH_BUCKETS);
    expect(weights.features).toEqual(FEATURE_NAMES);
    expect(weights.weights).toHaveLength(FEATURE_NAMES.length);
    expect(weights.trainedOn).toMatch(/SQuAD v1\.1 train, \d+ articles \(tune-48 left out\)/);
    expect(DEFAULT_ENGINE_SETTINGS.ranker).toBe(DEFAULT_RANKER);
    expect(DEFAULT_PASSAGE_RANKER).toBeDefined();
    expect(passageWeights.features).toEqual(PASSAGE_FEATURE_NAMES);
    expect(DEFAULT_ENGINE_SETTINGS.passageRanker).toBe(DEFAULT_PASSAGE_RANKER);
  });

  it('scores candidates linearly from their features, named and hashed', () => {
    const collection = testLibrary().collection('r');
    const { candidates } = explain(
      'Who edited the report?',
      collection,
      {},
      { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true },
    );
    const first = candidates.find((c) => c.features)?.features;
    if (!first) throw new Error('no features collected');
    expect(first.dense).toHaveLength(FEATURE_NAMES.length);
    expect(first.hashed.length).toBeGreaterThan(10);
    for (const h of first.hashed) expect(h >= 0 && h < 2 ** 32 && Number.isInteger(h)).toBe(true);
    const model = {
      version: 1 as const,
      features: FEATURE_NAMES,
      weights: FEATURE_NAMES.map((_, i) => (i === 0 ? 2 : 0)),
      trainedOn: 'test',
      questions: 0,
    };
    expect(rankerScore(model, first)).toBe(2);
    const hashed = new Float32Array(HASH_BUCKETS);
    const b0 = (first.hashed[0] as number) % HASH_BUCKETS;
    hashed[b0] = 0.5;
    // Each hashed feature adds its bucket's weight (two keys in one bucket add it twice).
    const times = first.hashed.filter((h) => h % HASH_BUCKETS === b0).length;
    expect(rankerScore({ ...model, hashed }, first)).toBeCloseTo(2 + 0.5 * times);
  });

  it('gives different lexical features to different question words', () => {
    const collection = testLibrary().collection('r');
    const settings = { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true };
    const who = explain('Who edited the report?', collection, {}, settings).candidates;
    const when = explain('When was the report edited?', collection, {}, settings).candidates;
    const a = who.find((c) => c.features)?.features?.hashed ?? [];
    const b = when.find((c) => c.text === who[0]?.text)?.features?.hashed ?? [1];
    expect(a.length).toBeGreaterThan(0);
    expect(a).not.toEqual(b);
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

  it('stores hashed weights as 16-bit integers to within 1e-4, and refuses a file that does not add up', () => {
    const weights = Float64Array.from([0, 1.5, -2.25, 0.00012, -0.5]);
    const file = encodeHashed(weights);
    const back = decodeHashed(file);
    expect(back).toHaveLength(5);
    for (const [i, w] of (back ?? []).entries()) expect(Math.abs(w - (weights[i] as number))).toBeLessThan(1e-4);
    expect(decodeHashed({ ...file, buckets: 6 })).toBeUndefined();
    expect(decodeHashed({ ...file, scale: 0 })).toBeUndefined();
    expect(decodeHashed(encodeHashed(new Float64Array(3)))).toEqual(new Float32Array(3));
  });

  it('adds the trees of a model file to the linear score, and refuses trees over other features', () => {
    const collection = testLibrary().collection('r');
    const settings = { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true };
    const first = explain('Who edited the report?', collection, {}, settings).candidates.find(
      (c) => c.features,
    )?.features;
    if (!first) throw new Error('no features collected');
    expect(treeInputs(first)).toHaveLength(TREE_FEATURE_NAMES.length);
    // One stump on the bias (always 1): every candidate gets 0.5 more.
    const stump = {
      feature: [0, -1, -1],
      threshold: [0.5, 0, 0],
      left: [1, -1, -1],
      right: [2, -1, -1],
      value: [0, 0, 0.5],
    };
    const file = {
      version: 1,
      features: FEATURE_NAMES,
      weights: FEATURE_NAMES.map(() => 0),
      trees: { features: TREE_FEATURE_NAMES, trees: [stump] },
      trainedOn: 'test',
      questions: 0,
    };
    const model = loadRankerModel(file, FEATURE_NAMES);
    expect(model && rankerScore(model, first)).toBe(0.5);
    expect(loadRankerModel({ ...file, trees: { features: ['bias'], trees: [stump] } }, FEATURE_NAMES)).toBeUndefined();
    expect(loadRankerModel({ ...file, features: ['bias'] }, FEATURE_NAMES)).toBeUndefined();
  });

  it('sees the question’s verb before a candidate however the tagger read it', () => {
    const seed = testLibrary().collection('r');
    const settings = { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true };
    const { candidates } = explain('Who wrote the report?', seed, {}, settings);
    const at = FEATURE_NAMES.indexOf('verbBefore');
    const feature = (name: string) => candidates.find((c) => c.text === name)?.features?.dense[at];
    // "Writing by Ralph Boulton", "Additional reporting by Joseph Logan".
    expect(feature('Ralph Boulton')).toBe(1);
    expect(feature('Joseph Logan')).toBe(0);
  });

  it('sees how near a candidate is to the question’s noun and its surroundings to the question’s verb (word vectors)', () => {
    const library = testLibrary();
    library.addArticle('v1', {
      content: 'Near the old guitar factory, the Missouri carried the barges that the traders had bought.',
      title: 'Barges',
    });
    const settings = { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true };
    const { candidates } = explain('What river carried the barges?', library.collection('v1'), {}, settings);
    const value = (text: string, name: string) =>
      candidates.find((c) => c.text === text)?.features?.dense[FEATURE_NAMES.indexOf(name)];
    expect(value('Missouri', 'nounKnown')).toBe(1);
    expect(value('Missouri', 'nounSim') as number).toBeGreaterThan(0.3);
    expect(value('Missouri', 'nounSim') as number).toBeGreaterThan(value('old guitar factory', 'nounSim') as number);
    expect(value('Missouri', 'nounHeadSim')).toBe(value('Missouri', 'nounSim'));
    // "carried" stands right after "the Missouri": the verb itself, similarity 1.
    expect(value('Missouri', 'verbSim')).toBe(1);
    const none = explain('Who carried them?', library.collection('v1'), {}, settings).candidates;
    expect(none.find((c) => c.features)?.features?.dense[FEATURE_NAMES.indexOf('nounKnown')]).toBe(0);
  });
});
