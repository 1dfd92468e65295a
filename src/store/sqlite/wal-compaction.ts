/**
 * Shrinks the write-ahead log after a large ingest. The connections let the WAL grow to ~40 MB
 * between automatic checkpoints (wal_autocheckpoint, open-database.ts) because that is faster for
 * a long ingest; left alone, the file then stays that size until the next checkpoint resets it.
 * Once the writer has been idle for a moment and the WAL is past `thresholdBytes`, this runs one
 * TRUNCATE checkpoint: every frame is copied into the database and the file is cut to zero.
 *
 * TRUNCATE waits for readers of older snapshots and holds off other writers while it waits, so it
 * runs with a short busy timeout: if the main connection is busy it gives up at once and the
 * next idle moment tries again (journal_size_limit still caps the file at the next reset).
 */
import fs from 'node:fs';
import type { Db } from './open-database';

export interface WalCompactionOptions {
  /** Quiet time after the last write before checkpointing. */
  idleMs?: number;
  /** Checkpoint only when the WAL file is larger than this. */
  thresholdBytes?: number;
  /** Busy timeout of the connection outside the checkpoint, restored afterwards. */
  busyTimeoutMs?: number;
}

/** How long the checkpoint may wait for readers and writers before trying again later. */
const CHECKPOINT_BUSY_TIMEOUT_MS = 50;

export class WalCompaction {
  private timer: NodeJS.Timeout | undefined;
  private readonly idleMs: number;
  private readonly thresholdBytes: number;
  private readonly busyTimeoutMs: number;

  constructor(
    private readonly db: Db,
    private readonly file: string,
    opts: WalCompactionOptions = {},
  ) {
    this.idleMs = opts.idleMs ?? 250;
    this.thresholdBytes = opts.thresholdBytes ?? 4 * 1024 * 1024;
    this.busyTimeoutMs = opts.busyTimeoutMs ?? 5_000;
  }

  /** Call after every write: (re)starts the idle timer. */
  afterWrite(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = setTimeout(() => this.compactIfLarge(), this.idleMs);
  }

  stop(): void {
    if (this.timer) clearTimeout(this.timer);
    this.timer = undefined;
  }

  private walBytes(): number {
    try {
      return fs.statSync(`${this.file}-wal`).size;
    } catch {
      return 0;
    }
  }

  private compactIfLarge(): void {
    this.timer = undefined;
    if (!this.db.open || this.walBytes() <= this.thresholdBytes) return;
    let busy = 0;
    try {
      this.db.pragma(`busy_timeout = ${CHECKPOINT_BUSY_TIMEOUT_MS}`);
      busy = (this.db.pragma('wal_checkpoint(TRUNCATE)') as { busy: number }[])[0]?.busy ?? 0;
    } catch {
      // A full disk or an I/O error: the log stays as it is until after the next write.
    } finally {
      if (this.db.open) this.db.pragma(`busy_timeout = ${this.busyTimeoutMs}`);
    }
    // Readers or a writer on the main connection were in the way: try again a little later.
    if (busy) this.timer = setTimeout(() => this.compactIfLarge(), this.idleMs * 4);
  }
}
