/**
 * /quiz start|stop|leaderboard|stats|review|daily|daily-off|settings: quizzes written from this
 * server's articles. Group rounds are paced by the runner; solo and review quizzes go at the
 * member's own pace in an ephemeral message.
 */
import {
  type ButtonInteraction,
  ChannelType,
  type ChatInputCommandInteraction,
  InteractionContextType,
  PermissionFlagsBits,
  SlashCommandBuilder,
} from 'discord.js';
import type { Command } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { type DecodedId, intArg, pageArg } from '../src/discord/customId.js';
import { articleOption, autocompleteArticles, collectionOf, requireModerator } from '../src/discord/guards.js';
import { citedPassage, finishedEmbed, questionMessage, scoreboardEmbed, statsEmbed } from '../src/discord/quiz.js';
import { COLORS } from '../src/discord/render.js';
import { respond, updateMessage } from '../src/discord/reply.js';
import { truncate } from '../src/discord/text.js';
import { UserError } from '../src/errors.js';
import { DEFAULT_TIMEZONE } from '../src/quiz/schedule.js';
import { type OpenQuestion, QUIZ_LIMITS, type Quiz } from '../src/quiz/service.js';
import { seedOf } from '../src/util/random.js';

const LETTERS = ['A', 'B', 'C', 'D', 'E'];
const unix = (ms: number) => Math.floor(ms / 1000);

function isModerator(i: ChatInputCommandInteraction | ButtonInteraction): boolean {
  return i.memberPermissions?.has(PermissionFlagsBits.ManageGuild) ?? false;
}

/** The solo view after an answer: right or wrong, the passage, and Next. */
function soloResult(quiz: Quiz, open: OpenQuestion, correct: boolean) {
  const q = open.question;
  const last = open.position + 1 >= quiz.questionCount;
  return {
    embeds: [
      {
        color: correct ? COLORS.answer : COLORS.error,
        author: { name: `Question ${open.position + 1} of ${quiz.questionCount}` },
        title: truncate(
          correct ? `Right: ${q.answer}` : `Not quite. The answer is ${LETTERS[q.answerIndex]} · ${q.answer}`,
          250,
        ),
        description: citedPassage(q),
      },
    ],
    components: [
      {
        type: 1 as const,
        components: [
          {
            type: 2 as const,
            style: 1 as const,
            label: last ? 'See my score' : 'Next question',
            custom_id: `fn:quiz:next:${quiz.id}`,
          },
        ],
      },
    ],
  };
}

async function start(i: ChatInputCommandInteraction, ctx: BotContext, collectionId: string): Promise<void> {
  const mode = (i.options.getString('mode') ?? 'group') as 'group' | 'solo';
  const articleId = articleOption(i.options.getString('article'), ctx, collectionId);
  const { quiz, question } = ctx.quizzes.start(
    {
      collectionId,
      channelId: i.channelId,
      starterId: i.user.id,
      mode,
      count: i.options.getInteger('questions') ?? QUIZ_LIMITS.defaultQuestions,
      seconds: i.options.getInteger('seconds') ?? QUIZ_LIMITS.defaultSeconds,
      seed: seedOf(i.id),
      ...(articleId !== undefined ? { articleId } : {}),
    },
    ctx.clock.now(),
  );
  ctx.log.info({ guild: collectionId, quiz: quiz.id, mode, questions: quiz.questionCount }, 'quiz started');
  if (mode === 'solo') {
    await respond(i, { ...questionMessage(quiz, question), ephemeral: true }, ctx.log);
    return;
  }
  await respond(
    i,
    {
      content: `Quiz time! <@${i.user.id}> started ${quiz.questionCount} question${quiz.questionCount === 1 ? '' : 's'} from this server's articles, ${quiz.seconds} seconds each. One answer per person; the answer comes with the passage it is from.`,
    },
    ctx.log,
  );
  await ctx.runner.begin(quiz.id);
}

async function answerButton(i: ButtonInteraction, ctx: BotContext, id: DecodedId): Promise<void> {
  const quizId = intArg(id.args[0]);
  const questionId = intArg(id.args[1]);
  const choice = pageArg(id.args[2]);
  if (quizId === null || questionId === null || choice === null)
    throw new UserError('BAD_INPUT', 'That button no longer works.');
  const quiz = ctx.quizzes.quiz(quizId);
  if (quiz.collectionId !== collectionOf(i)) throw new UserError('BAD_INPUT', 'That button no longer works.');
  const outcome = ctx.quizzes.answer(quizId, questionId, i.user.id, choice, ctx.clock.now());
  if (outcome.status === 'closed') {
    await respond(
      i,
      {
        content:
          quiz.status === 'running'
            ? 'Too late: that question is closed.'
            : 'That quiz is over. Start a new one with /quiz start.',
        ephemeral: true,
      },
      ctx.log,
    );
    return;
  }
  if (outcome.status === 'already') {
    await respond(
      i,
      { content: `You already answered ${LETTERS[outcome.choice]}. One answer each.`, ephemeral: true },
      ctx.log,
    );
    return;
  }
  if (quiz.mode === 'group') {
    await respond(
      i,
      { content: `Locked in: ${LETTERS[choice]}. The answer comes when the time is up.`, ephemeral: true },
      ctx.log,
    );
    await ctx.runner.onAnswer(quizId, questionId);
    return;
  }
  if (quiz.mode === 'daily') {
    const q = outcome.question.question;
    await respond(
      i,
      {
        embeds: [
          {
            color: outcome.correct ? COLORS.answer : COLORS.error,
            title: truncate(outcome.correct ? `Right: ${q.answer}` : `Not quite. The answer is ${q.answer}`, 250),
            description: citedPassage(q),
          },
        ],
        ephemeral: true,
      },
      ctx.log,
    );
    return;
  }
  ctx.quizzes.close(questionId, ctx.clock.now());
  await updateMessage(i, soloResult(quiz, outcome.question, outcome.correct), ctx.log);
}

async function nextButton(i: ButtonInteraction, ctx: BotContext, id: DecodedId): Promise<void> {
  const quizId = intArg(id.args[0]);
  if (quizId === null) throw new UserError('BAD_INPUT', 'That button no longer works.');
  const quiz = ctx.quizzes.quiz(quizId);
  if (quiz.collectionId !== collectionOf(i) || quiz.starterId !== i.user.id)
    throw new UserError('FORBIDDEN', 'This is someone else’s quiz.');
  if (quiz.status !== 'running') {
    await respond(i, { content: 'That quiz is over. Start a new one with /quiz start.', ephemeral: true }, ctx.log);
    return;
  }
  const current = ctx.quizzes.currentQuestion(quizId);
  if (current.closedAt === undefined) {
    await respond(i, { content: 'Answer the question first.', ephemeral: true }, ctx.log);
    return;
  }
  const next = ctx.quizzes.advance(quizId, ctx.clock.now());
  if (next) {
    await updateMessage(i, questionMessage(ctx.quizzes.quiz(quizId), next), ctx.log);
    return;
  }
  await updateMessage(i, { embeds: [finishedEmbed(ctx.quizzes.scoreboard(quizId), 'ended')], components: [] }, ctx.log);
}

export const quiz: Command = {
  data: new SlashCommandBuilder()
    .setName('quiz')
    .setDescription("Quizzes written from this server's articles")
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('start')
        .setDescription('Start a quiz: together in this channel, or on your own')
        .addStringOption((o) => o.setName('article').setDescription('Only this article').setAutocomplete(true))
        .addIntegerOption((o) =>
          o
            .setName('questions')
            .setDescription(`How many (default ${QUIZ_LIMITS.defaultQuestions})`)
            .setMinValue(QUIZ_LIMITS.minQuestions)
            .setMaxValue(QUIZ_LIMITS.maxQuestions),
        )
        .addStringOption((o) =>
          o
            .setName('mode')
            .setDescription('group (default) or solo')
            .addChoices({ name: 'group', value: 'group' }, { name: 'solo', value: 'solo' }),
        )
        .addIntegerOption((o) =>
          o
            .setName('seconds')
            .setDescription(`Seconds per question in a group (default ${QUIZ_LIMITS.defaultSeconds})`)
            .setMinValue(QUIZ_LIMITS.minSeconds)
            .setMaxValue(QUIZ_LIMITS.maxSeconds),
        ),
    )
    .addSubcommand((s) =>
      s.setName('stop').setDescription("Stop this channel's group quiz (who started it, or a moderator)"),
    )
    .addSubcommand((s) =>
      s
        .setName('leaderboard')
        .setDescription('Top scores')
        .addStringOption((o) =>
          o
            .setName('period')
            .setDescription('week (default) or all')
            .addChoices({ name: 'week', value: 'week' }, { name: 'all', value: 'all' }),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('stats')
        .setDescription('Answered, right, streak, articles covered')
        .addUserOption((o) => o.setName('user').setDescription('Whose (default: yours)')),
    )
    .addSubcommand((s) => s.setName('review').setDescription('Your missed questions, back when they are due'))
    .addSubcommand((s) =>
      s
        .setName('daily')
        .setDescription('One question a day in a channel (moderators)')
        .addChannelOption((o) =>
          o.setName('channel').setDescription('Where').setRequired(true).addChannelTypes(ChannelType.GuildText),
        )
        .addStringOption((o) => o.setName('time').setDescription('HH:MM, 24-hour').setRequired(true).setMaxLength(5))
        .addStringOption((o) =>
          o.setName('timezone').setDescription('e.g. Europe/Paris (default UTC)').setMaxLength(64),
        ),
    )
    .addSubcommand((s) => s.setName('daily-off').setDescription('Stop the daily question (moderators)'))
    .addSubcommand((s) =>
      s
        .setName('settings')
        .setDescription('Quiz settings (moderators)')
        .addBooleanOption((o) =>
          o.setName('speed_bonus').setDescription('Extra points for fast right answers').setRequired(true),
        ),
    ),

  async execute(interaction, ctx) {
    const i = interaction as ChatInputCommandInteraction;
    const collectionId = collectionOf(i);
    const now = ctx.clock.now();
    switch (i.options.getSubcommand()) {
      case 'start':
        return start(i, ctx, collectionId);
      case 'stop': {
        const running = ctx.quizzes.runningInChannel(i.channelId);
        if (!running) throw new UserError('NOT_FOUND', 'No group quiz is running in this channel.');
        await ctx.runner.stop(running.id, i.user.id, isModerator(i));
        return respond(i, { content: 'Quiz stopped.', ephemeral: true }, ctx.log);
      }
      case 'leaderboard': {
        const period = (i.options.getString('period') ?? 'week') as 'week' | 'all';
        const board = ctx.quizzes.leaderboard(collectionId, period, now);
        return respond(
          i,
          {
            embeds: [
              scoreboardEmbed(board, period === 'week' ? 'Leaderboard: the last 7 days' : 'Leaderboard: all time'),
            ],
          },
          ctx.log,
        );
      }
      case 'stats': {
        const user = i.options.getUser('user') ?? i.user;
        return respond(
          i,
          { embeds: [statsEmbed(user.id, ctx.quizzes.stats(collectionId, user.id, now))], ephemeral: true },
          ctx.log,
        );
      }
      case 'review': {
        const due = ctx.quizzes.dueCards(collectionId, i.user.id, now);
        if (due.length === 0) {
          const next = ctx.quizzes.nextDue(collectionId, i.user.id);
          return respond(
            i,
            {
              content: next
                ? `Nothing to review yet. Your next missed question comes back <t:${unix(next)}:R>.`
                : 'No missed questions to review. Play a /quiz first!',
              ephemeral: true,
            },
            ctx.log,
          );
        }
        const { quiz: review, question } = ctx.quizzes.start(
          {
            collectionId,
            channelId: i.channelId,
            starterId: i.user.id,
            mode: 'review',
            count: due.length,
            seed: seedOf(i.id),
            questions: due,
          },
          now,
        );
        return respond(i, { ...questionMessage(review, question), ephemeral: true }, ctx.log);
      }
      case 'daily': {
        requireModerator(i);
        const channel = i.options.getChannel('channel', true);
        const schedule = ctx.quizzes.setDaily(
          collectionId,
          channel.id,
          i.options.getString('time', true),
          i.options.getString('timezone') ?? DEFAULT_TIMEZONE,
          i.user.id,
          now,
        );
        return respond(
          i,
          {
            content: `A question of the day will be posted in <#${schedule.channelId}> at ${schedule.time} (${schedule.timezone}). The next one: <t:${unix(schedule.nextAt)}:F>.`,
            ephemeral: true,
          },
          ctx.log,
        );
      }
      case 'daily-off': {
        requireModerator(i);
        return respond(
          i,
          {
            content: ctx.quizzes.dailyOff(collectionId)
              ? 'The daily question is off.'
              : 'There was no daily question to turn off.',
            ephemeral: true,
          },
          ctx.log,
        );
      }
      case 'settings': {
        requireModerator(i);
        const on = i.options.getBoolean('speed_bonus', true);
        ctx.quizzes.setSpeedBonus(collectionId, on);
        return respond(
          i,
          {
            content: on
              ? 'Fast right answers now earn up to half a point extra.'
              : 'Every right answer is now worth one point (no speed bonus).',
            ephemeral: true,
          },
          ctx.log,
        );
      }
      default:
        throw new UserError('BAD_INPUT', 'Unknown subcommand.');
    }
  },

  autocomplete: autocompleteArticles,

  async component(interaction, ctx, id) {
    if (!interaction.isButton()) throw new UserError('BAD_INPUT', 'That no longer works.');
    if (id.action === 'ans') return answerButton(interaction, ctx, id);
    if (id.action === 'next') return nextButton(interaction, ctx, id);
    throw new UserError('BAD_INPUT', 'That button no longer works.');
  },
};
