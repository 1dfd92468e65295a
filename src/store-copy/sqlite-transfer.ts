/**
 * SQLite side of the store:copy port: rows are the transfer format, so export is SELECT * in
 * rowid order and import writes the same columns. Foreign keys are switched off while importing a
 * page so kinds can arrive in any order and a replaced row cascades nothing.
 *
 * Two kinds need more than a row copy:
 * - mentions: a replaced mention is deleted and inserted (not INSERT OR REPLACE, whose implicit
 *   delete fires no trigger), so the delete triggers take it out of the mention counters, and the
 *   inserted ones are added to them (inserted-mention-counters.ts): they stay right on every import;
 * - cases: a case record carries its history (`history_json`, the case_history rows in seq
 *   order); import replaces the case's history with it, so importing a page twice changes nothing.
 */
import {
  COUNTED_KINDS,
  DERIVED_COLUMNS,
  DERIVED_TABLES,
  NESTED_KINDS,
  NOT_COPIED,
  TRANSFER_KINDS,
  type CountedKind,
  type TransferKind,
  type TransferPage,
  type TransferRecord,
  type StoreTransfer,
} from './transfer';
import { InsertedMentionCounters } from '../store/sqlite/inserted-mention-counters';
import type { Db } from '../store/sqlite/open-database';
import type { SqliteConnection } from '../store/sqlite/sqlite-connection';
import { WEEK_OF } from '../store/sqlite/summary/week-rollup-keys';

const ROWID = '__rowid';
/** The pseudo-column of a case record that holds its history rows. */
export const CASE_HISTORY_FIELD = 'history_json';
const HISTORY_COLUMNS = ['at', 'actor', 'action', 'from_value', 'to_value', 'note'] as const;

function table(kind: CountedKind): string {
  if (!COUNTED_KINDS.includes(kind)) throw new Error(`unknown transfer kind ${kind}`);
  return kind; // kinds are table names; checked against the fixed list above
}

type Statement = ReturnType<Db['prepare']>;

export class SqliteTransfer implements StoreTransfer {
  private readonly mentionCounters;
  private readonly db: Db;

  constructor(private readonly conn: SqliteConnection) {
    this.db = conn.db;
    this.mentionCounters = new InsertedMentionCounters(this.db);
  }

  async countRecords(kind: CountedKind): Promise<number> {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table(kind)}`).get() as { n: number }).n;
  }

  async exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage> {
    const columns = this.columnsOf(kind).filter((c) => c !== CASE_HISTORY_FIELD && !DERIVED_COLUMNS[kind]?.includes(c));
    const rows = this.db
      .prepare(`SELECT rowid AS ${ROWID}, ${columns.map((c) => `"${c}"`).join(', ')} FROM ${table(kind)} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .all(after === null ? -1 : Number(after), limit) as TransferRecord[];
    const last = rows[rows.length - 1];
    const records = rows.map(({ [ROWID]: _rowid, ...rest }) => rest);
    if (kind === 'cases') {
      const history = this.db.prepare(`SELECT ${HISTORY_COLUMNS.join(', ')} FROM case_history WHERE case_id = ? ORDER BY seq`);
      for (const r of records) r[CASE_HISTORY_FIELD] = JSON.stringify(history.all(r.id));
    }
    return { records, after: rows.length === limit && last ? String(last[ROWID]) : null };
  }

  async importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void> {
    this.conn.guard(() => this.importPage(kind, records));
  }

  private importPage(kind: TransferKind, records: TransferRecord[]): void {
    if (records.length === 0) return;
    const known = new Set(this.columnsOf(kind));
    const statements = new Map<string, Statement>();
    const replace = kind !== 'mentions';
    // Only the record's own columns are written, so a column it lacks keeps its DEFAULT.
    const statementFor = (columns: string[]) => {
      const key = columns.join(',');
      let stmt = statements.get(key);
      if (!stmt) {
        // A mention's report week is this store's (from its settings), never the source's.
        const names = kind === 'mentions' ? [...columns, 'report_week'] : columns;
        const values = columns.map((c) => '@' + c).concat(kind === 'mentions' ? [WEEK_OF('@created_at')] : []);
        stmt = this.db.prepare(`INSERT ${replace ? 'OR REPLACE ' : ''}INTO ${table(kind)} (${names.join(', ')}) VALUES (${values.join(', ')})`);
        statements.set(key, stmt);
      }
      return stmt;
    };
    const removeMention = this.db.prepare('DELETE FROM mentions WHERE id = @id OR (channel = @channel AND external_id = @external_id)');
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        for (const record of records) {
          const { [CASE_HISTORY_FIELD]: historyJson, ...withoutHistory } = record;
          const r = kind === 'cases' ? withoutHistory : record;
          const columns = Object.keys(r).filter((c) => r[c] !== undefined);
          const unknown = columns.filter((c) => !known.has(c));
          // A field the table cannot hold would be lost silently: refuse the page instead.
          if (unknown.length) throw new Error(`${kind}: the target has no column(s) ${unknown.join(', ')} (schema older than the source?)`);
          const params: Record<string, unknown> = {};
          for (const c of columns) params[c] = normalize(r[c]);
          if (kind === 'mentions') removeMention.run({ id: r.id, channel: r.channel, external_id: r.external_id });
          statementFor(columns).run(params);
          // Counted at once, so a later record of the page that replaces this one un-counts it.
          if (kind === 'mentions') this.mentionCounters.addStored([String(r.id)]);
          if (kind === 'cases') this.replaceHistory(String(r.id), historyJson);
        }
      }).immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  private replaceHistory(caseId: string, historyJson: unknown): void {
    const entries = typeof historyJson === 'string' ? (JSON.parse(historyJson) as Record<string, unknown>[]) : [];
    this.db.prepare('DELETE FROM case_history WHERE case_id = ?').run(caseId);
    const insert = this.db.prepare(
      `INSERT INTO case_history (case_id, ${HISTORY_COLUMNS.join(', ')}) VALUES (@case_id, ${HISTORY_COLUMNS.map((c) => '@' + c).join(', ')})`,
    );
    for (const e of entries) {
      const params: Record<string, unknown> = { case_id: caseId };
      for (const c of HISTORY_COLUMNS) params[c] = e[c] ?? null;
      insert.run(params);
    }
  }

  async uncoveredRecords(): Promise<{ name: string; count: number }[]> {
    const covered = new Set<string>([...TRANSFER_KINDS, ...Object.keys(NESTED_KINDS), ...NOT_COPIED]);
    return this.tablesWithRecords((name) => !covered.has(name));
  }

  async derivedRecords(): Promise<{ name: string; count: number }[]> {
    const derived = new Set<string>(DERIVED_TABLES);
    return this.tablesWithRecords((name) => derived.has(name));
  }

  private tablesWithRecords(which: (name: string) => boolean): { name: string; count: number }[] {
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[];
    return tables
      .filter((t) => which(t.name))
      .map((t) => ({ name: t.name, count: (this.db.prepare(`SELECT COUNT(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n }))
      .filter((t) => t.count > 0);
  }

  /** Stored (not generated) columns, plus the history pseudo-column of cases. */
  private columnsOf(kind: TransferKind): string[] {
    const info = this.db.prepare(`PRAGMA table_xinfo(${table(kind)})`).all() as { name: string; hidden: number }[];
    const columns = info.filter((c) => c.hidden === 0).map((c) => c.name);
    return kind === 'cases' ? [...columns, CASE_HISTORY_FIELD] : columns;
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1. */
function normalize(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
