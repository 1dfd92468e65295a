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
  /** The DERIVED_TABLES this store holds records in (not copied: the target rebuilds them). */
  derivedRecords(): Promise<{ name: string; count: number }[]>;
}

/**
 * Never copied, never reported: the schema and the instance's own state. SQLite's migrations
 * table, sequence and response-time buckets (constants a migration writes), the report weeks and
 * the rollups' catch-up mark (the service sets both for its own settings and rows); MongoDB's
 * meta; job leases (and the case lock, a lease).
 */
export const INSTANCE_STATE = ['schema_migrations', 'sqlite_sequence', 'response_buckets', 'report_weeks', 'week_rollup_state', 'meta', 'leases'] as const;

/**
 * Never copied: derived from the copied records, and rebuilt by the target. SQLite's mention
 * counters and week counts are raised by the import itself (and kept by triggers after); the
 * weeks' authors and terms (each mention's terms, the week's term counts and spellings) by the
 * catch-up, which counts every mention past its mark (week-rollup-catch-up.ts: the imported
 * mentions are new rows to it) at the first summary or within a minute of the service's start,
 * and the whole of them again when the service hands the store its report weeks; MongoDB's
 * sequences are raised past the imported keys. store:copy lists those the source holds as
 * "derived", not as missing.
 */
export const DERIVED_TABLES = [
  'mention_counts',
  'mention_facet_counts',
  'mention_hour_counts',
  'complaint_day_counts',
  'complaint_place_day_counts',
  'reply_hour_counts',
  'week_counts',
  'week_authors',
  'week_responses',
  'week_reply_counts',
  'mention_terms',
  'week_terms',
  'week_term_spellings',
  'sequences',
] as const;

/** Everything a copy leaves out on purpose; any other table or collection with records is reported NOT COPIED. */
export const NOT_COPIED: readonly string[] = [...INSTANCE_STATE, ...DERIVED_TABLES];

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
