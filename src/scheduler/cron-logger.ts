/**
 * node-cron's logger interface on top of the service's pino logger. node-cron's own logger prints
 * coloured plain-text lines to the console (e.g. a missed tick while the event loop was blocked);
 * the service's output must stay one JSON object per line.
 */
import type { Logger } from '../logger';

/** The shape node-cron 4 accepts as the `logger` task option. */
export interface CronLogger {
  info(message: string): void;
  warn(message: string): void;
  error(message: string | Error, err?: Error): void;
  debug(message: string | Error, err?: Error): void;
}

function fields(message: string | Error, err?: Error): [Record<string, unknown>, string] {
  if (message instanceof Error) return [{ source: 'node-cron', err: message.message }, message.message];
  return [err ? { source: 'node-cron', err: err.message } : { source: 'node-cron' }, message];
}

export function cronLogger(log: Logger): CronLogger {
  return {
    info: (message) => log.info(...fields(message)),
    warn: (message) => log.warn(...fields(message)),
    error: (message, err) => log.error(...fields(message, err)),
    debug: (message, err) => log.debug(...fields(message, err)),
  };
}
