/**
 * The SQLite store's feed of changes to mentions for the queue page cache (QueueChangeFeed):
 *
 * - Writes on the store's own connection (claims, releases, status changes, replies, case
 *   capture, ingest without the writer thread) are recorded by TEMP triggers on `mentions`: the id
 *   of every inserted, updated or deleted row goes into a TEMP table. TEMP objects belong to this
 *   connection only: nothing is added to the file's schema, and other connections' writes do not
 *   fire them. sync() reads what is new (only when total_changes() has moved) and tells the ids
 *   with the rows as they are now.
 * - Pages committed by the ingest writer thread are told by the store when their write resolves
 *   (ingested()), with the new rows' queue columns.
 * - Commits by any other connection move PRAGMA data_version. When the writer thread has been
 *   idle since the last look, such a move is another process's: `all`, at once. While the writer
 *   is busy its own commits move data_version too and cannot be told apart, so a move is told as
 *   `all` ALL_WITHIN_MS after it was noticed: another process's commit shows within that bound, and
 *   a flood of this process's own ingest reads each page again at most about once a second.
 */
import type { MentionStatus, QueueChangeFeed, QueueChanges, QueueRow } from '../../domain';
import type { InsertParams } from './mention-rows';
import type { Db } from './open-database';

/** How long a data_version move that may be another process's commit can go untold (ms). */
export const ALL_WITHIN_MS = 1_000;
/** More changed rows than this in one sync: told as `all` (a bulk import) rather than row by row. */
const MAX_ROWS = 1_000;

// AUTOINCREMENT: once forget() has emptied the table, a plain INTEGER PRIMARY KEY would number the
// next change 1 again, below the last seq read, and sync() would never tell it (a queue page kept
// in memory after a colleague's claim).
const SCHEMA = `
  CREATE TEMP TABLE IF NOT EXISTS queue_row_changes (seq INTEGER PRIMARY KEY AUTOINCREMENT, id TEXT NOT NULL);
  CREATE TEMP TRIGGER IF NOT EXISTS queue_row_inserted AFTER INSERT ON main.mentions
    BEGIN INSERT INTO queue_row_changes (id) VALUES (NEW.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS queue_row_updated AFTER UPDATE ON main.mentions
    BEGIN INSERT INTO queue_row_changes (id) VALUES (NEW.id); END;
  CREATE TEMP TRIGGER IF NOT EXISTS queue_row_deleted AFTER DELETE ON main.mentions
    BEGIN INSERT INTO queue_row_changes (id) VALUES (OLD.id); END;`;

type ChangedRow = [seq: number, id: string, status: string | null, domain: string | null, channel: string, network: string,
  intent: string, urgency: string, urgencyRank: number, createdAt: string, followers: number];

/** The queue columns of a row about to be inserted (mention-rows.ts' toInsertParams). */
export function queueRowOfInsert(p: InsertParams): QueueRow {
  return {
    id: p.id,
    status: p.status,
    primaryDomain: p.primary_domain,
    channel: p.channel,
    network: p.network,
    intent: p.intent,
    urgency: p.urgency,
    urgencyRank: p.urgency_rank,
    createdAt: p.created_at,
    followers: p.author_followers,
  };
}

export class SqliteQueueChangeFeed implements QueueChangeFeed {
  private readonly listeners = new Set<(changes: QueueChanges) => void>();
  private readonly dataVersion;
  private readonly totalChanges;
  private readonly changedSince;
  private readonly forget;
  private lastDataVersion: number;
  private lastTotalChanges: number;
  private lastSeq = 0;
  /** Rows read from the TEMP table since it was last cut back. */
  private readSinceForget = 0;
  /** Writer thread: writes sent and not answered; sends and answers so far. */
  private writerBusy = 0;
  private writerEpoch = 0;
  private epochAtLastLook = 0;
  /** When a data_version move that may be another process's was first noticed and not yet told. */
  private unattributedSince: number | undefined;

  constructor(db: Db, private readonly clock: () => number = Date.now) {
    db.exec(SCHEMA);
    // Own SQL texts: openDatabase shares statements by text, and these are switched to pluck/raw mode.
    this.dataVersion = db.prepare<[], number>('PRAGMA data_version /* queue change feed */').pluck();
    this.totalChanges = db.prepare<[], number>('SELECT total_changes() /* queue change feed */').pluck();
    this.changedSince = db
      .prepare(`SELECT c.seq, c.id, m.status, m.primary_domain, m.channel, m.network, m.intent, m.urgency, m.urgency_rank,
          m.created_at, m.author_followers
        FROM temp.queue_row_changes c LEFT JOIN main.mentions m ON m.id = c.id WHERE c.seq > ? ORDER BY c.seq`)
      .raw(true);
    this.forget = db.prepare('DELETE FROM temp.queue_row_changes WHERE seq <= ?');
    this.lastDataVersion = this.dataVersion.get() as number;
    this.lastTotalChanges = this.totalChanges.get() as number;
    const last = db.prepare<[], number>('SELECT MAX(seq) FROM temp.queue_row_changes').pluck().get();
    this.lastSeq = last ?? 0;
  }

  subscribe(listener: (changes: QueueChanges) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  sync(): void {
    const total = this.totalChanges.get() as number;
    if (total !== this.lastTotalChanges) {
      this.lastTotalChanges = total;
      this.tellOwnWrites();
    }
    const version = this.dataVersion.get() as number;
    if (version !== this.lastDataVersion) {
      const writerMayHaveCommitted = this.writerBusy > 0 || this.writerEpoch !== this.epochAtLastLook;
      this.lastDataVersion = version;
      this.epochAtLastLook = this.writerEpoch;
      if (!writerMayHaveCommitted) return this.tellAll();
      this.unattributedSince ??= this.clock();
    }
    if (this.unattributedSince !== undefined && this.clock() - this.unattributedSince >= ALL_WITHIN_MS) this.tellAll();
  }

  /** A page was sent to the ingest writer thread. */
  writerStarted(): void {
    this.writerBusy++;
    this.writerEpoch++;
  }

  /** The writer thread answered: with the rows it inserted and whether it refreshed known ones. */
  writerFinished(written?: { rows: InsertParams[]; refreshed: boolean }): void {
    this.writerBusy--;
    this.writerEpoch++;
    if (written && (written.rows.length || written.refreshed)) {
      this.tell({ rows: written.rows.map(queueRowOfInsert), ...(written.refreshed ? { refreshed: true } : {}) });
    }
  }

  private tellOwnWrites(): void {
    const rows = this.changedSince.all(this.lastSeq) as ChangedRow[];
    if (rows.length === 0) return;
    this.lastSeq = rows[rows.length - 1][0];
    // Keep the TEMP table small; forgetting is itself a change (total_changes), so not after every read.
    this.readSinceForget += rows.length;
    if (this.readSinceForget >= 256) {
      this.forget.run(this.lastSeq);
      this.readSinceForget = 0;
    }
    if (rows.length > MAX_ROWS) return this.tellAll();
    const changedIds = rows.map((r) => r[1]);
    const now: QueueRow[] = [];
    for (const [, id, status, domain, channel, network, intent, urgency, urgencyRank, createdAt, followers] of rows) {
      if (status === null) continue; // deleted
      now.push({ id, status: status as MentionStatus, primaryDomain: domain, channel, network, intent, urgency, urgencyRank, createdAt, followers });
    }
    this.tell({ changedIds, rows: now });
  }

  private tellAll(): void {
    this.unattributedSince = undefined;
    this.tell({ all: true });
  }

  private tell(changes: QueueChanges): void {
    for (const listener of this.listeners) listener(changes);
  }
}
