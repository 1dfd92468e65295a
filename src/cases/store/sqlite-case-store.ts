/**
 * Cases on SQLite. Every change is one IMMEDIATE transaction that also writes the case history,
 * the mention link and the outbox messages, so a crash never leaves half a change behind and the
 * per-year counter never skips a number.
 */
import { randomUUID } from 'node:crypto';
import type { Case, CaseStatus, Mention, Page } from '../../domain';
import { routedToNote } from '../../domain';
import { ConflictError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { MENTION_COLUMNS, rowToMention, type MentionRow } from '../../store/sqlite/mention-rows';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { CaseStore } from './case-store';
import { buildCaseListSql } from './sqlite-case-list-sql';
import { formatCaseNumber, rowToCase, rowToHistory, type CaseRow, type HistoryRow } from './sqlite-case-rows';
import type { SqliteCaseOutboxStore } from './sqlite-case-outbox-store';
import { changeTargets } from './case-change-targets';
import type { CaptureRequest, CaptureResult, CaseEvent, CaseLabel, CaseQuery, CaseUpdate, CaseUpdateResult, NewCase, OutboxTarget } from './case-store';

interface PendingMentionRow {
  id: string;
  network: string;
  author_id: string;
  created_at: string;
  capture_pending: number;
}

interface HistoryInput {
  action: string;
  from?: string | null;
  to?: string | null;
  note?: string | null;
}

const OPEN_STATUSES = `status IN ('open', 'in_progress')`;

/** The fields a case update may change besides its status, their column and history action, in history order. */
const FIELD_CHANGES = [
  { key: 'slaDueAt', column: 'sla_due_at', action: 'sla_restarted' },
  { key: 'domain', column: 'domain', action: 'domain_changed' },
  { key: 'unit', column: 'unit', action: 'unit_assigned' },
  { key: 'assignee', column: 'assignee', action: 'user_assigned' },
  { key: 'externalRef', column: 'external_ref', action: 'external_ref_set' },
] as const satisfies readonly { key: keyof CaseUpdate; column: keyof CaseRow; action: string }[];

export class SqliteCaseStore implements CaseStore {
  private readonly db: Db;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly outbox: SqliteCaseOutboxStore,
  ) {
    this.db = conn.db;
  }

  async listCapturePending(limit: number): Promise<Mention[]> {
    const rows = this.db
      .prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE capture_pending = 1 ORDER BY fetched_at, rowid LIMIT ?`)
      .all(limit) as MentionRow[];
    return rows.map(rowToMention);
  }

  async listStrayCaseLinks(closedAction: string, limit: number): Promise<Mention[]> {
    // Open cases are few; closed ones are many, but each costs one index probe for its last entry.
    const rows = this.db
      .prepare(
        `SELECT ${MENTION_COLUMNS} FROM mentions WHERE id IN (
          SELECT m.id FROM mentions m JOIN cases c ON c.id = m.case_id
          WHERE c.source = 'ingest' AND c.status <> 'closed' AND (m.status = 'spam' OR m.intent <> 'complaint' OR m.primary_domain IS NULL)
          UNION ALL
          SELECT m.id FROM cases c JOIN mentions m ON m.case_id = c.id
          WHERE c.source = 'ingest' AND c.status = 'closed' AND m.status <> 'spam' AND m.intent = 'complaint' AND m.primary_domain IS NOT NULL
            AND (SELECT h.action FROM case_history h WHERE h.case_id = c.id ORDER BY h.seq DESC LIMIT 1) = @closedAction
          LIMIT @limit)`,
      )
      .all({ closedAction, limit }) as MentionRow[];
    return rows.map(rowToMention);
  }

  async captureMention(req: CaptureRequest): Promise<CaptureResult> {
    return this.conn.guard(() => this.db.transaction(() => this.captureInTransaction(req)).immediate());
  }

  private captureInTransaction(req: CaptureRequest): CaptureResult {
    const m = this.db
      .prepare('SELECT id, network, author_id, created_at, capture_pending FROM mentions WHERE id = ?')
      .get(req.mentionId) as PendingMentionRow | undefined;
    if (!m || m.capture_pending !== 1) return { outcome: 'not_pending' };
    const complaintAt = new Date(m.created_at).toISOString();
    const authorKey = `${m.network}:${m.author_id}`;
    const match = this.findOpenMatch(req, authorKey, complaintAt);
    const at = req.newCase.openedAt;
    if (match) {
      const last = match.last_complaint_at > complaintAt ? match.last_complaint_at : complaintAt;
      const linkedAt = req.linkedAt ?? at;
      this.db.prepare('UPDATE cases SET last_complaint_at = ?, updated_at = ? WHERE id = ?').run(last, linkedAt, match.id);
      this.linkMention(req.mentionId, match.id);
      this.addHistory(match.id, linkedAt, req.newCase.actor, { action: 'mention_linked', to: req.mentionId });
      return { outcome: 'linked', case: this.load(match.id) };
    }
    const id = this.insertCase(req.newCase, authorKey, complaintAt, at);
    this.linkMention(req.mentionId, id);
    const opened = this.queue(id, req.onOpened, 'case.created', at);
    return { outcome: 'opened', case: opened };
  }

  /**
   * The most recent open case matching either de-dup rule, compared on the complaint's own time.
   * One indexed lookup per rule (author, block, road: each has its partial index on open cases)
   * instead of one OR query, which SQLite answers by scanning every open case.
   */
  private findOpenMatch(req: CaptureRequest, authorKey: string, complaintAt: string): CaseRow | undefined {
    const t = Date.parse(complaintAt);
    const window = (ms: number) => ({ from: new Date(t - ms).toISOString(), to: new Date(t + ms).toISOString() });
    const author = window(req.dedup.sameAuthorMs);
    const place = window(req.dedup.samePlaceMs);
    const { block, road } = req.newCase.location;
    const domain = req.newCase.domain;
    const latestBy = (column: 'author_key' | 'block' | 'road', value: string, w: { from: string; to: string }) =>
      this.db
        .prepare(
          `SELECT * FROM cases WHERE ${column} = ? AND domain = ? AND last_complaint_at BETWEEN ? AND ? AND ${OPEN_STATUSES}
           ORDER BY last_complaint_at DESC LIMIT 1`,
        )
        .get(value, domain, w.from, w.to) as CaseRow | undefined;
    const candidates = [
      latestBy('author_key', authorKey, author),
      block ? latestBy('block', block, place) : undefined,
      road ? latestBy('road', road, place) : undefined,
    ].filter((c): c is CaseRow => !!c);
    return candidates.sort((a, b) => (a.last_complaint_at < b.last_complaint_at ? 1 : -1))[0];
  }

  async skipCapture(mentionId: string): Promise<boolean> {
    return this.conn.guard(() =>
      this.db.prepare('UPDATE mentions SET capture_pending = 0 WHERE id = ? AND capture_pending = 1').run(mentionId).changes === 1,
    );
  }

  async openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case> {
    const open = this.db.transaction(() => {
      const at = newCase.openedAt;
      const id = this.insertCase(newCase, null, newCase.openedAt, at);
      return this.queue(id, onOpened, 'case.created', at);
    });
    return this.conn.guard(() => open.immediate());
  }

  /** Takes the next number of the year and inserts the case; both roll back together. */
  private insertCase(c: NewCase, authorKey: string | null, complaintAt: string, at: string): string {
    const { last } = this.db
      .prepare(`INSERT INTO case_counters (prefix, year, last) VALUES (?, ?, 1)
        ON CONFLICT (prefix, year) DO UPDATE SET last = last + 1 RETURNING last`)
      .get(c.prefix, c.year) as { last: number };
    const id = randomUUID();
    this.db
      .prepare(`INSERT INTO cases (id, number, domain, unit, status, urgency, location_json, area, block, road,
          citizen_channel, citizen_handle, author_key, opened_at, last_complaint_at, sla_due_at, updated_at,
          description, source)
        VALUES (@id, @number, @domain, @unit, 'open', @urgency, @location_json, @area, @block, @road,
          @citizen_channel, @citizen_handle, @author_key, @opened_at, @last_complaint_at, @sla_due_at, @updated_at,
          @description, @source)`)
      .run({
        id,
        number: formatCaseNumber(c.prefix, c.year, last),
        domain: c.domain,
        unit: c.unit,
        urgency: c.urgency,
        location_json: JSON.stringify(c.location),
        area: c.location.area ?? null,
        block: c.location.block ?? null,
        road: c.location.road ?? null,
        citizen_channel: c.citizen.channel,
        citizen_handle: c.citizen.handle,
        author_key: authorKey,
        opened_at: c.openedAt,
        last_complaint_at: complaintAt,
        sla_due_at: c.slaDueAt,
        updated_at: at,
        description: c.description ?? null,
        source: c.source,
      });
    this.addHistory(id, at, c.actor, { action: 'opened', to: 'open', note: routedToNote(c.unit) });
    return id;
  }

  private linkMention(mentionId: string, caseId: string): void {
    this.db.prepare('UPDATE mentions SET case_id = ?, capture_pending = 0 WHERE id = ?').run(caseId, mentionId);
  }

  private addHistory(caseId: string, at: string, actor: string, h: HistoryInput): void {
    this.db
      .prepare(`INSERT INTO case_history (case_id, at, actor, action, from_value, to_value, note)
        VALUES (?, ?, ?, ?, ?, ?, ?)`)
      .run(caseId, at, actor, h.action, h.from ?? null, h.to ?? null, h.note ?? null);
  }

  /** Queues outbox messages carrying the case as it is now; once-keys make a message at-most-once per case. */
  private queue(caseId: string, targets: OutboxTarget[], event: CaseEvent, at: string): Case {
    const snapshot = this.load(caseId);
    if (!targets.length) return snapshot;
    const row = this.db.prepare('SELECT once_keys_json FROM cases WHERE id = ?').get(caseId) as { once_keys_json: string };
    const keys = new Set<string>(JSON.parse(row.once_keys_json));
    const due = targets.filter((t) => !t.onceKey || !keys.has(t.onceKey));
    for (const t of due) if (t.onceKey) keys.add(t.onceKey);
    this.db.prepare('UPDATE cases SET once_keys_json = ? WHERE id = ?').run(JSON.stringify([...keys]), caseId);
    this.outbox.insert(
      due.map((t) => ({ topic: t.topic, destination: t.destination, event, subject: snapshot.number, payload: snapshot })),
      at,
    );
    return snapshot;
  }

  private load(id: string): Case {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow;
    return this.hydrate(row);
  }

  private hydrate(row: CaseRow): Case {
    const mentionIds = (
      this.db.prepare('SELECT id FROM mentions WHERE case_id = ? ORDER BY created_at, rowid').all(row.id) as { id: string }[]
    ).map((r) => r.id);
    const history = (
      this.db
        .prepare('SELECT at, actor, action, from_value, to_value, note FROM case_history WHERE case_id = ? ORDER BY seq')
        .all(row.id) as HistoryRow[]
    ).map(rowToHistory);
    return rowToCase(row, mentionIds, history);
  }

  async getCase(number: string): Promise<Case | null> {
    const row = this.db.prepare('SELECT * FROM cases WHERE number = ?').get(number) as CaseRow | undefined;
    return row ? this.hydrate(row) : null;
  }

  async getCaseById(id: string): Promise<Case | null> {
    const row = this.db.prepare('SELECT * FROM cases WHERE id = ?').get(id) as CaseRow | undefined;
    return row ? this.hydrate(row) : null;
  }

  async caseLabels(ids: string[]): Promise<Map<string, CaseLabel>> {
    const labels = new Map<string, CaseLabel>();
    if (!ids.length) return labels;
    const rows = this.db.prepare(`SELECT id, number, status FROM cases WHERE id IN (${ids.map(() => '?').join(', ')})`).all(...ids) as { id: string; number: string; status: CaseStatus }[];
    for (const r of rows) labels.set(r.id, { number: r.number, status: r.status });
    return labels;
  }

  async listCases(q: CaseQuery): Promise<Page<Case>> {
    const cursorKey = q.cursor ? (decodePageCursor(q.cursor, 2) as [string, string]) : undefined;
    const { sql, params } = buildCaseListSql(q, cursorKey);
    const rows = this.db.prepare(sql).all(params) as CaseRow[];
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map((r) => this.hydrate(r));
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodePageCursor([last.openedAt, last.id]) : null };
  }

  async updateCase(number: string, u: CaseUpdate): Promise<CaseUpdateResult | null> {
    return this.conn.guard(() => this.db.transaction(() => this.updateInTransaction(number, u)).immediate());
  }

  private updateInTransaction(number: string, u: CaseUpdate): CaseUpdateResult | null {
    const row = this.db.prepare('SELECT * FROM cases WHERE number = ?').get(number) as CaseRow | undefined;
    if (!row) return null;
    if (u.ifStatus && row.status !== u.ifStatus) {
      throw new ConflictError('case_changed', `case ${number} changed meanwhile (now ${row.status})`, { status: row.status });
    }
    const before = this.hydrate(row);
    const set: Record<string, unknown> = { updated_at: u.at };
    const statusChanged = u.status !== undefined && u.status !== row.status;
    if (statusChanged) {
      set.status = u.status;
      if (u.status === 'resolved') set.resolved_at = u.at;
      if (u.status === 'closed') set.closed_at = u.at;
      if (u.status === 'open' || u.status === 'in_progress') Object.assign(set, { resolved_at: null, closed_at: null });
      this.addHistory(row.id, u.at, u.actor, { action: u.statusAction ?? 'status_changed', from: row.status, to: u.status, note: u.note });
    }
    // Each other field: a new value is set and written to the history with the one it replaces.
    for (const f of FIELD_CHANGES) {
      const value = u[f.key];
      const old = row[f.column];
      if (value === undefined || value === old) continue;
      set[f.column] = value;
      this.addHistory(row.id, u.at, u.actor, { action: f.action, from: old, to: value });
    }
    const unitChanged = 'unit' in set;
    if (u.note && !statusChanged) this.addHistory(row.id, u.at, u.actor, { action: 'note', note: u.note });
    const cols = Object.keys(set);
    this.db.prepare(`UPDATE cases SET ${cols.map((c) => `${c} = @${c}`).join(', ')} WHERE id = @id`).run({ ...set, id: row.id });
    // The outbox's events name no unit change: a forward (the only unit target) ignores the event.
    const targets = changeTargets(u, { status: statusChanged, unit: unitChanged });
    const after = targets.length ? this.queue(row.id, targets, 'case.status_changed', u.at) : this.load(row.id);
    return { before, after };
  }

  async unlinkMention(number: string, mentionId: string, ch: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null> {
    const write = this.db.transaction(() => {
      const row = this.db.prepare('SELECT * FROM cases WHERE number = ?').get(number) as CaseRow | undefined;
      if (!row) return null;
      const before = this.hydrate(row);
      const unlinked = this.db.prepare('UPDATE mentions SET case_id = NULL, capture_pending = 0 WHERE id = ? AND case_id = ?').run(mentionId, row.id).changes;
      if (!unlinked) return { before, after: before };
      this.db.prepare('UPDATE cases SET updated_at = ? WHERE id = ?').run(ch.at, row.id);
      this.addHistory(row.id, ch.at, ch.actor, { action: 'mention_unlinked', from: mentionId, note: ch.note });
      return { before, after: this.load(row.id) };
    });
    return this.conn.guard(() => write.immediate());
  }

  async markCaseFirstResponse(mentionId: string, at: string, opts: { stamp?: boolean } = {}): Promise<string | null> {
    const write = this.db.transaction(() => {
      const row = this.db
        .prepare('SELECT c.id, c.number FROM mentions m JOIN cases c ON c.id = m.case_id WHERE m.id = ?')
        .get(mentionId) as { id: string; number: string } | undefined;
      if (!row) return null;
      if (opts.stamp === false) return row.number;
      const changed = this.db
        .prepare('UPDATE cases SET first_response_at = ?, updated_at = ? WHERE id = ? AND first_response_at IS NULL')
        .run(at, at, row.id).changes;
      if (changed) this.addHistory(row.id, at, 'system', { action: 'first_response', to: mentionId });
      return row.number;
    });
    return this.conn.guard(() => write.immediate());
  }
}
