/** pino on file descriptor 2 only: stdout is the JSON-RPC channel over stdio. */
import { randomUUID } from 'node:crypto';
import { type Logger, type LoggerOptions, pino } from 'pino';

export type { Logger } from 'pino';

/** Log levels accepted by config (`LOG_LEVEL`). */
export const LOG_LEVELS = ['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'] as const;

/** One of {@link LOG_LEVELS}. */
export type LogLevel = (typeof LOG_LEVELS)[number];

/** Paths whose values never reach a log line (tokens, secrets, credentials in URLs). */
export const REDACTED_PATHS = [
  'authorization',
  '*.authorization',
  'headers.authorization',
  'req.headers.authorization',
  'req.headers.cookie',
  'token',
  '*.token',
  'access_token',
  '*.access_token',
  'password',
  '*.password',
  'secret',
  '*.secret',
  'apiKey',
  '*.apiKey',
  'api_key',
  '*.api_key',
  'cursorSecret',
  '*.cursorSecret',
  'redisUrl',
  '*.redisUrl',
  'databaseUrl',
  '*.databaseUrl',
];

/** Options of {@link createLogger}. */
export interface CreateLoggerOptions {
  /** The service name on every line (the server package's short name). */
  name: string;
  level?: LogLevel;
  /** Where lines go; file descriptor 2 unless a test passes a stream. */
  destination?: NodeJS.WritableStream;
}

/** Creates the process logger; it writes to stderr (fd 2) and never to stdout. */
export function createLogger(options: CreateLoggerOptions): Logger {
  const config: LoggerOptions = {
    name: options.name,
    level: options.level ?? 'info',
    redact: { paths: REDACTED_PATHS, censor: '[redacted]' },
    base: { pid: process.pid },
    timestamp: pino.stdTimeFunctions.isoTime,
    formatters: { level: (label) => ({ level: label }) },
  };
  return pino(config, options.destination ?? pino.destination({ fd: 2, sync: false }));
}

/** A short random id that ties a tool result to its log lines. */
export function newCorrelationId(): string {
  return randomUUID().replaceAll('-', '').slice(0, 16);
}
