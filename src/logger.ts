/**
 * pino, one JSON line per event. Secrets and citizens' personal data never reach the log:
 * auth headers, tokens and passwords are redacted by path, and phone numbers by a serializer
 * applied to every string-valued field (mention text can carry them).
 */
import pino, { type Logger } from 'pino';

export type { Logger };

const REDACT_PATHS = [
  'req.headers.authorization',
  'req.headers.cookie',
  'res.headers["set-cookie"]',
  'headers.authorization',
  'authorization',
  'token',
  'password',
  'secret',
  '*.token',
  '*.password',
  '*.secret',
  '*.accessToken',
  '*.accessSecret',
  '*.appSecret',
  '*.bearerToken',
];

/**
 * 8 to 15 digits, optionally led by + or 00 and split by single spaces or dashes, standing alone
 * (not inside a word, id or date): Bahrain's 8-digit numbers with or without +973, and most others.
 */
const PHONE = /(?<![\w.:-])(?:\+|00)?(?:\d[ -]?){7,14}\d(?![\w.:-])/g;
const ARABIC_DIGITS = /[\u0660-\u0669\u06F0-\u06F9]/g;

/** Replaces anything that looks like a phone number (Latin or Arabic-Indic digits). */
export function redactPhones(text: string): string {
  const latin = text.replace(ARABIC_DIGITS, (d) => String((d.charCodeAt(0) & 0xf) % 10));
  PHONE.lastIndex = 0;
  if (!PHONE.test(latin)) return text;
  PHONE.lastIndex = 0;
  return latin.replace(PHONE, '[phone]');
}

function scrubStrings(value: unknown, depth = 0): unknown {
  if (typeof value === 'string') return redactPhones(value);
  if (depth > 4 || value === null || typeof value !== 'object') return value;
  if (Array.isArray(value)) return value.map((v) => scrubStrings(v, depth + 1));
  if (value instanceof Error) return value;
  const out: Record<string, unknown> = {};
  for (const [k, v] of Object.entries(value)) out[k] = scrubStrings(v, depth + 1);
  return out;
}

export interface LoggerOptions {
  level: string;
  /** Where lines go; defaults to stdout. Tests pass a stream to inspect what was logged. */
  destination?: pino.DestinationStream;
}

export function createLogger(opts: LoggerOptions): Logger {
  return pino(
    {
      level: opts.level,
      base: { service: 'rasid' },
      timestamp: pino.stdTimeFunctions.isoTime,
      redact: { paths: REDACT_PATHS, censor: '[redacted]' },
      formatters: {
        log: (obj) => scrubStrings(obj) as Record<string, unknown>,
      },
      hooks: {
        // The message string itself may quote a citizen's text.
        logMethod(args, method) {
          const scrubbed = args.map((a) => (typeof a === 'string' ? redactPhones(a) : a));
          return method.apply(this, scrubbed as Parameters<typeof method>);
        },
      },
    },
    // Written as each line is logged: pino's default buffers, and the lines before a kill -9
    // (what the operator needs to read then) were lost. The service logs little; this costs little.
    opts.destination ?? pino.destination({ dest: 1, sync: true }),
  );
}
