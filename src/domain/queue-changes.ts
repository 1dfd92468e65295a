/**
 * Changes to mentions as the queue page cache needs them: which rows changed and where they sort
 * now, so that only the pages they can alter are read again (src/queue/queue-page-cache.ts).
 */
import type { MentionStatus } from './mention';

/** A mention's queue columns: what the queue filters on and sorts by. */
export interface QueueRow {
  id: string;
  status: MentionStatus;
  primaryDomain: string | null;
  channel: string;
  network: string;
  intent: string;
  urgency: string;
  /** Queue order: urgencyRank (0 = high), then createdAt (oldest first), then followers (most first), then id. */
  urgencyRank: number;
  createdAt: string;
  followers: number;
}

/** One notice of changes; a listener treats every field it gets. */
export interface QueueChanges {
  /** Anything may have changed (another process committed): every page is read again. */
  all?: boolean;
  /** Mentions whose row changed or went away: pages showing them are read again. */
  changedIds?: string[];
  /** Mentions as they are now (new or changed): pages they now sort into are read again. */
  rows?: QueueRow[];
  /** Known mentions got new metrics and sources (which ones is not told): pages of whole Mentions are read again. */
  refreshed?: boolean;
}

/** A store's feed of committed changes to mentions (ReplyStore.queueChangeFeed). */
export interface QueueChangeFeed {
  /**
   * Tells the listeners what has been committed since the last call and not told yet. Cheap when
   * nothing was (a few µs): the page cache calls it before every lookup.
   */
  sync(): void;
  /** Listens until the returned function is called. */
  subscribe(listener: (changes: QueueChanges) => void): () => void;
}
