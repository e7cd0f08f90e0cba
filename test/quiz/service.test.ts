import { describe, expect, it } from 'vitest';
import { nextOccurrence } from '../../src/quiz/schedule.js';
import { LEITNER_DAYS, QuizService } from '../../src/quiz/service.js';
import { testLibrary } from '../helpers/library.js';

function setup() {
  const library = testLibrary();
  library.collection('g');
  return new QuizService(library.store.db, library);
}

const T0 = Date.parse('2026-11-30T08:00:00Z');
const DAY = 86_400_000;

describe('QuizService', () => {
  it('records each answer once, only while the question is open, and scores speed when asked to', () => {
    const s = setup();
    const { quiz, question } = s.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u0', mode: 'group', count: 2, seconds: 20, seed: 1 },
      T0,
    );
    const right = question.question.answerIndex;
    const fast = s.answer(quiz.id, question.id, 'u1', right, T0 + 1000);
    expect(fast).toMatchObject({ status: 'recorded', correct: true });
    expect(fast.status === 'recorded' && fast.points).toBeCloseTo(1.48, 2);
    expect(s.answer(quiz.id, question.id, 'u1', (right + 1) % 4, T0 + 2000)).toEqual({
      status: 'already',
      choice: right,
    });
    expect(s.answer(quiz.id, question.id, 'u2', (right + 1) % 4, T0 + 2000)).toMatchObject({
      status: 'recorded',
      correct: false,
      points: 0,
    });
    expect(() => s.answer(quiz.id, question.id, 'u3', 9, T0)).toThrow(/not one of the options/);
    const reveal = s.close(question.id, T0 + 20_000);
    expect(reveal.right).toEqual(['u1']);
    expect(reveal.wrong).toEqual(['u2']);
    expect(reveal.counts.reduce((a, b) => a + b, 0)).toBe(2);
    expect(s.answer(quiz.id, question.id, 'u3', right, T0 + 21_000)).toEqual({ status: 'closed' });
    expect(s.advance(quiz.id, T0 + 25_000)?.position).toBe(1);
    expect(s.advance(quiz.id, T0 + 50_000)).toBeNull();
    expect(s.quiz(quiz.id).status).toBe('ended');
  });

  it('gives flat points when the server turns the speed bonus off', () => {
    const s = setup();
    s.setSpeedBonus('g', false);
    const { quiz, question } = s.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u0', mode: 'group', count: 1, seconds: 20, seed: 2 },
      T0,
    );
    expect(s.answer(quiz.id, question.id, 'u1', question.question.answerIndex, T0)).toMatchObject({ points: 1 });
  });

  it('refuses a second group quiz in a channel, and bad sizes', () => {
    const s = setup();
    s.start({ collectionId: 'g', channelId: 'c', starterId: 'u0', mode: 'group', seed: 1 }, T0);
    expect(() => s.start({ collectionId: 'g', channelId: 'c', starterId: 'u1', mode: 'group', seed: 2 }, T0)).toThrow(
      /already running/,
    );
    expect(() =>
      s.start({ collectionId: 'g', channelId: 'c2', starterId: 'u1', mode: 'group', count: 21, seed: 2 }, T0),
    ).toThrow(/1 to 20 questions/);
    expect(() =>
      s.start({ collectionId: 'g', channelId: 'c2', starterId: 'u1', mode: 'group', seconds: 5, seed: 2 }, T0),
    ).toThrow(/10 to 120 seconds/);
    expect(s.start({ collectionId: 'g', channelId: 'c', starterId: 'u1', mode: 'solo', seed: 2 }, T0).quiz.mode).toBe(
      'solo',
    );
  });

  it('schedules missed questions in Leitner boxes, due ones first', () => {
    const s = setup();
    const { quiz, question } = s.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u1', mode: 'solo', count: 1, seed: 3 },
      T0,
    );
    s.answer(quiz.id, question.id, 'u1', (question.question.answerIndex + 1) % 4, T0);
    expect(s.dueCards('g', 'u1', T0)).toEqual([]);
    expect(s.nextDue('g', 'u1')).toBe(T0 + LEITNER_DAYS[0] * DAY);
    const due = s.dueCards('g', 'u1', T0 + DAY);
    expect(due.map((q) => q.stem)).toEqual([question.question.stem]);
    const review = s.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u1', mode: 'review', count: 1, seed: 4, questions: due },
      T0 + DAY,
    );
    s.answer(review.quiz.id, review.question.id, 'u1', review.question.question.answerIndex, T0 + DAY);
    expect(s.nextDue('g', 'u1')).toBe(T0 + DAY + LEITNER_DAYS[1] * DAY);
    expect(s.stats('g', 'u1', T0 + DAY)).toMatchObject({
      answered: 2,
      right: 1,
      streak: 1,
      articlesCovered: 1,
      dueReviews: 0,
    });
  });

  it('ranks a leaderboard by week or all time', () => {
    const s = setup();
    const old = s.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u1', mode: 'solo', count: 1, seed: 5 },
      T0 - 10 * DAY,
    );
    s.answer(old.quiz.id, old.question.id, 'u1', old.question.question.answerIndex, T0 - 10 * DAY);
    const fresh = s.start({ collectionId: 'g', channelId: 'c', starterId: 'u2', mode: 'solo', count: 1, seed: 6 }, T0);
    s.answer(fresh.quiz.id, fresh.question.id, 'u2', fresh.question.question.answerIndex, T0);
    expect(s.leaderboard('g', 'week', T0).map((l) => l.userId)).toEqual(['u2']);
    expect(
      s
        .leaderboard('g', 'all', T0)
        .map((l) => l.userId)
        .sort(),
    ).toEqual(['u1', 'u2']);
  });
});

describe('nextOccurrence', () => {
  it('finds the next local time, across daylight saving', () => {
    expect(new Date(nextOccurrence('09:00', 'UTC', T0)).toISOString()).toBe('2026-11-30T09:00:00.000Z');
    expect(new Date(nextOccurrence('09:00', 'Europe/Paris', T0)).toISOString()).toBe('2026-12-01T08:00:00.000Z');
    // Paris moves to summer time on 2027-03-28: 09:00 is 07:00 UTC from then on.
    expect(new Date(nextOccurrence('09:00', 'Europe/Paris', Date.parse('2027-03-27T12:00:00Z'))).toISOString()).toBe(
      '2027-03-28T07:00:00.000Z',
    );
    expect(new Date(nextOccurrence('18:30', 'America/New_York', T0)).toISOString()).toBe('2026-11-30T23:30:00.000Z');
  });

  it('refuses bad times and zones', () => {
    expect(() => nextOccurrence('25:00', 'UTC', T0)).toThrow(/not a time/);
    expect(() => nextOccurrence('09:00', 'Mars/Olympus', T0)).toThrow(/not a time zone/);
  });
});
