/**
 * The counters that summarise mentions — the queue's mention_counts and mention_facet_counts, the
 * weekly summary's mention_hour_counts, complaint_day_counts and complaint_place_day_counts, and the report-week rollups
 * week_counts and week_responses — raised for new mentions once per batch, in the inserting
 * transaction. (The distinct authors and the terms are caught up after ingest:
 * summary/week-rollup-catch-up.ts.)
 *
 * Updates and deletes keep these counters through their tables' update and delete triggers. Inserts
 * do not use triggers: one trigger upsert per counter per inserted row costs ingest about 40 % of
 * its speed (bench:ingest), while a batch of 1,000 mentions touches only a few dozen counter rows.
 * So every INSERT INTO mentions goes through MentionTable.ingestBatch or the transfer import, both
 * of which call add(). Checked against counts of the rows themselves after random writes
 * (test/store/sqlite/summary-rollups.test.ts, test/queue/queue-counts.test.ts) and after a copy
 * (test/scripts/store-copy.test.ts).
 */
import type { ReportWeekBounds } from '../../domain';
import type { Db } from './open-database';
import { COMPLAINT_PLACE_TABLE, complaintPlaceKeys } from './summary/complaint-places';
import { RESPONSE_BUCKET_BOUNDS } from './summary/week-rollup-keys';

/** The columns of a mentions row that the counters are keyed by. */
export interface CountedMentionColumns {
  replyable: number;
  /** Absent or null for a new mention; an imported one may already have been answered. */
  first_response_s?: number | null;
  status: string;
  primary_domain: string | null;
  intent: string;
  urgency: string;
  channel: string;
  network: string;
  created_at: string;
  sentiment: string;
  relevant: number;
  area: string | null;
  block: string | null;
}

export const COUNTED_COLUMNS = [
  'replyable',
  'first_response_s',
  'status',
  'primary_domain',
  'intent',
  'urgency',
  'channel',
  'network',
  'created_at',
  'sentiment',
  'relevant',
  'area',
  'block',
] as const satisfies readonly (keyof CountedMentionColumns)[];

type Key = (string | number)[];

/** The first-response bucket of week_responses (the SQL bucketOf in week-rollup-keys.ts). */
function responseBucketOf(secs: number | null): number {
  if (secs === null) return -1;
  let lo = 0;
  let hi = RESPONSE_BUCKET_BOUNDS.length - 1;
  while (lo < hi) {
    const mid = (lo + hi + 1) >>> 1;
    if (RESPONSE_BUCKET_BOUNDS[mid] <= secs) lo = mid;
    else hi = mid - 1;
  }
  return RESPONSE_BUCKET_BOUNDS[lo];
}

/** Start of the week (of `weeks`, in order, not overlapping) that holds `at`, or null. */
function weekOf(weeks: ReportWeekBounds[], at: string): string | null {
  let lo = 0;
  let hi = weeks.length - 1;
  while (lo <= hi) {
    const mid = (lo + hi) >>> 1;
    if (weeks[mid].end <= at) lo = mid + 1;
    else if (weeks[mid].start > at) hi = mid - 1;
    else return weeks[mid].start;
  }
  return null;
}

/** week_counts keys of one mention, as WEEK_DIMS in week-rollup-keys.ts (not 'authors'). */
function weekCountKeys(r: CountedMentionColumns, w: string | null): Key[] {
  if (w === null) return [];
  const keys: Key[] = [
    [w, 'all', ''],
    [w, 'network', r.network],
    r.primary_domain === null ? [w, 'no_domain', ''] : [w, 'domain', r.primary_domain],
    [w, 'intent', r.intent],
    [w, 'urgency', r.urgency],
    [w, 'sentiment', r.sentiment],
    [w, 'hour', r.created_at.slice(0, 13)],
  ];
  if (r.relevant === 1) keys.push([w, 'relevant', '']);
  if (r.intent === 'complaint' && r.area) keys.push([w, 'area', r.area]);
  if (r.intent === 'complaint' && r.block) keys.push([w, 'block', r.block]);
  return keys;
}

/** week_responses key of a mention that needs a reply (NEEDS_REPLY in week-rollup-keys.ts). */
function weekResponseKeys(r: CountedMentionColumns, week: string | null): Key[] {
  const answered = r.first_response_s ?? null;
  if (week === null || r.relevant !== 1 || r.replyable !== 1) return [];
  if (!(r.status === 'needs_reply' || r.status === 'replied' || answered !== null)) return [];
  const domain = r.primary_domain;
  return [[week, r.network, domain === null ? 0 : 1, domain ?? '', r.urgency, responseBucketOf(answered)]];
}

/** A counter table: its upsert (key columns, then the amount) and the keys one row adds 1 to. */
interface Counter {
  upsert: string;
  /** `week`: start of the row's report week (`report_weeks`), null outside the configured weeks. */
  keysOf(row: CountedMentionColumns, week: string | null): Key[];
}

const upsert = (table: string, columns: string[]) =>
  `INSERT INTO ${table} (${columns.join(', ')}, n) VALUES (${columns.map(() => '?').join(', ')}, ?)
    ON CONFLICT (${columns.join(', ')}) DO UPDATE SET n = n + excluded.n`;

/** Same keys as the triggers of migrations 2, 6 and 8 (COALESCE defaults, UTC hour and day buckets). */
const COUNTERS: Counter[] = [
  {
    upsert: upsert('mention_counts', ['status', 'domain']),
    keysOf: (r) => [[r.status, r.primary_domain ?? 'none']],
  },
  {
    upsert: upsert('mention_facet_counts', ['status', 'domain', 'intent', 'urgency', 'channel', 'network']),
    keysOf: (r) => [[r.status, r.primary_domain ?? 'none', r.intent, r.urgency, r.channel, r.network]],
  },
  {
    upsert: upsert('mention_hour_counts', ['bucket', 'network', 'has_domain', 'domain', 'intent', 'urgency', 'sentiment', 'relevant']),
    keysOf: (r) => [
      [
        r.created_at.slice(0, 13),
        r.network,
        r.primary_domain == null ? 0 : 1,
        r.primary_domain ?? '',
        r.intent,
        r.urgency,
        r.sentiment,
        r.relevant,
      ],
    ],
  },
  {
    upsert: upsert('complaint_day_counts', ['bucket', 'dim', 'key']),
    keysOf: (r) => {
      if (r.intent !== 'complaint') return [];
      const day = r.created_at.slice(0, 10);
      const keys: Key[] = [];
      if (r.area) keys.push([day, 'area', r.area]);
      if (r.block) keys.push([day, 'block', r.block]);
      return keys;
    },
  },
  { upsert: upsert(COMPLAINT_PLACE_TABLE, ['bucket', 'dim', 'key']), keysOf: complaintPlaceKeys },
  { upsert: upsert('week_counts', ['week', 'dim', 'key']), keysOf: weekCountKeys },
  {
    upsert: upsert('week_responses', ['week', 'network', 'has_domain', 'domain', 'urgency', 'bucket']),
    keysOf: weekResponseKeys,
  },
];

export class InsertedMentionCounters {
  private readonly upserts;
  private readonly readCounted;
  private readonly weeksBetween;

  constructor(db: Db) {
    this.upserts = COUNTERS.map((c) => db.prepare(c.upsert));
    this.readCounted = db.prepare(`SELECT ${COUNTED_COLUMNS.join(', ')} FROM mentions WHERE id = ?`);
    this.weeksBetween = db.prepare<[string, string], ReportWeekBounds>(
      'SELECT start_at AS start, end_at AS end FROM report_weeks WHERE end_at > ? AND start_at <= ? ORDER BY start_at',
    );
  }

  /**
   * Each row with its report week: the same week INSERT_MENTION_SQL looked up for it (WEEK_OF),
   * from the few weeks the batch spans, read once per batch in the same transaction.
   */
  private weeksOf(rows: readonly CountedMentionColumns[]): (string | null)[] {
    if (rows.length === 0) return [];
    let first = rows[0].created_at;
    let last = first;
    for (const r of rows) {
      if (r.created_at < first) first = r.created_at;
      if (r.created_at > last) last = r.created_at;
    }
    const weeks = this.weeksBetween.all(first, last);
    return rows.map((r) => weekOf(weeks, r.created_at));
  }

  /** Counts rows just inserted into mentions. Call inside the inserting transaction. */
  add(rows: readonly CountedMentionColumns[]): void {
    const weeks = this.weeksOf(rows);
    const tallies = COUNTERS.map(() => new Map<string, { key: Key; n: number }>());
    for (let r = 0; r < rows.length; r++) {
      for (let i = 0; i < COUNTERS.length; i++) {
        for (const key of COUNTERS[i]!.keysOf(rows[r], weeks[r])) {
          const id = key.join('\u0000');
          const tally = tallies[i]!.get(id);
          if (tally) tally.n++;
          else tallies[i]!.set(id, { key, n: 1 });
        }
      }
    }
    for (let i = 0; i < COUNTERS.length; i++) {
      for (const { key, n } of tallies[i]!.values()) this.upserts[i]!.run(...key, n);
    }
  }

  /** Counts mentions already inserted, by id (an import writes whatever columns a record has). */
  addStored(ids: string[]): void {
    this.add(ids.map((id) => this.readCounted.get(id) as CountedMentionColumns));
  }
}
