/**
 * The export/import port behind `npm run store:copy`: every adapter can page through each kind of
 * record it holds and import such pages idempotently, so one copy loop serves every
 * source/target pair (sqlite → mongodb, mongodb → sqlite, sqlite → sqlite, ...).
 *
 * The record format is one JSON object per SQLite row (column names as keys, JSON columns as
 * text) in the SQLite schema of the same release: SQLite copies rows as they are, MongoDB maps
 * them to and from its documents per kind. Operational state that belongs to a running instance
 * (job leases, the instance lock) is not copied.
 */
export type TransferRecord = Record<string, unknown>;

/** Kinds in copy order; each is a SQLite table name and has a MongoDB collection mapping. */
export const TRANSFER_KINDS = ['channel_state', 'channel_kv', 'mentions', 'own_posts'] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

export interface TransferPage {
  records: TransferRecord[];
  /** Where the next page starts (opaque, stable across restarts); null when this was the last. */
  after: string | null;
}

export interface StoreTransfer {
  countRecords(kind: TransferKind): Promise<number>;
  /** Up to `limit` records after the position `after` (null = from the start), in a stable order. */
  exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage>;
  /** Inserts or replaces by the record's key: importing the same page twice changes nothing. */
  importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void>;
  /**
   * Tables/collections holding records that no transfer kind covers yet (a part whose copy
   * mapping is missing): the copy reports them instead of pretending it copied everything.
   */
  uncoveredRecords(): Promise<{ name: string; count: number }[]>;
}

/** Instance state, not data: never copied. */
export const NOT_COPIED = ['schema_migrations', 'leases', 'sqlite_sequence', 'meta'] as const;

export function isTransferKind(kind: string): kind is TransferKind {
  return (TRANSFER_KINDS as readonly string[]).includes(kind);
}
