/** A real pino logger whose lines are kept in memory, so tests can assert on what was logged. */
import { Writable } from 'node:stream';
import { createLogger, type Logger } from '../../src/logger';

export function memoryLogger(level = 'info'): { log: Logger; lines: () => Record<string, unknown>[] } {
  const chunks: string[] = [];
  const destination = new Writable({
    write(chunk, _enc, cb) {
      chunks.push(String(chunk));
      cb();
    },
  });
  const log = createLogger({ level, destination });
  const lines = () =>
    chunks
      .join('')
      .split('\n')
      .filter(Boolean)
      .map((l) => JSON.parse(l));
  return { log, lines };
}
