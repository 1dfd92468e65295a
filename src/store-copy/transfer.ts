/**
 * The export/import port behind `npm run store:copy`: every adapter can page through each kind of
 * record it holds and import such pages idempotently, so one copy loop serves every
 * source/target pair (sqlite → mongodb, mongodb → sqlite, sqlite → sqlite, ...).
 *
 * The record format is one JSON object per SQLite row (column names as keys, JSON columns as
 * text) in the SQLite schema of the same release: SQLite copies rows as they are, MongoDB maps
 * them to and from its documents per kind. One exception: a case record also carries its history
 * (`history_json`, the case_history rows in order), because MongoDB keeps the history inside the
 * case document; the history is still counted on its own ('case_history'). Operational state that
 * belongs to a running instance (job leases, the instance lock) and data derived from other
 * records (SQLite's per-domain mention counts, MongoDB's sequences) are not copied.
 */
export type TransferRecord = Record<string, unknown>;

/** Kinds in copy order; each is a SQLite table name and has a MongoDB collection mapping. */
export const TRANSFER_KINDS = [
  'channel_state',
  'channel_kv',
  'mentions',
  'own_posts',
  'users',
  'sessions',
  'templates',
  'replies',
  'audit',
  'case_counters',
  'cases',
  'outbox',
  'summaries',
] as const;
export type TransferKind = (typeof TRANSFER_KINDS)[number];

/** Records that travel inside another kind's records, counted on their own at the end of a copy. */
export const NESTED_KINDS = { case_history: 'cases' } as const;
export type NestedKind = keyof typeof NESTED_KINDS;

/** Everything the copy verifies by count: every kind, and the nested records. */
export type CountedKind = TransferKind | NestedKind;
export const COUNTED_KINDS: readonly CountedKind[] = [...TRANSFER_KINDS, ...(Object.keys(NESTED_KINDS) as NestedKind[])];

export interface TransferPage {
  records: TransferRecord[];
  /** Where the next page starts (opaque, stable across restarts); null when this was the last. */
  after: string | null;
}

export interface StoreTransfer {
  countRecords(kind: CountedKind): Promise<number>;
  /** Up to `limit` records after the position `after` (null = from the start), in a stable order. */
  exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage>;
  /** Inserts or replaces by the record's key: importing the same page twice changes nothing. */
  importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void>;
  /**
   * Tables/collections holding records that no transfer kind covers (a part whose copy mapping
   * is missing): the copy reports them instead of pretending it copied everything.
   */
  uncoveredRecords(): Promise<{ name: string; count: number }[]>;
}

/**
 * Never copied. Instance state: SQLite's migrations table and sequence, MongoDB's meta, job
 * leases (and the case lock, a lease). Derived data, rebuilt by the target while importing:
 * SQLite's mention counters and summary rollups (raised by the import, kept by triggers after) and MongoDB's
 * sequences (raised past imported keys).
 */
export const NOT_COPIED = [
  'schema_migrations',
  'leases',
  'sqlite_sequence',
  'meta',
  'mention_counts',
  'mention_facet_counts',
  'mention_hour_counts',
  'complaint_day_counts',
  'complaint_place_day_counts',
  'reply_hour_counts',
  'sequences',
  'report_weeks',
  'response_buckets',
  'week_counts',
  'week_authors',
  'week_responses',
  'week_reply_counts',
  'week_rollup_state',
] as const;

/**
 * Columns derived from other records and kept by the store itself (SQLite triggers; MongoDB
 * computes the same at query time): not part of the transfer format, recomputed by the target.
 * Generated columns are left out as well (sqlite-transfer.ts reads table_xinfo).
 */
export const DERIVED_COLUMNS: Partial<Record<TransferKind, readonly string[]>> = {
  mentions: ['first_reply_at', 'first_response_s', 'prev_author_at', 'report_week'],
};

export function isTransferKind(kind: string): kind is TransferKind {
  return (TRANSFER_KINDS as readonly string[]).includes(kind);
}
