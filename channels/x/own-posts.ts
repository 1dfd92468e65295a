/**
 * The account's own timeline, read for engagement figures at most every ownPostsIntervalMs. Every
 * attempt is recorded in the cursor (so a restart respects it); after a failure the next attempt
 * waits 1, 2, 4 … minutes (never longer than the normal interval), because a failing timeline
 * must not cost a request and a log line on every poll.
 */
import type { PollContext, PollResult } from '../channel';
import type { XClients } from './client';
import type { XCursor } from './cursor';
import { mapXError } from './errors';
import { ENDPOINTS, MIN_PAGE, fetchOwnTweets, type FetchedPage } from './fetch-page';
import { toOwnPost } from './map-tweet';
import type { RateLimitBook } from './rate-limits';
import { toRateLimitInfo } from './rate-limits';
import type { ResolvedXOptions } from './resolved-options';

const RETRY_BASE_MS = 60_000;

export interface OwnPostsRun {
  ctx: PollContext;
  now: Date;
  book: RateLimitBook;
  /** Posts still allowed in this call (Infinity without a cap). */
  allowance: number;
  reads: number;
  requests: number;
}

/** When the next own-timeline read may happen, from the cursor's record of the last attempts. */
export function ownPostsDueAt(cursor: XCursor, intervalMs: number): number {
  const failures = cursor.ownPostsFailures ?? 0;
  if (failures > 0 && cursor.ownPostsTriedAt) {
    return Date.parse(cursor.ownPostsTriedAt) + Math.min(intervalMs, RETRY_BASE_MS * 2 ** (failures - 1));
  }
  return (cursor.ownPostsAt ? Date.parse(cursor.ownPostsAt) : 0) + intervalMs;
}

export async function refreshOwnPosts(
  clients: XClients,
  opts: ResolvedXOptions,
  account: { id: string; username?: string },
  cursor: XCursor,
  run: OwnPostsRun,
): Promise<PollResult['ownPosts']> {
  if (opts.ownPostsMax <= 0 || run.now.getTime() < ownPostsDueAt(cursor, opts.ownPostsIntervalMs)) return undefined;
  const max = Math.min(opts.ownPostsMax, run.allowance);
  if (max < MIN_PAGE.ownTweets) return undefined;
  if (run.book.exhaustedUntil(ENDPOINTS.ownTweets, run.now)) return undefined;
  run.requests += 1;
  cursor.ownPostsTriedAt = run.now.toISOString();
  try {
    const page = await fetchOwnTweets(clients.user, account.id, Math.max(max, MIN_PAGE.ownTweets), opts.requestTimeoutMs);
    run.book.record(toRateLimitInfo(ENDPOINTS.ownTweets, page.rateLimit));
    const data = page.body.data ?? [];
    run.reads += data.length;
    run.allowance -= data.length;
    cursor.ownPostsAt = run.now.toISOString();
    delete cursor.ownPostsFailures;
    return data.map((t) => toOwnPost(t, account.username));
  } catch (err) {
    // Engagement figures can wait; a failure here must not hold back citizens' mentions.
    run.book.record(toRateLimitInfo(ENDPOINTS.ownTweets, (err as { rateLimit?: FetchedPage['rateLimit'] }).rateLimit));
    cursor.ownPostsFailures = (cursor.ownPostsFailures ?? 0) + 1;
    const retryAt = new Date(ownPostsDueAt(cursor, opts.ownPostsIntervalMs)).toISOString();
    run.ctx.log.warn(
      { channel: 'x', failures: cursor.ownPostsFailures, retryAt, err: mapXError(err, { now: run.now }).message },
      'x own timeline refresh failed',
    );
    return undefined;
  }
}
