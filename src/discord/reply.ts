/**
 * The one way Footnote answers an interaction. Every message goes through `safePayload`:
 * no mentions can ping (`allowedMentions: { parse: [] }`), and content, embeds and components
 * are cut to Discord's limits. `respond` picks reply, edit or follow-up from the interaction's
 * state and survives the two failures a busy bot meets: an interaction that expired (10062) and
 * one already acknowledged (40060).
 */
import {
  type APIActionRowComponent,
  type APIComponentInMessageActionRow,
  type APIEmbed,
  DiscordAPIError,
  type InteractionReplyOptions,
  type MessageComponentInteraction,
  MessageFlags,
  type ModalSubmitInteraction,
  type RepliableInteraction,
} from 'discord.js';
import type { Logger } from '../log.js';
import { DISCORD_LIMITS as L } from './limits.js';
import { truncate } from './text.js';

export type ActionRow = APIActionRowComponent<APIComponentInMessageActionRow>;

export interface Payload {
  readonly content?: string;
  readonly embeds?: readonly APIEmbed[];
  readonly components?: readonly ActionRow[];
  /** Only the person who asked sees it. */
  readonly ephemeral?: boolean;
}

export interface SafePayload {
  content?: string;
  embeds: APIEmbed[];
  components: ActionRow[];
  allowedMentions: { parse: [] };
  flags?: MessageFlags.Ephemeral;
}

function embedLength(e: APIEmbed): number {
  return (
    (e.title?.length ?? 0) +
    (e.description?.length ?? 0) +
    (e.footer?.text.length ?? 0) +
    (e.author?.name.length ?? 0) +
    (e.fields ?? []).reduce((s, f) => s + f.name.length + f.value.length, 0)
  );
}

/** One embed cut to every per-part limit. */
export function fitEmbed(e: APIEmbed): APIEmbed {
  const out: APIEmbed = { ...e };
  if (out.title !== undefined) out.title = truncate(out.title, L.embedTitle);
  if (out.description !== undefined) out.description = truncate(out.description, L.embedDescription);
  if (out.footer) out.footer = { ...out.footer, text: truncate(out.footer.text, L.embedFooter) };
  if (out.author) out.author = { ...out.author, name: truncate(out.author.name, L.embedAuthor) };
  if (out.fields) {
    out.fields = out.fields.slice(0, L.embedFields).map((f) => ({
      ...f,
      name: truncate(f.name || '\u200b', L.embedFieldName),
      value: truncate(f.value || '\u200b', L.embedFieldValue),
    }));
  }
  return out;
}

/** Embeds cut to the per-embed limits, at most 10, and together within 6,000 characters. */
export function fitEmbeds(embeds: readonly APIEmbed[]): APIEmbed[] {
  const fitted = embeds.slice(0, L.embeds).map(fitEmbed);
  let total = fitted.reduce((s, e) => s + embedLength(e), 0);
  // Over the total: shorten descriptions and field values from the last embed backwards.
  for (let i = fitted.length - 1; i >= 0 && total > L.embedTotal; i--) {
    const e = fitted[i] as APIEmbed;
    const excess = total - L.embedTotal;
    if (e.fields) {
      for (let k = e.fields.length - 1; k >= 0 && total > L.embedTotal; k--) {
        const f = e.fields[k] as { name: string; value: string };
        const keep = Math.max(20, f.value.length - (total - L.embedTotal));
        const before = f.value.length;
        f.value = truncate(f.value, keep);
        total -= before - f.value.length;
      }
    }
    if (e.description && total > L.embedTotal) {
      const before = e.description.length;
      e.description = truncate(e.description, Math.max(20, before - excess));
      total -= before - e.description.length;
    }
  }
  while (fitted.length > 1 && fitted.reduce((s, e) => s + embedLength(e), 0) > L.embedTotal) fitted.pop();
  return fitted;
}

/** Rows cut to 5 and buttons to 5 a row, labels to 80 characters. */
export function fitComponents(rows: readonly ActionRow[]): ActionRow[] {
  return rows.slice(0, L.actionRows).map((row) => ({
    ...row,
    components: row.components
      .slice(0, L.buttonsPerRow)
      .map((c) =>
        'label' in c && typeof c.label === 'string' ? { ...c, label: truncate(c.label, L.buttonLabel) } : c,
      ),
  }));
}

export function safePayload(p: Payload): SafePayload {
  const out: SafePayload = {
    embeds: fitEmbeds(p.embeds ?? []),
    components: fitComponents(p.components ?? []),
    allowedMentions: { parse: [] },
  };
  if (p.content !== undefined) out.content = truncate(p.content, L.content);
  if (p.ephemeral) out.flags = MessageFlags.Ephemeral;
  return out;
}

/** Discord error codes a bot must expect under load. */
export const UNKNOWN_INTERACTION = 10062;
export const ALREADY_ACKNOWLEDGED = 40060;

function isExpected(error: unknown): error is DiscordAPIError {
  return (
    error instanceof DiscordAPIError && (error.code === UNKNOWN_INTERACTION || error.code === ALREADY_ACKNOWLEDGED)
  );
}

/** Send `payload` as the answer to `interaction`: reply, or edit the deferred reply, or follow up. */
export async function respond(interaction: RepliableInteraction, payload: Payload, log: Logger): Promise<void> {
  const body = safePayload(payload);
  try {
    if (interaction.deferred && !interaction.replied) {
      const { flags: _ephemeralIsFixedAtDefer, ...edit } = body;
      await interaction.editReply(edit);
    } else if (interaction.replied) {
      await interaction.followUp(body as InteractionReplyOptions);
    } else {
      await interaction.reply(body as InteractionReplyOptions);
    }
  } catch (error) {
    if (!isExpected(error)) throw error;
    log.warn({ code: error.code, interaction: interaction.id }, 'interaction could not be answered');
  }
}

/** Replace the message a button belongs to (paging), or edit it after a deferUpdate. */
export async function updateMessage(
  interaction: MessageComponentInteraction | ModalSubmitInteraction,
  payload: Payload,
  log: Logger,
): Promise<void> {
  const { flags: _flags, ...body } = safePayload(payload);
  try {
    if (interaction.deferred || interaction.replied) await interaction.editReply(body);
    else if (interaction.isMessageComponent() || interaction.isFromMessage()) await interaction.update(body);
    else await interaction.reply(body as InteractionReplyOptions);
  } catch (error) {
    if (!isExpected(error)) throw error;
    log.warn({ code: error.code, interaction: interaction.id }, 'interaction could not be updated');
  }
}

/** Acknowledge now, answer later: for anything that may take more than a second. */
export async function deferFor(interaction: RepliableInteraction, ephemeral: boolean, log: Logger): Promise<boolean> {
  if (interaction.deferred || interaction.replied) return true;
  return acknowledge(
    interaction,
    () => interaction.deferReply(ephemeral ? { flags: MessageFlags.Ephemeral } : {}),
    log,
  );
}

/** Acknowledge a button now and edit its message later (`updateMessage`): for work that may take more than a second. */
export async function deferUpdateFor(interaction: MessageComponentInteraction, log: Logger): Promise<boolean> {
  if (interaction.deferred || interaction.replied) return true;
  return acknowledge(interaction, () => interaction.deferUpdate(), log);
}

async function acknowledge(
  interaction: { readonly id: string },
  send: () => Promise<unknown>,
  log: Logger,
): Promise<boolean> {
  try {
    await send();
    return true;
  } catch (error) {
    if (!isExpected(error)) throw error;
    log.warn({ code: error.code, interaction: interaction.id }, 'interaction expired before it could be deferred');
    return false;
  }
}
