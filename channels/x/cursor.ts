/**
 * The X channel's cursor: opaque JSON with one state per source ('mentions', 'query:<q>') so a
 * restart in the middle of a paginated backlog resumes at the same page, plus small per-cycle
 * figures. It is committed by the store together with the mentions of the page it follows.
 *
 * @example {"v":1,"sources":{"mentions":{"sinceId":"190","next":"t2","backlogNewest":"250","pagesLeft":null}},"ownPostsAt":"2026-03-01T10:00:00.000Z","cycleNew":3}
 */

export interface SourceState {
  /** Newest id fully ingested: the next cycle asks for posts after it. */
  sinceId?: string;
  /** Pagination token of the next (older) page of the current backlog. */
  next?: string;
  /** Newest id of the current backlog's first page; becomes sinceId once the backlog ends. */
  backlogNewest?: string;
  /** Polled at least once (even when empty): later posts are new, not history to skip. */
  primed?: boolean;
  /** Pages still allowed in this backlog; null: follow until done. */
  pagesLeft?: number | null;
  /** The current backlog is the first contact's history, not new posts. */
  history?: boolean;
}

export interface XCursor {
  v: 1;
  sources: Record<string, SourceState>;
  /** When the own timeline was last refreshed (UTC ISO). */
  ownPostsAt?: string;
  /** Last own-timeline attempt, successful or not, and the failures since the last success. */
  ownPostsTriedAt?: string;
  ownPostsFailures?: number;
  /** New posts (each once) so far in the current cycle (first page through the end of the backlog). */
  cycleNew?: number;
}

export function parseCursor(raw: string | null): XCursor {
  if (!raw) return { v: 1, sources: {} };
  try {
    const parsed = JSON.parse(raw) as Partial<XCursor>;
    if (parsed && parsed.v === 1 && parsed.sources && typeof parsed.sources === 'object') {
      const { ownPostsAt, ownPostsTriedAt, ownPostsFailures, cycleNew } = parsed;
      return { v: 1, sources: { ...parsed.sources }, ownPostsAt, ownPostsTriedAt, ownPostsFailures, cycleNew };
    }
  } catch {
    // fall through: an unreadable cursor restarts from "newest page" rather than crashing the poller
  }
  return { v: 1, sources: {} };
}

export function serializeCursor(c: XCursor): string {
  return JSON.stringify(c);
}

/** Post ids are decimal strings of up to 19 digits: compare as BigInt, not as numbers. */
export function newerId(a: string | undefined, b: string | undefined): string | undefined {
  if (!a) return b;
  if (!b) return a;
  return BigInt(a) >= BigInt(b) ? a : b;
}
