/** Every environment variable the service reads, with its default and a doc comment; `.env.example` lists the same keys in the same order. */
import { z } from 'zod';
import { parseTrustProxySetting } from './http/trust-proxy-setting';
import { bool, caseRouting, emailList, HTTP_URL, int, list, num, oneOf, optionalNum, optionalStr, optionalUrl, schedule, str, timeZone, url, urlList, urlProblem, WEEKDAYS } from './config-fields';
import { mongoUriProblem } from './config-mongodb-uri';

export const EnvSchema = z.object({
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
  STORE: oneOf(['sqlite', 'mongodb'], 'sqlite'),
  /** MongoDB connection string, required when STORE=mongodb. */
  MONGODB_URI: optionalStr.superRefine((v, ctx) => {
    const problem = v === undefined ? undefined : mongoUriProblem(v);
    if (problem) ctx.addIssue({ code: 'custom', message: problem });
  }),
  /** MongoDB database name. */
  MONGODB_DB: str('rasid'),
  /** Time zone for weeks and display; times are stored in UTC. */
  TZ_DISPLAY: timeZone,
  /** pino level: fatal, error, warn, info, debug, trace, silent. */
  LOG_LEVEL: oneOf(['fatal', 'error', 'warn', 'info', 'debug', 'trace', 'silent'], 'info'),
  /** When set, GET /metrics requires `Authorization: Bearer <METRICS_TOKEN>`; unset, /metrics is open. */
  METRICS_TOKEN: optionalStr,
  /** Replay the bundled demo data; default on when no channel credentials are set. */
  DEMO: bool(false).optional(),
  DEMO_FILE: str('data/demo/mentions.jsonl'),

  /** X (Twitter): on when user-context credentials are set; X_ENABLED=false turns it off. */
  X_ENABLED: bool(true),
  /** Base URL for every X API request (a corporate gateway, or a local server in tests). */
  X_API_BASE_URL: url({ ...HTTP_URL, credentialsInstead: 'X credentials go in X_BEARER_TOKEN and X_USER_TOKEN (or the four OAuth 1.0a keys)' }, 'https://api.x.com'),
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
  IG_PROXY_URL: optionalUrl(HTTP_URL),
  /** Keep it slow: the private API punishes busy clients. */
  IG_PRIVATE_SCHEDULE: schedule('*/15 * * * *'),

  /** The official Instagram Graph API (business or creator account): recommended for production. */
  IG_GRAPH_ENABLED: bool(true),
  /** Long-lived token with instagram_basic, instagram_manage_comments, pages_read_engagement. */
  IG_GRAPH_TOKEN: optionalStr,
  /** The Instagram business account id (not the Facebook page id). */
  IG_GRAPH_USER_ID: optionalStr,
  IG_GRAPH_BASE_URL: url({ ...HTTP_URL, credentialsInstead: 'put the token in IG_GRAPH_TOKEN instead' }, 'https://graph.facebook.com/v21.0'),
  /** Meta app secret: appsecret_proof on calls and the webhook signature key. */
  IG_GRAPH_APP_SECRET: optionalStr,
  /** Token typed into the app's webhook settings; enables POST /webhooks/instagram with the secret. */
  IG_GRAPH_VERIFY_TOKEN: optionalStr,
  IG_GRAPH_SCHEDULE: schedule('*/5 * * * *'),

  /** News feeds (RSS 2.0 / Atom): `Name|URL` or `URL`, separated by `;` or newlines. */
  RSS_ENABLED: bool(true),
  RSS_FEEDS: optionalStr.superRefine((v, ctx) => {
    // The entries as parseRssFeedsSetting (src/feed-settings.ts) splits them, each URL checked.
    const entries = (v ?? '').split(/[\n;]+/).map((entry) => entry.trim()).filter(Boolean);
    for (const [i, entry] of entries.entries()) {
      const problem = urlProblem(entry.slice(entry.lastIndexOf('|') + 1).trim(), {
        ...HTTP_URL,
        credentialsInstead: 'feeds are fetched without credentials (a feed key can go in the query, ?key=…)',
      });
      if (problem) return ctx.addIssue({ code: 'custom', message: `entry ${i + 1} ${problem}` });
    }
  }),
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
  /** Tell the citizens who complained, each on their first post in the case, when their case is resolved or changes status in the national system. */
  CASE_STATUS_REPLIES: bool(true),
  /** How often leftover complaints (e.g. after a crash) are captured into cases. */
  CASE_CAPTURE_SCHEDULE: schedule('*/30 * * * * *'),
  /** National complaints system: each new case is POSTed here as JSON (unset = no forwarding). */
  COMPLAINTS_FORWARD_URL: optionalUrl({ ...HTTP_URL, credentialsInstead: 'put the token in COMPLAINTS_FORWARD_TOKEN instead' }),
  /** Sent as Authorization: Bearer with each forwarded case. */
  COMPLAINTS_FORWARD_TOKEN: optionalStr,
  /** HMAC-SHA256 key: forwarded cases carry X-Rasid-Timestamp and X-Rasid-Signature headers. */
  COMPLAINTS_FORWARD_SECRET: optionalStr,
  /** What the forward speaks: rasid (Rasid's own JSON) or open311 (a GeoReport v2 POST to COMPLAINTS_FORWARD_URL, the full URL of requests.json). */
  COMPLAINTS_FORWARD_FORMAT: oneOf(['rasid', 'open311'], 'rasid'),
  /** The Open311 api_key sent with each new case (required when COMPLAINTS_FORWARD_FORMAT=open311). */
  COMPLAINTS_FORWARD_API_KEY: optionalStr,
  /** Open311 jurisdiction_id, sent when set (only servers with several jurisdictions need it). */
  COMPLAINTS_FORWARD_JURISDICTION_ID: optionalStr,
  /** Key checking the signature of status updates at POST /api/integrations/complaints/webhook (default COMPLAINTS_FORWARD_SECRET). */
  COMPLAINTS_WEBHOOK_SECRET: optionalStr,
  /** Receivers of outgoing webhooks (case.created, case.status_changed, reply.sent), comma-separated. */
  WEBHOOK_URLS: urlList({ ...HTTP_URL, credentialsInstead: 'receivers check the WEBHOOK_SECRET signature of each delivery instead' }),
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
  SUMMARY_WEEK_START: oneOf(WEEKDAYS, 'sunday'),
  /** First-response targets in minutes for high, medium and low urgency. */
  SUMMARY_RESPONSE_SLA_MINUTES: str('60,240,1440').refine((v) => /^\s*\d+\s*,\s*\d+\s*,\s*\d+\s*$/.test(v), {
    message: 'must be three whole numbers of minutes: high,medium,low',
  }),
  /** Target share answered within those targets, shown on the SLA gauge. */
  SUMMARY_SLA_TARGET: num(0.9, 0, 1),
  /** nodemailer SMTP URL; e-mail goes out only when this and SUMMARY_RECIPIENTS are set. */
  SMTP_URL: optionalUrl({ schemes: ['smtp', 'smtps'], kind: 'an smtp:// or smtps:// URL' }),
  SUMMARY_RECIPIENTS: emailList,
  SUMMARY_FROM: str('Rasid <rasid@localhost>'),
});

export type Env = z.input<typeof EnvSchema>;

/** Every variable the service reads, in schema order (.env.example must list the same). */
export const ENV_KEYS: readonly string[] = Object.keys(EnvSchema.shape);
