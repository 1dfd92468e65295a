/**
 * One poll step each: list own media, walk one page of a media's comments, one page of the
 * usertags feed, or the first page of a direct inbox. Each step edits the cursor it is given
 * (marks and the queue) and returns what it found; the channel commits both together.
 */
import type { OwnPost, RawMention } from '../../src/domain/mention';
import type { IgPrivateCursor, IgPrivateStep } from './cursor';
import { isNewer, maxId } from './cursor';
import type { IgUse } from './session';
import type { IgCommentLike, IgMediaLike, IgThreadLike } from './to-mention';
import { commentToMention, directItemToMention, mediaToOwnPost, usertagToMention } from './to-mention';

export interface StepLimits {
  mediaPerRound: number;
  maxCommentPagesPerMedia: number;
  maxUsertagPages: number;
  /** On a first sighting (no mark yet) only items newer than this are delivered (unix seconds). */
  firstSinceSec: number;
}

export interface StepOutput {
  mentions: RawMention[];
  ownPosts?: OwnPost[];
  skipped?: { externalId?: string; reason: string }[];
}

/** Threads we have no mark for get messages from a little before the previous inbox look. */
const INBOX_OVERLAP_US = 10n * 60n * 1_000_000n;

export async function runMediaStep(use: IgUse, cursor: IgPrivateCursor, limits: StepLimits): Promise<StepOutput> {
  const items = ((await use.ig.feed.user(use.ownPk).items()) as unknown as IgMediaLike[]).slice(0, limits.mediaPerRound);
  const walks: IgPrivateStep[] = [];
  const kept: IgPrivateCursor['media'] = {};
  for (const m of items) {
    const known = cursor.media[m.id];
    if (known) kept[m.id] = known;
    const count = m.comment_count ?? 0;
    if (count > 0 && (!known || known.count !== count)) {
      walks.push({ t: 'comments', mediaId: m.id, code: m.code, count, pages: 0 });
    }
  }
  // Media that left the recent window are forgotten: their marks would only grow the cursor.
  cursor.media = kept;
  cursor.queue.splice(0, 1, ...walks);
  return { mentions: [], ownPosts: items.map(mediaToOwnPost) };
}

export async function runCommentsStep(
  use: IgUse,
  cursor: IgPrivateCursor,
  step: Extract<IgPrivateStep, { t: 'comments' }>,
  limits: StepLimits,
): Promise<StepOutput> {
  const feed = use.ig.feed.mediaComments(step.mediaId);
  if (step.feed) feed.deserialize(step.feed);
  const comments = (await feed.items()) as unknown as IgCommentLike[];
  const mark = cursor.media[step.mediaId]?.mark;
  const sinceSec = mark === undefined ? limits.firstSinceSec : 0;
  const mentions: RawMention[] = [];
  let top = step.top;
  let anyNew = false;
  for (const comment of comments) {
    for (const c of [comment, ...(comment.preview_child_comments ?? [])]) {
      top = maxId(top, c.pk);
      if (!isNewer(c.pk, mark) || (c.created_at_utc ?? c.created_at ?? 0) < sinceSec) continue;
      anyNew = true;
      if (String(c.user_id ?? c.user?.pk) !== use.ownPk) mentions.push(commentToMention(c, { id: step.mediaId, code: step.code }));
    }
  }
  const pages = step.pages + 1;
  // Newest first: a page with nothing new means the rest was delivered on an earlier walk.
  if (anyNew && feed.isMoreAvailable() && pages < limits.maxCommentPagesPerMedia) {
    cursor.queue[0] = { ...step, feed: feed.serialize(), top, pages };
  } else {
    cursor.media[step.mediaId] = { count: step.count, ...(top !== undefined ? { mark: top } : {}) };
    cursor.queue.shift();
  }
  return { mentions };
}

export async function runUsertagsStep(
  use: IgUse,
  cursor: IgPrivateCursor,
  step: Extract<IgPrivateStep, { t: 'usertags' }>,
  limits: StepLimits,
): Promise<StepOutput> {
  const feed = use.ig.feed.usertags(use.ownPk);
  if (step.feed) feed.deserialize(step.feed);
  const items = (await feed.items()) as unknown as IgMediaLike[];
  const mark = cursor.usertagsMark;
  const sinceSec = mark === undefined ? limits.firstSinceSec : 0;
  const mentions: RawMention[] = [];
  let top = step.top;
  let anyNew = false;
  for (const m of items) {
    top = maxId(top, m.pk);
    if (!isNewer(m.pk, mark) || (m.taken_at ?? 0) < sinceSec) continue;
    anyNew = true;
    if (String(m.user?.pk) !== use.ownPk) mentions.push(usertagToMention(m));
  }
  const pages = step.pages + 1;
  if (anyNew && feed.isMoreAvailable() && pages < limits.maxUsertagPages) {
    cursor.queue[0] = { ...step, feed: feed.serialize(), top, pages };
  } else {
    if (top !== undefined) cursor.usertagsMark = top;
    cursor.queue.shift();
  }
  return { mentions };
}

/** First page of the inbox (or of message requests): 20 threads with their last 10 messages. */
export async function runInboxStep(
  use: IgUse,
  cursor: IgPrivateCursor,
  step: Extract<IgPrivateStep, { t: 'inbox' }>,
  limits: StepLimits,
  now: Date,
): Promise<StepOutput> {
  const feed = step.box === 'pending' ? use.ig.feed.directPending() : use.ig.feed.directInbox();
  const threads = (await feed.items()) as unknown as IgThreadLike[];
  const polledAt = cursor.boxPolledAt?.[step.box];
  const floor = polledAt ? String(BigInt(polledAt) - INBOX_OVERLAP_US) : String(BigInt(limits.firstSinceSec) * 1_000_000n);
  const mentions: RawMention[] = [];
  for (const thread of threads) {
    const mark = cursor.threads[thread.thread_id] ?? floor;
    let top: string | undefined = cursor.threads[thread.thread_id];
    for (const item of thread.items ?? []) {
      top = maxId(top, item.timestamp);
      if (!isNewer(item.timestamp, mark) || String(item.user_id) === use.ownPk) continue;
      mentions.push(directItemToMention(item, thread, step.box));
    }
    if (top !== undefined) cursor.threads[thread.thread_id] = top;
  }
  cursor.boxPolledAt = { ...cursor.boxPolledAt, [step.box]: String(BigInt(now.getTime()) * 1000n) };
  cursor.queue.shift();
  return { mentions };
}
