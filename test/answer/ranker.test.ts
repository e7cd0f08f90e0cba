import { describe, expect, it } from 'vitest';
import { DEFAULT_ENGINE_SETTINGS, explain, rankPassages } from '../../src/answer/engine.js';
import passageWeights from '../../src/answer/passage-weights.json' with { type: 'json' };
import { analyzeQuestion } from '../../src/answer/question.js';
import {
  addRelativeFeatures,
  cosine,
  DEFAULT_PASSAGE_RANKER,
  DEFAULT_RANKER,
  decodeHashed,
  encodeHashed,
  FEATURE_NAMES,
  HASH_BUCKETS,
  hashedScore,
  loadRankerModel,
  meanVector,
  PASSAGE_FEATURE_NAMES,
  PASSAGE_HASH_BUCKETS,
  PASSAGE_RELATIVE,
  passageHashes,
  rankerScore,
  TREE_FEATURE_NAMES,
  treeInputs,
} from '../../src/answer/ranker.js';
import weights from '../../src/answer/ranker-weights.json' with { type: 'json' };
import { collectionOf, testLibrary } from '../helpers/library.js';

/**
 * A model file whose linear weights are all 0 and whose one tree is a stump: `value` more when tree feature `feature`
 * is above 0.5.
 */
function stumpModel(features: readonly string[], treeFeatures: readonly string[], feature: number, value: number) {
  const stump = {
    feature: [feature, -1, -1],
    threshold: [0.5, 0, 0],
    left: [1, -1, -1],
    right: [2, -1, -1],
    value: [0, 0, value],
  };
  const file = {
    version: 1,
    features,
    weights: features.map(() => 0),
    trees: { features: treeFeatures, trees: [stump] },
    trainedOn: 'test',
    questions: 0,
  };
  return { stump, file };
}

/** The passage features `rankPassages` collects for each of `texts` (one article) asked `question`, by opening words. */
function featuresByText(texts: readonly string[], question: string): (start: string) => readonly number[] {
  const { ranked } = rankPassages(analyzeQuestion(question), collectionOf(texts), undefined, {
    ...DEFAULT_ENGINE_SETTINGS,
    collectFeatures: true,
  });
  return (start) => {
    const p = ranked.find((r) => r.prepared.text.startsWith(start));
    if (!p?.features) throw new Error(`no features for "${start}"`);
    return p.features;
  };
}

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
    expect(DEFAULT_PASSAGE_RANKER?.hashed).toHaveLength(PASSAGE_HASH_BUCKETS);
    // The passage ranker's boosted trees split on its own named features.
    expect(passageWeights.trees?.features).toEqual(PASSAGE_FEATURE_NAMES);
    expect(DEFAULT_PASSAGE_RANKER?.trees?.trees.length).toBe(passageWeights.trees?.trees.length);
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
    const { stump, file } = stumpModel(FEATURE_NAMES, TREE_FEATURE_NAMES, 0, 0.5);
    const model = loadRankerModel(file, FEATURE_NAMES);
    expect(model && rankerScore(model, first)).toBe(0.5);
    expect(loadRankerModel({ ...file, trees: { features: ['bias'], trees: [stump] } }, FEATURE_NAMES)).toBeUndefined();
    expect(loadRankerModel({ ...file, features: ['bias'] }, FEATURE_NAMES)).toBeUndefined();
  });

  it('adds a passage model’s trees, over its own named features, to its order', () => {
    const at = PASSAGE_FEATURE_NAMES.indexOf('best=max');
    // One stump: the paragraph whose best sentence covers the most of the question gets 2 more.
    const { file } = stumpModel(PASSAGE_FEATURE_NAMES, PASSAGE_FEATURE_NAMES, at, 2);
    const model = loadRankerModel(file, PASSAGE_FEATURE_NAMES, PASSAGE_FEATURE_NAMES);
    if (!model) throw new Error('passage model with trees refused');
    // Trees over the answer ranker's features are not a passage model's.
    expect(loadRankerModel(file, PASSAGE_FEATURE_NAMES)).toBeUndefined();
    const question = analyzeQuestion('Who edited the report?');
    const { ranked } = rankPassages(question, testLibrary().collection('r'), undefined, {
      ...DEFAULT_ENGINE_SETTINGS,
      passageRanker: model,
    });
    expect(ranked.length).toBeGreaterThan(1);
    for (const p of ranked) expect(p.order).toBeCloseTo(p.score + (p.features?.[at] === 1 ? 2 : 0));
    expect(ranked.some((p) => p.features?.[at] === 1)).toBe(true);
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

  it('hashes a passage’s lexical features: each question term with where the paragraph holds it, and the sentence’s shapes per wh-phrase', () => {
    const q = analyzeQuestion('In what year did the Ottoman Empire end?');
    const terms = (status: 'best' | 'paragraph' | 'paraphrase' | 'missing') =>
      q.terms.map((term) => ({ term, share: 1 / q.terms.length, status }));
    const withYear = passageHashes(q, terms('best'), { text: 'The empire came to an end in 1922.' });
    const without = passageHashes(q, terms('best'), { text: 'The empire came to an end.' });
    // Two a term (the term and its class), two a shape (wh-phrase and type): a year and a digit here.
    expect(withYear).toHaveLength(2 * q.terms.length + 4);
    expect(without).toHaveLength(2 * q.terms.length);
    expect(withYear.slice(0, without.length)).toEqual(without);
    expect(passageHashes(q, terms('missing'), { text: 'The empire came to an end.' })).not.toEqual(without);
    // The same year under another wh-phrase is another feature.
    const how = analyzeQuestion('How did the Ottoman Empire end?');
    const howHashes = passageHashes(
      how,
      how.terms.map((term) => ({ term, share: 1 / how.terms.length, status: 'best' as const })),
      { text: 'The empire came to an end in 1922.' },
    );
    expect(howHashes.slice(-4)).not.toEqual(withYear.slice(-4));
    for (const h of withYear) expect(Number.isInteger(h) && h >= 0 && h < 2 ** 32).toBe(true);
  });

  it('adds a passage model’s hashed weights to its order, and nothing for a model without them', () => {
    const model = {
      version: 1 as const,
      features: PASSAGE_FEATURE_NAMES,
      weights: PASSAGE_FEATURE_NAMES.map(() => 0),
      trainedOn: 'test',
      questions: 0,
    };
    expect(hashedScore(model, [1, 2, 3])).toBe(0);
    const hashed = new Float32Array(8);
    hashed[1] = 0.25;
    hashed[3] = 1;
    // 9 % 8 = 1: a hash lands in its bucket modulo the model's size.
    expect(hashedScore({ ...model, hashed }, [1, 3, 9])).toBeCloseTo(1.5);
    const collection = testLibrary().collection('r');
    const question = analyzeQuestion('Who edited the report?');
    const plain = rankPassages(question, collection, undefined, { ...DEFAULT_ENGINE_SETTINGS, collectFeatures: true });
    const first = plain.ranked[0];
    if (!first?.hashes || !first.features) throw new Error('no passage features collected');
    expect(first.hashes.length).toBeGreaterThan(2 * question.terms.length - 1);
    // A model whose only weight is one hashed bucket of the first paragraph: its order is that weight plus the
    // hand-made score (passageBlend 1), for every paragraph.
    const one = new Float32Array(PASSAGE_HASH_BUCKETS);
    const bucket = (first.hashes[0] as number) % PASSAGE_HASH_BUCKETS;
    one[bucket] = 5;
    const { ranked } = rankPassages(question, collection, undefined, {
      ...DEFAULT_ENGINE_SETTINGS,
      passageRanker: { ...model, hashed: one },
    });
    for (const p of ranked) {
      const times = (plain.ranked.find((x) => x.id === p.id)?.hashes ?? []).filter(
        (h) => h % PASSAGE_HASH_BUCKETS === bucket,
      ).length;
      expect(p.order).toBeCloseTo(p.score + 5 * times);
    }
  });

  it('reads a passage against the rest of the list: each relative feature as a share of the largest and whether it is it', () => {
    const at = (name: string) => PASSAGE_FEATURE_NAMES.indexOf(name);
    const row = (best: number) => {
      const f = PASSAGE_FEATURE_NAMES.map(() => 0);
      f[at('best')] = best;
      return f;
    };
    const list = [row(0.2), row(0.5), row(0.5)];
    addRelativeFeatures(list);
    expect(list.map((f) => f[at('best/max')])).toEqual([0.4, 1, 1]);
    expect(list.map((f) => f[at('best=max')])).toEqual([0, 1, 1]);
    // A feature no paragraph has is 0 throughout, not NaN.
    expect(list.map((f) => f[at('paragraph/max')])).toEqual([0, 0, 0]);
    expect(list.map((f) => f[at('paragraph=max')])).toEqual([0, 0, 0]);
    expect(PASSAGE_RELATIVE.every((n) => at(n) >= 0 && at(`${n}/max`) > at(n))).toBe(true);
    // rankPassages fills them over the list it ranks.
    const question = analyzeQuestion('Who edited the report?');
    const { ranked } = rankPassages(question, testLibrary().collection('r'), undefined, {
      ...DEFAULT_ENGINE_SETTINGS,
      collectFeatures: true,
    });
    expect(ranked.length).toBeGreaterThan(1);
    const bests = ranked.map((p) => p.features?.[at('best')] as number);
    const max = Math.max(...bests);
    for (const p of ranked) {
      expect(p.features?.[at('best/max')]).toBeCloseTo((p.features?.[at('best')] as number) / max);
      expect(p.features?.[at('best=max')]).toBe(p.features?.[at('best')] === max ? 1 : 0);
    }
  });

  it("gives the ranker the question's words as written: the copied run and its pairs, in sentences holding its terms", () => {
    const at = (name: string) => PASSAGE_FEATURE_NAMES.indexOf(name);
    const byText = featuresByText(
      [
        'The oracular cult was brought to Greece long ago. It was probably introduced into Greece from Anatolia.',
        'The inspiration oracular cult was probably introduced from Anatolia, scholars say.',
        'Of the cult and of the oracle, little was said.',
      ],
      'The inspiration oracular cult was probably introduced from where?',
    );
    const copied = byText('The inspiration');
    // "the inspiration oracular cult was probably introduced from": eight words, seven pairs.
    expect(copied[at('surfaceRun')]).toBe(8);
    expect(copied[at('surfacePairs')]).toBe(7);
    expect(copied[at('surfaceRun=max')]).toBe(1);
    const other = byText('The oracular cult was brought');
    // Its best run, "was probably introduced", is in the second sentence; pairs over both sentences are counted apart.
    expect(other[at('surfaceRun')]).toBe(3);
    expect(other[at('surfaceParagraphPairs')]).toBeGreaterThan(other[at('surfacePairs')] as number);
    expect(other[at('surfaceRun/max')]).toBeCloseTo(3 / 8);
  });

  it('reads how near a paragraph is to the question in meaning: the mean word vectors of the paragraph and of its best sentence', () => {
    // Plain cosine and mean vectors: of parallel vectors 1, of opposite ones -1, of none 0.
    expect(cosine(Float32Array.from([1, 2, 0]), Float32Array.from([2, 4, 0]))).toBeCloseTo(1);
    expect(cosine(Float32Array.from([1, 0]), Float32Array.from([-3, 0]))).toBeCloseTo(-1);
    expect(cosine(undefined, Float32Array.from([1]))).toBe(0);
    expect(cosine(Float32Array.from([0, 0]), Float32Array.from([1, 1]))).toBe(0);
    expect(meanVector(['qwxyz', 'zzzqq'])).toBeUndefined();
    // A term's weight scales its share: a heavy term pulls the mean towards itself.
    const heavy = meanVector(['river', 'guitar'], (t) => (t === 'river' ? 10 : 1));
    expect(cosine(heavy, meanVector(['river']))).toBeGreaterThan(cosine(heavy, meanVector(['guitar'])));
    const at = (name: string) => PASSAGE_FEATURE_NAMES.indexOf(name);
    const byText = featuresByText(
      [
        'The islands have no rivers. Rainfall is collected in tanks, and groundwater supplies the atolls in droughts.',
        'The islands declared independence in 1986. The football team of the islands lost every match that year.',
      ],
      'What is the main source of fresh water for the islands?',
    );
    const water = byText('The islands have no rivers');
    const football = byText('The islands declared');
    // Both name "the islands" only; the one about water is nearer the question in meaning, in its best sentence too.
    expect(water[at('meanParagraph')]).toBeGreaterThan(football[at('meanParagraph')] as number);
    expect(water[at('meanBest')]).toBeGreaterThan(football[at('meanBest')] as number);
    expect(water[at('meanParagraph=max')]).toBe(1);
    expect(football[at('meanParagraph/max')]).toBeLessThan(1);
  });
});
