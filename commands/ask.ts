/** /ask question:<text> [article] [private]: the answer card, with paging and 👍/👎 feedback. */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { answer } from '../src/answer/engine.js';
import { QUESTION_LIMITS } from '../src/answer/question.js';
import type { Command } from '../src/discord/command.js';
import { type DecodedId, intArg, pageArg } from '../src/discord/customId.js';
import { articleOption, autocompleteArticles, collectionOf, requireCooldown } from '../src/discord/guards.js';
import { answerCard } from '../src/discord/render.js';
import { deferFor, respond, updateMessage } from '../src/discord/reply.js';
import { UserError } from '../src/errors.js';

/** Citations fetched per ask: the card plus three pages of further passages. */
export const ASK_CITATIONS = 10;

export const ask: Command = {
  data: new SlashCommandBuilder()
    .setName('ask')
    .setDescription("Ask a question; Footnote answers from this server's articles and cites the passage.")
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o
        .setName('question')
        .setDescription('Your question, e.g. who defected?')
        .setRequired(true)
        .setMaxLength(QUESTION_LIMITS.maxLength),
    )
    .addStringOption((o) => o.setName('article').setDescription('Only this article').setAutocomplete(true))
    .addBooleanOption((o) => o.setName('private').setDescription('Only you see the answer')),

  async execute(interaction, ctx) {
    const i = interaction as ChatInputCommandInteraction;
    const collectionId = collectionOf(i);
    const question = i.options.getString('question', true).trim();
    if (!question) throw new UserError('EMPTY_INPUT', 'Ask a question, for example: who defected?');
    if (question.length > QUESTION_LIMITS.maxLength)
      throw new UserError('TOO_LARGE', `Questions are limited to ${QUESTION_LIMITS.maxLength} characters.`);
    requireCooldown(ctx, 'ask', i.user.id);
    const ephemeral = i.options.getBoolean('private') ?? false;
    // A server's first question loads and indexes its articles: acknowledge first if that is still to do.
    if (!ctx.library.isLoaded(collectionId) && !(await deferFor(i, ephemeral, ctx.log))) return;
    const articleId = articleOption(i.options.getString('article'), ctx, collectionId);
    const collection = ctx.library.collection(collectionId);
    const result = answer(question, collection, {
      ...(articleId !== undefined ? { article: articleId } : {}),
      limit: ASK_CITATIONS,
    });
    const record = ctx.asks.record(
      {
        collectionId,
        userId: i.user.id,
        kind: 'ask',
        question,
        ...(articleId !== undefined ? { articleId } : {}),
        ...(result.answer !== null ? { answer: result.answer } : {}),
      },
      ctx.now(),
    );
    ctx.log.info({ guild: collectionId, user: i.user.id, ask: record.id, found: result.answer !== null }, 'ask');
    await respond(i, { ...answerCard(result, record.id), ephemeral }, ctx.log);
  },

  autocomplete: autocompleteArticles,

  async component(interaction, ctx, id: DecodedId) {
    const i = interaction as ButtonInteraction;
    const collectionId = collectionOf(i);
    const askId = intArg(id.args[0]);
    if (askId === null) throw new UserError('BAD_INPUT', 'That button no longer works. Ask again.');
    const record = ctx.asks.get(collectionId, askId);
    if (id.action === 'page') {
      const page = pageArg(id.args[1]);
      if (page === null) throw new UserError('BAD_INPUT', 'That button no longer works. Ask again.');
      const collection = ctx.library.collection(collectionId);
      const result = answer(record.question, collection, {
        ...(record.articleId !== undefined && collection.article(record.articleId)
          ? { article: record.articleId }
          : {}),
        limit: ASK_CITATIONS,
      });
      await updateMessage(i, answerCard(result, record.id, page), ctx.log);
      return;
    }
    if (id.action === 'vote' && (id.args[1] === 'up' || id.args[1] === 'down')) {
      const vote = id.args[1] === 'up' ? 1 : -1;
      const tally = ctx.asks.vote(record, i.user.id, vote, ctx.now());
      await respond(
        i,
        {
          content: `Thanks, your ${vote === 1 ? '👍' : '👎'} is noted (you can change it). So far: 👍 ${tally.up} · 👎 ${tally.down}`,
          ephemeral: true,
        },
        ctx.log,
      );
      return;
    }
    throw new UserError('BAD_INPUT', 'That button no longer works. Ask again.');
  },
};
