/**
 * The one reader of process.env. Parses every setting with zod once at start, with a default and
 * a doc comment per key; `.env.example` lists the same keys in the same order. A bad value stops
 * the service with one message naming the variable (exit code 2, see server.ts).
 */
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';
import { parseRssFeedsSetting } from './feed-settings';
import { parseTrustProxySetting, type TrustProxy } from './http/trust-proxy-setting';
import type { SummaryConfig } from './summaries/summary-feature';

const WEEKDAYS = ['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'] as const;

const bool = (fallback: boolean) =>
  z
    .enum(['true', 'false', '1', '0', 'yes', 'no', 'on', 'off', ''])
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : ['true', '1', 'yes', 'on'].includes(v)));

const int = (fallback: number, min = 0, max = Number.MAX_SAFE_INTEGER) =>
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
const optionalNum = (min: number, max: number) =>
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

const num = (fallback: number, min: number, max: number) => optionalNum(min, max).transform((n) => n ?? fallback);

const str = (fallback: string) =>
  z
    .string()
    .optional()
    .transform((v) => (v === undefined || v === '' ? fallback : v));

const optionalStr = z
  .string()
  .optional()
  .transform((v) => (v === undefined || v === '' ? undefined : v));

const schedule = (fallback: string) =>
  str(fallback).refine((v) => cron.validate(v), { message: 'is not a valid cron expression (node-cron syntax)' });

const timeZone = str('Asia/Bahrain').refine(
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

const url = optionalStr.refine((v) => v === undefined || /^https?:\/\//.test(v), {
  message: 'must be an http(s) URL',
});

/** Comma- or newline-separated list. */
const list = z
  .string()
  .optional()
  .transform((v) => (v ?? '').split(/[\n,]/).map((s) => s.trim()).filter(Boolean));

/** CASE_ROUTING: JSON object domain → unit name, or → { name, nameAr }. */
const caseRouting = optionalStr.transform((v, ctx) => {
  if (v === undefined) return {};
  const unit = z.union([z.string().min(1).transform((name) => ({ name })), z.object({ name: z.string().min(1), nameAr: z.string().min(1).optional() })]);
  let json: unknown;
  try {
    json = JSON.parse(v);
  } catch {
    ctx.addIssue({ code: 'custom', message: 'must be a JSON object such as {"roads":"Roads Directorate"}' });
    return z.NEVER;
  }
  const r = z.partialRecord(z.enum(['roads', 'drainage', 'buildings']), unit).safeParse(json);
  if (!r.success) {
    ctx.addIssue({ code: 'custom', message: 'must map roads, drainage or buildings to a unit name or {"name","nameAr"}' });
    return z.NEVER;
  }
  return r.data;
});

const EnvSchema = z.object({
  /** TCP port of the HTTP server (0 = any free port). */
  PORT: int(3000, 0, 65535),
  /** Interface to listen on; 127.0.0.1 keeps the service local. */
  HOST: str('127.0.0.1'),
  /** Express 'trust proxy' behind TLS termination: number of proxy hops (1) or their addresses; unset = none. */
  TRUST_PROXY: optionalStr.transform((v, ctx) => {
    try {
      return parseTrustProxySetting(v);
    } catch (err) {
      ctx.addIssue({ code: 'custom', message: (err as Error).message });
      return z.NEVER;
    }
  }),
  /** Folder for the SQLite file, the initial admin token and generated reports. */
  DATA_DIR: str('./data'),
  /** sqlite (embedded default) or mongodb (scale-out). */
  STORE: z.enum(['sqlite', 'mongodb']).optional().default('sqlite'),
  /** MongoDB connection string, required when STORE=mongodb. */
  MONGODB_URI: optionalStr,
  /** MongoDB database name. */
  MONGODB_DB: str('rasid'),
  /** Time zone for weeks and display; times are stored in UTC. */
  TZ_DISPLAY: timeZone,
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: z.enum(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent']).optional().default('info'),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics is open. */
  METRICS_TOKEN: optionalStr,
  /** Replay the bundled demo data; default on when no channel credentials are set. */
  DEMO: bool(false).optional(),
  DEMO_FILE: str('data/demo/mentions.jsonl'),

  /** X (Twitter): on when user-context credentials are set; X_ENABLED=false turns it off. */
  X_ENABLED: bool(true),
  /** Base URL for every X API request (a corporate gateway, or a local server in tests). */
  X_API_BASE_URL: str('https://api.x.com').refine((v) => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' }),
  /** App-only bearer token: recent search and usage/tweets (optional). */
  X_BEARER_TOKEN: optionalStr,
  /** OAuth 1.0a user context of the ministry's account (all four), or X_USER_TOKEN. */
  X_APP_KEY: optionalStr,
  X_APP_SECRET: optionalStr,
  X_ACCESS_TOKEN: optionalStr,
  X_ACCESS_SECRET: optionalStr,
  /** OAuth 2.0 user access token (tweet.read tweet.write users.read), instead of OAuth 1.0a. */
  X_USER_TOKEN: optionalStr,
  /** The ministry's numeric account id; looked up once with users/me when absent. */
  X_ACCOUNT_ID: optionalStr,
  /** Listening queries for recent search, as a JSON array of strings. */
  X_QUERIES: z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (!v) return [] as string[];
      try {
        const q = JSON.parse(v);
        if (Array.isArray(q) && q.every((x) => typeof x === 'string' && x.length > 0 && x.length <= 512)) return q as string[];
      } catch {
        // reported below
      }
      ctx.addIssue({ code: 'custom', message: 'must be a JSON array of query strings (each at most 512 characters)' });
      return z.NEVER;
    }),
  /** Posts the project may read per month; polling is paced to stay under it (0 = no local cap). */
  X_MONTHLY_POST_CAP: int(0),
  /** How often to poll X. */
  X_SCHEDULE: schedule('*/5 * * * *'),

  /** Instagram through instagram-private-api (optional dependency; Graph API preferred). */
  IG_ENABLED: bool(true),
  IG_USERNAME: optionalStr,
  IG_PASSWORD: optionalStr,
  /** Optional HTTP(S) proxy for Instagram private-API traffic. */
  IG_PROXY_URL: url,
  /** Keep it slow: the private API punishes busy clients. */
  IG_PRIVATE_SCHEDULE: schedule('*/15 * * * *'),

  /** The official Instagram Graph API (business or creator account): recommended for production. */
  IG_GRAPH_ENABLED: bool(true),
  /** Long-lived token with instagram_basic, instagram_manage_comments, pages_read_engagement. */
  IG_GRAPH_TOKEN: optionalStr,
  /** The Instagram business account id (not the Facebook page id). */
  IG_GRAPH_USER_ID: optionalStr,
  IG_GRAPH_BASE_URL: str('https://graph.facebook.com/v21.0').refine((v) => /^https?:\/\//.test(v), { message: 'must be an http(s) URL' }),
  /** Meta app secret: appsecret_proof on calls and the webhook signature key. */
  IG_GRAPH_APP_SECRET: optionalStr,
  /** Token typed into the app's webhook settings; enables POST /webhooks/instagram with the secret. */
  IG_GRAPH_VERIFY_TOKEN: optionalStr,
  IG_GRAPH_SCHEDULE: schedule('*/5 * * * *'),

  /** News feeds (RSS 2.0 / Atom): `Name|URL` or `URL`, separated by `;` or newlines. */
  RSS_ENABLED: bool(true),
  RSS_FEEDS: optionalStr.refine(
    (v) => {
      try {
        parseRssFeedsSetting(v);
        return true;
      } catch {
        return false;
      }
    },
    { message: 'must be `Name|URL` or `URL` entries separated by `;` or newlines, each URL valid' },
  ),
  /** Listening terms matched (after Arabic normalization) in titles and summaries; `,` `،` or newlines. */
  RSS_TERMS: str('وزارة الأشغال,الأشغال,Ministry of Works,طفح المجاري,تجمع مياه الأمطار'),
  RSS_SCHEDULE: schedule('*/15 * * * *'),

  /** Replay channel: a JSONL file of mentions delivered in order, a batch per poll. */
  REPLAY_ENABLED: bool(false),
  REPLAY_FILE: optionalStr,
  REPLAY_SCHEDULE: schedule('*/5 * * * * *'),
  REPLAY_BATCH_SIZE: int(500, 1, 100000),

  /** Failed sign-ins (a wrong token; requests without one are not counted) allowed per client address and window; then 429. */
  AUTH_FAIL_LIMIT: int(20, 1, 100000),
  /** Window of the failed sign-in limit, in minutes. */
  AUTH_FAIL_WINDOW_MINUTES: int(15, 1, 24 * 60),
  /** Lifetime of a console session (cookie), in hours. */
  SESSION_TTL_HOURS: int(12, 1, 24 * 30),
  /** Mark the session cookie Secure (HTTPS only; browsers also accept it on http://localhost); false = plain HTTP (no CSP upgrade-insecure-requests). */
  SESSION_COOKIE_SECURE: bool(true),
  /** How long a claim on a mention lasts before another agent may take it (renewable), minutes. */
  CLAIM_LEASE_MINUTES: int(10, 1, 24 * 60),
  /** Replies by agents on mentions of these urgencies need a supervisor's approval ('none' = no rule). */
  APPROVAL_URGENCIES: str('high').refine((v) => v === 'none' || v.split(',').every((u) => ['high', 'medium', 'low'].includes(u.trim())), {
    message: "must be a comma-separated list of high, medium, low, or 'none'",
  }),
  /** Replies written by trainee agents need a supervisor's approval. */
  APPROVAL_FOR_TRAINEES: bool(true),
  /** Automatic replies (case acknowledgement and status) always need a supervisor's approval. */
  APPROVAL_FOR_SYSTEM_REPLIES: bool(false),
  /** How often the outbox sender looks for queued replies. */
  REPLY_SENDER_SCHEDULE: schedule('*/5 * * * * *'),
  /** Attempts before a reply that keeps failing transiently is marked failed. */
  REPLY_MAX_ATTEMPTS: int(8, 1, 100),
  /** First retry delay after a transient send failure, in seconds (doubles each attempt). */
  REPLY_RETRY_BASE_SECONDS: int(30, 1, 3600),
  /** Longest retry delay, in minutes. */
  REPLY_RETRY_MAX_MINUTES: int(60, 1, 24 * 60),
  /** TEST ONLY: kill the process right after a reply's channel call, before it is recorded. */
  RASID_TEST_CRASH_AFTER_SEND: bool(false),

  /** Case number prefix: cases are numbered PREFIX-YYYY-NNNNNN, gap-free per year. */
  CASE_PREFIX: str('MOW').refine((v) => /^[A-Z][A-Z0-9]{0,9}$/.test(v), { message: 'must be 1-10 capital letters or digits, starting with a letter' }),
  /**
   * Complaints classified at or above this confidence (0..1, a calibrated probability that the post
   * is a works complaint) open a case automatically. Default: the learned model's threshold, chosen
   * on held-out real text (0.5 with the lexicon rules alone).
   */
  CASE_MIN_CONFIDENCE: optionalNum(0, 1),
  /** Hours to resolve a case, by urgency (SLA); past it the case is overdue. */
  CASE_SLA_HOURS_HIGH: num(4, 0.1, 24 * 365),
  CASE_SLA_HOURS_MEDIUM: num(24, 0.1, 24 * 365),
  CASE_SLA_HOURS_LOW: num(72, 0.1, 24 * 365),
  /**
   * Units owning each domain, as JSON, over the defaults (roads → Roads Maintenance Directorate,
   * drainage → Sanitary Engineering Operations, buildings → Construction Projects / Building Maintenance).
   * @example {"roads":{"name":"Roads Directorate","nameAr":"إدارة الطرق"},"drainage":"Sewerage Unit"}
   */
  CASE_ROUTING: caseRouting,
  /** A complaint from the same author in the same domain within this many hours joins the open case. */
  CASE_DEDUP_AUTHOR_HOURS: num(72, 0, 24 * 90),
  /** A complaint about the same block or road in the same domain within this many hours joins the open case. */
  CASE_DEDUP_PLACE_HOURS: num(24, 0, 24 * 90),
  /** Reply to the citizen automatically with the case number (through the approval rules and outbox). */
  CASE_AUTO_ACK: bool(false),
  /** Tell the citizen, on their post, when their case is resolved or changes status in the national system. */
  CASE_STATUS_REPLIES: bool(true),
  /** How often leftover complaints (e.g. after a crash) are captured into cases. */
  CASE_CAPTURE_SCHEDULE: schedule('*/30 * * * * *'),
  /** National complaints system: each new case is POSTed here as JSON (unset = no forwarding). */
  COMPLAINTS_FORWARD_URL: url,
  /** Sent as Authorization: Bearer with each forwarded case. */
  COMPLAINTS_FORWARD_TOKEN: optionalStr,
  /** HMAC-SHA256 key: forwarded cases carry X-Rasid-Timestamp and X-Rasid-Signature headers. */
  COMPLAINTS_FORWARD_SECRET: optionalStr,
  /** Key checking the signature of status updates at POST /api/integrations/complaints/webhook (default COMPLAINTS_FORWARD_SECRET). */
  COMPLAINTS_WEBHOOK_SECRET: optionalStr,
  /** Receivers of outgoing webhooks (case.created, case.status_changed, reply.sent), comma-separated. */
  WEBHOOK_URLS: list.refine((urls) => urls.every((u) => /^https?:\/\//.test(u)), { message: 'must be http(s) URLs' }),
  /** HMAC-SHA256 key signing outgoing webhooks (required when WEBHOOK_URLS is set). */
  WEBHOOK_SECRET: optionalStr,
  /** How often the outbox (forwarding, webhooks, automatic replies) is delivered. */
  OUTBOX_SCHEDULE: schedule('*/10 * * * * *'),
  /** Attempts per outbox message before it is given up (exponential backoff between them). */
  OUTBOX_MAX_ATTEMPTS: int(10, 1, 100),
  /** Timeout of one outgoing HTTP delivery, in seconds. */
  OUTBOX_TIMEOUT_SECONDS: int(10, 1, 300),
  /** API keys accepted by POST /open311/v2/requests (api_key), comma-separated; none = POST refused. */
  OPEN311_API_KEYS: list,

  /** When the weekly summary is built (node-cron, read in TZ_DISPLAY). */
  SUMMARY_SCHEDULE: schedule('0 8 * * 0'),
  /** First day of a report week. */
  SUMMARY_WEEK_START: z
    .enum(['sunday', 'monday', 'tuesday', 'wednesday', 'thursday', 'friday', 'saturday'])
    .optional()
    .default('sunday'),
  /** First-response targets in minutes for high, medium and low urgency. */
  SUMMARY_RESPONSE_SLA_MINUTES: str('60,240,1440').refine((v) => /^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/.test(v), {
    message: 'must be three whole numbers of minutes: high,medium,low',
  }),
  /** Target share answered within those targets, shown on the SLA gauge. */
  SUMMARY_SLA_TARGET: num(0.9, 0, 1),
  /** nodemailer SMTP URL; e-mail goes out only when this and SUMMARY_RECIPIENTS are set. */
  SMTP_URL: optionalStr.refine((v) => v === undefined || /^smtps?:\/\//.test(v), { message: 'must be an smtp:// or smtps:// URL' }),
  SUMMARY_RECIPIENTS: list,
  SUMMARY_FROM: str('Rasid <rasid@localhost>'),
});

export type Env = z.input<typeof EnvSchema>;

/** Every variable the service reads, in schema order (.env.example must list the same). */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.shape);

export interface ChannelSchedule {
  enabled: boolean;
  schedule: string;
}

export interface Config {
  server: { port: number; host: string; trustProxy: TrustProxy };
  /** Weekly summary settings (src/summaries/summary-feature.ts). */
  summary: SummaryConfig;
  storage: {
    driver: 'sqlite' | 'mongodb';
    dataDir: string;
    sqliteFile: string;
    mongodbUri?: string;
    mongodbDb: string;
  };
  tzDisplay: string;
  logLevel: string;
  metricsToken?: string;
  demo: { enabled: boolean; file: string };
  auth: { failedLoginLimit: number; failedLoginWindowMs: number; sessionTtlMs: number; sessionCookieSecure: boolean };
  replies: {
    claimLeaseMs: number;
    approval: { urgencies: ('high' | 'medium' | 'low')[]; trainees: boolean; systemReplies: boolean };
    senderSchedule: string;
    maxAttempts: number;
    retryBaseMs: number;
    retryMaxMs: number;
    /** Test hook: crash right after the channel call (RASID_TEST_CRASH_AFTER_SEND). */
    testCrashAfterSend: boolean;
  };
  cases: {
    prefix: string;
    /** Unset: the classifier's own threshold. */
    minConfidence?: number;
    slaHours: { high: number; medium: number; low: number };
    /** Overrides of the default routing table (src/cases/routing-table.ts). */
    routing: Partial<Record<'roads' | 'drainage' | 'buildings', { name: string; nameAr?: string }>>;
    dedup: { sameAuthorHours: number; samePlaceHours: number };
    autoAck: boolean;
    statusReplies: boolean;
    captureSchedule: string;
    forward: { url?: string; token?: string; secret?: string };
    /** Checks status updates from the national system. */
    inboundSecret?: string;
    webhooks: { urls: string[]; secret?: string };
    outbox: { schedule: string; maxAttempts: number; timeoutMs: number };
    open311: { apiKeys: string[] };
  };
  channels: {
    replay: ChannelSchedule & { file?: string; batchSize: number };
    x: ChannelSchedule & {
      apiBaseUrl: string;
      bearerToken?: string;
      oauth1?: { appKey: string; appSecret: string; accessToken: string; accessSecret: string };
      userToken?: string;
      accountId?: string;
      queries: string[];
      monthlyPostCap: number;
    };
    instagramPrivate: ChannelSchedule & { username?: string; password?: string; proxyUrl?: string };
    instagramGraph: ChannelSchedule & {
      accessToken?: string;
      igUserId?: string;
      baseUrl: string;
      appSecret?: string;
      verifyToken?: string;
    };
    rss: ChannelSchedule & { feeds?: string; terms: string };
  };
}

export class ConfigError extends Error {
  constructor(readonly issues: { variable: string; message: string }[]) {
    super(issues.map((i) => `${i.variable} ${i.message}`).join('; '));
    this.name = 'ConfigError';
  }
}

/** True when any real channel has credentials; then demo mode defaults to off. */
function anyChannelCredentials(env: Record<string, string | undefined>): boolean {
  return ['X_BEARER_TOKEN', 'X_ACCESS_TOKEN', 'X_USER_TOKEN', 'IG_USERNAME', 'IG_GRAPH_TOKEN', 'RSS_FEEDS'].some(
    (k) => !!env[k],
  );
}

export function loadConfig(env: Record<string, string | undefined> = process.env): Config {
  const parsed = EnvSchema.safeParse(env);
  if (!parsed.success) {
    throw new ConfigError(
      parsed.error.issues.map((i) => ({ variable: String(i.path[0] ?? 'config'), message: i.message })),
    );
  }
  const e = parsed.data;
  const cross: { variable: string; message: string }[] = [];
  if (e.STORE === 'mongodb' && !e.MONGODB_URI) cross.push({ variable: 'MONGODB_URI', message: 'is required when STORE=mongodb' });
  if (e.WEBHOOK_URLS.length && !e.WEBHOOK_SECRET) cross.push({ variable: 'WEBHOOK_SECRET', message: 'is required when WEBHOOK_URLS is set (deliveries are signed)' });
  if (cross.length) throw new ConfigError(cross);

  const dataDir = path.resolve(e.DATA_DIR);
  const demoEnabled = env.DEMO === undefined || env.DEMO === '' ? !anyChannelCredentials(env) : (e.DEMO as boolean);
  const config: Config = {
    server: { port: e.PORT, host: e.HOST, trustProxy: e.TRUST_PROXY },
    storage: {
      driver: e.STORE,
      dataDir,
      sqliteFile: path.join(dataDir, 'rasid.db'),
      mongodbUri: e.MONGODB_URI,
      mongodbDb: e.MONGODB_DB,
    },
    tzDisplay: e.TZ_DISPLAY,
    logLevel: e.LOG_LEVEL,
    metricsToken: e.METRICS_TOKEN,
    demo: { enabled: demoEnabled, file: path.resolve(e.DEMO_FILE) },
    auth: {
      failedLoginLimit: e.AUTH_FAIL_LIMIT,
      failedLoginWindowMs: e.AUTH_FAIL_WINDOW_MINUTES * 60_000,
      sessionTtlMs: e.SESSION_TTL_HOURS * 3_600_000,
      sessionCookieSecure: e.SESSION_COOKIE_SECURE,
    },
    replies: {
      claimLeaseMs: e.CLAIM_LEASE_MINUTES * 60_000,
      approval: {
        urgencies: e.APPROVAL_URGENCIES === 'none' ? [] : (e.APPROVAL_URGENCIES.split(',').map((u) => u.trim()) as ('high' | 'medium' | 'low')[]),
        trainees: e.APPROVAL_FOR_TRAINEES,
        systemReplies: e.APPROVAL_FOR_SYSTEM_REPLIES,
      },
      senderSchedule: e.REPLY_SENDER_SCHEDULE,
      maxAttempts: e.REPLY_MAX_ATTEMPTS,
      retryBaseMs: e.REPLY_RETRY_BASE_SECONDS * 1000,
      retryMaxMs: e.REPLY_RETRY_MAX_MINUTES * 60_000,
      testCrashAfterSend: e.RASID_TEST_CRASH_AFTER_SEND,
    },
    cases: {
      prefix: e.CASE_PREFIX,
      minConfidence: e.CASE_MIN_CONFIDENCE,
      slaHours: { high: e.CASE_SLA_HOURS_HIGH, medium: e.CASE_SLA_HOURS_MEDIUM, low: e.CASE_SLA_HOURS_LOW },
      routing: e.CASE_ROUTING,
      dedup: { sameAuthorHours: e.CASE_DEDUP_AUTHOR_HOURS, samePlaceHours: e.CASE_DEDUP_PLACE_HOURS },
      autoAck: e.CASE_AUTO_ACK,
      statusReplies: e.CASE_STATUS_REPLIES,
      captureSchedule: e.CASE_CAPTURE_SCHEDULE,
      forward: { url: e.COMPLAINTS_FORWARD_URL, token: e.COMPLAINTS_FORWARD_TOKEN, secret: e.COMPLAINTS_FORWARD_SECRET },
      inboundSecret: e.COMPLAINTS_WEBHOOK_SECRET ?? e.COMPLAINTS_FORWARD_SECRET,
      webhooks: { urls: e.WEBHOOK_URLS, secret: e.WEBHOOK_SECRET },
      outbox: { schedule: e.OUTBOX_SCHEDULE, maxAttempts: e.OUTBOX_MAX_ATTEMPTS, timeoutMs: e.OUTBOX_TIMEOUT_SECONDS * 1000 },
      open311: { apiKeys: e.OPEN311_API_KEYS },
    },
    summary: {
      schedule: e.SUMMARY_SCHEDULE,
      weekStartsOn: WEEKDAYS.indexOf(e.SUMMARY_WEEK_START) as SummaryConfig['weekStartsOn'],
      responseSlaMinutes: (([high, medium, low]) => ({ high, medium, low }))(e.SUMMARY_RESPONSE_SLA_MINUTES.split(',').map((n) => Number(n.trim()))),
      slaTarget: e.SUMMARY_SLA_TARGET,
      mail: e.SMTP_URL && e.SUMMARY_RECIPIENTS.length ? { smtpUrl: e.SMTP_URL, recipients: e.SUMMARY_RECIPIENTS, from: e.SUMMARY_FROM } : undefined,
    },
    channels: {
      replay: {
        enabled: e.REPLAY_ENABLED || demoEnabled,
        file: e.REPLAY_FILE ? path.resolve(e.REPLAY_FILE) : demoEnabled ? path.resolve(e.DEMO_FILE) : undefined,
        schedule: e.REPLAY_SCHEDULE,
        batchSize: e.REPLAY_BATCH_SIZE,
      },
      x: {
        enabled: e.X_ENABLED,
        schedule: e.X_SCHEDULE,
        apiBaseUrl: e.X_API_BASE_URL,
        bearerToken: e.X_BEARER_TOKEN,
        oauth1:
          e.X_APP_KEY || e.X_APP_SECRET || e.X_ACCESS_TOKEN || e.X_ACCESS_SECRET
            ? { appKey: e.X_APP_KEY ?? '', appSecret: e.X_APP_SECRET ?? '', accessToken: e.X_ACCESS_TOKEN ?? '', accessSecret: e.X_ACCESS_SECRET ?? '' }
            : undefined,
        userToken: e.X_USER_TOKEN,
        accountId: e.X_ACCOUNT_ID,
        queries: e.X_QUERIES,
        monthlyPostCap: e.X_MONTHLY_POST_CAP,
      },
      instagramPrivate: {
        enabled: e.IG_ENABLED,
        schedule: e.IG_PRIVATE_SCHEDULE,
        username: e.IG_USERNAME,
        password: e.IG_PASSWORD,
        proxyUrl: e.IG_PROXY_URL,
      },
      instagramGraph: {
        enabled: e.IG_GRAPH_ENABLED,
        schedule: e.IG_GRAPH_SCHEDULE,
        accessToken: e.IG_GRAPH_TOKEN,
        igUserId: e.IG_GRAPH_USER_ID,
        baseUrl: e.IG_GRAPH_BASE_URL,
        appSecret: e.IG_GRAPH_APP_SECRET,
        verifyToken: e.IG_GRAPH_VERIFY_TOKEN,
      },
      rss: { enabled: e.RSS_ENABLED, schedule: e.RSS_SCHEDULE, feeds: e.RSS_FEEDS, terms: e.RSS_TERMS },
    },
  };
  return deepFreeze(config);
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
