/** The value types of the settings (booleans, bounded numbers, schedules, time zones, URLs, lists, case routing), each parsing one environment variable with its default. */
import cron from 'node-cron';
import { z } from 'zod';

export const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const TRUE_WORDS = ['true', '1', 'yes', 'on'];
const FALSE_WORDS = ['false', '0', 'no', 'off'];

export const bool = (fallback: boolean) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      if (TRUE_WORDS.includes(v)) return true;
      if (FALSE_WORDS.includes(v)) return false;
      ctx.addIssue({ code: 'custom', message: `must be true or false (or 1/0, yes/no, on/off), got "${v}"` });
      return z.NEVER;
    });

/** One of a fixed list of words; the message names them all and the value given. */
export const oneOf = <T extends string>(values: readonly T[], fallback: T) =>
  z
    .string()
    .optional()
    .transform((v, ctx): T => {
      if (v === undefined || v === '') return fallback;
      if ((values as readonly string[]).includes(v)) return v as T;
      ctx.addIssue({ code: 'custom', message: `must be one of ${values.join(', ')}, got "${v}"` });
      return z.NEVER;
    });

export const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isInteger(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a whole number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

/** A number that may be left unset (its default then comes from elsewhere, named in its comment). */
export const optionalNum = (min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return undefined;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

export const num = (fallback: number, min: number, max: number) => optionalNum(min, max).transform((n) => n ?? fallback);

export const str = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v));

export const optionalStr = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

export const schedule = (fallback: string) =>
  str(fallback).refine((v) => cron.validate(v), { message: 'is not a valid cron expression (node-cron syntax)' });

export const timeZone = str('Asia/Bahrain').refine(
  (tz) => {
    try {
      new Intl.DateTimeFormat('en', { timeZone: tz });
      return true;
    } catch {
      return false;
    }
  },
  { message: 'is not an IANA time zone such as Asia/Bahrain' },
);

export const url = optionalStr.refine((v) => v === undefined || /^https?:\/\//.test(v), {
  message: 'must be an http(s) URL',
});

/** Comma- or newline-separated list. */
export const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean));

/** A comma (or newline) list of e-mail addresses, each checked: a mistyped one is named at start. */
export const emailList = list.superRefine((addresses, ctx) => {
  const wrong = addresses.filter((a) => !z.email().safeParse(a.replace(/^.*<([^>]+)>\s*$/, '$1')).success);
  if (wrong.length) ctx.addIssue({ code: 'custom', message: `not an e-mail address: ${wrong.join(', ')}` });
});

/** CASE_ROUTING: JSON object domain → unit name, or → { name, nameAr }. */
export const caseRouting = optionalStr.transform((v, ctx) => {
  if (v === undefined) return {};
  const unit = z.union([z.string().min(1).transform((name) => ({ name })), z.object({ name: z.string().min(1), nameAr: z.string().min(1).optional() })]);
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"roads":{"name":"Roads Directorate","nameAr":"إدارة الطرق"}}' });
    return z.NEVER;
  }
  const r = z.partialRecord(z.enum(['roads', 'drainage', 'buildings']), unit).safeParse(json);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: 'must map roads, drainage or buildings to a unit name or {"name","nameAr"}' });
    return z.NEVER;
  }
  return r.data;
});
