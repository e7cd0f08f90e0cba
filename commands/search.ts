/** /search query:<text> [article]: the best-matching passages, matched words in bold, paged with buttons. */
import {
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  SlashCommandBuilder,
} from 'discord.js';
import { QUESTION_LIMITS } from '../src/answer/question.js';
import type { Command } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { intArg, pageArg } from '../src/discord/customId.js';
import { articleOption, autocompleteArticles, collectionOf, requireCooldown } from '../src/discord/guards.js';
import { searchPage } from '../src/discord/render.js';
import { deferFor, respond, updateMessage } from '../src/discord/reply.js';
import { UserError } from '../src/errors.js';
import { searchPassages } from '../src/search/passages.js';

export const SEARCH_PAGE_SIZE = 5;

function page(
  ctx: BotContext,
  collectionId: string,
  query: string,
  articleId: number | undefined,
  searchId: number,
  n: number,
) {
  const collection = ctx.library.collection(collectionId);
  const options = articleId !== undefined && collection.article(articleId) ? { article: articleId } : {};
  const { matches, corrections } = searchPassages(query, collection, {
    ...options,
    limit: (n + 1) * SEARCH_PAGE_SIZE + 1,
  });
  const slice = matches.slice(n * SEARCH_PAGE_SIZE, (n + 1) * SEARCH_PAGE_SIZE);
  const more = matches.length > (n + 1) * SEARCH_PAGE_SIZE;
  return searchPage(query, slice, searchId, n, SEARCH_PAGE_SIZE, more, corrections);
}

export const search: Command = {
  data: new SlashCommandBuilder()
    .setName('search')
    .setDescription("List the passages of this server's articles that best match some words.")
    .setContexts(InteractionContextType.Guild)
    .addStringOption((o) =>
      o.setName('query').setDescription('Words to look for').setRequired(true).setMaxLength(QUESTION_LIMITS.maxLength),
    )
    .addStringOption((o) => o.setName('article').setDescription('Only this article').setAutocomplete(true)),

  async execute(interaction, ctx) {
    const i = interaction as ChatInputCommandInteraction;
    const collectionId = collectionOf(i);
    const query = i.options.getString('query', true).trim();
    if (!query) throw new UserError('EMPTY_INPUT', 'Give some words to search for.');
    requireCooldown(ctx, 'search', i.user.id);
    if (!ctx.library.isLoaded(collectionId) && !(await deferFor(i, false, ctx.log))) return;
    const articleId = articleOption(i.options.getString('article'), ctx, collectionId);
    const record = ctx.asks.record(
      {
        collectionId,
        userId: i.user.id,
        kind: 'search',
        question: query,
        ...(articleId !== undefined ? { articleId } : {}),
      },
      ctx.now(),
    );
    await respond(i, page(ctx, collectionId, query, articleId, record.id, 0), ctx.log);
  },

  autocomplete: autocompleteArticles,

  async component(interaction, ctx, id) {
    const i = interaction as ButtonInteraction;
    const collectionId = collectionOf(i);
    const searchId = intArg(id.args[0]);
    const n = pageArg(id.args[1]);
    if (id.action !== 'page' || searchId === null || n === null)
      throw new UserError('BAD_INPUT', 'That button no longer works. Search again.');
    const record = ctx.asks.get(collectionId, searchId);
    await updateMessage(i, page(ctx, collectionId, record.question, record.articleId, record.id, n), ctx.log);
  },
};
