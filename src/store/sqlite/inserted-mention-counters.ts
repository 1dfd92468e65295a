/**
 * The counters that summarise mentions — the queue's mention_counts and mention_facet_counts, the
 * weekly summary's mention_hour_counts and complaint_day_counts, and the report-week rollups
 * week_counts, week_authors and week_responses — raised for new mentions once per batch, in the
 * inserting transaction.
 *
 * Updates and deletes keep these counters through triggers (migrations 2, 6, 8 and 10). Inserts did
 * too until migration 9: one trigger upsert per counter per inserted row cost ingest about 40 % of
 * its speed (bench:ingest), while a batch of 1,000 mentions touches only a few dozen counter rows.
 * So every INSERT INTO mentions goes through MentionTable.ingestBatch or the transfer import, both
 * of which call add(). Checked against counts of the rows themselves after random writes
 * (test/store/sqlite/summary-rollups.test.ts, test/replies/queue-counts.test.ts) and after a copy
 * (test/scripts/store-copy.test.ts).
 */
import type { InsertedRow, InsertParams } from './mention-rows';
import type { Db } from './open-database';
import { RESPONSE_BUCKET_BOUNDS } from './summary/week-rollup-schema';

/** The columns of a mentions row that the counters are keyed by. */
export interface CountedMentionColumns {
  /** Start of its report week (migration 10), null outside the configured weeks. */
  report_week: string | null;
  author_id: string;
  replyable: number;
  /** Null for a new mention; an imported one may already have been answered. */
  first_response_s: number | null;
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

/** The counted columns of a row INSERT_MENTION_SQL just inserted (and what it returned). */
export function insertedColumns(row: InsertParams, added: InsertedRow): CountedMentionColumns {
  return { ...row, report_week: added.report_week, first_response_s: null };
}

export const COUNTED_COLUMNS = [
  'report_week',
  'author_id',
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

/** The first-response bucket of week_responses (the SQL bucketOf in week-rollup-schema.ts). */
export function responseBucketOf(secs: number | null): number {
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

/** week_counts keys of one mention, as WEEK_DIMS in week-rollup-schema.ts (not 'authors'). */
function weekCountKeys(r: CountedMentionColumns): Key[] {
  const w = r.report_week;
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

/** week_responses key of a mention that needs a reply (NEEDS_REPLY in week-rollup-schema.ts). */
function weekResponseKeys(r: CountedMentionColumns): Key[] {
  if (r.report_week === null || r.relevant !== 1 || r.replyable !== 1) return [];
  if (!(r.status === 'needs_reply' || r.status === 'replied' || r.first_response_s !== null)) return [];
  const domain = r.primary_domain;
  return [[r.report_week, r.network, domain === null ? 0 : 1, domain ?? '', r.urgency, responseBucketOf(r.first_response_s)]];
}

/** A counter table: its upsert (key columns, then the amount) and the keys one row adds 1 to. */
interface Counter {
  upsert: string;
  keysOf(row: CountedMentionColumns): Key[];
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
  { upsert: upsert('week_counts', ['week', 'dim', 'key']), keysOf: weekCountKeys },
  {
    upsert: upsert('week_responses', ['week', 'network', 'has_domain', 'domain', 'urgency', 'bucket']),
    keysOf: weekResponseKeys,
  },
];

export class InsertedMentionCounters {
  private readonly upserts;
  private readonly readCounted;
  private readonly addAuthor;
  private readonly addAuthors;

  constructor(db: Db) {
    this.upserts = COUNTERS.map((c) => db.prepare(c.upsert));
    this.readCounted = db.prepare(`SELECT ${COUNTED_COLUMNS.join(', ')} FROM mentions WHERE id = ?`);
    // The returned total equals what was added exactly when the author is new in that week.
    this.addAuthor = db
      .prepare<[string, string, string, number], number>(`INSERT INTO week_authors (week, network, author_id, n) VALUES (?, ?, ?, ?)
        ON CONFLICT (week, network, author_id) DO UPDATE SET n = n + excluded.n RETURNING n`)
      .pluck();
    this.addAuthors = db.prepare(upsert('week_counts', ['week', 'dim', 'key']));
  }

  /** Counts rows just inserted into mentions. Call inside the inserting transaction. */
  add(rows: readonly CountedMentionColumns[]): void {
    const tallies = COUNTERS.map(() => new Map<string, { key: Key; n: number }>());
    for (const row of rows) {
      for (let i = 0; i < COUNTERS.length; i++) {
        for (const key of COUNTERS[i]!.keysOf(row)) {
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
    this.addWeekAuthors(rows);
  }

  /** week_authors of the rows, and each week's count of distinct authors (dim 'authors'). */
  private addWeekAuthors(rows: readonly CountedMentionColumns[]): void {
    const mentionsOf = new Map<string, { week: string; network: string; author: string; n: number }>();
    for (const r of rows) {
      if (r.report_week === null) continue;
      const id = `${r.report_week}\u0000${r.network}\u0000${r.author_id}`;
      const tally = mentionsOf.get(id);
      if (tally) tally.n++;
      else mentionsOf.set(id, { week: r.report_week, network: r.network, author: r.author_id, n: 1 });
    }
    const newAuthors = new Map<string, number>();
    for (const a of mentionsOf.values()) {
      if (this.addAuthor.get(a.week, a.network, a.author, a.n) === a.n) newAuthors.set(a.week, (newAuthors.get(a.week) ?? 0) + 1);
    }
    for (const [week, n] of newAuthors) this.addAuthors.run(week, 'authors', '', n);
  }

  /** Counts mentions already inserted, by id (an import writes whatever columns a record has). */
  addStored(ids: string[]): void {
    this.add(ids.map((id) => this.readCounted.get(id) as CountedMentionColumns));
  }
}
