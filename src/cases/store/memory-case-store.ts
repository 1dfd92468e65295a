/**
 * Cases in memory, on the shared mention records: capture with the same de-dup rules, gap-free
 * numbers per prefix and year, history, once-keyed outbox messages, SLA filters. Each change
 * runs to its end without awaiting, so it is as atomic as a transaction.
 */
import { randomUUID } from 'node:crypto';
import { routedToNote, type Case, type CaseEvent, type CaseHistoryEntry, type Mention, type Page } from '../../domain';
import { ConflictError } from '../../errors';
import type { MemoryMentionData } from '../../mentions/store/memory-mention-data';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { CaptureRequest, CaptureResult, CaseLabel, CaseQuery, CaseStore, CaseUpdate, CaseUpdateResult, NewCase, OutboxTarget } from './case-store';
import type { MemoryCaseOutboxStore } from './memory-case-outbox-store';
import { changeTargets } from './case-change-targets';
import { formatCaseNumber } from './sqlite-case-rows';

interface StoredCase {
  c: Omit<Case, 'mentionIds'>;
  authorKey: string | null;
  lastComplaintAt: string;
  onceKeys: Set<string>;
}

const isOpen = (c: Omit<Case, 'mentionIds'>) => c.status === 'open' || c.status === 'in_progress';

export class MemoryCaseStore implements CaseStore {
  private readonly cases = new Map<string, StoredCase>();
  private readonly counters = new Map<string, number>();

  constructor(
    private readonly data: MemoryMentionData,
    private readonly outbox: MemoryCaseOutboxStore,
  ) {}

  async listCapturePending(limit: number): Promise<Mention[]> {
    return [...this.data.mentions.values()]
      .filter((s) => s.capturePending)
      .sort((a, b) => (a.mention.fetchedAt === b.mention.fetchedAt ? a.seq - b.seq : a.mention.fetchedAt < b.mention.fetchedAt ? -1 : 1))
      .slice(0, limit)
      .map((s) => structuredClone(s.mention));
  }

  async listStrayCaseLinks(closedAction: string, limit: number): Promise<Mention[]> {
    const byId = new Map([...this.cases.values()].map((s) => [s.c.id, s]));
    const stray: Mention[] = [];
    for (const { mention: m } of this.data.mentions.values()) {
      const s = m.caseId ? byId.get(m.caseId) : undefined;
      if (!s || s.c.source !== 'ingest') continue;
      const complaint = m.status !== 'spam' && m.classification.intent === 'complaint' && m.classification.primaryDomain !== null;
      const closedAsNone = s.c.status === 'closed' && s.c.history.at(-1)?.action === closedAction;
      if (s.c.status === 'closed' ? complaint && closedAsNone : !complaint) stray.push(structuredClone(m));
      if (stray.length === limit) break;
    }
    return stray;
  }

  async captureMention(req: CaptureRequest): Promise<CaptureResult> {
    const stored = this.data.mentions.get(req.mentionId);
    if (!stored?.capturePending) return { outcome: 'not_pending' };
    const m = stored.mention;
    const complaintAt = new Date(m.createdAt).toISOString();
    const authorKey = `${m.network}:${m.author.id}`;
    const at = req.newCase.openedAt;
    const match = this.findOpenMatch(req, authorKey, complaintAt);
    if (match) {
      if (complaintAt > match.lastComplaintAt) match.lastComplaintAt = complaintAt;
      const linkedAt = req.linkedAt ?? at;
      match.c.updatedAt = linkedAt;
      this.link(req.mentionId, match.c.id);
      this.addHistory(match, { at: linkedAt, actor: req.newCase.actor, action: 'mention_linked', to: req.mentionId });
      return { outcome: 'linked', case: this.view(match) };
    }
    const opened = this.insert(req.newCase, authorKey, complaintAt);
    this.link(req.mentionId, opened.c.id);
    return { outcome: 'opened', case: this.queue(opened, req.onOpened, 'case.created', at) };
  }

  /** The most recent open case of the same domain from the same author, or about the same block or road, near in time. */
  private findOpenMatch(req: CaptureRequest, authorKey: string, complaintAt: string): StoredCase | undefined {
    const t = Date.parse(complaintAt);
    const near = (c: StoredCase, ms: number) => Math.abs(Date.parse(c.lastComplaintAt) - t) <= ms;
    const { block, road } = req.newCase.location;
    return [...this.cases.values()]
      .filter((c) => isOpen(c.c) && c.c.domain === req.newCase.domain)
      .filter(
        (c) =>
          (c.authorKey === authorKey && near(c, req.dedup.sameAuthorMs)) ||
          (!!block && c.c.location.block === block && near(c, req.dedup.samePlaceMs)) ||
          (!!road && c.c.location.road === road && near(c, req.dedup.samePlaceMs)),
      )
      .sort((a, b) => (a.lastComplaintAt < b.lastComplaintAt ? 1 : -1))[0];
  }

  async skipCapture(mentionId: string): Promise<boolean> {
    const stored = this.data.mentions.get(mentionId);
    if (!stored?.capturePending) return false;
    stored.capturePending = false;
    return true;
  }

  async openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case> {
    return this.queue(this.insert(newCase, null, newCase.openedAt), onOpened, 'case.created', newCase.openedAt);
  }

  async getCase(number: string): Promise<Case | null> {
    const c = [...this.cases.values()].find((x) => x.c.number === number);
    return c ? this.view(c) : null;
  }

  async getCaseById(id: string): Promise<Case | null> {
    const c = this.cases.get(id);
    return c ? this.view(c) : null;
  }

  async caseLabels(ids: string[]): Promise<Map<string, CaseLabel>> {
    const labels = new Map<string, CaseLabel>();
    for (const id of ids) {
      const c = this.cases.get(id);
      if (c) labels.set(id, { number: c.c.number, status: c.c.status });
    }
    return labels;
  }

  async listCases(q: CaseQuery): Promise<Page<Case>> {
    const after = q.cursor ? (decodePageCursor(q.cursor, 2) as [string, string]) : undefined;
    const all = [...this.cases.values()]
      .map((s) => s.c)
      .filter((c) => (!q.status || c.status === q.status) && (!q.domain || c.domain === q.domain) && (!q.unit || c.unit === q.unit))
      .filter((c) => (!q.urgency || c.urgency === q.urgency) && (!q.area || c.location.area === q.area) && (q.assignee === undefined || c.assignee === (q.assignee ?? undefined)))
      .filter((c) => (!q.statuses || q.statuses.includes(c.status)) && (!q.domains || q.domains.includes(c.domain)))
      .filter((c) => !q.areas || (c.location.area !== undefined && q.areas.includes(c.location.area)))
      .filter((c) => !q.block || c.location.block === q.block)
      .filter((c) => !q.numbers || q.numbers.includes(c.number))
      .filter((c) => !q.overdueAt || (isOpen(c) && c.slaDueAt < q.overdueAt))
      .filter((c) => (!q.openedFrom || c.openedAt >= q.openedFrom) && (!q.openedTo || c.openedAt <= q.openedTo))
      .filter((c) => !after || c.openedAt < after[0] || (c.openedAt === after[0] && c.id < after[1]))
      .sort((a, b) => (a.openedAt === b.openedAt ? (a.id < b.id ? 1 : -1) : a.openedAt < b.openedAt ? 1 : -1));
    const items = all.slice(0, q.limit).map((c) => this.view(this.cases.get(c.id)!));
    const last = items[items.length - 1];
    return { items, nextCursor: all.length > q.limit && last ? encodePageCursor([last.openedAt, last.id]) : null };
  }

  async updateCase(number: string, u: CaseUpdate): Promise<CaseUpdateResult | null> {
    const s = [...this.cases.values()].find((x) => x.c.number === number);
    if (!s) return null;
    const c = s.c;
    if (u.ifStatus && c.status !== u.ifStatus) throw new ConflictError('case_changed', `case ${number} changed meanwhile (now ${c.status})`, { status: c.status });
    const before = this.view(s);
    const statusChanged = u.status !== undefined && u.status !== c.status;
    if (statusChanged) {
      this.addHistory(s, { at: u.at, actor: u.actor, action: u.statusAction ?? 'status_changed', from: c.status, to: u.status, note: u.note });
      c.status = u.status!;
      if (c.status === 'resolved') c.resolvedAt = u.at;
      if (c.status === 'closed') c.closedAt = u.at;
      if (isOpen(c)) (delete c.resolvedAt, delete c.closedAt);
    }
    if (u.slaDueAt !== undefined && u.slaDueAt !== c.slaDueAt) {
      this.addHistory(s, { at: u.at, actor: u.actor, action: 'sla_restarted', from: c.slaDueAt, to: u.slaDueAt });
      c.slaDueAt = u.slaDueAt;
    }
    if (u.domain !== undefined && u.domain !== c.domain) {
      this.addHistory(s, { at: u.at, actor: u.actor, action: 'domain_changed', from: c.domain, to: u.domain });
      c.domain = u.domain;
    }
    const unitChanged = u.unit !== undefined && u.unit !== c.unit;
    if (unitChanged) (this.addHistory(s, { at: u.at, actor: u.actor, action: 'unit_assigned', from: c.unit, to: u.unit }), (c.unit = u.unit!));
    if (u.assignee !== undefined && u.assignee !== (c.assignee ?? null)) {
      this.addHistory(s, { at: u.at, actor: u.actor, action: 'user_assigned', from: c.assignee ?? null, to: u.assignee });
      if (u.assignee === null) delete c.assignee;
      else c.assignee = u.assignee;
    }
    if (u.externalRef !== undefined && u.externalRef !== c.externalRef) {
      this.addHistory(s, { at: u.at, actor: u.actor, action: 'external_ref_set', from: c.externalRef ?? null, to: u.externalRef });
      c.externalRef = u.externalRef;
    }
    if (u.note && !statusChanged) this.addHistory(s, { at: u.at, actor: u.actor, action: 'note', note: u.note });
    c.updatedAt = u.at;
    // The outbox's events name no unit change: a forward (the only unit target) ignores the event.
    const after = statusChanged || unitChanged ? this.queue(s, changeTargets(u, { status: statusChanged, unit: unitChanged }), 'case.status_changed', u.at) : this.view(s);
    return { before, after };
  }

  async unlinkMention(number: string, mentionId: string, ch: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null> {
    const s = [...this.cases.values()].find((x) => x.c.number === number);
    if (!s) return null;
    const before = this.view(s);
    const stored = this.data.mentions.get(mentionId);
    if (stored?.mention.caseId !== s.c.id) return { before, after: before };
    delete stored.mention.caseId;
    stored.capturePending = false;
    s.c.updatedAt = ch.at;
    this.addHistory(s, { at: ch.at, actor: ch.actor, action: 'mention_unlinked', from: mentionId, note: ch.note });
    return { before, after: this.view(s) };
  }

  async markCaseFirstResponse(mentionId: string, at: string, opts: { stamp?: boolean } = {}): Promise<string | null> {
    const caseId = this.data.mentions.get(mentionId)?.mention.caseId;
    const s = caseId ? this.cases.get(caseId) : undefined;
    if (!s) return null;
    if (!s.c.firstResponseAt && opts.stamp !== false) {
      s.c.firstResponseAt = at;
      s.c.updatedAt = at;
      this.addHistory(s, { at, actor: 'system', action: 'first_response', to: mentionId });
    }
    return s.c.number;
  }

  private insert(n: NewCase, authorKey: string | null, complaintAt: string): StoredCase {
    const key = `${n.prefix}:${n.year}`;
    const next = (this.counters.get(key) ?? 0) + 1;
    this.counters.set(key, next);
    const c: Omit<Case, 'mentionIds'> = {
      id: randomUUID(),
      number: formatCaseNumber(n.prefix, n.year, next),
      domain: n.domain,
      unit: n.unit,
      status: 'open',
      urgency: n.urgency,
      location: structuredClone(n.location),
      citizen: { ...n.citizen },
      openedAt: n.openedAt,
      slaDueAt: n.slaDueAt,
      history: [],
      updatedAt: n.openedAt,
      source: n.source,
    };
    if (n.description) c.description = n.description;
    const s: StoredCase = { c, authorKey, lastComplaintAt: complaintAt, onceKeys: new Set() };
    this.cases.set(c.id, s);
    this.addHistory(s, { at: n.openedAt, actor: n.actor, action: 'opened', to: 'open', note: routedToNote(n.unit) });
    return s;
  }

  private link(mentionId: string, caseId: string): void {
    const stored = this.data.mentions.get(mentionId)!;
    stored.mention.caseId = caseId;
    stored.capturePending = false;
  }

  private addHistory(s: StoredCase, h: { at: string; actor: string; action: string; from?: string | null; to?: string | null; note?: string | null }): void {
    const entry: CaseHistoryEntry = { at: h.at, actor: h.actor, action: h.action };
    if (h.from !== undefined && h.from !== null) entry.from = h.from;
    if (h.to !== undefined && h.to !== null) entry.to = h.to;
    if (h.note !== undefined && h.note !== null) entry.note = h.note;
    s.c.history.push(entry);
  }

  /** Queues outbox messages carrying the case as it is now; once-keys make a message at-most-once per case. */
  private queue(s: StoredCase, targets: OutboxTarget[], event: CaseEvent, at: string): Case {
    const snapshot = this.view(s);
    const due = targets.filter((t) => !t.onceKey || !s.onceKeys.has(t.onceKey));
    for (const t of due) if (t.onceKey) s.onceKeys.add(t.onceKey);
    this.outbox.insert(due.map((t) => ({ topic: t.topic, destination: t.destination, event, subject: snapshot.number, payload: snapshot })), at);
    return snapshot;
  }

  private view(s: StoredCase): Case {
    const mentionIds = [...this.data.mentions.values()]
      .filter((m) => m.mention.caseId === s.c.id)
      .sort((a, b) => (a.mention.createdAt === b.mention.createdAt ? a.seq - b.seq : a.mention.createdAt < b.mention.createdAt ? -1 : 1))
      .map((m) => m.mention.id);
    return structuredClone({ ...s.c, mentionIds });
  }
}
