/**
 * The one reader of process.env. Parses every setting with zod once at start, with a default and
 * a doc comment per key; `.env.example` lists the same keys in the same order. A bad value stops
 * the service with one message naming the variable (exit code 2, see server.ts); so does a replay
 * or demo file that is not there. A setting that does nothing without another one is accepted and
 * returned in `warnings`, for the service to log at start.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { z } from 'zod';
import type { SummaryConfig } from './summaries/summary-feature';
import type { TrustProxy } from './http/trust-proxy-setting';
import { WEEKDAYS } from './config-fields';
import { channelCredentials } from './config-channels';
import { EnvSchema, ENV_KEYS, type Env } from './config-env';

export { ENV_KEYS, type Env };

export interface ChannelSchedule {
  enabled: boolean;
  schedule: string;
}

/** A setting that is accepted but half done (e.g. SMTP_URL without SUMMARY_RECIPIENTS): logged as a WARN line at start. */
export interface ConfigWarning {
  variable: string;
  /** The whole line, starting with the variable. */
  message: string;
}

export interface Config {
  /** Settings accepted but half done; the service logs each as a WARN line at start. */
  warnings: readonly ConfigWarning[];
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
    /**
     * `format`: rasid (our JSON, default) or open311 (GeoReport v2: a form POST of each new case
     * with `apiKey` and `jurisdictionId`; later changes are not sent).
     */
    forward: { url?: string; token?: string; secret?: string; format?: 'rasid' | 'open311'; apiKey?: string; jurisdictionId?: string };
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

/**
 * The environment a child process of ours starts with (a script that runs jest or the service as
 * a whole new process): this one's, with `overrides`. Here, so process.env is read in one module.
 */
export function childEnvironment(overrides: Record<string, string>): NodeJS.ProcessEnv {
  return { ...process.env, ...overrides };
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
  if (e.COMPLAINTS_FORWARD_FORMAT === 'open311' && !e.COMPLAINTS_FORWARD_API_KEY) {
    cross.push({ variable: 'COMPLAINTS_FORWARD_API_KEY', message: 'is required when COMPLAINTS_FORWARD_FORMAT=open311 (it is the api_key of each request)' });
  }
  if (cross.length) throw new ConfigError(cross);

  const realChannels: Omit<Config['channels'], 'replay'> = {
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
  };
  const credentials = channelCredentials(realChannels);
  // Demo by default only when no real channel has all its credentials (half-configured ones do not run).
  const demoEnabled = env.DEMO === undefined || env.DEMO === '' ? !credentials.some((c) => c.missing.length === 0) : (e.DEMO as boolean);
  const replayEnabled = e.REPLAY_ENABLED || demoEnabled;
  const replayFile = e.REPLAY_FILE ? path.resolve(e.REPLAY_FILE) : demoEnabled ? path.resolve(e.DEMO_FILE) : undefined;
  const files: { variable: string; message: string }[] = [];
  if (replayEnabled && !replayFile) files.push({ variable: 'REPLAY_FILE', message: 'is required when REPLAY_ENABLED=true and the demo is off' });
  if (replayEnabled && replayFile) {
    const problem = fileProblem(replayFile);
    if (problem) files.push({ variable: e.REPLAY_FILE ? 'REPLAY_FILE' : 'DEMO_FILE', message: problem });
  }
  if (files.length) throw new ConfigError(files);

  const dataDir = path.resolve(e.DATA_DIR);
  const config: Config = {
    warnings: halfDoneSettings(e),
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
      forward: {
        url: e.COMPLAINTS_FORWARD_URL,
        token: e.COMPLAINTS_FORWARD_TOKEN,
        secret: e.COMPLAINTS_FORWARD_SECRET,
        format: e.COMPLAINTS_FORWARD_FORMAT,
        apiKey: e.COMPLAINTS_FORWARD_API_KEY,
        jurisdictionId: e.COMPLAINTS_FORWARD_JURISDICTION_ID,
      },
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
        enabled: replayEnabled,
        file: replayFile,
        schedule: e.REPLAY_SCHEDULE,
        batchSize: e.REPLAY_BATCH_SIZE,
      },
      ...realChannels,
    },
  };
  return deepFreeze(config);
}

/** Why the replay (or demo) file cannot be read, or undefined when it can. */
function fileProblem(file: string): string | undefined {
  try {
    if (!fs.statSync(file).isFile()) return `is not a file: ${file}`;
    fs.accessSync(file, fs.constants.R_OK);
    return undefined;
  } catch (err) {
    const code = (err as NodeJS.ErrnoException).code;
    return code === 'ENOENT' ? `names a file that does not exist: ${file}` : `names a file that cannot be read (${code}): ${file}`;
  }
}

/** Settings that do nothing without another one: the service starts, with a WARN line for each. */
function halfDoneSettings(e: z.output<typeof EnvSchema>): ConfigWarning[] {
  const warnings: ConfigWarning[] = [];
  const warn = (variable: string, message: string) => warnings.push({ variable, message: `${variable} ${message}` });
  if (e.SMTP_URL && !e.SUMMARY_RECIPIENTS.length) warn('SUMMARY_RECIPIENTS', 'is not set: the weekly summary is not e-mailed (SMTP_URL is set)');
  if (!e.SMTP_URL && e.SUMMARY_RECIPIENTS.length) warn('SMTP_URL', 'is not set: the weekly summary is not e-mailed to SUMMARY_RECIPIENTS');
  if (e.COMPLAINTS_FORWARD_TOKEN && !e.COMPLAINTS_FORWARD_URL) warn('COMPLAINTS_FORWARD_URL', 'is not set: cases are not forwarded (COMPLAINTS_FORWARD_TOKEN is set)');
  if (e.COMPLAINTS_FORWARD_API_KEY && e.COMPLAINTS_FORWARD_FORMAT !== 'open311') warn('COMPLAINTS_FORWARD_FORMAT', 'is not open311: COMPLAINTS_FORWARD_API_KEY is not sent');
  if (e.IG_GRAPH_VERIFY_TOKEN && !e.IG_GRAPH_APP_SECRET) warn('IG_GRAPH_APP_SECRET', 'is not set: POST /webhooks/instagram stays off (IG_GRAPH_VERIFY_TOKEN is set)');
  return warnings;
}

function deepFreeze<T>(o: T): T {
  if (o && typeof o === 'object') {
    for (const v of Object.values(o)) deepFreeze(v);
    Object.freeze(o);
  }
  return o;
}
