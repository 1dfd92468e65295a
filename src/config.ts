/**
 * The one reader of process.env. Parses every setting with zod once at start, with a default and
 * a doc comment per key; `.env.example` lists the same keys in the same order. A bad value stops
 * the service with one message naming the variable (exit code 2, see server.ts).
 */
import path from 'node:path';
import cron from 'node-cron';
import { z } from 'zod';

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

const num = (fallback: number, min: number, max: number) =>
  z
    .string()
    .optional()
    .transform((v, ctx) => {
      if (v === undefined || v === '') return fallback;
      const n = Number(v);
      if (!Number.isFinite(n) || n < min || n > max) {
        ctx.addIssue({ code: 'custom', message: `must be a number from ${min} to ${max}, got "${v}"` });
        return z.NEVER;
      }
      return n;
    });

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

const EnvSchema = z.object({
  /** TCP port of the HTTP server (0 = any free port). */
  PORT: int(3000, 0, 65535),
  /** Interface to listen on; 127.0.0.1 keeps the service local. */
  HOST: str('127.0.0.1'),
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
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`. */
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

  /** Replay channel: a JSONL file of mentions delivered in order, a batch per poll. */
  REPLAY_ENABLED: bool(false),
  REPLAY_FILE: optionalStr,
  REPLAY_SCHEDULE: schedule('*/5 * * * * *'),
  REPLAY_BATCH_SIZE: int(500, 1, 100000),
});

export type Env = z.input<typeof EnvSchema>;

/** Every variable the service reads, in schema order (.env.example must list the same). */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.shape);

export interface ChannelSchedule {
  enabled: boolean;
  schedule: string;
}

export interface Config {
  server: { port: number; host: string };
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
  if (cross.length) throw new ConfigError(cross);

  const dataDir = path.resolve(e.DATA_DIR);
  const demoEnabled = env.DEMO === undefined || env.DEMO === '' ? !anyChannelCredentials(env) : (e.DEMO as boolean);
  const config: Config = {
    server: { port: e.PORT, host: e.HOST },
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
