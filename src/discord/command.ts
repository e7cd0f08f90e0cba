/** The shape of a command module in commands/: its builder, its handler, and optional autocomplete and buttons. */
import type {
  AutocompleteInteraction,
  ButtonInteraction,
  ChatInputCommandInteraction,
  MessageContextMenuCommandInteraction,
  ModalSubmitInteraction,
  RESTPostAPIApplicationCommandsJSONBody,
} from 'discord.js';
import type { BotContext } from './context.js';
import type { DecodedId } from './customId.js';

export interface Command {
  readonly data: { readonly name: string; toJSON(): RESTPostAPIApplicationCommandsJSONBody };
  /** The name used in button and modal ids (lower-case, no spaces); defaults to `data.name`. */
  readonly idName?: string;
  execute(
    interaction: ChatInputCommandInteraction | MessageContextMenuCommandInteraction,
    ctx: BotContext,
  ): Promise<void>;
  autocomplete?(interaction: AutocompleteInteraction, ctx: BotContext): Promise<void>;
  /** Buttons and modals whose id is `fn:<idName>:...`. */
  component?(interaction: ButtonInteraction | ModalSubmitInteraction, ctx: BotContext, id: DecodedId): Promise<void>;
}
