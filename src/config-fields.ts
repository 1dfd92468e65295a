/** The value types of the settings (booleans, bounded numbers, schedules, time zones, URLs, lists, case routing), each parsing one environment variable with its default. */
import cron from 'node-cron';
import { z } from 'zod';
import { maskUrlSecrets } from './url-secrets';

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

/** What a URL setting accepts: its schemes and, where the service's HTTP client sends no user:password from a URL, where credentials go instead. */
export interface UrlRule {
  /** Schemes in lower case, without the colon. */
  schemes: readonly string[];
  /** For messages: "an http(s) URL". */
  kind: string;
  /** Where a user name and password belong instead (e.g. "put the token in X_TOKEN instead"); unset: allowed in the URL (SMTP, a proxy). */
  credentialsInstead?: string;
}

export const HTTP_URL = { schemes: ['http', 'https'], kind: 'an http(s) URL' } as const satisfies UrlRule;

/**
 * `value` for messages, with what can be a credential as ***: a user:password before "@"
 * (`scheme://user:password@host…` as `scheme://***@host…`; everything up to the last "@" goes,
 * since a password may hold an unescaped "@", "/" or "?", and an "@" further on, as in `?to=a@b`,
 * hides more than needed, never less) and the values of credential-like query parameters
 * (`?key=…`, `?access_token=…`). The rest is shown whole, so a typo stays visible: a value
 * without "@" (`127.0.0.1:4401`, `htp:/127.0.0.1:4401`) holds no user:password to hide.
 */
export function withoutUserinfo(value: string): string {
  const at = value.lastIndexOf('@');
  if (at < 0) return maskUrlSecrets(value);
  const scheme = value.indexOf('://');
  const from = scheme >= 0 && scheme < at ? scheme + 3 : 0;
  return maskUrlSecrets(`${value.slice(0, from)}***${value.slice(at)}`);
}

/** A value for a message: quoted, on one line, its user:password and credential query values as ***. */
export const shown = (value: string): string => JSON.stringify(withoutUserinfo(value));

/** The port written in a URL that the URL parser refused (read after the userinfo, so a password never is). */
function writtenPort(value: string): string | undefined {
  const authority = /^[a-z][a-z0-9+.-]*:\/\/([^/?#]*)/i.exec(withoutUserinfo(value))?.[1] ?? '';
  const hostPort = authority.slice(authority.lastIndexOf('@') + 1);
  const m = hostPort.startsWith('[') ? /^\[[^\]]*\]:(.*)$/.exec(hostPort) : /^[^:]*:(.*)$/.exec(hostPort);
  return m?.[1] || undefined;
}

const validPort = (port: string) => /^\d{1,5}$/.test(port) && Number(port) >= 1 && Number(port) <= 65535;

/**
 * Why `value` is not a URL that `rule` accepts, or undefined when it is: a parseable URL with one of
 * the schemes, a host, a port from 1 to 65535 when one is written, and no user:password where the
 * rule sends credentials elsewhere. The one check of every URL setting; never echoes a password.
 */
export function urlProblem(value: string, rule: UrlRule): string | undefined {
  const scheme = /^([a-z][a-z0-9+.-]*):\/\//i.exec(value)?.[1]?.toLowerCase();
  if (!scheme || !rule.schemes.includes(scheme)) return `must be ${rule.kind}, got ${shown(value)}`;
  let url: URL | undefined;
  try {
    url = new URL(value);
  } catch {
    // explained below
  }
  const port = url ? url.port : writtenPort(value);
  if (port && !validPort(port)) return `must have a port from 1 to 65535, got ${JSON.stringify(port)} in ${shown(value)}`;
  if (!url || !url.hostname) return `must be ${rule.kind} with a host, got ${shown(value)}`;
  if ((url.username || url.password) && rule.credentialsInstead) return `must not contain a user name or password (${shown(value)}): ${rule.credentialsInstead}`;
  return undefined;
}

/** Comma- or newline-separated list. */
export const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean));

/** An optional URL setting, checked by urlProblem. */
export const optionalUrl = (rule: UrlRule) =>
  optionalStr.superRefine((v, ctx) => {
    const problem = v === undefined ? undefined : urlProblem(v, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A URL setting with a default, checked by urlProblem. */
export const url = (rule: UrlRule, fallback: string) =>
  str(fallback).superRefine((v, ctx) => {
    const problem = urlProblem(v, rule);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  });

/** A comma or newline list of URLs, each checked by urlProblem (the first wrong one is named). */
export const urlList = (rule: UrlRule) =>
  list.superRefine((urls, ctx) => {
    for (const [i, u] of urls.entries()) {
      const problem = urlProblem(u, rule);
      if (problem) return ctx.addIssue({ code: 'custom', message: urls.length > 1 ? `entry ${i + 1} ${problem}` : problem });
    }
  });

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
