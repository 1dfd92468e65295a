/**
 * Replies and their outbox on SQLite. Every state change is one conditional UPDATE (the state it
 * leaves is in the WHERE clause), so two workers or two supervisors can never both move a reply.
 */
import { randomUUID } from 'node:crypto';
import type { MentionStatus, Page, Reply, ReplyState } from '../../domain';
import type { ApprovalContext } from '../approval-block';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import { sentMentionChange } from './sent-reply-effect';
import { WAITING_TWIN_STATES, type ApproveResult, type NewReply, type ReplyChange, type ReplyQuery, type ReplyStore } from './reply-store';

interface ReplyRow {
  id: string;
  mention_id: string;
  text: string;
  template_id: string | null;
  author: string;
  state: string;
  idempotency_key: string;
  attempts: number;
  external_id: string | null;
  url: string | null;
  error: string | null;
  created_at: string;
  updated_at: string;
  approved_by: string | null;
  sent_at: string | null;
  next_attempt_at: string | null;
  purpose: string;
  dedupe_key: string | null;
}

function rowToReply(row: ReplyRow): Reply {
  const r: Reply = {
    id: row.id,
    mentionId: row.mention_id,
    text: row.text,
    author: row.author,
    state: row.state as ReplyState,
    idempotencyKey: row.idempotency_key,
    attempts: row.attempts,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
    purpose: row.purpose as Reply['purpose'],
  };
  if (row.template_id) r.templateId = row.template_id;
  if (row.external_id) r.externalId = row.external_id;
  if (row.url) r.url = row.url;
  if (row.error) r.error = row.error;
  if (row.approved_by) r.approvedBy = row.approved_by;
  if (row.sent_at) r.sentAt = row.sent_at;
  if (row.next_attempt_at) r.nextAttemptAt = row.next_attempt_at;
  if (row.dedupe_key) r.dedupeKey = row.dedupe_key;
  return r;
}

/** ReplyChange field → column. */
const CHANGE_COLUMNS: Record<Exclude<keyof ReplyChange, 'state'>, string> = {
  externalId: 'external_id',
  url: 'url',
  error: 'error',
  approvedBy: 'approved_by',
  nextAttemptAt: 'next_attempt_at',
  sentAt: 'sent_at',
  text: 'text',
};

export class SqliteReplyStore implements ReplyStore {
  private readonly db: Db;
  private readonly takeNext;
  private readonly sentTx;

  constructor(private readonly conn: SqliteConnection) {
    const db = conn.db;
    this.db = db;
    this.takeNext = db.prepare(`UPDATE replies SET state = 'sending', attempts = attempts + 1, updated_at = @now
      WHERE state = 'queued' AND id = (
        SELECT id FROM replies WHERE state = 'queued' AND (next_attempt_at IS NULL OR next_attempt_at <= @now)
        ORDER BY created_at, id LIMIT 1)
      RETURNING *`);
    this.sentTx = db.transaction((id: string, sent: { externalId: string; url?: string; at: string }) => {
      const row = db
        .prepare(`UPDATE replies SET state = 'sent', external_id = ?, url = ?, sent_at = ?, updated_at = ?, error = NULL, next_attempt_at = NULL
          WHERE id = ? AND state = 'sending' RETURNING *`)
        .get(sent.externalId, sent.url ?? null, sent.at, sent.at, id) as ReplyRow | undefined;
      if (!row) return null;
      const change = sentMentionChange(row.purpose as Reply['purpose']);
      if (change.kind === 'answered') {
        db.prepare(`UPDATE mentions SET status = 'replied', status_changed_at = ?, claim_by = NULL, claim_until = NULL WHERE id = ?`).run(sent.at, row.mention_id);
      } else if (change.kind === 'replied_if') {
        db.prepare(`UPDATE mentions SET status = 'replied', status_changed_at = ? WHERE id = ? AND status IN (${change.from.map(() => '?').join(', ')})`).run(
          sent.at,
          row.mention_id,
          ...change.from,
        );
      }
      return rowToReply(row);
    });
  }

  async createReply(r: NewReply): Promise<{ reply: Reply; created: boolean }> {
    const create = this.db.transaction(() => {
      if (r.dedupeKey) {
        const known = this.db.prepare('SELECT * FROM replies WHERE dedupe_key = ?').get(r.dedupeKey) as ReplyRow | undefined;
        if (known) return { reply: rowToReply(known), created: false };
      }
      if (r.reuseWaitingTwin) {
        const twin = this.db
          .prepare(`SELECT * FROM replies WHERE mention_id = ? AND author = ? AND text = ? AND purpose = ?
            AND state IN (${WAITING_TWIN_STATES.map(() => '?').join(', ')}) ORDER BY created_at, id LIMIT 1`)
          .get(r.mentionId, r.author, r.text, r.purpose, ...WAITING_TWIN_STATES) as ReplyRow | undefined;
        if (twin) return { reply: rowToReply(twin), created: false };
      }
      const now = r.createdAt ?? new Date().toISOString();
      const row = this.db
        .prepare(`INSERT INTO replies (id, mention_id, text, template_id, author, state, idempotency_key, attempts, created_at, updated_at, purpose, dedupe_key)
          VALUES (?, ?, ?, ?, ?, ?, ?, 0, ?, ?, ?, ?) RETURNING *`)
        .get(randomUUID(), r.mentionId, r.text, r.templateId ?? null, r.author, r.state, randomUUID(), now, now, r.purpose, r.dedupeKey ?? null) as ReplyRow;
      return { reply: rowToReply(row), created: true };
    });
    return this.conn.guard(() => create.immediate());
  }

  async getReply(id: string): Promise<Reply | null> {
    const row = this.db.prepare('SELECT * FROM replies WHERE id = ?').get(id) as ReplyRow | undefined;
    return row ? rowToReply(row) : null;
  }

  async listReplies(q: ReplyQuery): Promise<Page<Reply>> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    if (q.state) (where.push('state = @state'), (params.state = q.state));
    if (q.mentionId) (where.push('mention_id = @mentionId'), (params.mentionId = q.mentionId));
    if (q.cursor) {
      const [createdAt, id] = decodePageCursor(q.cursor, 2);
      if (typeof createdAt !== 'string' || typeof id !== 'string') throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
      where.push('(created_at < @cAt OR (created_at = @cAt AND id < @cId))');
      params.cAt = createdAt;
      params.cId = id;
    }
    const rows = this.db
      .prepare(`SELECT * FROM replies ${where.length ? 'WHERE ' + where.join(' AND ') : ''} ORDER BY created_at DESC, id DESC LIMIT @limit`)
      .all(params) as ReplyRow[];
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map(rowToReply);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodePageCursor([last.createdAt, last.id]) : null };
  }

  async countReplies(state: ReplyState): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM replies WHERE state = ?').get(state) as { n: number }).n;
  }

  /** One IMMEDIATE transaction: the write lock is taken before the mention and replies are read. */
  async approveReply<R>(id: string, approvedBy: string, refuse: (ctx: ApprovalContext) => R | null): Promise<ApproveResult<R>> {
    const approve = this.db.transaction((): ApproveResult<R> => {
      const row = this.db.prepare(`SELECT * FROM replies WHERE id = ? AND state = 'awaiting_approval'`).get(id) as ReplyRow | undefined;
      if (!row) return null;
      const mention = this.db.prepare('SELECT status FROM mentions WHERE id = ?').get(row.mention_id) as { status: MentionStatus } | undefined;
      const others = (this.db.prepare('SELECT * FROM replies WHERE mention_id = ? AND id <> ?').all(row.mention_id, id) as ReplyRow[]).map(rowToReply);
      const refused = refuse({ reply: rowToReply(row), mentionStatus: mention?.status ?? null, others });
      if (refused !== null) return { refused };
      const after = this.db
        .prepare(`UPDATE replies SET state = 'queued', approved_by = ?, updated_at = ? WHERE id = ? AND state = 'awaiting_approval' RETURNING *`)
        .get(approvedBy, new Date().toISOString(), id) as ReplyRow;
      return { reply: rowToReply(after) };
    });
    return this.conn.guard(() => approve.immediate());
  }

  async transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null> {
    const sets = ['state = @state', 'updated_at = @updated_at'];
    const params: Record<string, unknown> = { id, state: change.state, updated_at: new Date().toISOString() };
    for (const [key, column] of Object.entries(CHANGE_COLUMNS)) {
      const value = change[key as keyof typeof CHANGE_COLUMNS];
      if (value === undefined) continue;
      sets.push(`${column} = @${key}`);
      params[key] = value;
    }
    const fromList = from.map((_, i) => `@from${i}`);
    from.forEach((s, i) => (params[`from${i}`] = s));
    const row = this.conn.guard(
      () =>
        this.db
          .prepare(`UPDATE replies SET ${sets.join(', ')} WHERE id = @id AND state IN (${fromList.join(', ')}) RETURNING *`)
          .get(params) as ReplyRow | undefined,
    );
    return row ? rowToReply(row) : null;
  }

  async takeNextOutboxReply(now: string): Promise<Reply | null> {
    const row = this.conn.guard(() => this.takeNext.get({ now }) as ReplyRow | undefined);
    return row ? rowToReply(row) : null;
  }

  async recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null> {
    return this.conn.guard(() => this.sentTx.immediate(id, sent));
  }

  async markInterruptedSendsUnknown(at: string): Promise<Reply[]> {
    const rows = this.conn.guard(
      () =>
        this.db
          .prepare(`UPDATE replies SET state = 'unknown', updated_at = ?,
          error = 'interrupted while sending: check the remote side before resolving' WHERE state = 'sending' RETURNING *`)
          .all(at) as ReplyRow[],
    );
    return rows.map(rowToReply);
  }
}
