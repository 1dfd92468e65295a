/**
 * Which changes can alter a kept queue page: a change to a mention the page shows, or a mention
 * that now matches the page's filters and sorts into its stretch of the queue order, i.e. after
 * the cursor it was asked with and, when more follows it, not after its last item. A mention
 * that sorts after a full page, or does not match its filters (another status, domain, channel...),
 * leaves it as it is.
 */
import type { QueueChanges, QueueRow } from '../domain';
import type { QueueQuery } from './store/queue-store';
import { decodePageCursor } from '../store/page-cursor';

/** Queue order as one ascending key: urgency rank, createdAt, then most followers first, then id. */
type OrderKey = [number, string, number, string];

export interface PageReach {
  filters: Omit<QueueQuery, 'limit' | 'cursor' | 'now'>;
  /** Whole Mentions (view=full): they also show metrics, which ingest refreshes. */
  full: boolean;
  ids: Set<string>;
  /** Only mentions sorting after this are on the page (the cursor it was asked with). */
  after?: OrderKey;
  /** More follows the page: only mentions sorting up to this (its last item) are on it. */
  upTo?: OrderKey;
}

/** The reach of a page read for query; undefined when it cannot be told (any change then alters it). */
export function reachOf(query: QueueQuery & { view?: string }, page: unknown): PageReach | undefined {
  if (!isPage(page)) return undefined;
  // A link's page spans every status (queue-service readLinked): any change may alter it.
  if (query.link) return undefined;
  const { limit: _l, cursor, now: _n, view, ...filters } = query;
  try {
    return {
      filters,
      full: view === 'full',
      ids: new Set(page.items.map((i) => i.id)),
      ...(cursor ? { after: orderKeyOfCursor(cursor) } : {}),
      ...(page.nextCursor ? { upTo: orderKeyOfCursor(page.nextCursor) } : {}),
    };
  } catch {
    return undefined;
  }
}

export function alters(reach: PageReach | undefined, changes: QueueChanges): boolean {
  if (changes.all || !reach) return true;
  if (changes.refreshed && reach.full) return true;
  if (changes.changedIds?.some((id) => reach.ids.has(id))) return true;
  return changes.rows?.some((row) => sortsInto(reach, row)) ?? false;
}

function sortsInto(reach: PageReach, row: QueueRow): boolean {
  const f = reach.filters;
  if (row.status !== f.status) return false;
  if (f.domain && row.primaryDomain !== f.domain) return false;
  if (f.channel && row.channel !== f.channel && row.network !== f.channel) return false;
  if (f.intent && row.intent !== f.intent) return false;
  if (f.urgency && row.urgency !== f.urgency) return false;
  // q (a substring of the normalized text) and assignee (claims) are not in the row: assume a match.
  const key: OrderKey = [row.urgencyRank, row.createdAt, -row.followers, row.id];
  if (reach.after && compare(key, reach.after) <= 0) return false;
  if (reach.upTo && compare(key, reach.upTo) > 0) return false;
  return true;
}

/** The cursor of both stores (src/queue/store/sqlite-queue-store.ts, mongo-queue-store.ts): [rank, createdAt, followers, id]. */
function orderKeyOfCursor(cursor: string): OrderKey {
  const [u, c, f, id] = decodePageCursor(cursor, 4);
  if (typeof u !== 'number' || typeof c !== 'string' || typeof f !== 'number' || typeof id !== 'string') throw new Error('not a queue cursor');
  return [u, c, -f, id];
}

/** Binary order on strings (as SQLite's default collation on these ASCII values), numeric on numbers. */
function compare(a: OrderKey, b: OrderKey): number {
  for (let i = 0; i < a.length; i++) {
    if (a[i] < b[i]) return -1;
    if (a[i] > b[i]) return 1;
  }
  return 0;
}

function isPage(x: unknown): x is { items: { id: string }[]; nextCursor?: string | null } {
  const p = x as { items?: unknown; nextCursor?: unknown } | null;
  return (
    typeof p === 'object' && p !== null && Array.isArray(p.items) && p.items.every((i) => typeof (i as { id?: unknown })?.id === 'string') &&
    (p.nextCursor === undefined || p.nextCursor === null || typeof p.nextCursor === 'string')
  );
}
