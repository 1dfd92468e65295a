/**
 * Writes one ingest batch on one SQLite connection: the mentions (insert-or-ignore on
 * UNIQUE(channel, external_id); a known mention gets its new metrics and the union of its
 * sources), the counters of the new ones, and the channel's cursor, all in one transaction, so a
 * crash at any moment leaves either the whole page with its cursor or none of it.
 *
 * It takes rows already mapped by toInsertParams and answers with plain data (which rows were
 * new), so the same code runs on the store's own connection and in the ingest writer thread
 * (ingest-writer-thread.ts), whose messages must be cloneable.
 */
import { InsertedMentionCounters } from './inserted-mention-counters';
import type { Db } from './open-database';
import { INSERT_MENTION_SQL, type InsertParams } from './mention-rows';

export interface MentionBatch {
  channel: string;
  rows: InsertParams[];
  /** undefined: leave the cursor alone (pushed mentions); null or text: save it. */
  newCursor: string | null | undefined;
  /** When the batch was fetched (the rows' fetched_at), also the cursor's updated_at. */
  fetchedAt: string;
}

export interface WrittenBatch {
  /** Indexes into the batch's rows of the mentions that were new. */
  inserted: number[];
  /** Mentions that were known and refreshed. */
  updated: number;
}

export class MentionBatchWriter {
  private readonly insert;
  private readonly findKnown;
  private readonly refreshKnown;
  private readonly saveCursor;
  private readonly counters;
  private readonly writeTx;

  constructor(db: Db) {
    this.insert = db.prepare(INSERT_MENTION_SQL);
    this.counters = new InsertedMentionCounters(db);
    this.findKnown = db.prepare('SELECT id, sources_json FROM mentions WHERE channel = ? AND external_id = ?');
    this.refreshKnown = db.prepare(
      'UPDATE mentions SET metrics_json = COALESCE(?, metrics_json), engagement = ?, sources_json = ? WHERE id = ?',
    );
    this.saveCursor = db.prepare(`INSERT INTO channel_state (channel, cursor, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (channel) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
    this.writeTx = db.transaction(this.writeInTransaction.bind(this));
  }

  write(batch: MentionBatch): WrittenBatch {
    return this.writeTx.immediate(batch);
  }

  private writeInTransaction({ channel, rows, newCursor, fetchedAt }: MentionBatch): WrittenBatch {
    const inserted: number[] = [];
    const insertedRows: InsertParams[] = [];
    let updated = 0;
    for (let i = 0; i < rows.length; i++) {
      if (this.insert.run(rows[i]).changes === 1) {
        inserted.push(i);
        insertedRows.push(rows[i]);
      } else {
        this.refresh(channel, rows[i]);
        updated++;
      }
    }
    this.counters.add(insertedRows);
    if (newCursor !== undefined) this.saveCursor.run(channel, newCursor, fetchedAt);
    return { inserted, updated };
  }

  /** A known mention seen again: new metrics, union of the sources that found it. */
  private refresh(channel: string, row: InsertParams): void {
    const known = this.findKnown.get(channel, row.external_id) as { id: string; sources_json: string | null };
    const sources = new Set<string>(known.sources_json ? JSON.parse(known.sources_json) : []);
    for (const s of row.sources_json ? (JSON.parse(row.sources_json) as string[]) : []) sources.add(s);
    const sourcesJson = sources.size ? JSON.stringify([...sources]) : null;
    this.refreshKnown.run(row.metrics_json, row.engagement, sourcesJson, known.id);
  }
}
