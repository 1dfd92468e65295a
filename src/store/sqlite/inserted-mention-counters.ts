/**
 * The counters that summarise mentions — the queue's mention_counts and mention_facet_counts, the
 * weekly summary's mention_hour_counts and complaint_day_counts — raised for new mentions once per
 * batch, in the inserting transaction.
 *
 * Updates and deletes keep these counters through triggers (migrations 2, 6 and 8). Inserts did
 * too until migration 9: one trigger upsert per counter per inserted row cost ingest about 40 % of
 * its speed (bench:ingest), while a batch of 1,000 mentions touches only a few dozen counter rows.
 * So every INSERT INTO mentions goes through MentionTable.ingestBatch or the transfer import, both
 * of which call add(). Checked against counts of the rows themselves after random writes
 * (test/store/sqlite/summary-rollups.test.ts, test/replies/queue-counts.test.ts) and after a copy
 * (test/scripts/store-copy.test.ts).
 */
import type { Db } from './open-database';

/** The columns of a mentions row that the counters are keyed by. */
export interface CountedMentionColumns {
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
];

export class InsertedMentionCounters {
  private readonly upserts;
  private readonly readCounted;

  constructor(db: Db) {
    this.upserts = COUNTERS.map((c) => db.prepare(c.upsert));
    this.readCounted = db.prepare(`SELECT ${COUNTED_COLUMNS.join(', ')} FROM mentions WHERE id = ?`);
  }

  /** Counts rows just inserted into mentions. Call inside the inserting transaction. */
  add(rows: Iterable<CountedMentionColumns>): void {
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
  }

  /** Counts mentions already inserted, by id (an import writes whatever columns a record has). */
  addStored(ids: string[]): void {
    this.add(ids.map((id) => this.readCounted.get(id) as CountedMentionColumns));
  }
}
