/**
 * /article add|list|show|remove. Adding and removing are for moderators (default permission
 * Manage Server, checked again at run time); listing and showing are for everyone.
 */
import {
  type Attachment,
  type ButtonInteraction,
  type ChatInputCommandInteraction,
  InteractionContextType,
  LabelBuilder,
  type MessageContextMenuCommandInteraction,
  ModalBuilder,
  type ModalSubmitInteraction,
  SlashCommandBuilder,
  TextInputBuilder,
  TextInputStyle,
} from 'discord.js';
import { type ArticleInput, formatBytes, isArticleFile } from '../src/corpus/article.js';
import { ARTICLE_LIMITS } from '../src/corpus/limits.js';
import type { Command } from '../src/discord/command.js';
import type { BotContext } from '../src/discord/context.js';
import { encodeId, intArg, pageArg } from '../src/discord/customId.js';
import { articleOption, autocompleteArticles, collectionOf, requireModerator } from '../src/discord/guards.js';
import { DISCORD_LIMITS } from '../src/discord/limits.js';
import { addedArticle, articleDetails, articleListPage, confirmRemoval } from '../src/discord/render.js';
import { deferFor, deferUpdateFor, respond, updateMessage } from '../src/discord/reply.js';
import { UserError } from '../src/errors.js';

/** Paragraphs shown by /article show. */
export const SHOW_PARAGRAPHS = 3;

/** An attachment checked for name and size before anything is downloaded. */
export function checkAttachment(attachment: Pick<Attachment, 'name' | 'size'>): void {
  if (!isArticleFile(attachment.name)) {
    throw new UserError('UNKNOWN_FORMAT', `${attachment.name} is not a .txt, .md or .html file.`);
  }
  if (attachment.size > ARTICLE_LIMITS.maxBytes) {
    throw new UserError(
      'TOO_LARGE',
      `${attachment.name} is ${formatBytes(attachment.size)}; the limit is ${formatBytes(ARTICLE_LIMITS.maxBytes)}.`,
    );
  }
}

/** Store an article and answer with its preview. */
export async function addAndReply(
  interaction: ChatInputCommandInteraction | ModalSubmitInteraction | MessageContextMenuCommandInteraction,
  ctx: BotContext,
  collectionId: string,
  input: ArticleInput,
): Promise<void> {
  // Storing may load the collection or fold its index into a new snapshot (a second or two for 100k paragraphs).
  if (!(await deferFor(interaction, false, ctx.log))) return;
  const record = ctx.library.addArticle(collectionId, input, interaction.user.id);
  ctx.log.info(
    { guild: collectionId, user: interaction.user.id, article: record.id, paragraphs: record.paragraphCount },
    'article added',
  );
  const first = ctx.library.store.articleParagraphs(record.id)[0]?.text;
  await respond(interaction, { embeds: [addedArticle(record, first)] }, ctx.log);
}

function addModal(): ModalBuilder {
  return new ModalBuilder()
    .setCustomId(encodeId('article', 'add'))
    .setTitle('Add an article')
    .addLabelComponents(
      new LabelBuilder()
        .setLabel('Title')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId('title')
            .setStyle(TextInputStyle.Short)
            .setRequired(false)
            .setMaxLength(ARTICLE_LIMITS.maxTitleLength),
        ),
      new LabelBuilder()
        .setLabel('Source (newspaper, agency or link)')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId('source')
            .setStyle(TextInputStyle.Short)
            .setRequired(false)
            .setMaxLength(200),
        ),
      new LabelBuilder()
        .setLabel('Text (one paragraph per line)')
        .setTextInputComponent(
          new TextInputBuilder()
            .setCustomId('text')
            .setStyle(TextInputStyle.Paragraph)
            .setRequired(true)
            .setMinLength(ARTICLE_LIMITS.minTextLength)
            .setMaxLength(DISCORD_LIMITS.textInput),
        ),
    );
}

async function add(i: ChatInputCommandInteraction, ctx: BotContext, collectionId: string): Promise<void> {
  requireModerator(i);
  const url = i.options.getString('url')?.trim();
  const file = i.options.getAttachment('file');
  const title = i.options.getString('title')?.trim() || undefined;
  if (url && file) throw new UserError('BAD_INPUT', 'Give either a url or a file, not both.');
  if (!url && !file) {
    await i.showModal(addModal());
    return;
  }
  if (file) checkAttachment(file);
  // Downloading and parsing can take more than a second: acknowledge first.
  if (!(await deferFor(i, false, ctx.log))) return;
  const fetched = await ctx.fetch(url ?? (file as Attachment).url, { allowPrivate: ctx.allowPrivateUrls });
  const input: ArticleInput = {
    content: fetched.content,
    ...(file ? { filename: file.name } : {}),
    ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
    ...(url ? { url: fetched.url } : {}),
    ...(title ? { title } : {}),
  };
  await addAndReply(i, ctx, collectionId, input);
}

export const article: Command = {
  data: new SlashCommandBuilder()
    .setName('article')
    .setDescription("This server's articles")
    .setContexts(InteractionContextType.Guild)
    .addSubcommand((s) =>
      s
        .setName('add')
        .setDescription('Add an article (moderators): a link, a file, or paste the text')
        .addStringOption((o) => o.setName('url').setDescription('Web page of the article').setMaxLength(2000))
        .addAttachmentOption((o) => o.setName('file').setDescription('A .txt, .md or .html file'))
        .addStringOption((o) =>
          o
            .setName('title')
            .setDescription('Title (else taken from the article)')
            .setMaxLength(ARTICLE_LIMITS.maxTitleLength),
        ),
    )
    .addSubcommand((s) => s.setName('list').setDescription('List the articles'))
    .addSubcommand((s) =>
      s
        .setName('show')
        .setDescription("An article's details and first paragraphs")
        .addStringOption((o) =>
          o.setName('article').setDescription('Which article').setRequired(true).setAutocomplete(true),
        ),
    )
    .addSubcommand((s) =>
      s
        .setName('remove')
        .setDescription('Remove an article (moderators)')
        .addStringOption((o) =>
          o.setName('article').setDescription('Which article').setRequired(true).setAutocomplete(true),
        ),
    ),

  async execute(interaction, ctx) {
    const i = interaction as ChatInputCommandInteraction;
    const collectionId = collectionOf(i);
    switch (i.options.getSubcommand()) {
      case 'add':
        return add(i, ctx, collectionId);
      case 'list':
        return respond(i, articleListPage(ctx.library.listArticles(collectionId), 0), ctx.log);
      case 'show': {
        const id = articleOption(i.options.getString('article', true), ctx, collectionId) as number;
        const record = ctx.library.store.getArticle(collectionId, id);
        const paragraphs = ctx.library.store
          .articleParagraphs(id)
          .slice(0, SHOW_PARAGRAPHS)
          .map((p) => p.text);
        return respond(i, { embeds: [articleDetails(record, paragraphs)] }, ctx.log);
      }
      case 'remove': {
        requireModerator(i);
        const id = articleOption(i.options.getString('article', true), ctx, collectionId) as number;
        return respond(
          i,
          { ...confirmRemoval(ctx.library.store.getArticle(collectionId, id)), ephemeral: true },
          ctx.log,
        );
      }
      default:
        throw new UserError('BAD_INPUT', 'Unknown subcommand.');
    }
  },

  autocomplete: autocompleteArticles,

  async component(interaction, ctx, id) {
    const collectionId = collectionOf(interaction);
    if (id.action === 'add' && interaction.isModalSubmit()) {
      requireModerator(interaction);
      const text = interaction.fields.getTextInputValue('text');
      const title = interaction.fields.getTextInputValue('title').trim();
      const source = interaction.fields.getTextInputValue('source').trim();
      const isUrl = /^https?:\/\//i.test(source);
      await addAndReply(interaction, ctx, collectionId, {
        content: text,
        filename: 'pasted.txt',
        ...(title ? { title } : {}),
        ...(source && !isUrl ? { source } : {}),
        ...(isUrl ? { url: source } : {}),
      });
      return;
    }
    const button = interaction as ButtonInteraction;
    if (id.action === 'list') {
      const page = pageArg(id.args[0]);
      if (page === null) throw new UserError('BAD_INPUT', 'That button no longer works. Run /article list again.');
      await updateMessage(button, articleListPage(ctx.library.listArticles(collectionId), page), ctx.log);
      return;
    }
    if (id.action === 'remove') {
      requireModerator(button);
      const articleId = intArg(id.args[0]);
      if (articleId === null) throw new UserError('BAD_INPUT', 'That button no longer works.');
      // Removing may fold the index into a new snapshot, or load the collection first: acknowledge now.
      if (!(await deferUpdateFor(button, ctx.log))) return;
      const removed = ctx.library.removeArticle(collectionId, articleId);
      ctx.log.info({ guild: collectionId, user: button.user.id, article: removed.id }, 'article removed');
      await updateMessage(
        button,
        { content: `Removed #${removed.id} “${removed.title}”.`, embeds: [], components: [] },
        ctx.log,
      );
      return;
    }
    if (id.action === 'cancel') {
      await updateMessage(button, { content: 'Kept. Nothing was removed.', embeds: [], components: [] }, ctx.log);
      return;
    }
    throw new UserError('BAD_INPUT', 'That button no longer works.');
  },
};
