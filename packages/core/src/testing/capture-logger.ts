/** A logger that keeps its JSON lines in memory, so tests can match log lines to results. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../logging/logger.js';

/** A logger plus the parsed lines it wrote. */
export function captureLogger(): { logger: Logger; lines: Array<Record<string, unknown>> } {
  const lines: Array<Record<string, unknown>> = [];
  const destination = new Writable({
    write(chunk: Buffer, _encoding, callback) {
      for (const line of chunk.toString('utf8').split('\n')) if (line.trim()) lines.push(JSON.parse(line));
      callback();
    },
  });
  return { logger: createLogger({ name: 'test', level: 'debug', destination }), lines };
}
