/**
 * SQLite side of the store:copy port: rows are the transfer format, so export is SELECT * in
 * rowid order and import is INSERT OR REPLACE of the same columns. Foreign keys are switched off
 * while importing a page so kinds can arrive in any order and a replaced row cascades nothing.
 */
import { NOT_COPIED, TRANSFER_KINDS, type TransferKind, type TransferPage, type TransferRecord } from '../transfer';
import type { Db } from './open-database';

const ROWID = '__rowid';

function table(kind: TransferKind): string {
  if (!TRANSFER_KINDS.includes(kind)) throw new Error(`unknown transfer kind ${kind}`);
  return kind; // kinds are table names; checked against the fixed list above
}

export class TransferTable {
  constructor(private readonly db: Db) {}

  count(kind: TransferKind): number {
    return (this.db.prepare(`SELECT COUNT(*) AS n FROM ${table(kind)}`).get() as { n: number }).n;
  }

  export(kind: TransferKind, after: string | null, limit: number): TransferPage {
    const rows = this.db
      .prepare(`SELECT rowid AS ${ROWID}, * FROM ${table(kind)} WHERE rowid > ? ORDER BY rowid LIMIT ?`)
      .all(after === null ? -1 : Number(after), limit) as TransferRecord[];
    const last = rows[rows.length - 1];
    const records = rows.map(({ [ROWID]: _rowid, ...rest }) => rest);
    return { records, after: rows.length === limit && last ? String(last[ROWID]) : null };
  }

  import(kind: TransferKind, records: TransferRecord[]): void {
    if (records.length === 0) return;
    const known = new Set(this.columnsOf(kind));
    const statements = new Map<string, ReturnType<Db['prepare']>>();
    // Only the record's own columns are written, so a column it lacks keeps its DEFAULT.
    const statementFor = (columns: string[]) => {
      const key = columns.join(',');
      let stmt = statements.get(key);
      if (!stmt) {
        stmt = this.db.prepare(
          `INSERT OR REPLACE INTO ${table(kind)} (${columns.join(', ')}) VALUES (${columns.map((c) => '@' + c).join(', ')})`,
        );
        statements.set(key, stmt);
      }
      return stmt;
    };
    this.db.pragma('foreign_keys = OFF');
    try {
      this.db.transaction(() => {
        for (const r of records) {
          const columns = Object.keys(r).filter((c) => r[c] !== undefined);
          const unknown = columns.filter((c) => !known.has(c));
          // A field the table cannot hold would be lost silently: refuse the page instead.
          if (unknown.length) throw new Error(`${kind}: the target has no column(s) ${unknown.join(', ')} (schema older than the source?)`);
          const params: Record<string, unknown> = {};
          for (const c of columns) params[c] = normalize(r[c]);
          statementFor(columns).run(params);
        }
      }).immediate();
    } finally {
      this.db.pragma('foreign_keys = ON');
    }
  }

  uncovered(): { name: string; count: number }[] {
    const covered = new Set<string>([...TRANSFER_KINDS, ...NOT_COPIED]);
    const tables = this.db
      .prepare(`SELECT name FROM sqlite_master WHERE type = 'table' AND name NOT LIKE 'sqlite_%'`)
      .all() as { name: string }[];
    return tables
      .filter((t) => !covered.has(t.name))
      .map((t) => ({ name: t.name, count: (this.db.prepare(`SELECT COUNT(*) AS n FROM "${t.name.replace(/"/g, '""')}"`).get() as { n: number }).n }))
      .filter((t) => t.count > 0);
  }

  private columnsOf(kind: TransferKind): string[] {
    return (this.db.prepare(`PRAGMA table_info(${table(kind)})`).all() as { name: string }[]).map((c) => c.name);
  }
}

/** better-sqlite3 binds numbers, strings, bigints, buffers and null; booleans become 0/1. */
function normalize(v: unknown): unknown {
  if (v === undefined) return null;
  if (typeof v === 'boolean') return v ? 1 : 0;
  return v;
}
