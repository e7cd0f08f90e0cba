/**
 * Quizzes in Discord: questions as embeds with answer buttons, reveals with the tally, who was
 * right and the cited passage, scoreboards; and the port through which the group runner and the
 * daily scheduler post to channels.
 */
import { type APIEmbed, ButtonStyle, ComponentType, type REST, Routes } from 'discord.js';
import { answerRanges } from '../answer/highlight.js';
import type { Logger } from '../log.js';
import type { DailyPort } from '../quiz/daily.js';
import type { QuizQuestion } from '../quiz/generate.js';
import type { FinishReason, QuizPort } from '../quiz/runner.js';
import type { DailySchedule, OpenQuestion, Quiz, Reveal, ScoreLine, UserStats } from '../quiz/service.js';
import { encodeId } from './customId.js';
import { boldRanges, COLORS } from './render.js';
import { type ActionRow, type Payload, safePayload } from './reply.js';
import { escapeArticleText, truncate } from './text.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];

const KIND_TITLE: Record<QuizQuestion['kind'], string> = {
  choice: 'Fill the blank',
  number: 'How many?',
  'who-said': 'Who said it?',
};

function sourceOf(q: QuizQuestion): string {
  const a = q.citation.article;
  const title = escapeArticleText(truncate(a.title, 100)).replace(/[[\]]/g, '');
  return `${a.url ? `[${title}](${a.url})` : title} · ¶${q.citation.paragraph}${a.source ? ` · ${escapeArticleText(a.source)}` : ''}`;
}

/** The question with its answer buttons. */
export function questionMessage(
  quiz: Pick<Quiz, 'id' | 'mode' | 'seconds' | 'questionCount'>,
  open: OpenQuestion,
  disabled = false,
): { embeds: APIEmbed[]; components: ActionRow[] } {
  const q = open.question;
  const header =
    quiz.mode === 'daily' ? 'Question of the day' : `Question ${open.position + 1} of ${quiz.questionCount}`;
  return {
    embeds: [
      {
        color: COLORS.info,
        author: { name: header },
        title: KIND_TITLE[q.kind],
        description: escapeArticleText(q.stem),
        fields: q.options.map((o, i) => ({
          name: `${LETTERS[i]}`,
          value: escapeArticleText(truncate(o, 200)),
          inline: true,
        })),
        footer: {
          text: disabled
            ? 'Closed'
            : quiz.mode === 'group'
              ? `${quiz.seconds} seconds · one answer each`
              : 'Take your time',
        },
      },
    ],
    components: [
      {
        type: ComponentType.ActionRow,
        components: q.options.map((o, i) => ({
          type: ComponentType.Button as const,
          custom_id: encodeId('quiz', 'ans', quiz.id, open.id, i),
          label: truncate(`${LETTERS[i]} · ${o}`, 80),
          style: ButtonStyle.Secondary as const,
          disabled,
        })),
      },
    ],
  };
}

/** The cited passage, answer in bold. */
export function citedPassage(q: QuizQuestion): string {
  const sentence = q.citation.sentence;
  return `> ${boldRanges(truncate(sentence, 700), answerRanges(truncate(sentence, 700), q.answer))}\n${sourceOf(q)}`;
}

export function revealEmbed(reveal: Reveal): APIEmbed {
  const q = reveal.question.question;
  const mention = (ids: readonly string[]) => (ids.length === 0 ? 'Nobody' : ids.map((id) => `<@${id}>`).join(', '));
  return {
    color: COLORS.answer,
    author: { name: `Question ${reveal.question.position + 1}` },
    title: truncate(`Answer: ${LETTERS[q.answerIndex]} · ${q.answer}`, 250),
    fields: [
      {
        name: 'Choices',
        value: q.options
          .map(
            (o, i) =>
              `${i === q.answerIndex ? '✅' : '▫️'} ${LETTERS[i]} · ${escapeArticleText(truncate(o, 80))}: ${reveal.counts[i] ?? 0}`,
          )
          .join('\n'),
      },
      { name: 'Right', value: truncate(mention(reveal.right), 1000) },
      { name: 'From the article', value: citedPassage(q) },
    ],
  };
}

export function scoreboardEmbed(board: readonly ScoreLine[], title: string, description?: string): APIEmbed {
  const lines = board.map(
    (s, i) =>
      `**${i + 1}.** <@${s.userId}> · ${s.points} pts · ${s.right}/${s.answered} right${s.bestStreak >= 2 ? ` · streak ${s.bestStreak}` : ''}`,
  );
  return {
    color: COLORS.info,
    title,
    description: truncate(
      [description, lines.length > 0 ? lines.join('\n') : 'Nobody answered.'].filter(Boolean).join('\n\n'),
      4000,
    ),
  };
}

const FINISH_TEXT: Record<FinishReason, string> = {
  ended: 'Quiz over. Final scores:',
  stopped: 'Quiz stopped. Scores so far:',
  idle: 'Nobody answered two questions in a row, so the quiz stopped itself. Scores:',
};

export function finishedEmbed(board: readonly ScoreLine[], reason: FinishReason): APIEmbed {
  return scoreboardEmbed(board, 'Scoreboard', FINISH_TEXT[reason]);
}

export function statsEmbed(userId: string, stats: UserStats): APIEmbed {
  const share = stats.answered ? Math.round((100 * stats.right) / stats.answered) : 0;
  return {
    color: COLORS.info,
    title: 'Quiz stats',
    description: `<@${userId}>`,
    fields: [
      { name: 'Answered', value: String(stats.answered), inline: true },
      { name: 'Right', value: `${stats.right} (${share}%)`, inline: true },
      { name: 'Streak', value: String(stats.streak), inline: true },
      { name: 'Articles covered', value: String(stats.articlesCovered), inline: true },
      { name: 'Due for review', value: String(stats.dueReviews), inline: true },
    ],
  };
}

/** Messages posted to channels outside an interaction (group rounds, daily questions). */
export class ChannelPoster {
  constructor(
    private readonly rest: REST,
    private readonly log: Logger,
  ) {}

  private body(payload: Payload) {
    const p = safePayload(payload);
    return { content: p.content, embeds: p.embeds, components: p.components, allowed_mentions: { parse: [] } };
  }

  async post(channelId: string, payload: Payload): Promise<string | undefined> {
    try {
      const message = (await this.rest.post(Routes.channelMessages(channelId), { body: this.body(payload) })) as {
        id: string;
      };
      return message.id;
    } catch (error) {
      this.log.warn({ err: error, channel: channelId }, 'could not post to channel');
      return undefined;
    }
  }

  async edit(channelId: string, messageId: string, payload: Payload): Promise<void> {
    try {
      await this.rest.patch(Routes.channelMessage(channelId, messageId), { body: this.body(payload) });
    } catch (error) {
      this.log.warn({ err: error, channel: channelId }, 'could not edit channel message');
    }
  }
}

/** Group rounds and daily questions, posted to their channel. */
export class DiscordQuizPort implements QuizPort, DailyPort {
  private readonly shown = new Map<number, string>();

  constructor(private readonly poster: ChannelPoster) {}

  async question(quiz: Quiz, question: OpenQuestion): Promise<void> {
    const id = await this.poster.post(quiz.channelId, questionMessage(quiz, question));
    if (id) this.shown.set(question.id, id);
  }

  async reveal(quiz: Quiz, reveal: Reveal): Promise<void> {
    const messageId = this.shown.get(reveal.question.id);
    if (messageId) await this.poster.edit(quiz.channelId, messageId, questionMessage(quiz, reveal.question, true));
    this.shown.delete(reveal.question.id);
    await this.poster.post(quiz.channelId, { embeds: [revealEmbed(reveal)] });
  }

  async finished(quiz: Quiz, board: readonly ScoreLine[], reason: FinishReason): Promise<void> {
    await this.poster.post(quiz.channelId, { embeds: [finishedEmbed(board, reason)] });
  }

  async post(schedule: DailySchedule, quiz: Quiz, question: OpenQuestion): Promise<void> {
    await this.poster.post(schedule.channelId, questionMessage(quiz, question));
  }
}
