/**
 * How the SQuAD training questions are shared between `npm run train` and `npm run calibrate`: one seeded order,
 * its first `CALIBRATION_QUESTIONS` kept for the confidence model (the rankers never see them, so the confidence
 * is fitted on answers as unseen questions get them), the rest for the rankers.
 */
import { seededRandom, shuffled } from '../util/random.js';

export const CALIBRATION_QUESTIONS = 6000;
const SEED = 1;

/** The training questions in their fixed order (the same for both commands on the same file). */
export function trainingOrder<T>(questions: readonly T[]): T[] {
  return shuffled(questions, seededRandom(SEED));
}

/** The questions the rankers may train on, at most `limit` of them. */
export function rankerQuestions<T>(questions: readonly T[], limit: number): T[] {
  return trainingOrder(questions).slice(CALIBRATION_QUESTIONS, CALIBRATION_QUESTIONS + limit);
}

/** The questions kept for calibration. */
export function calibrationQuestions<T>(questions: readonly T[]): T[] {
  return trainingOrder(questions).slice(0, CALIBRATION_QUESTIONS);
}
