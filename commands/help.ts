/** /help: what Footnote does and every command, in one screen. */
import { InteractionContextType, SlashCommandBuilder } from 'discord.js';
import type { Command } from '../src/discord/command.js';
import { COLORS } from '../src/discord/render.js';
import { respond } from '../src/discord/reply.js';

export const HELP_TEXT = [
  "Footnote answers questions from this server's news articles and shows the passage each answer comes from.",
  '',
  '**For everyone**',
  '`/ask question:` the answer, the sentence it comes from (answer in bold), article and ¶. Buttons: more passages, 👍/👎.',
  '`/ask question: tldr` how the articles begin.',
  '`/search query:` the passages that best match your words.',
  '`/article list` · `/article show article:` the articles here.',
  '',
  '**For moderators** (Manage Server)',
  '`/article add` with `url:` or `file:` (.txt, .md, .html), or with neither to paste the text.',
  '`/article remove article:` (asks to confirm). Right-click a message › Apps › **Add as article**.',
  '',
  'When the articles do not hold the answer, Footnote says so and shows the closest passages instead of guessing.',
].join('\n');

export const help: Command = {
  data: new SlashCommandBuilder()
    .setName('help')
    .setDescription('What Footnote does and how to use it.')
    .setContexts(InteractionContextType.Guild, InteractionContextType.BotDM),
  async execute(interaction, ctx) {
    await respond(
      interaction,
      { embeds: [{ color: COLORS.info, title: 'Footnote', description: HELP_TEXT }], ephemeral: true },
      ctx.log,
    );
  },
};
