/**
 * Structured logs (pino, JSON lines on standard error). Secrets are redacted by path, and
 * callers log ids and sizes, not message text.
 */
import { type Logger, pino } from 'pino';

export type { Logger };

export const REDACTED_PATHS = [
  'token',
  '*.token',
  'config.discordToken',
  'discordToken',
  'headers.authorization',
  '*.headers.authorization',
];

/** Interaction and webhook tokens in URLs: credentials for 15 minutes, so never logged. */
export function redactUrl(url: string): string {
  return url.replace(/\/(interactions|webhooks)\/(\d+)\/[^/?]+/g, '/$1/$2/[token]');
}

/**
 * Errors as logged: type, message, code, status, method, URL (tokens removed) and stack; never
 * the request body (discord.js errors carry the message that failed, article text included).
 */
export function serializeError(error: unknown): Record<string, unknown> {
  if (!(error instanceof Error)) return { message: String(error) };
  const e = error as Error & { code?: unknown; status?: unknown; method?: unknown; url?: unknown };
  return {
    type: e.name,
    message: redactUrl(e.message),
    ...(e.code !== undefined ? { code: e.code } : {}),
    ...(e.status !== undefined ? { status: e.status } : {}),
    ...(typeof e.method === 'string' ? { method: e.method } : {}),
    ...(typeof e.url === 'string' ? { url: redactUrl(e.url) } : {}),
    ...(e.stack ? { stack: redactUrl(e.stack) } : {}),
  };
}

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'footnote' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: serializeError },
    },
    destination as unknown as pino.DestinationStream,
  );
}
