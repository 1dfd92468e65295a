/**
 * Case documents on MongoDB and the pure parts of the case queries: document → Case, the list
 * filter, the de-dup match filter, and the update of one case change. History is embedded in the
 * case document (one atomic write changes a case and its history); mention ids come from the
 * mentions' caseId, like SQLite's mentions.case_id.
 */
import type { Filter, UpdateFilter } from 'mongodb';
import { routedToNote, type Case, type CaseHistoryEntry, type Location } from '../../domain';
import type { CaseEvent, CaseQuery, CaseUpdate, CaptureRequest, NewCase, OutboxTarget, OutboxTopic } from './case-store';
import { stripUndefined } from '../../store/mongodb/mention-docs';
import { decodePageCursor } from '../../store/page-cursor';
import { changeTargets } from './case-change-targets';

/** An outbox message decided together with a case change, moved to the outbox right after. */
export interface PendingOutboxEntry {
  /** The outbox message id (time-ordered), fixed when decided so moving it is idempotent. */
  id: string;
  topic: OutboxTopic;
  destination: string;
  event: CaseEvent;
  at: string;
}

export interface CaseDoc {
  _id: string;
  number: string;
  domain: Case['domain'];
  unit: string;
  assignee?: string;
  status: Case['status'];
  urgency: Case['urgency'];
  location: Location;
  /** Location parts copied out for the de-dup and list indexes (null when absent). */
  area: string | null;
  block: string | null;
  road: string | null;
  citizen: { channel: string; handle: string };
  /** network + author id of the first complaint: the same-author de-dup key. */
  authorKey: string | null;
  openedAt: string;
  lastComplaintAt: string;
  slaDueAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  updatedAt: string;
  externalRef?: string;
  description?: string;
  source: string;
  /** Keys of messages queued at most once per case (acknowledgement, status notices). */
  onceKeys: string[];
  history: CaseHistoryEntry[];
  /** The mention whose capture opened the case: an interrupted capture resumes with it. */
  sourceMentionId?: string;
  /** Outbox messages of the last change not yet moved to the outbox collection. */
  pendingOutbox?: PendingOutboxEntry[];
}

export type UnnumberedCaseDoc = Omit<CaseDoc, 'number'>;

export const OPEN_STATUSES: Case['status'][] = ['open', 'in_progress'];

export function historyEntry(at: string, actor: string, h: { action: string; from?: string | null; to?: string | null; note?: string | null }): CaseHistoryEntry {
  const e: CaseHistoryEntry = { at, actor, action: h.action };
  if (h.from != null) e.from = h.from;
  if (h.to != null) e.to = h.to;
  if (h.note != null) e.note = h.note;
  return e;
}

export function docToCase(doc: CaseDoc, mentionIds: string[]): Case {
  const c: Case = {
    id: doc._id,
    number: doc.number,
    domain: doc.domain,
    unit: doc.unit,
    status: doc.status,
    urgency: doc.urgency,
    location: doc.location,
    mentionIds,
    citizen: { channel: doc.citizen.channel, handle: doc.citizen.handle },
    openedAt: doc.openedAt,
    slaDueAt: doc.slaDueAt,
    history: doc.history.map((h) => historyEntry(h.at, h.actor, h)),
    updatedAt: doc.updatedAt,
    source: doc.source,
  };
  if (doc.assignee) c.assignee = doc.assignee;
  if (doc.firstResponseAt) c.firstResponseAt = doc.firstResponseAt;
  if (doc.resolvedAt) c.resolvedAt = doc.resolvedAt;
  if (doc.closedAt) c.closedAt = doc.closedAt;
  if (doc.externalRef) c.externalRef = doc.externalRef;
  if (doc.description) c.description = doc.description;
  return c;
}

/** Targets whose once-key was not used on the case yet (all others), and the keys to record. */
export function dueTargets(targets: OutboxTarget[], usedKeys: string[], event: CaseEvent, at: string, newId: () => string) {
  const used = new Set(usedKeys);
  const due = targets.filter((t) => !t.onceKey || !used.has(t.onceKey));
  const entries: PendingOutboxEntry[] = due.map((t) => ({ id: newId(), topic: t.topic, destination: t.destination, event, at }));
  const keys = due.flatMap((t) => (t.onceKey ? [t.onceKey] : []));
  return { entries, keys };
}

/** A new case as written (before its number): history 'opened', outbox messages pending. */
export function newCaseDoc(
  id: string,
  c: NewCase,
  opts: { authorKey: string | null; complaintAt: string; onOpened: OutboxTarget[]; sourceMentionId?: string; newId: () => string },
): UnnumberedCaseDoc {
  const at = c.openedAt;
  const { entries, keys } = dueTargets(opts.onOpened, [], 'case.created', at, opts.newId);
  return stripUndefined({
    _id: id,
    domain: c.domain,
    unit: c.unit,
    status: 'open',
    urgency: c.urgency,
    location: c.location,
    area: c.location.area ?? null,
    block: c.location.block ?? null,
    road: c.location.road ?? null,
    citizen: { channel: c.citizen.channel, handle: c.citizen.handle },
    authorKey: opts.authorKey,
    openedAt: c.openedAt,
    lastComplaintAt: opts.complaintAt,
    slaDueAt: c.slaDueAt,
    updatedAt: at,
    description: c.description,
    source: c.source,
    onceKeys: [...new Set(keys)],
    history: [historyEntry(at, c.actor, { action: 'opened', to: 'open', note: routedToNote(c.unit) })],
    sourceMentionId: opts.sourceMentionId,
    pendingOutbox: entries.length ? entries : undefined,
  });
}

/**
 * The most recent open case of the domain matching either de-dup rule, compared on the
 * complaint's own time: same author within sameAuthorMs, or same block or road within samePlaceMs.
 */
export function openMatchFilter(req: CaptureRequest, authorKey: string, complaintAt: string): Filter<CaseDoc> {
  const t = Date.parse(complaintAt);
  const within = (ms: number) => ({ $gte: new Date(t - ms).toISOString(), $lte: new Date(t + ms).toISOString() });
  const { block, road } = req.newCase.location;
  const or: Filter<CaseDoc>[] = [{ authorKey, lastComplaintAt: within(req.dedup.sameAuthorMs) }];
  if (block != null) or.push({ block, lastComplaintAt: within(req.dedup.samePlaceMs) });
  if (road != null) or.push({ road, lastComplaintAt: within(req.dedup.samePlaceMs) });
  return { status: { $in: OPEN_STATUSES }, domain: req.newCase.domain, $or: or };
}

export const OPEN_MATCH_SORT = { lastComplaintAt: -1, _id: -1 } as const;

/**
 * Linking a complaint: one guarded write, so repeating it (a resumed capture) adds no second
 * entry: it applies only while the case's history has as many links of the mention as it has
 * unlinks (a post a spam mark took out and that came back is linked again).
 */
export function linkUpdate(caseId: string, mentionId: string, complaintAt: string, at: string, actor: string) {
  const count = (action: string, field: 'to' | 'from') => ({
    $size: { $filter: { input: { $ifNull: ['$history', []] }, cond: { $and: [{ $eq: ['$$this.action', action] }, { $eq: [`$$this.${field}`, mentionId] }] } } },
  });
  const filter: Filter<CaseDoc> = { _id: caseId, $expr: { $eq: [count('mention_linked', 'to'), count('mention_unlinked', 'from')] } };
  const update: UpdateFilter<CaseDoc> = {
    $max: { lastComplaintAt: complaintAt },
    $set: { updatedAt: at },
    $push: { history: historyEntry(at, actor, { action: 'mention_linked', to: mentionId }) },
  };
  return { filter, update };
}

/** The list filter: same semantics as the SQLite WHERE; newest first by (openedAt, id). */
export function caseListFilter(q: CaseQuery): Filter<CaseDoc> {
  const and: Filter<CaseDoc>[] = [];
  const eq = <K extends keyof CaseDoc>(field: K, value: CaseDoc[K] | undefined) => {
    if (value !== undefined) and.push({ [field]: value } as Filter<CaseDoc>);
  };
  eq('status', q.status);
  eq('domain', q.domain);
  eq('unit', q.unit);
  eq('urgency', q.urgency);
  eq('area', q.area);
  eq('block', q.block);
  // Unassigning $unsets the field (caseChange below), so an unassigned case has none.
  if (q.assignee === null) and.push({ assignee: { $exists: false } });
  else eq('assignee', q.assignee);
  if (q.statuses) and.push({ status: { $in: q.statuses } });
  if (q.domains) and.push({ domain: { $in: q.domains } });
  if (q.areas) and.push({ area: { $in: q.areas } });
  if (q.numbers) and.push({ number: { $in: q.numbers } });
  if (q.overdueAt) and.push({ status: { $in: OPEN_STATUSES }, slaDueAt: { $lt: q.overdueAt } });
  if (q.openedFrom) and.push({ openedAt: { $gte: q.openedFrom } });
  if (q.openedTo) and.push({ openedAt: { $lte: q.openedTo } });
  if (q.cursor) {
    const [at, id] = decodePageCursor(q.cursor, 2) as [string, string];
    and.push({ $or: [{ openedAt: { $lt: at } }, { openedAt: at, _id: { $lt: id } }] });
  }
  return and.length === 0 ? {} : and.length === 1 ? and[0] : { $and: and };
}

export const CASE_LIST_SORT = { openedAt: -1, _id: -1 } as const;

/**
 * One case change as one update document: the new values, the history entries (status,
 * SLA, unit, assignee, external reference, note, in that order like SQLite) and, when the status
 * or the unit changes, the outbox messages and once-keys. The caller checks `ifStatus` before.
 */
export function caseChange(doc: CaseDoc, u: CaseUpdate, newId: () => string): { update: UpdateFilter<CaseDoc>; statusChanged: boolean } {
  const $set: Record<string, unknown> = { updatedAt: u.at };
  const $unset: Record<string, ''> = {};
  const entries: CaseHistoryEntry[] = [];
  const statusChanged = u.status !== undefined && u.status !== doc.status;
  let pending: PendingOutboxEntry[] = [];
  let keys: string[] = [];
  if (statusChanged) {
    $set.status = u.status;
    if (u.status === 'resolved') $set.resolvedAt = u.at;
    if (u.status === 'closed') $set.closedAt = u.at;
    if (u.status === 'open' || u.status === 'in_progress') Object.assign($unset, { resolvedAt: '', closedAt: '' });
    entries.push(historyEntry(u.at, u.actor, { action: u.statusAction ?? 'status_changed', from: doc.status, to: u.status, note: u.note }));
  }
  if (u.slaDueAt !== undefined && u.slaDueAt !== doc.slaDueAt) {
    $set.slaDueAt = u.slaDueAt;
    entries.push(historyEntry(u.at, u.actor, { action: 'sla_restarted', from: doc.slaDueAt, to: u.slaDueAt }));
  }
  if (u.domain !== undefined && u.domain !== doc.domain) {
    $set.domain = u.domain;
    entries.push(historyEntry(u.at, u.actor, { action: 'domain_changed', from: doc.domain, to: u.domain }));
  }
  const unitChanged = u.unit !== undefined && u.unit !== doc.unit;
  // The outbox's events name no unit change: a forward (the only unit target) ignores the event.
  const targets = changeTargets(u, { status: statusChanged, unit: unitChanged });
  if (targets.length) ({ entries: pending, keys } = dueTargets(targets, doc.onceKeys ?? [], 'case.status_changed', u.at, newId));
  if (unitChanged) {
    $set.unit = u.unit;
    entries.push(historyEntry(u.at, u.actor, { action: 'unit_assigned', from: doc.unit, to: u.unit }));
  }
  const assignee = doc.assignee ?? null;
  if (u.assignee !== undefined && u.assignee !== assignee) {
    if (u.assignee === null) $unset.assignee = '';
    else $set.assignee = u.assignee;
    entries.push(historyEntry(u.at, u.actor, { action: 'user_assigned', from: assignee, to: u.assignee }));
  }
  const externalRef = doc.externalRef ?? null;
  if (u.externalRef !== undefined && u.externalRef !== externalRef) {
    $set.externalRef = u.externalRef;
    entries.push(historyEntry(u.at, u.actor, { action: 'external_ref_set', from: externalRef, to: u.externalRef }));
  }
  if (u.note && !statusChanged) entries.push(historyEntry(u.at, u.actor, { action: 'note', note: u.note }));
  const update: UpdateFilter<CaseDoc> = { $set };
  if (Object.keys($unset).length) update.$unset = $unset;
  const push: Record<string, unknown> = {};
  if (entries.length) push.history = { $each: entries };
  if (pending.length) push.pendingOutbox = { $each: pending };
  if (Object.keys(push).length) update.$push = push;
  if (keys.length) update.$addToSet = { onceKeys: { $each: keys } };
  return { update, statusChanged };
}
