import { describe, expect, it } from 'vitest';
import { createLogger } from '../../src/log.js';
import { GroupQuizRunner, type QuizPort } from '../../src/quiz/runner.js';
import { QuizService } from '../../src/quiz/service.js';
import { FakeClock } from '../helpers/clock.js';
import { testLibrary } from '../helpers/library.js';

function setup() {
  const library = testLibrary();
  library.collection('g');
  const service = new QuizService(library.store.db, library);
  const clock = new FakeClock();
  const events: string[] = [];
  const port: QuizPort = {
    question: async (_quiz, q) => void events.push(`question ${q.position + 1}`),
    reveal: async (_quiz, r) => void events.push(`reveal ${r.question.position + 1}: ${r.right.length} right`),
    finished: async (_quiz, board, reason) =>
      void events.push(`finished ${reason}: ${board.map((b) => b.userId).join(',')}`),
  };
  const silent = createLogger('silent');
  const runner = new GroupQuizRunner(service, clock, port, silent, 1000);
  return { service, clock, events, runner };
}

const flush = () => new Promise((resolve) => setTimeout(resolve, 5));

describe('GroupQuizRunner', () => {
  it('paces questions by the clock and reveals early when everyone present has answered', async () => {
    const { service, clock, events, runner } = setup();
    const { quiz, question } = service.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u', mode: 'group', count: 3, seconds: 20, seed: 9 },
      clock.now(),
    );
    await runner.begin(quiz.id);
    service.answer(quiz.id, question.id, 'a', question.question.answerIndex, clock.now());
    await runner.onAnswer(quiz.id, question.id);
    expect(events).toEqual(['question 1']);
    clock.advance(19_999);
    await flush();
    expect(events).toEqual(['question 1']);
    clock.advance(1);
    await flush();
    expect(events).toEqual(['question 1', 'reveal 1: 1 right']);
    clock.advance(1000);
    await flush();
    const second = service.currentQuestion(quiz.id);
    service.answer(quiz.id, second.id, 'a', second.question.answerIndex, clock.now());
    await runner.onAnswer(quiz.id, second.id);
    expect(events.slice(2)).toEqual(['question 2', 'reveal 2: 1 right']);
    clock.advance(1000);
    await flush();
    clock.advance(20_000);
    await flush();
    expect(events.slice(4)).toEqual(['question 3', 'reveal 3: 0 right', 'finished ended: a']);
    expect(clock.pending).toBe(0);
  });

  it('stops on request and cancels its timers', async () => {
    const { service, clock, events, runner } = setup();
    const { quiz } = service.start(
      { collectionId: 'g', channelId: 'c', starterId: 'u', mode: 'group', count: 3, seconds: 20, seed: 9 },
      clock.now(),
    );
    await runner.begin(quiz.id);
    await expect(runner.stop(quiz.id, 'someone', false)).rejects.toThrow(/Only the person who started/);
    await runner.stop(quiz.id, 'u', false);
    clock.advance(60_000);
    await flush();
    expect(events).toEqual(['question 1', 'finished stopped: ']);
  });
});
