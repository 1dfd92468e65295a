/**
 * Instagram through the official Graph API (plain fetch, no SDK), for a business or creator
 * account: comments on the account's recent posts (with replies), posts that tag it, replies to
 * comments, and the account's own posts with fresh metrics. This is the production channel.
 * Each poll reads one Graph page and says hasMore while the round has pages left.
 */
import type { ChannelName, RawMention } from '../src/domain/mention';
import type { Channel, PollContext, PollResult, ReplyTarget, SentReply } from './channel';
import { Permanent } from './channel';
import type { GraphCursor, GraphStep } from './instagram-graph/cursor';
import { parseGraphCursor } from './instagram-graph/cursor';
import { GraphClient, nextAfter, type GraphPage } from './instagram-graph/graph-client';
import type { GraphStepEnv, GraphStepOutput } from './instagram-graph/steps';
import { runCommentsStep, runMediaStep, runTagsStep } from './instagram-graph/steps';
import type { GraphComment, GraphMedia } from './instagram-graph/to-mention';
import { COMMENT_FIELDS, TAG_FIELDS, commentToMention, taggedMediaToMention } from './instagram-graph/to-mention';

export const DEFAULT_GRAPH_BASE_URL = 'https://graph.facebook.com/v21.0';

export interface InstagramGraphOptions {
  /** Channel id (config key); default 'instagram_graph'. */
  name?: ChannelName;
  /** Long-lived token with instagram_basic, instagram_manage_comments, pages_read_engagement. */
  accessToken: string;
  /** The Instagram business/creator account id (not the Facebook page id). */
  igUserId: string;
  /** Default https://graph.facebook.com/v21.0; point at a gateway or a test server. */
  baseUrl?: string;
  /** When set, every call carries appsecret_proof (needed if the app requires it). */
  appSecret?: string;
  sources?: { comments?: boolean; tags?: boolean };
  /** Recent own posts whose comments are watched (default 25). */
  mediaPerRound?: number;
  /** Graph page size (limit) for comments and tags (default 50). */
  pageSize?: number;
  maxCommentPagesPerMedia?: number;
  maxTagPages?: number;
  /**
   * Comments of posts younger than rereadDays (default 7) are re-read at most every
   * rereadEveryMinutes (default 60) even when the comment count is unchanged: a comment deleted
   * and another added in between leave it the same.
   */
  rereadDays?: number;
  rereadEveryMinutes?: number;
  /** First run: how far back to deliver items (default 14 days). */
  lookbackDays?: number;
  /** Stop calling at this usage percentage until the window eases (default 90). */
  usageThresholdPct?: number;
  /** Wait after a throttling error when Meta gives no time (default 15 minutes). */
  throttleBackoffMs?: number;
  timeoutMs?: number;
  now?: () => Date;
}

/** A `mentions` webhook value: the account was @mentioned in a caption or a comment. */
export interface GraphMentionRef {
  media_id: string;
  comment_id?: string;
}

export interface InstagramGraphChannel extends Channel {
  reply(target: ReplyTarget, text: string, idempotencyKey: string): Promise<SentReply>;
  findReply(target: ReplyTarget, text: string, since: Date): Promise<SentReply | null>;
  /** Reads the caption or comment a `mentions` webhook points at (they carry ids only). */
  fetchMention(ref: GraphMentionRef): Promise<RawMention | undefined>;
}

export function instagramGraphOptionsComplete(opts: Partial<InstagramGraphOptions>): { ok: boolean; missing: string[] } {
  const missing: string[] = [];
  if (!opts.accessToken) missing.push('IG_GRAPH_TOKEN');
  if (!opts.igUserId) missing.push('IG_GRAPH_USER_ID');
  return { ok: missing.length === 0, missing };
}

const DAY_MS = 86_400_000;

export function createInstagramGraphChannel(opts: InstagramGraphOptions): InstagramGraphChannel {
  const check = instagramGraphOptionsComplete(opts);
  if (!check.ok) throw new Error(`instagram_graph channel misconfigured, missing: ${check.missing.join(', ')}`);
  const name = opts.name ?? 'instagram_graph';
  const now = opts.now ?? (() => new Date());
  const sources = { comments: true, tags: true, ...opts.sources };
  const client = new GraphClient({
    baseUrl: opts.baseUrl ?? DEFAULT_GRAPH_BASE_URL,
    accessToken: opts.accessToken,
    appSecret: opts.appSecret,
    timeoutMs: opts.timeoutMs ?? 20_000,
    usageThresholdPct: opts.usageThresholdPct ?? 90,
    throttleBackoffMs: opts.throttleBackoffMs ?? 15 * 60_000,
    channel: name,
  });

  function newRound(): GraphStep[] {
    const steps: GraphStep[] = [];
    if (sources.comments) steps.push({ t: 'media' });
    if (sources.tags) steps.push({ t: 'tags', pages: 0 });
    return steps;
  }

  async function poll(rawCursor: string | null, ctx: PollContext): Promise<PollResult> {
    const at = ctx.now();
    const cursor: GraphCursor = parseGraphCursor(rawCursor);
    if (cursor.queue.length === 0) cursor.queue = newRound();
    const step = cursor.queue[0];
    if (!step) return { mentions: [], cursor: rawCursor };
    const env: GraphStepEnv = {
      client,
      igUserId: opts.igUserId,
      now: at,
      firstSince: new Date(at.getTime() - (opts.lookbackDays ?? 14) * DAY_MS).toISOString(),
      mediaPerRound: opts.mediaPerRound ?? 25,
      pageSize: opts.pageSize ?? 50,
      maxCommentPagesPerMedia: opts.maxCommentPagesPerMedia ?? 10,
      maxTagPages: opts.maxTagPages ?? 3,
      rereadWithinMs: (opts.rereadDays ?? 7) * DAY_MS,
      rereadEveryMs: (opts.rereadEveryMinutes ?? 60) * 60_000,
    };
    const out = await runStep(env, cursor, step);
    const heldUntil = client.heldUntil();
    const held = heldUntil > at.getTime();
    return {
      mentions: out.mentions,
      cursor: JSON.stringify(cursor),
      // While usage is high the rest of the round waits in the cursor for the next scheduled poll.
      hasMore: cursor.queue.length > 0 && !held,
      ...(out.ownPosts ? { ownPosts: out.ownPosts } : {}),
      ...(client.usage ? { rateLimits: client.usage.rateLimits } : {}),
      ...(held ? { nextPollAfter: new Date(heldUntil).toISOString() } : {}),
      info: {
        step: step.t,
        queued: cursor.queue.length,
        mediaWatched: Object.keys(cursor.media).length,
        ...(client.usage ? { usagePct: client.usage.maxPct, usage: client.usage.raw } : {}),
      },
    };
  }

  function runStep(env: GraphStepEnv, cursor: GraphCursor, step: GraphStep): Promise<GraphStepOutput> {
    switch (step.t) {
      case 'media':
        return runMediaStep(env, cursor);
      case 'comments':
        return runCommentsStep(env, cursor, step);
      case 'tags':
        return runTagsStep(env, cursor, step);
    }
  }

  async function reply(target: ReplyTarget, text: string): Promise<SentReply> {
    const at = now();
    if (target.kind === 'direct' || target.kind === 'news') {
      throw new Permanent(`instagram graph: cannot reply to a ${target.kind} item`, 'not_replyable', name);
    }
    if (target.kind === 'post') {
      // Someone else's post: Meta only allows answering where the account was @mentioned.
      const body = (await client.post(`${opts.igUserId}/mentions`, { media_id: target.externalId, message: text }, at, 'replying to a post')) as { id: string };
      return { externalId: String(body.id) };
    }
    const body = (await client.post(`${repliedComment(target)}/replies`, { message: text }, at, 'replying to a comment')) as { id: string };
    return { externalId: String(body.id) };
  }

  /** Only top-level comments take replies: a reply to a reply goes under its top-level comment. */
  function repliedComment(target: ReplyTarget): string {
    const nested = target.parentId && target.conversationId && target.parentId !== target.conversationId;
    return nested ? target.parentId! : target.externalId;
  }

  /**
   * The account's reply with this text under the comment, posted since `since`
   * (GET /{comment-id}/replies, a few pages). Replies to posts (the mentions endpoint) cannot be
   * read back with the account's permissions: those stay for a supervisor.
   */
  async function findReply(target: ReplyTarget, text: string, since: Date): Promise<SentReply | null> {
    if (target.kind !== 'comment') throw new Permanent(`instagram graph: a reply to a ${target.kind ?? 'post'} cannot be looked up`, 'no_lookup', name);
    const at = now();
    let after: string | undefined;
    for (let page = 0; page < 4; page++) {
      const body = (await client.get(`${repliedComment(target)}/replies`, { fields: 'id,text,timestamp,from', limit: 50, after }, at, 'looking up a reply')) as GraphPage<GraphComment>;
      const mine = body.data.find(
        (c) => c.from?.id === opts.igUserId && c.text?.trim() === text.trim() && (!c.timestamp || Date.parse(c.timestamp) >= since.getTime()),
      );
      if (mine) return { externalId: String(mine.id) };
      after = nextAfter(body, 50);
      if (!after) break;
    }
    return null;
  }

  async function fetchMention(ref: GraphMentionRef): Promise<RawMention | undefined> {
    const at = now();
    if (ref.comment_id) {
      const body = (await client.get(
        opts.igUserId,
        { fields: `mentioned_comment.comment_id(${ref.comment_id}){${COMMENT_FIELDS},media{id,permalink}}` },
        at,
        'reading a comment mention',
      )) as { mentioned_comment?: GraphComment & { media?: { id: string; permalink?: string } } };
      const c = body.mentioned_comment;
      if (!c) return undefined;
      return { ...commentToMention(c, c.media ?? { id: ref.media_id }, at), sources: ['mentions'] };
    }
    const body = (await client.get(
      opts.igUserId,
      { fields: `mentioned_media.media_id(${ref.media_id}){${TAG_FIELDS}}` },
      at,
      'reading a caption mention',
    )) as { mentioned_media?: GraphMedia };
    return body.mentioned_media ? taggedMediaToMention(body.mentioned_media, at, 'mentions') : undefined;
  }

  return { name, poll, reply, findReply, fetchMention };
}
