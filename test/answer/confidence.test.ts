import { describe, expect, it } from 'vitest';
import {
  CONFIDENCE_FEATURES,
  type ConfidenceSignals,
  confidenceOf,
  DEFAULT_CONFIDENCE,
} from '../../src/answer/confidence.js';
import { answer, DEFAULT_ENGINE_SETTINGS } from '../../src/answer/engine.js';
import { testLibrary } from '../helpers/library.js';

const signals: ConfidenceSignals = {
  coverage: 0.8,
  typeFit: 1,
  margin: 1,
  alone: false,
  share: 0.5,
  passageMargin: 1,
  fromBestPassage: true,
  answerWords: 2,
};

describe('confidence', () => {
  it('ships a fitted model for this code, with a threshold between 0 and 1', () => {
    expect(DEFAULT_CONFIDENCE?.features).toEqual([...CONFIDENCE_FEATURES]);
    expect(DEFAULT_CONFIDENCE?.threshold).toBeGreaterThan(0);
    expect(DEFAULT_CONFIDENCE?.threshold).toBeLessThan(1);
  });

  it('is a probability, higher when the answer stands out among the candidates', () => {
    const model = DEFAULT_CONFIDENCE;
    if (!model) throw new Error('no model');
    const low = confidenceOf(model, { ...signals, share: 0.05, margin: 0 });
    const high = confidenceOf(model, { ...signals, share: 0.95, margin: 3 });
    expect(low).toBeGreaterThan(0);
    expect(high).toBeLessThan(1);
    expect(high).toBeGreaterThan(low);
  });

  it('withholds an answer below the threshold, still citing the passages, and gives it when abstention is off', () => {
    const library = testLibrary();
    // Twelve convoys, twelve towns: the question cannot tell which one it means.
    const towns = [
      'Ajdabiya',
      'Brega',
      'Tobruk',
      'Derna',
      'Sirte',
      'Zawiya',
      'Gharyan',
      'Nalut',
      'Sabha',
      'Ubari',
      'Ghat',
      'Kufra',
    ];
    const sentence = (town: string, i: number) => `Convoy number ${i} of the report reached ${town} with supplies.`;
    library.addArticle('g1', { content: towns.map(sentence).join(' '), title: 'Convoys' });
    const collection = library.collection('g1');
    const question = 'Where did the convoy arrive with supplies?';
    const withheld = answer(question, collection);
    expect(withheld.answer).toBeNull();
    expect(withheld.unsure).toBe(true);
    expect(withheld.confidence).toBeLessThan(DEFAULT_CONFIDENCE?.threshold ?? 0);
    expect(withheld.citations[0]?.text).toMatch(/Convoy number/);
    const given = answer(question, collection, {}, { ...DEFAULT_ENGINE_SETTINGS, abstain: false });
    expect(towns.some((t) => given.answer?.includes(t))).toBe(true);
    expect(given.unsure).toBeUndefined();
  });
});
