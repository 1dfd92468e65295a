/**
 * The instagram_graph channel's cursor: per-post comment counts and newest delivered timestamp,
 * the newest tagged post delivered, and the steps left in the current round (with the Graph
 * "after" cursor of the page to read next), so a restart resumes at the committed page.
 */
export type GraphStep =
  | { t: 'media' }
  | {
      t: 'comments';
      mediaId: string;
      permalink?: string;
      count: number;
      after?: string;
      /** Newest comment seen in this walk; merged into the post's mark when the walk ends. */
      top?: Mark;
      pages: number;
    }
  | { t: 'tags'; after?: string; top?: Mark; pages: number };

/** Newest delivered timestamp (ISO) and the ids delivered at exactly that second. */
export interface Mark {
  ts: string;
  ids: string[];
}

export interface GraphCursor {
  v: 1;
  /** The account's own username (learnt from its media), to skip its own comments. */
  own?: string;
  /** Per recent own post: comment count, newest delivered comment, when its comments were last read. */
  media: Record<string, { count: number; mark?: Mark; walkedAt?: string }>;
  tagsMark?: Mark;
  queue: GraphStep[];
}

export function parseGraphCursor(raw: string | null): GraphCursor {
  if (!raw) return { v: 1, media: {}, queue: [] };
  const parsed = JSON.parse(raw) as GraphCursor;
  if (parsed.v !== 1) throw new Error(`unknown instagram_graph cursor version ${String(parsed.v)}`);
  return { ...parsed, media: parsed.media ?? {}, queue: parsed.queue ?? [] };
}

/** ISO timestamps from the Graph API ("+0000") normalised so they compare as strings. */
export function isoTime(graphTimestamp: string | undefined, fallback: Date): string {
  const d = graphTimestamp ? new Date(graphTimestamp) : fallback;
  return Number.isNaN(d.getTime()) ? fallback.toISOString() : d.toISOString();
}

/** Was this item not delivered yet? Without a mark, anything from `floor` on is new. */
export function isAfterMark(ts: string, id: string, mark: Mark | undefined, floor: string): boolean {
  if (!mark) return ts >= floor;
  return ts > mark.ts || (ts === mark.ts && !mark.ids.includes(id));
}

export function advanceMark(mark: Mark | undefined, ts: string, id: string): Mark {
  if (!mark || ts > mark.ts) return { ts, ids: [id] };
  if (ts === mark.ts && !mark.ids.includes(id)) return { ts, ids: [...mark.ids, id] };
  return mark;
}

export function mergeMarks(a: Mark | undefined, b: Mark | undefined): Mark | undefined {
  if (!a || !b) return a ?? b;
  return b.ids.reduce((m, id) => advanceMark(m, b.ts, id), a);
}
