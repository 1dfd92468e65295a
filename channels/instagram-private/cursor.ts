/**
 * The instagram-private channel's cursor: what was already delivered (high-water marks per media,
 * usertags and DM thread) plus the work left in the current round, so one poll = one request and
 * a crash between two polls resumes exactly where the last committed cursor says.
 */

/** One unit of work; each poll runs the first step of the queue. */
export type IgPrivateStep =
  | { t: 'media' }
  | {
      t: 'comments';
      mediaId: string;
      code?: string;
      /** comment_count seen in the media list when the step was queued. */
      count: number;
      /** The library's own serialized feed state (next_max_id/next_min_id) for the next page. */
      feed?: string;
      /** Newest comment pk seen so far in this walk; becomes the media's mark when done. */
      top?: string;
      pages: number;
    }
  | { t: 'usertags'; feed?: string; top?: string; pages: number }
  | { t: 'inbox'; box: 'inbox' | 'pending' };

export interface IgPrivateCursor {
  v: 1;
  /** Per media id: comment_count last walked and the newest comment pk delivered. */
  media: Record<string, { count: number; mark?: string }>;
  /** Newest usertag media pk delivered. */
  usertagsMark?: string;
  /** Per DM thread id: newest item timestamp (microseconds, as Instagram sends it) seen. */
  threads: Record<string, string>;
  /** When each inbox step last ran (µs); the floor for threads we have no mark for. */
  boxPolledAt?: Partial<Record<'inbox' | 'pending', string>>;
  queue: IgPrivateStep[];
}

const MAX_THREADS_KEPT = 300;

export function parseIgPrivateCursor(raw: string | null): IgPrivateCursor {
  if (!raw) return { v: 1, media: {}, threads: {}, queue: [] };
  const parsed = JSON.parse(raw) as IgPrivateCursor;
  if (parsed.v !== 1) throw new Error(`unknown instagram cursor version ${String(parsed.v)}`);
  return { ...parsed, media: parsed.media ?? {}, threads: parsed.threads ?? {}, queue: parsed.queue ?? [] };
}

export function serializeIgPrivateCursor(cursor: IgPrivateCursor): string {
  return JSON.stringify(pruneThreads(cursor));
}

/** Keep the cursor small: forget the threads that were quiet longest. */
function pruneThreads(cursor: IgPrivateCursor): IgPrivateCursor {
  const entries = Object.entries(cursor.threads);
  if (entries.length <= MAX_THREADS_KEPT) return cursor;
  entries.sort((a, b) => compareIds(b[1], a[1]));
  return { ...cursor, threads: Object.fromEntries(entries.slice(0, MAX_THREADS_KEPT)) };
}

/** Instagram ids and µs timestamps are decimal strings longer than 2^53: compare them as BigInt. */
export function compareIds(a: string, b: string): number {
  const x = BigInt(a);
  const y = BigInt(b);
  return x === y ? 0 : x > y ? 1 : -1;
}

export function isNewer(id: string | number, mark: string | undefined): boolean {
  return mark === undefined || compareIds(String(id), mark) > 0;
}

export function maxId(a: string | undefined, b: string | number): string {
  const s = String(b);
  return a === undefined || compareIds(s, a) > 0 ? s : a;
}
