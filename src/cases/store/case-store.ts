/**
 * The cases feature's store ports: cases and their gap-free numbering, capture of
 * complaint mentions into cases, and one outbox for everything that must leave the process
 * reliably after a case changes (forwarding to the national system, outgoing webhooks, citizen
 * replies). Policy (who may do what, which transitions are allowed, SLA hours, routing) lives in
 * src/cases; the store only makes each change atomic.
 */
import type { Case, CaseEvent, CaseStatus, Domain, Location, Mention, NewOutboxMessage, OutboxMessage, OutboxState, OutboxTarget, OutboxTopic, Page, Urgency } from '../../domain';

export type { CaseEvent, NewOutboxMessage, OutboxMessage, OutboxState, OutboxTarget, OutboxTopic } from '../../domain';

/** What a new case is made of; the store adds id, number, history and timestamps. */
export interface NewCase {
  domain: Domain;
  unit: string;
  urgency: Urgency;
  location: Location;
  citizen: { channel: string; handle: string };
  openedAt: string;
  slaDueAt: string;
  /** Number prefix, e.g. MOW; the counter is kept per prefix and year. */
  prefix: string;
  /** Year of the number (in the display time zone, decided by the caller). */
  year: number;
  /** Free text for cases that did not come from a mention (Open311, forms). */
  description?: string;
  /** Where it came from: 'ingest', 'open311', ... */
  source: string;
  actor: string;
}

/** De-dup windows: a complaint is linked to an open case instead of opening another. */
export interface CaseDedupRules {
  /** Same author (channel + author id) and domain, within this many ms of the case's last complaint. */
  sameAuthorMs: number;
  /** Same block or road and domain, within this many ms of the case's last complaint. */
  samePlaceMs: number;
}

export interface CaptureRequest {
  mentionId: string;
  /** Used only when no open case matches; its openedAt is also the time of the change. */
  newCase: NewCase;
  dedup: CaseDedupRules;
  /** Queued only when a case is opened (case.created / acknowledgement). */
  onOpened: OutboxTarget[];
  /**
   * When joining an open case, the time of its `mention_linked` entry: a person's step that
   * captures (a correction, a post set back) links now; by default the complaint's own time
   * (newCase.openedAt), so a fresh complaint's link sits where it was posted.
   */
  linkedAt?: string;
}

export type CaptureResult =
  | { outcome: 'opened'; case: Case }
  | { outcome: 'linked'; case: Case }
  /** The mention was not pending any more (captured by another run) or does not exist. */
  | { outcome: 'not_pending' };

export interface CaseQuery {
  status?: CaseStatus;
  domain?: Domain;
  unit?: string;
  urgency?: Urgency;
  area?: string;
  /** Block number as the location names it, e.g. '324'. */
  block?: string;
  /** Any of these areas (a place's spellings, see areaSpellings in case-routes.ts); [] matches none. */
  areas?: string[];
  /** A user id; null: cases nobody is assigned to. */
  assignee?: string | null;
  /** Only these case numbers ([] matches none): the cases whose forwarding is in a given state. */
  numbers?: string[];
  /** UTC ISO "now": only open/in-progress cases whose SLA is due before it. */
  overdueAt?: string;
  /** requested_datetime range for Open311 (opened at, inclusive). */
  openedFrom?: string;
  openedTo?: string;
  statuses?: CaseStatus[];
  domains?: Domain[];
  limit: number;
  cursor?: string;
}

export interface CaseUpdate {
  status?: CaseStatus;
  /** A person corrected the complaint's works domain (history `domain_changed`); the unit moves with `unit`. */
  domain?: Domain;
  unit?: string;
  /** null clears the assignee. */
  assignee?: string | null;
  externalRef?: string;
  note?: string;
  /** Optimistic check: the update fails with case_changed (409) if the stored status differs. */
  ifStatus?: CaseStatus;
  actor: string;
  at: string;
  /** History action name for the status entry (default 'status_changed'). */
  statusAction?: string;
  /** Queued with the update when the status changes. */
  onStatusChanged?: OutboxTarget[];
  /** Queued with the update when the unit changes (a target also in onStatusChanged is queued once). */
  onUnitChanged?: OutboxTarget[];
  /**
   * A new SLA due time (a reopened case's fresh SLA), recorded as an `sla_restarted` history entry
   * (from the old due time to the new one). Ignored when equal to the stored one.
   */
  slaDueAt?: string;
}

export interface CaseUpdateResult {
  before: Case;
  after: Case;
}

export interface CaseLabel {
  number: string;
  status: CaseStatus;
}

export interface CaseStore {
  /** Mentions still waiting for capture (oldest first): leftovers after a crash. */
  listCapturePending(limit: number): Promise<Mention[]>;
  /**
   * Mentions their case disagrees with, left by a crash between a post's change and its case's
   * (src/cases/case-link-repair.ts): linked to a case from ingest that is not closed while marked
   * spam or no longer a works complaint; or a works complaint, not spam, linked to a case from
   * ingest whose last history entry is `closedAction` (closed as not a complaint).
   */
  listStrayCaseLinks(closedAction: string, limit: number): Promise<Mention[]>;
  /**
   * In ONE transaction: checks the mention is still pending, links it to a matching open case
   * (de-dup rules) or opens a new numbered case, links mention and case, clears capture_pending
   * and queues the outbox messages. A crash at any moment neither loses nor duplicates a case.
   */
  captureMention(req: CaptureRequest): Promise<CaptureResult>;
  /** Clears capture_pending without a case (below the confidence threshold). True if it was pending. */
  skipCapture(mentionId: string): Promise<boolean>;
  /** Opens a case that has no mention (Open311 POST), numbered like the others. */
  openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case>;
  getCase(number: string): Promise<Case | null>;
  getCaseById(id: string): Promise<Case | null>;
  /** Number and status of each case of `ids` that exists (one read: the queue's cards name their posts' cases). */
  caseLabels(ids: string[]): Promise<Map<string, CaseLabel>>;
  /** Newest first, cursor-paginated. */
  listCases(query: CaseQuery): Promise<Page<Case>>;
  /**
   * Applies the change with history entries and outbox messages in one transaction.
   * Null when the case does not exist; throws ConflictError('case_changed') when ifStatus fails.
   */
  updateCase(number: string, update: CaseUpdate): Promise<CaseUpdateResult | null>;
  /**
   * Takes a mention out of a case (it was not a complaint after all) with a `mention_unlinked`
   * history entry naming it, in one transaction; the case is otherwise unchanged. Null when the
   * case does not exist; `after` equals `before` when the mention was not linked to it.
   */
  unlinkMention(number: string, mentionId: string, change: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null>;
  /**
   * Records the first reply sent on a mention linked to a case (the reply sender calls this).
   * Only the first call per case has an effect; with `stamp: false` (an automatic notice, which
   * answers nobody) it stamps nothing. Returns the case number, or null if not linked.
   */
  markCaseFirstResponse(mentionId: string, at: string, opts?: { stamp?: boolean }): Promise<string | null>;
}

/** The cases' outbox: messages written with the case change that caused them, delivered at least once by a job. */
export interface CaseOutboxStore {
  /** Queues messages outside a case change (reply.sent webhooks), due from `at` (default now). */
  enqueueOutbox(messages: NewOutboxMessage[], at?: string): Promise<void>;
  /**
   * Takes up to `limit` pending messages due at `now` and pushes their next attempt `leaseMs`
   * ahead, so a crashed delivery is retried after the lease and two workers never share one.
   */
  claimDueOutbox(now: string, limit: number, leaseMs: number): Promise<OutboxMessage[]>;
  markOutboxDelivered(id: string, at: string): Promise<void>;
  /** Records a failed attempt; nextAttemptAt null gives up (state dead). */
  markOutboxFailed(id: string, error: string, nextAttemptAt: string | null): Promise<void>;
  /**
   * Puts a claimed, still pending message back until `nextAttemptAt` without counting the attempt
   * (it was not tried: an earlier message of the same case must go first). Its last error stays.
   */
  deferOutbox(id: string, nextAttemptAt: string): Promise<void>;
  listOutbox(query: { topic?: OutboxTopic; state?: OutboxState; subject?: string; limit: number }): Promise<OutboxMessage[]>;
}
