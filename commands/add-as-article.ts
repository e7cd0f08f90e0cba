/** Message context menu "Add as article" (moderators): a message's text and .txt/.md/.html attachments become one article. */
import {
  ApplicationCommandType,
  ContextMenuCommandBuilder,
  InteractionContextType,
  type MessageContextMenuCommandInteraction,
  PermissionFlagsBits,
} from 'discord.js';
import { isArticleFile } from '../src/corpus/article.js';
import type { Command } from '../src/discord/command.js';
import { collectionOf, requireModerator } from '../src/discord/guards.js';
import { deferFor } from '../src/discord/reply.js';
import { UserError } from '../src/errors.js';
import { addAndReply, checkAttachment } from './article.js';

export const addAsArticle: Command = {
  data: new ContextMenuCommandBuilder()
    .setName('Add as article')
    .setType(ApplicationCommandType.Message)
    .setContexts(InteractionContextType.Guild)
    .setDefaultMemberPermissions(PermissionFlagsBits.ManageGuild),
  idName: 'addmsg',

  async execute(interaction, ctx) {
    const i = interaction as MessageContextMenuCommandInteraction;
    const collectionId = collectionOf(i);
    requireModerator(i);
    const message = i.targetMessage;
    const files = [...message.attachments.values()].filter((a) => isArticleFile(a.name));
    for (const file of files) checkAttachment(file);
    if (!message.content.trim() && files.length === 0) {
      throw new UserError('EMPTY_INPUT', 'That message has no text and no .txt, .md or .html attachment to add.');
    }
    if (!(await deferFor(i, true, ctx.log))) return;
    if (files.length === 1 && !message.content.trim()) {
      const file = files[0] as (typeof files)[0];
      const fetched = await ctx.fetch(file.url, { allowPrivate: ctx.allowPrivateUrls });
      await addAndReply(i, ctx, collectionId, {
        content: fetched.content,
        filename: file.name,
        ...(fetched.contentType ? { contentType: fetched.contentType } : {}),
        url: message.url,
      });
      return;
    }
    // Text and attachments together: plain text, one block each.
    const parts = [message.content.trim()];
    for (const file of files)
      parts.push((await ctx.fetch(file.url, { allowPrivate: ctx.allowPrivateUrls })).content.toString('utf8'));
    await addAndReply(i, ctx, collectionId, {
      content: parts.filter(Boolean).join('\n\n'),
      filename: 'message.txt',
      url: message.url,
      source: `Message by ${message.author.username}`,
    });
  },
};
