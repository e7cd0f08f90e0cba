import { describe, expect, it } from 'vitest';
import { CALIBRATION_QUESTIONS, calibrationQuestions, rankerQuestions, trainingOrder } from '../../src/learn/split.js';

describe('the training split', () => {
  const questions = Array.from({ length: CALIBRATION_QUESTIONS + 500 }, (_, i) => i);

  it('never gives the rankers a question kept for calibration', () => {
    const kept = new Set(calibrationQuestions(questions));
    const ranker = rankerQuestions(questions, 1_000_000);
    expect(kept.size).toBe(CALIBRATION_QUESTIONS);
    expect(ranker).toHaveLength(500);
    expect(ranker.some((q) => kept.has(q))).toBe(false);
    expect(rankerQuestions(questions, 10)).toEqual(ranker.slice(0, 10));
  });

  it('is the same order every time, and not the file order', () => {
    expect(trainingOrder(questions)).toEqual(trainingOrder(questions));
    expect(trainingOrder(questions).slice(0, 20)).not.toEqual(questions.slice(0, 20));
  });
});
