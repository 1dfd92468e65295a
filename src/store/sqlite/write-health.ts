/**
 * Whether the SQLite store can write, for readiness. A write that failed because the disk is full
 * (or the file became read-only) marks the store blocked; the next successful write clears it.
 * While blocked, status checks try one small real write (at most once a second) so that readiness
 * comes back as soon as space does, even when nothing else writes in the meantime.
 *
 * The probe inserts and deletes a 64 KB value in one committed transaction: the file has to find
 * new pages for it and the WAL has to take them at commit, which is what fails on a full disk.
 * No other connection ever sees the row.
 */
import type { Db } from './open-database';
import { StoreError, type StoreErrorCode } from '../store-error';

export interface WriteFailure {
  code: Extract<StoreErrorCode, 'store_full' | 'store_unwritable'>;
  message: string;
  since: string;
}

const BLOCKING = new Set<StoreErrorCode>(['store_full', 'store_unwritable']);
/** Said on the open /readyz: no file paths or driver text there (the error log has them). */
const REASONS: Record<WriteFailure['code'], string> = {
  store_full: 'the disk is full: the store cannot write',
  store_unwritable: 'the database file cannot be written',
};
const PROBE_EVERY_MS = 1_000;
const PROBE_KEY = 'rasid:write-probe';

export class WriteHealth {
  private failure: WriteFailure | undefined;
  private lastProbeAt = 0;

  constructor(
    private readonly db: Db,
    private readonly file: string,
  ) {}

  noteFailure(err: unknown): void {
    if (!(err instanceof StoreError) || !BLOCKING.has(err.code)) return;
    const code = err.code as WriteFailure['code'];
    this.failure = { code, message: REASONS[code], since: this.failure?.since ?? new Date().toISOString() };
  }

  noteSuccess(): void {
    this.failure = undefined;
  }

  /** The reason writes fail, or undefined when the store can write. */
  check(): WriteFailure | undefined {
    if (!this.failure || Date.now() - this.lastProbeAt < PROBE_EVERY_MS) return this.failure;
    this.lastProbeAt = Date.now();
    try {
      this.probe();
      this.failure = undefined;
    } catch (err) {
      this.noteFailure(StoreError.wrap(err, this.file));
    }
    return this.failure;
  }

  private probe(): void {
    this.db
      .transaction(() => {
        this.db.prepare('INSERT OR REPLACE INTO channel_kv (channel, key, value) VALUES (?, ?, zeroblob(65536))').run('', PROBE_KEY);
        this.db.prepare('DELETE FROM channel_kv WHERE channel = ? AND key = ?').run('', PROBE_KEY);
      })
      .immediate();
  }
}
