/**
 * The queue feature's store port: claims on mentions, the priority-ordered reply queue, its
 * per-domain counts, and status changes by agents. Adapters beside it: SQLite, MongoDB, memory.
 */
import type { Author, CaseStatus, ChannelName, Claim, Classification, Domain, Intent, Location, Mention, MentionStatus, Page, QueueChangeFeed, Urgency } from '../../domain';
import type { PostLink } from '../post-link';

/** Result of a claim attempt: won, or held by someone else until a time. */
export type ClaimOutcome =
  /** `renewed`: `by` already held an unexpired claim on it, which now runs longer. */
  | { ok: true; claim: Claim; renewed: boolean }
  | { ok: false; reason: 'held'; holder: Claim }
  | { ok: false; reason: 'not_found' };

export interface QueueQuery {
  /** Default needs_reply. */
  status: MentionStatus;
  domain?: Domain;
  /** Channel name or network (x, instagram, rss, replay). */
  channel?: string;
  intent?: Intent;
  urgency?: Urgency;
  /** User id holding an active claim; 'none' = unclaimed (or lease expired). */
  assignee?: string;
  /** Already normalized with normalizeForSearch; matched as a substring. */
  q?: string;
  /** A post's address searched for (post-link.ts): its path in the stored url, or an X status id as external id. */
  link?: PostLink;
  limit: number;
  cursor?: string;
  /** UTC ISO "now", for lease expiry in the assignee filter. */
  now: string;
}

/**
 * One line of the reply queue (GET /api/queue, default `view=list`): what the console's list shows,
 * plus the ids to open the rest. GET /api/mentions/:id has the whole Mention (evidence spans,
 * metrics, sources...). Each field has the same meaning and value as in Mention, so a Mention
 * projected with toQueueItem (src/queue/queue-item.ts) is one.
 */
export interface QueueItem {
  id: string;
  channel: ChannelName;
  network: string;
  author: Pick<Author, 'handle' | 'name'>;
  text: string;
  title?: string;
  createdAt: string;
  status: MentionStatus;
  classification: Pick<Classification, 'primaryDomain' | 'intent' | 'urgency'> & { location: Pick<Location, 'area'> };
  claim?: Claim;
  caseId?: string;
  /** The case's number (set by the queue service, not the store). */
  caseNumber?: string;
  /** Its status (set by the queue service with the number). */
  caseStatus?: CaseStatus;
}

export interface QueueStore {
  /**
   * Atomic: one conditional write. Wins when the mention is unclaimed, its lease has expired,
   * or `by` already holds it (renewal). `force` (supervisor reassign) always wins.
   */
  claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome>;
  /** Clears the claim when held by `by` (or by anyone when by is null). True when cleared. */
  releaseClaim(id: string, by: string | null): Promise<boolean>;
  /** Priority order: urgency (high first), then waiting time (oldest first), then author reach. */
  listQueue(query: QueueQuery): Promise<Page<Mention>>;
  /**
   * Optional lean listQueue: same filters, order and cursors (interchangeable with listQueue's),
   * items projected to QueueItem by the query itself, so evidence spans, metrics and the other
   * JSON columns are never read. Without it the queue service projects listQueue's Mentions.
   */
  listQueueItems?(query: QueueQuery): Promise<Page<QueueItem>>;
  /** Mentions per primary domain for the same filters (cursor ignored); key 'none' = no domain. */
  countQueueByDomain(query: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>>;
  /**
   * Optional: true when countQueueByDomain answers these filters from counters kept up to date on
   * every write (exact at once and cheap), so the queue service does not cache them. Without it
   * (or false) the service caches counts briefly per filter set.
   */
  hasLiveQueueCounts?(query: Omit<QueueQuery, 'limit' | 'cursor'>): boolean;
  /**
   * Optional: a value that changes whenever anything committed to the store may have changed,
   * by this process or another one on the same data, and is cheap to read (a few µs). The queue
   * serves a page again while it is unchanged. Without it, nothing is served from memory.
   */
  changeStamp?(): string;
  /**
   * Optional, finer than changeStamp: which mentions changed and where they sort now, so the queue
   * reads again only the pages a change can alter (src/domain/queue-changes.ts). Commits this store
   * cannot attribute (another process's) are told as `all`, at once or within a bound the store
   * documents. Without it, the queue page cache falls back to changeStamp.
   */
  queueChangeFeed?(): QueueChangeFeed;
  /**
   * Sets a mention's status (and when it changed); with `from`, only when the current status is
   * one of them. Marking a mention no_action/spam/duplicate also clears capture_pending; setting
   * it back to needs_reply sets it again when the mention is a works complaint without a case
   * (taken out of a shared case by a spam mark, or closed before capture), so case capture,
   * or its sweep after a crash, gives it a case again.
   * Returns the mention before and after, or null when not found / not in `from`.
   */
  setMentionStatus(id: string, status: MentionStatus, opts?: { from?: MentionStatus[]; at?: string }): Promise<{ before: Mention; after: Mention } | null>;
}
