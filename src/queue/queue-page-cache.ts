/**
 * Queue pages answered again from memory while nothing that could alter them has changed.
 *
 * Every agent's console polls the queue, and most of them look at the same first page with the
 * same filters; reading it is about half of the request's CPU time (21 rows and their Arabic text
 * out of SQLite, JSON; bench:api: 330 µs per request without this cache, 155 µs with it while a
 * claim is written every 100 ms).
 *
 * With the store's change feed (ReplyStore.queueChangeFeed, SQLite) a kept page is dropped only by
 * a change that can alter it (queue-page-reach.ts): a claim, release, status change or reply on a
 * mention it shows, or a new or changed mention that matches its filters and sorts into it. New
 * mentions of a flood that sort after the page, or that do not wait for a reply, leave it in
 * memory. The feed is brought up to date before every lookup, so this process's writes (and its
 * ingest, as each page's write resolves) are never missed; other processes' commits are seen at
 * once, or within a second while this process's ingest writer is busy (sqlite/queue-change-feed.ts).
 * The per-domain counts beside the page change with any new mention, so they are kept only until
 * the feed tells the next change of any kind (a few reads a second during a flood, not one per request).
 *
 * Without a feed, a page is kept with the store's change stamp (ReplyStore.changeStamp) and served
 * only while the stamp is the same, i.e. until anything at all is committed.
 *
 * Not cached: queries whose answer moves with the clock rather than the data (the assignee
 * filter: leases expire), and anything when the store has neither a feed nor a change stamp.
 */
import type { QueueChangeFeed, QueueChanges } from '../domain';
import type { QueueQuery } from './store/queue-store';
import { alters, reachOf, type PageReach } from './queue-page-reach';

const MAX_PAGES = 200;

interface KeptPage {
  body: string;
  /** The change stamp it was read at (without a feed). */
  stamp?: string;
  /** What can alter it (with a feed); undefined: any change. */
  reach?: PageReach;
}

export class QueuePageCache {
  private readonly pages = new Map<string, KeptPage>();
  /** Per-domain counts by filter set (with a feed): kept until the next notice of any change. */
  private readonly counted = new Map<string, string>();
  /** Notices received from the feed so far: a page read while one arrived is not kept. */
  private notices = 0;

  constructor(
    private readonly changeStamp: (() => string) | undefined,
    private readonly feed?: QueueChangeFeed,
  ) {
    feed?.subscribe((changes) => this.drop(changes));
  }

  /**
   * The JSON body for the query: from memory while nothing has altered it, else from `read`. A
   * page read while a change was committed in between is not kept.
   */
  async body(query: QueueQuery & { view?: string }, read: () => Promise<unknown>): Promise<string> {
    if (this.feed) return this.bodyWithFeed(this.feed, query, read);
    if (!this.changeStamp || query.assignee) return JSON.stringify(await read());
    const key = keyOf(query);
    const before = this.changeStamp();
    const kept = this.pages.get(key);
    if (kept && kept.stamp === before) return kept.body;
    const body = JSON.stringify(await read());
    if (this.changeStamp() === before) {
      // Pages of an older stamp can never be served again: drop them all, then bound the rest.
      if (kept || this.pages.size >= MAX_PAGES) this.dropStale(before);
      this.pages.set(key, { stamp: before, body });
    }
    return body;
  }

  private async bodyWithFeed(feed: QueueChangeFeed, query: QueueQuery & { view?: string }, read: () => Promise<unknown>): Promise<string> {
    if (query.assignee) return JSON.stringify(await read());
    feed.sync();
    const key = keyOf(query);
    const kept = this.pages.get(key);
    if (kept) return kept.body;
    const noticesBefore = this.notices;
    const page = await read();
    const body = JSON.stringify(page);
    feed.sync();
    if (this.notices === noticesBefore) {
      if (this.pages.size >= MAX_PAGES) this.pages.clear();
      this.pages.set(key, { body, reach: reachOf(query, page) });
    }
    return body;
  }

  /**
   * The JSON of the per-domain counts for the query's filters (not its domain, page or view):
   * with a feed, kept until the feed tells any change at all (a new mention anywhere changes them);
   * without one, read every time.
   */
  async counts(query: QueueQuery, read: () => Promise<unknown>): Promise<string> {
    if (!this.feed || query.assignee) return JSON.stringify(await read());
    this.feed.sync();
    const { limit: _l, cursor: _c, now: _n, domain: _d, ...filters } = query;
    const key = JSON.stringify(filters);
    const kept = this.counted.get(key);
    if (kept) return kept;
    const noticesBefore = this.notices;
    const body = JSON.stringify(await read());
    this.feed.sync();
    if (this.notices === noticesBefore) {
      if (this.counted.size >= MAX_PAGES) this.counted.clear();
      this.counted.set(key, body);
    }
    return body;
  }

  private drop(changes: QueueChanges): void {
    this.notices++;
    this.counted.clear();
    if (changes.all) return this.pages.clear();
    for (const [key, page] of this.pages) if (alters(page.reach, changes)) this.pages.delete(key);
  }

  private dropStale(stamp: string): void {
    for (const [key, page] of this.pages) if (page.stamp !== stamp) this.pages.delete(key);
    if (this.pages.size >= MAX_PAGES) this.pages.clear();
  }
}

/** The clock is not part of the key: a later poll of the same page is the same page. */
function keyOf(query: QueueQuery & { view?: string }): string {
  const { now: _clock, ...rest } = query;
  return JSON.stringify(rest);
}
