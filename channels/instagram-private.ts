/**
 * Instagram through the unofficial instagram-private-api (optional dependency, loaded lazily):
 * comments on the account's recent posts, posts that tag the account, and direct messages.
 * Each poll runs one step (one Instagram request) of a round and says hasMore while the round
 * has steps left; the Graph API channel (instagram-graph.ts) is the one to use in production.
 */
import type { IgApiClient } from 'instagram-private-api';
import { createHash } from 'node:crypto';
import type { ChannelName } from '../src/domain/mention';
import type { Channel, ChannelKv, ChannelLog, PollContext, PollResult, ReplyTarget, SentReply } from './channel';
import { AuthFailed, Permanent, Transient } from './channel';
import { unknownWriteOutcome } from './instagram-private/map-ig-error';
import type { IgPrivateCursor, IgPrivateStep } from './instagram-private/cursor';
import { parseIgPrivateCursor, serializeIgPrivateCursor } from './instagram-private/cursor';
import type { IgLibrary } from './instagram-private/session';
import { IgSession, importInstagramLibrary } from './instagram-private/session';
import type { StepLimits, StepOutput } from './instagram-private/steps';
import { runCommentsStep, runInboxStep, runMediaStep, runUsertagsStep } from './instagram-private/steps';
import { withMaskedErrors } from '../src/configured-secrets';

export interface InstagramPrivateOptions {
  /** Channel id (config key); default 'instagram'. */
  name?: ChannelName;
  username: string;
  password: string;
  /** Optional HTTP(S) proxy for Instagram traffic (IG_PROXY_URL). */
  proxyUrl?: string;
  /** What to watch; everything by default. `directRequests` = message requests from non-followers. */
  sources?: { comments?: boolean; usertags?: boolean; direct?: boolean; directRequests?: boolean };
  /** Recent own posts whose comments are watched (default 12, one user-feed page). */
  mediaPerRound?: number;
  /** Pages of comments read per post per round (default 5). */
  maxCommentPagesPerMedia?: number;
  /** Pages of the usertags feed read per round (default 3). */
  maxUsertagPages?: number;
  /** First run: how far back to deliver items (default 14 days). */
  lookbackDays?: number;
  /** Wait after "please wait a few minutes" / HTTP 429 (default 15 minutes). */
  rateLimitBackoffMs?: number;
  /** After a login/checkpoint failure, do not touch Instagram again for this long (default 6 h). */
  authRetryAfterMs?: number;
  /** Key/value store for the session, used by reply() before the first poll (poll uses ctx.kv). */
  kv?: ChannelKv;
  log?: ChannelLog;
  /** Test seams. */
  loadLibrary?: () => Promise<IgLibrary>;
  configureClient?: (ig: IgApiClient) => void;
  now?: () => Date;
}

export interface InstagramPrivateChannel extends Channel {
  reply(target: ReplyTarget, text: string, idempotencyKey: string): Promise<SentReply>;
}

/** Which settings are missing (empty = the channel can be enabled). */
export function instagramPrivateOptionsComplete(opts: Partial<InstagramPrivateOptions>): { ok: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!opts.username) missing.push('IG_USERNAME');
  if (!opts.password) missing.push('IG_PASSWORD');
  return { ok: missing.length === 0, missing };
}

const DAY_MS = 86_400_000;
const silentLog: ChannelLog = { info: () => undefined, warn: () => undefined };

export function createInstagramPrivateChannel(opts: InstagramPrivateOptions): InstagramPrivateChannel {
  const check = instagramPrivateOptionsComplete(opts);
  if (!check.ok) throw new Error(`instagram channel misconfigured, missing: ${check.missing.join(', ')}`);
  const name = opts.name ?? 'instagram';
  const now = opts.now ?? (() => new Date());
  const sources = { comments: true, usertags: true, direct: true, directRequests: true, ...opts.sources };
  const session = new IgSession({
    channel: name,
    username: opts.username,
    password: opts.password,
    proxyUrl: opts.proxyUrl,
    rateLimitBackoffMs: opts.rateLimitBackoffMs ?? 15 * 60_000,
    loadLibrary: opts.loadLibrary ?? importInstagramLibrary,
    configureClient: opts.configureClient,
  });
  // The password (sent encrypted) and the proxy's credentials are not expected back from Instagram,
  // but a proxy or a library error may quote them: they never leave the channel in an error.
  const secrets = [opts.password, ...proxyCredentials(opts.proxyUrl)];
  let lastKv = opts.kv;
  let lastLog = opts.log ?? silentLog;
  // A checkpoint or rejected login must not be retried every poll: Instagram escalates blocks.
  let authBlock: { until: number; error: AuthFailed } | undefined;

  function newRound(): IgPrivateStep[] {
    const steps: IgPrivateStep[] = [];
    if (sources.comments) steps.push({ t: 'media' });
    if (sources.usertags) steps.push({ t: 'usertags', pages: 0 });
    if (sources.direct) steps.push({ t: 'inbox', box: 'inbox' });
    if (sources.directRequests) steps.push({ t: 'inbox', box: 'pending' });
    return steps;
  }

  async function guarded<T>(kv: ChannelKv, log: ChannelLog, at: Date, action: string, fn: Parameters<IgSession['use']>[4]): Promise<T> {
    if (authBlock && at.getTime() < authBlock.until) throw authBlock.error;
    try {
      return (await session.use(kv, log, action, at, fn)) as T;
    } catch (err) {
      if (err instanceof AuthFailed) authBlock = { until: at.getTime() + (opts.authRetryAfterMs ?? 6 * 3_600_000), error: err };
      throw err;
    }
  }

  async function poll(rawCursor: string | null, ctx: PollContext): Promise<PollResult> {
    lastKv = ctx.kv;
    lastLog = ctx.log;
    const cursor: IgPrivateCursor = parseIgPrivateCursor(rawCursor);
    if (cursor.queue.length === 0) cursor.queue = newRound();
    const step = cursor.queue[0];
    if (!step) return { mentions: [], cursor: rawCursor };
    const limits: StepLimits = {
      mediaPerRound: opts.mediaPerRound ?? 12,
      maxCommentPagesPerMedia: opts.maxCommentPagesPerMedia ?? 5,
      maxUsertagPages: opts.maxUsertagPages ?? 3,
      firstSinceSec: Math.floor((ctx.now().getTime() - (opts.lookbackDays ?? 14) * DAY_MS) / 1000),
    };
    const out = await runStep(step, cursor, limits, ctx);
    return {
      mentions: out.mentions,
      cursor: serializeIgPrivateCursor(cursor),
      hasMore: cursor.queue.length > 0,
      ...(out.ownPosts ? { ownPosts: out.ownPosts } : {}),
      ...(out.skipped ? { skipped: out.skipped } : {}),
      info: { step: step.t, queued: cursor.queue.length, mediaWatched: Object.keys(cursor.media).length },
    };
  }

  async function runStep(step: IgPrivateStep, cursor: IgPrivateCursor, limits: StepLimits, ctx: PollContext): Promise<StepOutput> {
    const action = step.t === 'comments' ? `reading comments of ${step.mediaId}` : `reading ${step.t === 'inbox' ? step.box : step.t}`;
    try {
      return await guarded<StepOutput>(ctx.kv, ctx.log, ctx.now(), action, async (use) => {
        switch (step.t) {
          case 'media':
            return runMediaStep(use, cursor, limits);
          case 'comments':
            return runCommentsStep(use, cursor, step, limits);
          case 'usertags':
            return runUsertagsStep(use, cursor, step, limits);
          case 'inbox':
            return runInboxStep(use, cursor, step, limits, ctx.now());
        }
      });
    } catch (err) {
      // A post deleted between listing and walking: skip it rather than block the round.
      if (step.t === 'comments' && err instanceof Permanent && err.code === 'not_found') {
        delete cursor.media[step.mediaId];
        cursor.queue.shift();
        return { mentions: [], skipped: [{ externalId: step.mediaId, reason: 'post not found (deleted?)' }] };
      }
      throw err;
    }
  }

  async function reply(target: ReplyTarget, text: string, idempotencyKey: string): Promise<SentReply> {
    // Without opts.kv the session is only known once a poll has run; the sender retries later.
    if (!lastKv) throw new Transient('instagram: no session yet (reply before the first poll and no opts.kv)', name);
    if (target.kind === 'direct') {
      if (!target.conversationId) throw new Permanent('instagram: a direct reply needs the thread id (conversationId)', 'bad_target', name);
      const threadId = target.conversationId;
      const token = uuidFromKey(idempotencyKey);
      const urls = text.match(/https?:\/\/\S+/g);
      const body = await guarded<{ payload?: { item_id?: string } }>(lastKv, lastLog, now(), 'sending a direct message', ({ ig }) =>
        ig.directThread.broadcast({
          item: urls ? 'link' : 'text',
          threadIds: threadId,
          // Same client_context for the same idempotency key, so Instagram can drop a resend.
          form: { ...(urls ? { link_text: text, link_urls: JSON.stringify(urls) } : { text }), client_context: token, mutation_token: token },
        }),
      );
      return { externalId: String(body.payload?.item_id ?? token) };
    }
    // Comments carry their post's id as conversationId; parentId may be the parent comment.
    const mediaId = target.kind === 'post' ? target.externalId : (target.conversationId ?? target.parentId);
    if (!mediaId) throw new Permanent('instagram: a comment reply needs the post id (conversationId)', 'bad_target', name);
    // Instagram threads one level deep: a reply to a reply goes under its top-level comment.
    const nested = target.parentId && target.conversationId && target.parentId !== target.conversationId;
    const replyTo = target.kind === 'post' ? undefined : nested ? target.parentId : target.externalId;
    const comment = await guarded<{ pk: string | number }>(lastKv, lastLog, now(), 'replying to a comment', async ({ ig }) => {
      try {
        return await ig.media.comment({ mediaId, text, ...(replyTo ? { replyToCommentId: replyTo } : {}) });
      } catch (err) {
        // Comments have no idempotency token: a failure after sending must not be retried blindly.
        throw unknownWriteOutcome(err, 'replying to a comment', name) ?? err;
      }
    });
    return { externalId: String(comment.pk) };
  }

  return { name, poll: withMaskedErrors(poll, secrets), reply: withMaskedErrors(reply, secrets) };
}

/** The user and password of a proxy URL (as written and decoded), if it has them. */
function proxyCredentials(proxyUrl: string | undefined): string[] {
  if (!proxyUrl) return [];
  try {
    const u = new URL(proxyUrl);
    return [u.password, safeDecode(u.password)].filter(Boolean);
  } catch {
    return [];
  }
}

function safeDecode(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}

function uuidFromKey(key: string): string {
  const h = createHash('sha256').update(key).digest('hex');
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-4${h.slice(13, 16)}-a${h.slice(17, 20)}-${h.slice(20, 32)}`;
}
