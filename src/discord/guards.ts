/** Checks shared by commands: in a server, a moderator, not too fast; and the article option. */
import { type AutocompleteInteraction, type Interaction, PermissionFlagsBits } from 'discord.js';
import { UserError } from '../errors.js';
import { matchTitles } from '../search/titles.js';
import type { BotContext } from './context.js';
import { DISCORD_LIMITS } from './limits.js';
import { truncate } from './text.js';

/** The collection of the server the interaction comes from (its guild id). */
export function collectionOf(interaction: Interaction): string {
  if (!interaction.inGuild())
    throw new UserError('FORBIDDEN', 'Footnote works inside servers, where each server has its own articles.');
  return interaction.guildId;
}

/**
 * Moderator commands carry the default permission Manage Server, and are checked again here:
 * a server that reconfigured the command's permissions still cannot let members change the corpus.
 */
export function requireModerator(interaction: Interaction): void {
  if (!interaction.memberPermissions?.has(PermissionFlagsBits.ManageGuild)) {
    throw new UserError('FORBIDDEN', 'Only moderators (Manage Server permission) can change the articles.');
  }
}

export function requireCooldown(ctx: BotContext, command: string, userId: string): void {
  const wait = ctx.cooldowns.take(command, userId);
  if (wait > 0) throw new UserError('RATE_LIMITED', `Slow down a little: you can use /${command} again in ${wait} s.`);
}

/** The `article` option: an article id (autocomplete gives ids; a typed "#12" or "12" works too). */
export function articleOption(value: string | null, ctx: BotContext, collectionId: string): number | undefined {
  if (value === null || value.trim() === '') return undefined;
  const id = Number(value.trim().replace(/^#/, ''));
  if (Number.isSafeInteger(id) && id > 0) {
    if (!ctx.library.collection(collectionId).article(id))
      throw new UserError('NOT_FOUND', `There is no article #${id} here. Pick one from the list.`);
    return id;
  }
  const [best] = matchTitles(ctx.library.collection(collectionId).articles(), value, 1);
  if (!best) throw new UserError('NOT_FOUND', 'No article has a title like that. Pick one from the list.');
  return best.id;
}

/** Autocomplete for `article` options: matching titles, at most 25 choices of at most 100 characters. */
export async function autocompleteArticles(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void> {
  const typed = String(interaction.options.getFocused() ?? '');
  let choices: Array<{ name: string; value: string }> = [];
  if (interaction.inGuild()) {
    const articles = ctx.library.collection(interaction.guildId).articles();
    choices = matchTitles(articles, typed, DISCORD_LIMITS.autocompleteChoices).map((a) => ({
      name: truncate(`#${a.id} ${a.title}`, DISCORD_LIMITS.choiceName),
      value: String(a.id),
    }));
  }
  await interaction.respond(choices);
}
