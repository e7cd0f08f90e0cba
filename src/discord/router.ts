/**
 * interactionCreate: commands, autocomplete, buttons and modals to their command module.
 * Expected failures (`UserError`) are shown to the user, ephemeral; anything else is logged
 * with ids (never the message text) and answered with a short generic message. The process
 * survives both.
 */
import type { Interaction } from 'discord.js';
import { isUserError } from '../errors.js';
import type { Command } from './command.js';
import type { BotContext } from './context.js';
import { decodeId } from './customId.js';
import { respond } from './reply.js';

export const GENERIC_ERROR = 'Something went wrong on our side. It has been logged; please try again in a moment.';
export const STALE_COMPONENT = 'That button no longer works (it is old, or not one of ours). Run the command again.';

export function createRouter(
  commands: readonly Command[],
  ctx: BotContext,
): (interaction: Interaction) => Promise<void> {
  const byName = new Map(commands.map((c) => [c.data.name, c]));
  const byIdName = new Map(commands.map((c) => [c.idName ?? c.data.name, c]));

  return async (interaction) => {
    const started = Date.now();
    const where = { interaction: interaction.id, guild: interaction.guildId, user: interaction.user.id };
    try {
      if (interaction.isAutocomplete()) {
        const command = byName.get(interaction.commandName);
        if (command?.autocomplete) await command.autocomplete(interaction, ctx);
        else await interaction.respond([]);
        return;
      }
      if (interaction.isChatInputCommand() || interaction.isMessageContextMenuCommand()) {
        const command = byName.get(interaction.commandName);
        if (!command) {
          await respond(
            interaction,
            { content: 'That command is not known to this version of Footnote.', ephemeral: true },
            ctx.log,
          );
          return;
        }
        await command.execute(interaction, ctx);
        ctx.log.debug({ ...where, command: interaction.commandName, ms: Date.now() - started }, 'command done');
        return;
      }
      if (interaction.isButton() || interaction.isModalSubmit()) {
        const id = decodeId(interaction.customId);
        const command = id ? byIdName.get(id.command) : undefined;
        if (!id || !command?.component) {
          await respond(interaction, { content: STALE_COMPONENT, ephemeral: true }, ctx.log);
          return;
        }
        await command.component(interaction, ctx, id);
        return;
      }
    } catch (error) {
      if (interaction.isAutocomplete()) {
        ctx.log.warn({ ...where, err: isUserError(error) ? undefined : error }, 'autocomplete failed');
        if (!interaction.responded) await interaction.respond([]).catch(() => {});
        return;
      }
      if (!interaction.isRepliable()) return;
      if (isUserError(error)) {
        ctx.log.info({ ...where, code: error.code }, 'user error');
        await respond(interaction, { content: error.message, ephemeral: true }, ctx.log).catch(() => {});
        return;
      }
      ctx.log.error({ ...where, err: error }, 'interaction failed');
      await respond(interaction, { content: GENERIC_ERROR, ephemeral: true }, ctx.log).catch(() => {});
    }
  };
}
