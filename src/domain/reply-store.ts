/**
 * The reply part of the Store port (issue 5a): users and their tokens/sessions, reply templates,
 * claims on mentions, the reply queue view, replies and their outbox, and the audit trail.
 * Records used only by this part (User, Template, ...) are declared here too.
 */
import type { AuditEntry } from './audit';
import type { QueueChangeFeed } from './queue-changes';
import type { Classification, Domain, Intent, Location, Urgency } from './classification';
import type { Author, ChannelName, Claim, Mention, MentionStatus } from './mention';
import type { Reply, ReplyState } from './reply';
import type { Page } from './page';

export type Role = 'agent' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export interface User {
  id: string;
  /** Unique (case-insensitive), shown in the console and in 409 "held by" answers. */
  name: string;
  role: Role;
  /** Trainee agents' replies need a supervisor's approval (APPROVAL_FOR_TRAINEES). */
  trainee: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  trainee?: boolean;
  /** sha256 (hex) of the API token; the token itself is never stored. */
  tokenHash: string;
}

export type UserPatch = Partial<Pick<User, 'role' | 'trainee' | 'disabled'>> & { tokenHash?: string };

/** A console sign-in: the cookie value is only stored hashed, like API tokens. */
export interface Session {
  idHash: string;
  userId: string;
  /** Sent back by the console in X-CSRF-Token on state-changing requests. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export type TemplateLang = 'ar' | 'en';

export interface Template {
  id: string;
  /** Stable slug used by automatic replies, e.g. 'case_ack', 'case_resolved'. */
  key: string;
  name: string;
  /** At least one of the two languages is present. */
  bodies: Partial<Record<TemplateLang, string>>;
  createdAt: string;
  updatedAt: string;
  updatedBy: string;
}

export interface NewTemplate {
  key: string;
  name: string;
  bodies: Partial<Record<TemplateLang, string>>;
  updatedBy: string;
}

export type TemplatePatch = Partial<Pick<Template, 'name' | 'bodies'>> & { updatedBy: string };

/** Result of a claim attempt: won, or held by someone else until a time. */
export type ClaimOutcome =
  | { ok: true; claim: Claim }
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
  limit: number;
  cursor?: string;
  /** UTC ISO "now", for lease expiry in the assignee filter. */
  now: string;
}

/**
 * One line of the reply queue (GET /api/queue, default `view=list`): what the console's list shows,
 * plus the ids to open the rest. GET /api/mentions/:id has the whole Mention (evidence spans,
 * metrics, sources...). Each field has the same meaning and value as in Mention, so a Mention
 * projected with toQueueItem (src/replies/queue-item.ts) is one.
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
}

export interface NewReply {
  mentionId: string;
  text: string;
  templateId?: string;
  author: string;
  state: Extract<ReplyState, 'awaiting_approval' | 'queued'>;
  purpose: NonNullable<Reply['purpose']>;
  /** Unique when set: a second createReply with the same key returns the existing reply. */
  dedupeKey?: string;
  /** When it was written, for history written afterwards (the demo's); default now. */
  createdAt?: string;
}

export interface ReplyQuery {
  state?: ReplyState;
  mentionId?: string;
  limit: number;
  cursor?: string;
}

/** Fields a reply transition may set; undefined leaves a field alone, null clears it. */
export interface ReplyChange {
  state: ReplyState;
  externalId?: string | null;
  url?: string | null;
  error?: string | null;
  approvedBy?: string;
  nextAttemptAt?: string | null;
  sentAt?: string;
  text?: string;
}

export interface AuditQuery {
  subject?: string;
  actor?: string;
  action?: string;
  limit: number;
  cursor?: string;
}

export type NewAuditEntry = Omit<AuditEntry, 'id' | 'at'> & { at?: string };

export interface ReplyStore {
  // users, tokens, sessions
  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  findUserByName(name: string): Promise<User | null>;
  /** Only enabled users. */
  findUserByTokenHash(tokenHash: string): Promise<User | null>;
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  createSession(session: Session): Promise<void>;
  /** Only unexpired sessions of enabled users. */
  findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(idHash: string): Promise<void>;

  // templates
  createTemplate(t: NewTemplate): Promise<Template>;
  getTemplate(id: string): Promise<Template | null>;
  getTemplateByKey(key: string): Promise<Template | null>;
  listTemplates(): Promise<Template[]>;
  updateTemplate(id: string, patch: TemplatePatch): Promise<Template | null>;
  deleteTemplate(id: string): Promise<boolean>;

  // claims and the queue
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
   * one of them. Marking a mention no_action/spam/duplicate also clears capture_pending.
   * Returns the mention before and after, or null when not found / not in `from`.
   */
  setMentionStatus(id: string, status: MentionStatus, opts?: { from?: MentionStatus[]; at?: string }): Promise<{ before: Mention; after: Mention } | null>;

  // replies and the outbox
  /** Inserts a reply with a fresh idempotency key; with a known dedupeKey returns the existing one. */
  createReply(reply: NewReply): Promise<{ reply: Reply; created: boolean }>;
  getReply(id: string): Promise<Reply | null>;
  /** Newest first. */
  listReplies(query: ReplyQuery): Promise<Page<Reply>>;
  /** Conditional transition: applies only when the current state is one of `from`. */
  transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null>;
  /**
   * Takes the oldest due queued reply and moves it to `sending` (attempts + 1) in one atomic
   * write, persisted before the channel is called. Null when nothing is due.
   */
  takeNextOutboxReply(now: string): Promise<Reply | null>;
  /**
   * Records a successful send: reply → sent (externalId, url, sentAt) and its mention → replied,
   * claim cleared, in one transaction. Null when the reply was not `sending`.
   */
  recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null>;
  /** At start-up: every `sending` reply (a crash mid-send) becomes `unknown`. Returns them. */
  markInterruptedSendsUnknown(at: string): Promise<Reply[]>;

  // audit
  appendAudit(entry: NewAuditEntry): Promise<AuditEntry>;
  /** Newest first. */
  listAudit(query: AuditQuery): Promise<Page<AuditEntry>>;
}
