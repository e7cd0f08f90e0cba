import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import {
  BOUNDARY_BUCKETS,
  BOUNDARY_FEATURES,
  type BoundaryModel,
  type BoundarySpan,
  boundaryFeatures,
  boundaryOptions,
  chosenSpan,
  DEFAULT_BOUNDARY,
  loadBoundaryModel,
  refineBoundary,
  spanText,
  wellEdged,
} from '../../src/answer/boundary.js';
import boundaryWeights from '../../src/answer/boundary-weights.json' with { type: 'json' };
import { answer, DEFAULT_ENGINE_SETTINGS, explain } from '../../src/answer/engine.js';
import { analyzeQuestion } from '../../src/answer/question.js';
import { encodeHashed, featureHash } from '../../src/answer/ranker.js';
import { annotate } from '../../src/text/nlp.js';
import { testLibrary } from '../helpers/library.js';

const sentence = annotate('In 1920 the Royal Garrison Artillery (RGA) used guns, "big ones" in fact.');
const words = sentence.tokens.map((t) => t.text);
const at = (word: string) => words.indexOf(word);
/** "Royal Garrison Artillery". */
const rga: BoundarySpan = { first: at('Royal'), last: at('Artillery'), kind: 'NAME', score: 3 };
const texts = (spans: readonly BoundarySpan[]) => spans.map((s) => spanText(sentence, s));

/** A model whose only weight is on one feature key. */
function modelFor(key: string, weight: number, margin = 0): BoundaryModel {
  const weights = new Float32Array(BOUNDARY_BUCKETS);
  weights[featureHash(key) % BOUNDARY_BUCKETS] = weight;
  return { weights, margin };
}

describe('boundaryOptions', () => {
  it('offers the answer first, then one token more or less at each edge and the parenthesis after it', () => {
    expect(words.slice(0, 9)).toEqual(['In', '1920', 'the', 'Royal', 'Garrison', 'Artillery', '(', 'RGA', ')']);
    expect(texts(boundaryOptions(sentence, rga, []))).toEqual([
      'Royal Garrison Artillery',
      'the Royal Garrison Artillery',
      'Garrison Artillery',
      'Royal Garrison',
      'Royal Garrison Artillery (RGA)',
    ]);
  });

  it('drops a parenthesis that ends the answer, and never ends a span on "(" or sentence punctuation', () => {
    const withParen = { first: at('Royal'), last: at(')') };
    expect(texts(boundaryOptions(sentence, withParen, []))).toContain('Royal Garrison Artillery');
    const guns = { first: at('guns'), last: at('guns') };
    // "guns ," is not offered: a span does not end on a comma.
    expect(texts(boundaryOptions(sentence, guns, []))).toEqual(['guns', 'used guns']);
  });

  it('adds the overlapping candidates of the sentence, not the others', () => {
    const others: BoundarySpan[] = [
      { first: at('Garrison'), last: at('Artillery'), kind: 'NP', score: 2 },
      { first: at('1920'), last: at('1920'), kind: 'DATE', score: 2.5 },
    ];
    const options = texts(boundaryOptions(sentence, rga, others));
    expect(options).toContain('Garrison Artillery');
    expect(options).not.toContain('1920');
  });

  it('never offers a span ending on a preposition, article or conjunction, or starting on a conjunction', () => {
    const act = annotate('The Irish Constabulary Act of 1836 and the police were new.');
    const w = act.tokens.map((t) => t.text);
    const top = { first: w.indexOf('Irish'), last: w.indexOf('Act') };
    const offered = boundaryOptions(act, top, []).map((s) => spanText(act, s));
    expect(offered).not.toContain('Irish Constabulary Act of');
    expect(offered).toContain('Constabulary Act');
    const year = { first: w.indexOf('1836'), last: w.indexOf('1836') };
    expect(boundaryOptions(act, year, []).map((s) => spanText(act, s))).not.toContain('1836 and');
    expect(wellEdged(act.tokens, { first: w.indexOf('and'), last: w.indexOf('police') })).toBe(false);
    expect(wellEdged(act.tokens, { first: w.indexOf('Act'), last: w.indexOf('1836') })).toBe(true);
    // Nor on the relative pronoun that opens the clause after a noun ("Who is Moussa Koussa?").
    const koussa = annotate('He is Moussa Koussa, the foreign minister who fled to Britain.');
    const k = koussa.tokens.map((t) => t.text);
    const minister = { first: k.indexOf('foreign'), last: k.indexOf('minister') };
    expect(boundaryOptions(koussa, minister, []).map((s) => spanText(koussa, s))).not.toContain('foreign minister who');
  });

  it('offers each span once, each within the sentence, balanced when the answer is (property)', () => {
    const n = sentence.tokens.length;
    fc.assert(
      fc.property(fc.integer({ min: 0, max: n - 1 }), fc.integer({ min: 0, max: 6 }), (first, width) => {
        const top = { first, last: Math.min(n - 1, first + width) };
        const options = boundaryOptions(sentence, top, []);
        expect(options[0]).toBe(top);
        const keys = options.map((o) => `${o.first}:${o.last}`);
        expect(new Set(keys).size).toBe(keys.length);
        const count = (s: string, c: string) => s.split(c).length - 1;
        const balanced = (s: string) => count(s, '(') === count(s, ')') && count(s, '"') % 2 === 0;
        for (const o of options.slice(1)) {
          expect(o.first).toBeGreaterThanOrEqual(0);
          expect(o.last).toBeLessThan(n);
          expect(o.first).toBeLessThanOrEqual(o.last);
          expect(spanText(sentence, o)).not.toMatch(/^[.,;:]|[.,;:(]$/);
          if (balanced(spanText(sentence, top))) expect(balanced(spanText(sentence, o))).toBe(true);
          expect(wellEdged(sentence.tokens, o)).toBe(true);
        }
      }),
    );
  });
});

describe('refineBoundary', () => {
  const question = analyzeQuestion('Who used guns in 1920?');

  it('moves to the span the model prefers, by more than its margin', () => {
    const grow = refineBoundary(modelFor('R:grow', 5), question, sentence, rga, []);
    expect(spanText(sentence, grow)).toBe('Royal Garrison Artillery (RGA)');
    const shrink = refineBoundary(modelFor('L:shrink', 5), question, sentence, rga, []);
    expect(spanText(sentence, shrink)).toBe('Garrison Artillery');
  });

  it('keeps the answer when no span beats it by the margin, or the model prefers the answer', () => {
    expect(refineBoundary(modelFor('R:grow', 5, 6), question, sentence, rga, [])).toBe(rga);
    expect(refineBoundary(modelFor('top', 5), question, sentence, rga, [])).toBe(rga);
    expect(refineBoundary(modelFor('R:grow', 0), question, sentence, rga, [])).toBe(rga);
  });

  it('moves an answer with a bad edge to the best offered span, whatever the margin', () => {
    const act = annotate('The Irish Constabulary Act of 1836 created the police.');
    const w = act.tokens.map((t) => t.text);
    const top = { first: w.indexOf('Irish'), last: w.indexOf('of') };
    expect(wellEdged(act.tokens, top)).toBe(false);
    const moved = refineBoundary(modelFor('R:shrink', 1, 100), question, act, top, []);
    expect(spanText(act, moved)).toBe('Irish Constabulary Act');
  });

  it('picks the best span only when it beats the answer by more than the margin', () => {
    expect(chosenSpan([1, 1.5, 3], 1)).toBe(2);
    expect(chosenSpan([1, 1.5, 1.9], 1)).toBe(0);
    expect(chosenSpan([1, 2, 2], 1)).toBe(0);
    expect(chosenSpan([2, 2], 0)).toBe(0);
    expect(chosenSpan([0, -1, 0.5], 0)).toBe(2);
    expect(chosenSpan([5], 0)).toBe(0);
  });

  it('describes a span by its edges and the question', () => {
    const keys = (span: BoundarySpan) => new Set(boundaryFeatures(question, sentence, span, rga));
    // The answer's own span has the "top" keys, an equal span offered again does not; an edit has its edge's keys.
    expect(keys(rga).has(featureHash('top'))).toBe(true);
    expect(keys({ ...rga }).has(featureHash('top'))).toBe(false);
    expect(keys({ first: rga.first, last: at(')') }).has(featureHash('R:grow'))).toBe(true);
    expect(keys(rga).has(featureHash('R:grow'))).toBe(false);
    expect(keys(rga).has(featureHash(`PERSON|top`))).toBe(question.type === 'PERSON');
  });
});

describe('the shipped boundary model', () => {
  it('loads, and files of other features, versions or margins are refused', () => {
    expect(DEFAULT_BOUNDARY).toBeDefined();
    expect(boundaryWeights.features).toBe(BOUNDARY_FEATURES);
    expect(DEFAULT_BOUNDARY?.weights).toHaveLength(BOUNDARY_BUCKETS);
    expect(DEFAULT_ENGINE_SETTINGS.boundary).toBe(DEFAULT_BOUNDARY);
    const hashed = encodeHashed(new Float32Array([0.5, -0.25]));
    const file = { version: 1, features: BOUNDARY_FEATURES, hashed, margin: 0.5 };
    expect(loadBoundaryModel(file)?.margin).toBe(0.5);
    const loaded = Array.from(loadBoundaryModel(file)?.weights ?? []);
    expect(loaded).toHaveLength(2);
    expect(loaded[0]).toBeCloseTo(0.5, 4);
    expect(loaded[1]).toBeCloseTo(-0.25, 4);
    expect(loadBoundaryModel({ ...file, features: 'boundary-0' })).toBeUndefined();
    expect(loadBoundaryModel({ ...file, version: 2 })).toBeUndefined();
    expect(loadBoundaryModel({ ...file, margin: -1 })).toBeUndefined();
    expect(loadBoundaryModel(undefined)).toBeUndefined();
  });

  it('gives answers that are spans of their cited sentences, and leaves quotations whole', () => {
    const collection = testLibrary().collection('b');
    for (const q of [
      'Who defected?',
      'Who reported from Tripoli?',
      'When did Koussa defect?',
      'Where did Koussa flee?',
    ]) {
      const result = answer(q, collection);
      expect(result.answer).toBeTruthy();
      for (const part of (result.answer ?? '').split('; '))
        expect(result.citations.some((c) => c.sentence.includes(part))).toBe(true);
    }
    const quoted = 'What did Ashton say?';
    expect(explain(quoted, collection).question.type).toBe('QUOTE');
    const plain = { ...DEFAULT_ENGINE_SETTINGS, boundary: undefined };
    expect(answer(quoted, collection).answer).toBe(answer(quoted, collection, {}, plain).answer);
  });
});
