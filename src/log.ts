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

export function createLogger(level: string, destination: NodeJS.WritableStream = process.stderr): Logger {
  return pino(
    {
      level,
      base: { app: 'footnote' },
      redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
      serializers: { err: pino.stdSerializers.err },
    },
    destination as unknown as pino.DestinationStream,
  );
}
