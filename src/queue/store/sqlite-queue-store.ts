/**
 * The reply queue on SQLite: claims (one conditional UPDATE each, so two agents at the same
 * instant cannot both win), the priority-ordered queue with keyset pagination over the
 * mentions_priority index, per-domain counts from counter tables, and status changes by
 * agents.
 */
import type { Domain, Intent, Mention, MentionStatus, Page, Urgency } from '../../domain';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { MENTION_COLUMNS, URGENCY_RANK, rowToMention, type MentionRow } from '../../store/sqlite/mention-rows';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteQueueChangeFeed } from '../../store/sqlite/queue-change-feed';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { ClaimOutcome, QueueItem, QueueQuery, QueueStore } from './queue-store';

/** Statuses that mean "no case needed": capture is cancelled for them. */
const CLOSING_STATUSES: MentionStatus[] = ['no_action', 'spam', 'duplicate'];

type QueueRow = MentionRow & { urgency_rank: number; author_followers: number };

/**
 * The columns of a QueueItem, in QueueItemRow's order (rows are read as arrays). Not status: every
 * row has the status the query filters on. Every value read costs (measured ~0.07 µs each in
 * better-sqlite3, ~0.7 µs for an Arabic text), so only what the list shows is read.
 */
const QUEUE_ITEM_COLUMNS = `id, channel, network, author_handle, author_json ->> '$.name', text, title, created_at,
  primary_domain, intent, urgency_rank, area, claim_by, claim_until, case_id, author_followers`;
type QueueItemRow = [
  id: string, channel: string, network: string, handle: string, name: string | null, text: string, title: string | null,
  createdAt: string, domain: string | null, intent: string, urgencyRank: number, area: string | null,
  claimBy: string | null, claimUntil: string | null, caseId: string | null, followers: number,
];
/** Where the cursor's keys sit in a QueueItemRow. */
const AT = { id: 0, createdAt: 7, urgencyRank: 10, followers: 15 } as const;
/** urgency_rank back to the urgency it was computed from (URGENCY_RANK in mention-rows). */
const URGENCY_OF_RANK = Object.fromEntries(Object.entries(URGENCY_RANK).map(([u, r]) => [r, u])) as Record<number, Urgency>;

/** Same optional-field rules as rowToMention, so an item equals toQueueItem(rowToMention(row)). */
function rowToQueueItem(row: QueueItemRow, status: MentionStatus): QueueItem {
  const [id, channel, network, handle, name, text, title, createdAt, domain, intent, urgencyRank, area, claimBy, claimUntil, caseId] = row;
  const item: QueueItem = {
    id,
    channel,
    network,
    author: { handle },
    text,
    createdAt,
    status,
    classification: { primaryDomain: domain as Domain | null, intent: intent as Intent, urgency: URGENCY_OF_RANK[urgencyRank], location: {} },
  };
  if (name !== null) item.author.name = name;
  if (title) item.title = title;
  if (area !== null) item.classification.location.area = area;
  if (claimBy && claimUntil) item.claim = { by: claimBy, until: claimUntil };
  if (caseId) item.caseId = caseId;
  return item;
}

export class SqliteQueueStore implements QueueStore {
  private readonly db: Db;
  private readonly dataVersion;
  private readonly totalChanges;
  private readonly claim;
  private readonly renewClaim;
  private readonly forceClaim;
  private readonly readClaim;
  /** Prepared statements by SQL text: the filter combinations are few, compiling is not free. */
  private readonly statements = new Map<string, ReturnType<Db['prepare']>>();

  constructor(private readonly conn: SqliteConnection) {
    const db = conn.db;
    this.db = db;
    // Own SQL texts: openDatabase shares statements by text, and these are switched to pluck mode.
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version /* change stamp */').pluck();
    this.totalChanges = db.prepare<[], number>('SELECT total_changes() /* change stamp */').pluck();
    this.claim = db.prepare(`UPDATE mentions SET claim_by = @by, claim_until = @until
      WHERE id = @id AND (claim_by IS NULL OR claim_until <= @now OR claim_by = @by)`);
    this.renewClaim = db.prepare('UPDATE mentions SET claim_until = @until WHERE id = @id AND claim_by = @by AND claim_until > @now');
    this.forceClaim = db.prepare('UPDATE mentions SET claim_by = @by, claim_until = @until WHERE id = @id');
    this.readClaim = db.prepare('SELECT claim_by, claim_until FROM mentions WHERE id = ?');
  }

  async claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome> {
    // A renewal first (its own conditional write), so the caller can tell it from a new claim.
    if (!opts?.force && this.conn.guard(() => this.renewClaim.run({ id, by, until, now })).changes === 1) return { ok: true, claim: { by, until }, renewed: true };
    const r = this.conn.guard(() => (opts?.force ? this.forceClaim : this.claim).run({ id, by, until, now }));
    if (r.changes === 1) return { ok: true, claim: { by, until }, renewed: false };
    const row = this.readClaim.get(id) as { claim_by: string | null; claim_until: string | null } | undefined;
    if (!row) return { ok: false, reason: 'not_found' };
    return { ok: false, reason: 'held', holder: { by: row.claim_by as string, until: row.claim_until as string } };
  }

  async releaseClaim(id: string, by: string | null): Promise<boolean> {
    return this.conn.guard(
      () =>
        this.db
          .prepare('UPDATE mentions SET claim_by = NULL, claim_until = NULL WHERE id = @id AND claim_by IS NOT NULL AND (@by IS NULL OR claim_by = @by)')
          .run({ id, by }).changes === 1,
    );
  }

  async listQueue(q: QueueQuery): Promise<Page<Mention>> {
    const rows = this.pageRows(q, `${MENTION_COLUMNS}, urgency_rank, author_followers`, false) as QueueRow[];
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map(rowToMention),
      nextCursor: more && last ? encodePageCursor([last.urgency_rank, last.created_at, last.author_followers, last.id]) : null,
    };
  }

  /**
   * The same page (and cursors) as listQueue, as QueueItems read from plain columns: the
   * classification, metrics and sources JSON are never read (only the author's name is picked out
   * of the small author_json), and rows come back as arrays, which better-sqlite3 builds about
   * twice as fast as one object per row.
   */
  async listQueueItems(q: QueueQuery): Promise<Page<QueueItem>> {
    const rows = this.pageRows(q, QUEUE_ITEM_COLUMNS, true) as QueueItemRow[];
    const more = rows.length > q.limit;
    const page = more ? rows.slice(0, q.limit) : rows;
    const last = page[page.length - 1];
    return {
      items: page.map((row) => rowToQueueItem(row, q.status)),
      nextCursor: more && last ? encodePageCursor([last[AT.urgencyRank], last[AT.createdAt], last[AT.followers], last[AT.id]]) : null,
    };
  }

  /** EXPLAIN QUERY PLAN of listQueueItems' query for q (the bench and tests check it walks mentions_priority). */
  explainItems(q: QueueQuery): string {
    const { sql, params } = this.pageQuery(q, QUEUE_ITEM_COLUMNS);
    return (this.db.prepare(`EXPLAIN QUERY PLAN ${sql}`).all(params) as { detail: string }[]).map((r) => r.detail).join('; ');
  }

  /** One page (plus one row, to know whether there is more) in priority order after the cursor. */
  private pageRows(q: QueueQuery, columns: string, raw: boolean): unknown[] {
    const { sql, params } = this.pageQuery(q, columns);
    return this.statement(sql, raw).all(params);
  }

  private pageQuery(q: QueueQuery, columns: string): { sql: string; params: Record<string, unknown> } {
    const { where, params } = filters(q);
    params.limit = q.limit + 1;
    if (q.cursor) {
      const [u, c, f, id] = decodePageCursor(q.cursor, 4);
      if (typeof u !== 'number' || typeof c !== 'string' || typeof f !== 'number' || typeof id !== 'string') {
        throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
      }
      // Row-value comparison in index order: SQLite seeks straight to the cursor in mentions_priority.
      where.push('(urgency_rank, created_at, -author_followers, id) > (@cU, @cC, @cF, @cId)');
      Object.assign(params, { cU: u, cC: c, cF: -f, cId: id });
    }
    const sql = `SELECT ${columns} FROM mentions WHERE ${where.join(' AND ')}
        ORDER BY urgency_rank, created_at, -author_followers, id LIMIT @limit`;
    return { sql, params };
  }

  /** True when countQueueByDomain reads counters (every filter set but q): exact at once and cheap. */
  hasLiveQueueCounts(q: Omit<QueueQuery, 'limit' | 'cursor'>): boolean {
    return !q.q && !q.link;
  }

  /**
   * Counts per domain for the same filters except domain itself (the console's domain tabs), all
   * exact. From the counter tables (inserted-mention-counters.ts): status alone from mention_counts; channel, intent and
   * urgency from mention_facet_counts; the assignee filter through the few actively claimed
   * mentions (mentions_claim_by): a holder's are counted directly, `none` is the counters minus
   * the claimed. Only q (a substring search) and a post's address scan the mentions with that status.
   */
  async countQueueByDomain(q: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
    if (q.q || q.link) return this.scanCounts(q);
    if (q.assignee && q.assignee !== 'none') return this.claimedCounts(q);
    const counted = q.channel || q.intent || q.urgency ? this.facetCounts(q) : this.statusCounts(q.status);
    if (q.assignee !== 'none') return counted;
    const claimed = this.claimedCounts(q);
    const unclaimed: Record<string, number> = {};
    for (const [domain, n] of Object.entries(counted)) if (n - (claimed[domain] ?? 0) > 0) unclaimed[domain] = n - (claimed[domain] ?? 0);
    return unclaimed;
  }

  private statusCounts(status: MentionStatus): Record<string, number> {
    const rows = this.statement('SELECT domain, n FROM mention_counts WHERE status = ? AND n > 0').all(status) as { domain: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.domain, r.n]));
  }

  private facetCounts(q: Omit<QueueQuery, 'limit' | 'cursor'>): Record<string, number> {
    const where = ['status = @status'];
    const params: Record<string, unknown> = { status: q.status };
    if (q.channel) (where.push('(channel = @channel OR network = @channel)'), (params.channel = q.channel));
    if (q.intent) (where.push('intent = @intent'), (params.intent = q.intent));
    if (q.urgency) (where.push('urgency = @urgency'), (params.urgency = q.urgency));
    const rows = this.statement(
      `SELECT domain, SUM(n) AS n FROM mention_facet_counts WHERE ${where.join(' AND ')} GROUP BY domain HAVING SUM(n) > 0`,
    ).all(params) as { domain: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.domain, r.n]));
  }

  /**
   * Actively claimed mentions per domain for the other filters: by the given holder, or (for
   * `none`) by anyone, i.e. exactly the mentions the `none` filter leaves out. Few rows, read
   * through the partial claim index.
   */
  private claimedCounts(q: Omit<QueueQuery, 'limit' | 'cursor'>): Record<string, number> {
    const { where, params } = filters({ ...q, domain: undefined, assignee: q.assignee === 'none' ? undefined : q.assignee });
    if (q.assignee === 'none') {
      where.push('claim_by IS NOT NULL AND (claim_until IS NULL OR claim_until > @now)');
      params.now = q.now;
    }
    const rows = this.statement(
      `SELECT COALESCE(primary_domain, 'none') AS domain, COUNT(*) AS n FROM mentions INDEXED BY mentions_claim_by
        WHERE claim_by IS NOT NULL AND ${where.join(' AND ')} GROUP BY primary_domain`,
    ).all(params) as { domain: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.domain, r.n]));
  }

  /** The q filter: every mention with the status is read (the list itself stops after a page). */
  private scanCounts(q: Omit<QueueQuery, 'limit' | 'cursor'>): Record<string, number> {
    const { where, params } = filters({ ...q, domain: undefined });
    const rows = this.statement(
      `SELECT COALESCE(primary_domain, 'none') AS domain, COUNT(*) AS n FROM mentions WHERE ${where.join(' AND ')} GROUP BY primary_domain`,
    ).all(params) as { domain: string; n: number }[];
    return Object.fromEntries(rows.map((r) => [r.domain, r.n]));
  }

  private statement(sql: string, raw = false): ReturnType<Db['prepare']> {
    const key = raw ? `raw:${sql}` : sql;
    let st = this.statements.get(key);
    if (!st) {
      // openDatabase caches statements by SQL text: raw mode gets its own text, so its own statement.
      st = this.db.prepare(raw ? `${sql} /* raw rows */` : sql);
      if (raw) st.raw(true);
      this.statements.set(key, st);
    }
    return st;
  }

  /**
   * data_version moves when another connection (a second instance, a CLI) commits; it does not
   * for this connection's own commits, which total_changes() counts (every inserted, updated or
   * deleted row, rolled back or not: at worst a needless change).
   */
  changeStamp(): string {
    return `${this.dataVersion.get()}:${this.totalChanges.get()}`;
  }

  /** Which mentions changed, for the queue page cache (store/sqlite/queue-change-feed.ts). */
  queueChangeFeed(): SqliteQueueChangeFeed {
    return this.conn.queueChangeFeed();
  }

  async setMentionStatus(
    id: string,
    status: MentionStatus,
    opts?: { from?: MentionStatus[]; at?: string },
  ): Promise<{ before: Mention; after: Mention } | null> {
    const from = opts?.from;
    const at = opts?.at ?? new Date().toISOString();
    const write = this.db.transaction(() => {
      const beforeRow = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow | undefined;
      if (!beforeRow) return null;
      if (from && !from.includes(beforeRow.status as MentionStatus)) return null;
      const capture = CLOSING_STATUSES.includes(status)
        ? ', capture_pending = 0'
        : status === 'needs_reply'
          ? ", capture_pending = CASE WHEN case_id IS NULL AND intent = 'complaint' AND primary_domain IS NOT NULL THEN 1 ELSE capture_pending END"
          : '';
      this.db.prepare(`UPDATE mentions SET status = ?, status_changed_at = ?${capture} WHERE id = ?`).run(status, at, id);
      const afterRow = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow;
      return { before: rowToMention(beforeRow), after: rowToMention(afterRow) };
    });
    return this.conn.guard(() => write.immediate());
  }
}

function filters(q: Omit<QueueQuery, 'limit' | 'cursor'>): { where: string[]; params: Record<string, unknown> } {
  const where = ['status = @status'];
  const params: Record<string, unknown> = { status: q.status };
  if (q.domain) (where.push('primary_domain = @domain'), (params.domain = q.domain));
  if (q.channel) (where.push('(channel = @channel OR network = @channel)'), (params.channel = q.channel));
  if (q.intent) (where.push('intent = @intent'), (params.intent = q.intent));
  if (q.urgency) (where.push('urgency = @urgency'), (params.urgency = q.urgency));
  if (q.assignee === 'none') {
    where.push('(claim_by IS NULL OR claim_until <= @now)');
    params.now = q.now;
  } else if (q.assignee) {
    where.push('claim_by = @assignee AND claim_until > @now');
    Object.assign(params, { assignee: q.assignee, now: q.now });
  }
  if (q.q) {
    where.push("search_text LIKE @q ESCAPE '\\'");
    params.q = `%${q.q.replace(/[\\%_]/g, (c) => '\\' + c)}%`;
  }
  if (q.link) {
    // instr: case-sensitive, as Instagram's short codes are (LIKE would ignore case).
    where.push(q.link.statusId ? '(instr(url, @linkPath) > 0 OR external_id = @linkId)' : 'instr(url, @linkPath) > 0');
    Object.assign(params, { linkPath: q.link.path }, q.link.statusId ? { linkId: q.link.statusId } : {});
  }
  return { where, params };
}
