import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { FakeClock } from '../helpers/clock.js';
import { tempDir } from '../helpers/tmp.js';
import type { EmulatedMessage, User } from './emulator.js';
import { PERMISSIONS } from './emulator.js';
import {
  buttonsOf,
  GUILD_A,
  GUILD_B,
  type Harness,
  MEMBER,
  MODERATOR,
  OTHER,
  startHarness,
  textOf,
} from './harness.js';

const dir = tempDir();
const clock = new FakeClock();
let h: Harness;

const ALICE: User = { id: '4100000000000000001', username: 'alice', permissions: PERMISSIONS.member };
const BOB: User = { id: '4100000000000000002', username: 'bob', permissions: PERMISSIONS.member };
const CAROL: User = { id: '4100000000000000003', username: 'carol', permissions: PERMISSIONS.member };

const LETTERS = ['A', 'B', 'C', 'D'];

beforeAll(async () => {
  h = await startHarness(dir, {}, clock);
});

afterAll(async () => {
  await h?.stop();
});

/** The index of the right option, read from the bot's own store (the test knows what the players do not). */
function rightChoice(message: EmulatedMessage): number {
  const [, , , quizId] = (buttonsOf(message)[0]?.id ?? '').split(':');
  return h.bot.context.quizzes.currentQuestion(Number(quizId)).question.answerIndex;
}

describe('group quiz', () => {
  it('runs a round with three members (right, wrong, no answer), reveals with the passage, then the scoreboard', async () => {
    const start = h.emulator.slash(GUILD_A, ALICE, 'quiz', [
      {
        name: 'start',
        type: 1,
        options: [
          { name: 'questions', type: 4, value: 2 },
          { name: 'seconds', type: 4, value: 20 },
        ],
      },
    ]);
    expect((await start.message()).content).toMatch(/^Quiz time! <@4100000000000000001> started 2 questions/);
    const [question] = await h.emulator.waitForPosts(1);
    expect(question?.embeds[0]?.author).toEqual({ name: 'Question 1 of 2' });
    const buttons = buttonsOf(question as EmulatedMessage);
    expect(buttons).toHaveLength(4);
    const right = rightChoice(question as EmulatedMessage);
    const wrong = (right + 1) % 4;

    const a = await h.emulator
      .click(GUILD_A, ALICE, question as EmulatedMessage, buttons[right]?.id as string)
      .message();
    expect(a.flags & 64).toBe(64);
    expect(a.content).toBe(`Locked in: ${LETTERS[right]}. The answer comes when the time is up.`);
    await h.emulator.click(GUILD_A, BOB, question as EmulatedMessage, buttons[wrong]?.id as string).message();
    const twice = await h.emulator
      .click(GUILD_A, ALICE, question as EmulatedMessage, buttons[wrong]?.id as string)
      .message();
    expect(twice.content).toBe(`You already answered ${LETTERS[right]}. One answer each.`);
    // Carol does not answer. Time runs out.
    clock.advance(20_000);
    const [, reveal] = await h.emulator.waitForPosts(2);
    const closedButtons = (question?.components[0]?.components ?? []) as Array<{ disabled: boolean }>;
    expect(closedButtons.length).toBe(4);
    expect(closedButtons.every((c) => c.disabled)).toBe(true);
    const revealText = textOf(reveal as EmulatedMessage);
    expect(revealText).toMatch(new RegExp(`Answer: ${LETTERS[right]} · `));
    expect(revealText).toMatch(new RegExp(`✅ ${LETTERS[right]} · [^\\n]*: 1`));
    expect(revealText).toMatch(new RegExp(`${LETTERS[wrong]} · [^\\n]*: 1`));
    expect(revealText).toContain(`Right\n<@${ALICE.id}>`);
    expect(revealText).toMatch(/From the article\n> .*\*\*.+\*\*/);
    expect(revealText).toMatch(/· ¶\d+ · Reuters/);
    expect(reveal?.pings).toEqual([]);

    // A click after the question closed.
    const late = await h.emulator
      .click(GUILD_A, CAROL, question as EmulatedMessage, buttons[right]?.id as string)
      .message();
    expect(late.content).toBe('Too late: that question is closed.');

    clock.advance(4_000);
    const [, , second] = await h.emulator.waitForPosts(3);
    expect(second?.embeds[0]?.author).toEqual({ name: 'Question 2 of 2' });
    await h.emulator
      .click(
        GUILD_A,
        ALICE,
        second as EmulatedMessage,
        buttonsOf(second as EmulatedMessage)[rightChoice(second as EmulatedMessage)]?.id as string,
      )
      .message();
    await h.emulator
      .click(
        GUILD_A,
        BOB,
        second as EmulatedMessage,
        buttonsOf(second as EmulatedMessage)[(rightChoice(second as EmulatedMessage) + 1) % 4]?.id as string,
      )
      .message();
    // Everyone present (Alice and Bob) has answered: the reveal comes before the time is up.
    const posts = await h.emulator.waitForPosts(5);
    const board = textOf(posts[4] as EmulatedMessage);
    expect(board).toMatch(/Quiz over\. Final scores:/);
    expect(board).toMatch(new RegExp(`\\*\\*1\\.\\*\\* <@${ALICE.id}> · [\\d.]+ pts · 2/2 right · streak 2`));
    expect(board).toMatch(new RegExp(`\\*\\*2\\.\\*\\* <@${BOB.id}> · 0 pts · 0/2 right`));
    expect(board).not.toContain(CAROL.id);

    // A click on a quiz that ended.
    const after = await h.emulator
      .click(GUILD_A, CAROL, second as EmulatedMessage, buttonsOf(second as EmulatedMessage)[0]?.id as string)
      .message();
    expect(after.content).toBe('That quiz is over. Start a new one with /quiz start.');
  });

  it('shows leaderboard and stats', async () => {
    const board = await h.emulator
      .slash(GUILD_A, CAROL, 'quiz', [
        { name: 'leaderboard', type: 1, options: [{ name: 'period', type: 3, value: 'week' }] },
      ])
      .message();
    expect(textOf(board)).toMatch(new RegExp(`\\*\\*1\\.\\*\\* <@${ALICE.id}>`));
    const stats = await h.emulator.slash(GUILD_A, BOB, 'quiz', [{ name: 'stats', type: 1, options: [] }]).message();
    expect(textOf(stats)).toMatch(/Answered\n2\nRight\n0 \(0%\)\nStreak\n0\nArticles covered\n1\nDue for review\n0/);
  });

  it('allows one group quiz per channel, stopped by its starter or a moderator only', async () => {
    const posted = h.emulator.channelPosts.length;
    await h.emulator.slash(GUILD_A, BOB, 'quiz', [{ name: 'start', type: 1, options: [] }]).message();
    await h.emulator.waitForPosts(posted + 1);
    const before = h.emulator.channelPosts.length;
    const second = await h.emulator.slash(GUILD_A, CAROL, 'quiz', [{ name: 'start', type: 1, options: [] }]).message();
    expect(second.content).toMatch(/already running in this channel/);
    const refused = await h.emulator.slash(GUILD_A, CAROL, 'quiz', [{ name: 'stop', type: 1, options: [] }]).message();
    expect(refused.content).toMatch(/Only the person who started the quiz, or a moderator/);
    const stopped = await h.emulator
      .slash(GUILD_A, MODERATOR, 'quiz', [{ name: 'stop', type: 1, options: [] }])
      .message();
    expect(stopped.content).toBe('Quiz stopped.');
    const posts = await h.emulator.waitForPosts(before + 1);
    expect(textOf(posts.at(-1) as EmulatedMessage)).toMatch(/Quiz stopped\. Scores so far:/);
    clock.advance(60_000);
    expect(h.emulator.channelPosts.length).toBe(before + 1);
  });

  it('stops by itself when nobody answers', async () => {
    const posted = h.emulator.channelPosts.length;
    await h.emulator
      .slash(GUILD_B, CAROL, 'quiz', [{ name: 'start', type: 1, options: [{ name: 'questions', type: 4, value: 5 }] }])
      .message();
    await h.emulator.waitForPosts(posted + 1);
    const before = h.emulator.channelPosts.length;
    clock.advance(20_000);
    await h.emulator.waitForPosts(before + 1);
    clock.advance(4_000);
    await h.emulator.waitForPosts(before + 2);
    clock.advance(20_000);
    const posts = await h.emulator.waitForPosts(before + 4);
    expect(textOf(posts.at(-1) as EmulatedMessage)).toMatch(/Nobody answered two questions in a row/);
  });
});

describe('solo quiz and review', () => {
  it('plays a solo quiz at its own pace, privately', async () => {
    const first = await h.emulator
      .slash(GUILD_A, OTHER, 'quiz', [
        {
          name: 'start',
          type: 1,
          options: [
            { name: 'mode', type: 3, value: 'solo' },
            { name: 'questions', type: 4, value: 2 },
          ],
        },
      ])
      .message();
    expect(first.flags & 64).toBe(64);
    const quizId = Number(buttonsOf(first)[0]?.id.split(':')[3]);
    const q1 = h.bot.context.quizzes.currentQuestion(quizId).question;
    // Someone else cannot answer it.
    const intruder = await h.emulator.click(GUILD_A, MEMBER, first, buttonsOf(first)[0]?.id as string).message();
    expect(intruder.content).toMatch(/someone else’s quiz/);
    await h.emulator.click(GUILD_A, OTHER, first, buttonsOf(first)[(q1.answerIndex + 1) % 4]?.id as string).ack();
    expect(first.embeds[0]?.title).toMatch(/^Not quite\. The answer is/);
    expect(textOf(first)).toContain(`**${q1.answer}**`);
    await h.emulator.click(GUILD_A, OTHER, first, buttonsOf(first)[0]?.id as string).ack();
    expect(first.embeds[0]?.author).toEqual({ name: 'Question 2 of 2' });
    const q2 = h.bot.context.quizzes.currentQuestion(quizId).question;
    await h.emulator.click(GUILD_A, OTHER, first, buttonsOf(first)[q2.answerIndex]?.id as string).ack();
    expect(first.embeds[0]?.title).toMatch(/^Right: /);
    expect(buttonsOf(first)[0]?.label).toBe('See my score');
    await h.emulator.click(GUILD_A, OTHER, first, buttonsOf(first)[0]?.id as string).ack();
    expect(textOf(first)).toMatch(new RegExp(`<@${OTHER.id}> · 1 pts · 1/2 right`));
  });

  it('brings a missed question back when it is due', async () => {
    const early = await h.emulator.slash(GUILD_A, BOB, 'quiz', [{ name: 'review', type: 1, options: [] }]).message();
    expect(early.content).toMatch(/^Nothing to review yet\. Your next missed question comes back <t:\d+:R>\.$/);
    clock.advance(24 * 3600 * 1000 + 1000);
    const review = await h.emulator.slash(GUILD_A, BOB, 'quiz', [{ name: 'review', type: 1, options: [] }]).message();
    expect(review.flags & 64).toBe(64);
    const quizId = Number(buttonsOf(review)[0]?.id.split(':')[3]);
    const quiz = h.bot.context.quizzes.quiz(quizId);
    expect(quiz.mode).toBe('review');
    expect(quiz.questionCount).toBe(2);
    const q = h.bot.context.quizzes.currentQuestion(quizId).question;
    await h.emulator.click(GUILD_A, BOB, review, buttonsOf(review)[q.answerIndex]?.id as string).ack();
    expect(review.embeds[0]?.title).toBe(`Right: ${q.answer}`);
    const stats = h.bot.context.quizzes.stats(GUILD_A.id, BOB.id, clock.now());
    expect(stats.dueReviews).toBe(1);
  });
});

describe('daily question', () => {
  it('posts at its time, and is still scheduled after a restart', async () => {
    // The fake clock is past 08:00 UTC on the first day; schedule for 09:00 UTC the next day at the latest.
    const set = await h.emulator
      .slash(
        GUILD_A,
        MODERATOR,
        'quiz',
        [
          {
            name: 'daily',
            type: 1,
            options: [
              { name: 'channel', type: 7, value: GUILD_A.channelId },
              { name: 'time', type: 3, value: '09:00' },
              { name: 'timezone', type: 3, value: 'Europe/Paris' },
            ],
          },
        ],
        {
          channels: { [GUILD_A.channelId]: { id: GUILD_A.channelId, type: 0, name: 'general', permissions: '0' } },
        },
      )
      .message();
    expect(set.content).toMatch(/at 09:00 \(Europe\/Paris\)\. The next one: <t:(\d+):F>\./);
    const nextAt = Number(/<t:(\d+):F>/.exec(set.content)?.[1]) * 1000;
    expect(new Date(nextAt).toISOString()).toMatch(/T08:00:00\.000Z$/);
    const memberTry = await h.emulator
      .slash(GUILD_A, MEMBER, 'quiz', [{ name: 'daily-off', type: 1, options: [] }])
      .message();
    expect(memberTry.content).toMatch(/Only moderators/);

    const before = h.emulator.channelPosts.length;
    clock.advance(nextAt - clock.now() - 60_000);
    expect(h.emulator.channelPosts.length).toBe(before);
    clock.advance(90_000);
    const posts = await h.emulator.waitForPosts(before + 1);
    const daily = posts.at(-1) as EmulatedMessage;
    expect(daily.embeds[0]?.author).toEqual({ name: 'Question of the day' });
    const answer = await h.emulator.click(GUILD_A, MEMBER, daily, buttonsOf(daily)[0]?.id as string).message();
    expect(answer.flags & 64).toBe(64);
    expect(textOf(answer)).toMatch(/^(Right|Not quite)/m);

    await h.restart();
    expect(h.bot.context.quizzes.daily(GUILD_A.id)?.nextAt).toBe(nextAt + 24 * 3600 * 1000);
    clock.advance(24 * 3600 * 1000);
    const again = await h.emulator.waitForPosts(before + 2);
    expect(again.at(-1)?.embeds[0]?.author).toEqual({ name: 'Question of the day' });

    const off = await h.emulator
      .slash(GUILD_A, MODERATOR, 'quiz', [{ name: 'daily-off', type: 1, options: [] }])
      .message();
    expect(off.content).toBe('The daily question is off.');
    clock.advance(2 * 24 * 3600 * 1000);
    expect(h.emulator.channelPosts.length).toBe(before + 2);
  });
});

describe('safety', () => {
  it('answers forged quiz buttons politely', async () => {
    const message = await h.emulator.slash(GUILD_A, MEMBER, 'help').message();
    for (const id of ['fn:quiz:ans:999999:1:0', 'fn:quiz:ans:1:1:9', 'fn:quiz:next:999999', 'fn:quiz:ans:x']) {
      const reply = await h.emulator.click(GUILD_A, MEMBER, message, id).message();
      expect(reply.flags & 64).toBe(64);
      expect(reply.content).toMatch(/no longer|over|not one of the options|someone else|never existed|does not belong/);
    }
  });

  it('counts every answer once when many click at once', async () => {
    const before = h.emulator.channelPosts.length;
    await h.emulator
      .slash(GUILD_A, MEMBER, 'quiz', [{ name: 'start', type: 1, options: [{ name: 'questions', type: 4, value: 1 }] }])
      .message();
    const question = (await h.emulator.waitForPosts(before + 1)).at(-1) as EmulatedMessage;
    const players = Array.from({ length: 30 }, (_, i) => ({
      id: `42000000000000000${String(i).padStart(2, '0')}`,
      username: `p${i}`,
      permissions: PERMISSIONS.member,
    }));
    const clicks = players.flatMap((p) =>
      [0, 1].map((k) => h.emulator.click(GUILD_A, p, question, buttonsOf(question)[k]?.id as string)),
    );
    const replies = await Promise.all(clicks.map((c) => c.message()));
    expect(replies.filter((r) => r.content.startsWith('Locked in')).length).toBe(30);
    expect(replies.filter((r) => r.content.startsWith('You already answered')).length).toBe(30);
    const quizId = Number(buttonsOf(question)[0]?.id.split(':')[3]);
    const questionId = Number(buttonsOf(question)[0]?.id.split(':')[4]);
    expect(h.bot.context.quizzes.answeredBy(questionId)).toHaveLength(30);
    await h.emulator.slash(GUILD_A, MEMBER, 'quiz', [{ name: 'stop', type: 1, options: [] }]).message();
    expect(h.bot.context.quizzes.quiz(quizId).status).toBe('stopped');
  });
});
