import { pino, type Level } from 'pino';
import type { Logger } from './core/types.js';

/**
 * One JSON line per event on stderr (stdout belongs to the `ask` command's answers).
 * Token-shaped fields are redacted whatever their value, so a token passed by mistake never reaches the log.
 */
export function createLogger(options: { level?: string; base?: Record<string, unknown>; stream?: NodeJS.WritableStream } = {}): Logger {
  const destination = options.stream ?? pino.destination({ fd: 2, sync: true });
  const log = pino(
    {
      level: options.level ?? 'info',
      base: options.base ?? null,
      timestamp: pino.stdTimeFunctions.isoTime,
      formatters: { level: (label) => ({ level: label }) },
      redact: { paths: ['token', '*.token', 'headers.authorization', '*.headers.authorization'], censor: '[redacted]' },
    },
    destination,
  );
  const at =
    (level: Level) =>
    (event: string, fields: Record<string, unknown> = {}) =>
      log[level]({ ...fields, event });
  return { debug: at('debug'), info: at('info'), warn: at('warn'), error: at('error') };
}

/** A logger that drops everything: for tests and for the terminal chat's quiet mode. */
export const silentLogger: Logger = { debug() {}, info() {}, warn() {}, error() {} };
