/**
 * One poll step each for the Graph channel: list own media (and their fresh metrics), read one
 * page of a post's comments, or one page of posts that tag the account. A step edits the cursor
 * it is given (marks, queue) and returns what it found; the channel commits both together.
 */
import type { OwnPost, RawMention } from '../../src/domain/mention';
import type { GraphCursor, GraphStep } from './cursor';
import { advanceMark, isAfterMark, isoTime, mergeMarks } from './cursor';
import type { GraphClient, GraphPage } from './graph-client';
import { nextAfter } from './graph-client';
import type { GraphComment, GraphMedia } from './to-mention';
import { COMMENT_FIELDS, MEDIA_FIELDS, TAG_FIELDS, commentToMention, mediaToOwnPost, taggedMediaToMention } from './to-mention';

export interface GraphStepEnv {
  client: GraphClient;
  igUserId: string;
  now: Date;
  /** ISO: on a first sighting (no mark) only items from here on are delivered. */
  firstSince: string;
  mediaPerRound: number;
  pageSize: number;
  maxCommentPagesPerMedia: number;
  maxTagPages: number;
  /**
   * Posts younger than this are re-read every `rereadEveryMs` even when their comment count did
   * not move: a deleted comment and a new one leave the count unchanged.
   */
  rereadWithinMs: number;
  rereadEveryMs: number;
}

export interface GraphStepOutput {
  mentions: RawMention[];
  ownPosts?: OwnPost[];
}

export async function runMediaStep(env: GraphStepEnv, cursor: GraphCursor): Promise<GraphStepOutput> {
  const page = (await env.client.get(
    `${env.igUserId}/media`,
    { fields: `${MEDIA_FIELDS},username`, limit: env.mediaPerRound },
    env.now,
    'listing own media',
  )) as GraphPage<GraphMedia>;
  const walks: GraphStep[] = [];
  const kept: GraphCursor['media'] = {};
  for (const m of page.data) {
    const known = cursor.media[m.id];
    if (known) kept[m.id] = known;
    const count = m.comments_count ?? 0;
    if (count > 0 && (!known || known.count !== count || rereadDue(env, m, known.walkedAt))) walks.push({ t: 'comments', mediaId: m.id, permalink: m.permalink, count, pages: 0 });
  }
  cursor.own = page.data.find((m) => m.username)?.username ?? cursor.own;
  // Posts that left the recent window are forgotten: their marks would only grow the cursor.
  cursor.media = kept;
  cursor.queue.splice(0, 1, ...walks);
  return { mentions: [], ownPosts: page.data.map((m) => mediaToOwnPost(m, env.now)) };
}

export async function runCommentsStep(env: GraphStepEnv, cursor: GraphCursor, step: Extract<GraphStep, { t: 'comments' }>): Promise<GraphStepOutput> {
  const page = (await env.client.get(
    `${step.mediaId}/comments`,
    { fields: `${COMMENT_FIELDS},replies{${COMMENT_FIELDS}}`, limit: env.pageSize, after: step.after },
    env.now,
    `reading comments of ${step.mediaId}`,
  )) as GraphPage<GraphComment>;
  const mark = cursor.media[step.mediaId]?.mark;
  const media = { id: step.mediaId, permalink: step.permalink };
  const mentions: RawMention[] = [];
  let top = step.top;
  let anyNew = false;
  for (const comment of page.data) {
    const thread = [{ c: comment, parent: undefined as string | undefined }, ...(comment.replies?.data ?? []).map((r) => ({ c: r, parent: comment.id }))];
    for (const { c, parent } of thread) {
      const ts = isoTime(c.timestamp, env.now);
      if (!isAfterMark(ts, c.id, mark, env.firstSince)) continue;
      anyNew = true;
      top = advanceMark(top, ts, c.id);
      if (!isOwn(c, cursor, env)) mentions.push(commentToMention(c, media, env.now, parent));
    }
  }
  const after = nextAfter(page, env.pageSize);
  const pages = step.pages + 1;
  if (after && pages < env.maxCommentPagesPerMedia && !(isNewestFirst(page.data) && !anyNew)) {
    cursor.queue[0] = { ...step, after, top, pages };
  } else {
    const merged = mergeMarks(mark, top);
    cursor.media[step.mediaId] = { count: step.count, ...(merged ? { mark: merged } : {}), walkedAt: env.now.toISOString() };
    cursor.queue.shift();
  }
  return { mentions };
}

export async function runTagsStep(env: GraphStepEnv, cursor: GraphCursor, step: Extract<GraphStep, { t: 'tags' }>): Promise<GraphStepOutput> {
  const page = (await env.client.get(
    `${env.igUserId}/tags`,
    { fields: TAG_FIELDS, limit: env.pageSize, after: step.after },
    env.now,
    'reading posts that tag the account',
  )) as GraphPage<GraphMedia>;
  const mentions: RawMention[] = [];
  let top = step.top;
  let anyNew = false;
  for (const m of page.data) {
    const ts = isoTime(m.timestamp, env.now);
    if (!isAfterMark(ts, m.id, cursor.tagsMark, env.firstSince)) continue;
    anyNew = true;
    top = advanceMark(top, ts, m.id);
    if (!cursor.own || m.username !== cursor.own) mentions.push(taggedMediaToMention(m, env.now));
  }
  const after = nextAfter(page, env.pageSize);
  const pages = step.pages + 1;
  if (after && pages < env.maxTagPages && !(isNewestFirst(page.data) && !anyNew)) {
    cursor.queue[0] = { ...step, after, top, pages };
  } else {
    cursor.tagsMark = mergeMarks(cursor.tagsMark, top);
    cursor.queue.shift();
  }
  return { mentions };
}

function rereadDue(env: GraphStepEnv, m: GraphMedia, walkedAt: string | undefined): boolean {
  const posted = m.timestamp ? new Date(m.timestamp).getTime() : NaN;
  if (!(env.now.getTime() - posted < env.rereadWithinMs)) return false;
  return !walkedAt || env.now.getTime() - Date.parse(walkedAt) >= env.rereadEveryMs;
}

function isOwn(c: GraphComment, cursor: GraphCursor, env: GraphStepEnv): boolean {
  return c.from?.id === env.igUserId || (!!cursor.own && (c.username ?? c.from?.username) === cursor.own);
}

/**
 * The Graph API does not document the order of these edges. When a page is newest-first, a page
 * with nothing new means the rest is older and the walk can stop; otherwise read on to the cap.
 */
function isNewestFirst(items: { timestamp?: string }[]): boolean {
  const times = items.map((i) => i.timestamp ?? '').map((t) => new Date(t).getTime());
  return times.every((t, i) => i === 0 || !(t > times[i - 1]));
}

