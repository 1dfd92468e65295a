/**
 * bench:ingest — end-to-end ingest into SQLite (replay file → parse → classify → one transaction
 * per batch with the cursor) against the raw better-sqlite3 insert rate of the very same rows.
 * Goals: ≥ 20,000 mentions/s end to end and ≥ 50 % of the raw insert rate.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReplayChannel } from '../channels/replay';
import { createDefaultClassifier } from '../src/composition';
import { classifyMentions } from '../src/ingest/classify-mentions';
import { SqliteStore } from '../src/store/sqlite';
import { INSERT_MENTION_SQL, toInsertParams } from '../src/store/sqlite/mention-rows';
import { createLogger } from '../src/logger';
import { generateMentions } from './support/generate-mentions';
import { printBenchTable, withPeakRss, type BenchRow } from './support/bench-row';

const BATCH = 1000;

export async function runIngestBench(opts: { quick: boolean }): Promise<BenchRow[]> {
  const count = opts.quick ? 50_000 : 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-bench-ingest-'));
  const file = path.join(dir, 'replay.jsonl');
  // Written line by line and regenerated for the raw floor below: holding 50,000+ mentions in
  // memory during the end-to-end run made every major GC mark them (a cost no service has).
  const out = fs.openSync(file, 'w');
  for (const r of generateMentions({ count, seed: 7 })) fs.writeSync(out, JSON.stringify({ ...r, channel: r.network }) + '\n');
  fs.closeSync(out);
  const classifier = createDefaultClassifier();
  const log = createLogger({ level: 'silent' });

  // End to end, through the same code the poller runs.
  const store = new SqliteStore(path.join(dir, 'e2e.db'));
  const channel = new ReplayChannel({ file, batchSize: BATCH });
  const ctx = { kv: store.channelKv('replay'), log, now: () => new Date() };
  const e2e = await withPeakRss(async () => {
    const started = process.hrtime.bigint();
    let cursor: string | null = null;
    for (;;) {
      const page = await channel.poll(cursor, ctx);
      await store.ingestBatch('replay', classifyMentions(classifier, page.mentions), page.cursor);
      cursor = page.cursor;
      if (!page.hasMore) break;
    }
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  const stored = await store.countMentions();
  await store.close();
  if (stored !== count) throw new Error(`end-to-end stored ${stored} of ${count}`);

  // Raw floor: the same rows, already classified and mapped, inserted with one prepared statement.
  const rawStore = new SqliteStore(path.join(dir, 'raw.db'));
  const raws = [...generateMentions({ count, seed: 7 })];
  const rows = classifyMentions(classifier, raws).map((m, i) => toInsertParams(`id-${i}`, 'replay', m, new Date().toISOString()));
  const insert = rawStore.db.prepare(INSERT_MENTION_SQL);
  const insertMany = rawStore.db.transaction((chunk: typeof rows) => {
    for (const r of chunk) insert.run(r);
  });
  const raw = await withPeakRss(() => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += BATCH) insertMany.immediate(rows.slice(i, i + BATCH));
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  await rawStore.close();
  fs.rmSync(dir, { recursive: true, force: true });

  const e2eRate = count / e2e.result;
  const rawRate = count / raw.result;
  return [
    {
      name: `ingest end to end (${count.toLocaleString('en')} mentions, batches of ${BATCH})`,
      value: e2eRate,
      unit: 'mentions/s',
      reference: 'raw better-sqlite3 insert of the same rows',
      referenceValue: rawRate,
      ratio: e2eRate / rawRate,
      peakRssMb: e2e.peakRssMb,
      goal: '≥ 20,000/s and ratio ≥ 0.5',
    },
  ];
}

if (require.main === module) {
  runIngestBench({ quick: process.argv.includes('--quick') }).then(printBenchTable, (err) => {
    console.error(err);
    process.exit(1);
  });
}
