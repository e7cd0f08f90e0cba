/**
 * Custom ids of buttons and modals: `fn:<command>:<action>[:<arg>...]`, lower-case words and
 * numbers only, at most 100 characters. Anything else (a forged, stale or foreign id) decodes
 * to null and gets a polite "no longer works" reply.
 */
import { DISCORD_LIMITS } from './limits.js';

export const CUSTOM_ID_PREFIX = 'fn';
const PART = /^[a-z0-9-]{1,40}$/;

export interface DecodedId {
  readonly command: string;
  readonly action: string;
  readonly args: readonly string[];
}

export function encodeId(command: string, action: string, ...args: Array<string | number>): string {
  const parts = [CUSTOM_ID_PREFIX, command, action, ...args.map(String)];
  for (const part of parts) if (!PART.test(part)) throw new Error(`Bad custom id part "${part}"`);
  const id = parts.join(':');
  if (id.length > DISCORD_LIMITS.customId) throw new Error(`Custom id longer than ${DISCORD_LIMITS.customId}: ${id}`);
  return id;
}

export function decodeId(id: string): DecodedId | null {
  if (id.length > DISCORD_LIMITS.customId) return null;
  const parts = id.split(':');
  if (parts.length < 3 || parts[0] !== CUSTOM_ID_PREFIX || !parts.every((p) => PART.test(p))) return null;
  return { command: parts[1] as string, action: parts[2] as string, args: parts.slice(3) };
}

/** A positive integer argument, or null. */
export function intArg(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,15}$/.test(value)) return null;
  const n = Number(value);
  return Number.isSafeInteger(n) && n > 0 ? n : null;
}

/** Largest page number a button may ask for. */
export const MAX_PAGE = 1000;

/** A page number argument (0 to MAX_PAGE), or null. */
export function pageArg(value: string | undefined): number | null {
  if (value === undefined || !/^\d{1,4}$/.test(value)) return null;
  const n = Number(value);
  return n <= MAX_PAGE ? n : null;
}
