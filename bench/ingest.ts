/**
 * bench:ingest — end-to-end ingest into SQLite (replay file → parse → classify → one transaction
 * per batch with the cursor, in the service's ingest writer thread) against the raw
 * better-sqlite3 insert rate of the very same rows (one thread, rows already mapped).
 * Goals: ≥ 20,000 mentions/s end to end and ≥ 50 % of the raw insert rate. Both paths are warmed
 * up on 5,000 other mentions first; each run writes into a fresh SQLite file.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { ReplayChannel } from '../channels/replay';
import { createDefaultClassifier } from '../src/composition';
import { classifyMentions } from '../src/ingest/classify-mentions';
import { pollChannel } from '../src/ingest/poll-channel';
import { newMentionId } from '../src/store/mention-id';
import { createSqliteStores, type SqliteStores } from '../src/stores/sqlite-stores';
import { INSERT_MENTION_SQL, toInsertParams } from '../src/store/sqlite/mention-rows';
import { createLogger } from '../src/logger';
import { defaultSummarySettings } from '../src/summaries/summary-settings';
import { SqliteSummaryStore } from '../src/summaries/store/sqlite/sqlite-summary-store';
import { reportWeekBounds } from '../src/summaries/week';
import { generateMentions } from './support/generate-mentions';
import { printBenchTable, withPeakRss, type BenchRow } from './support/bench-row';

const BATCH = 1000;
/** The service's report weeks (Asia/Bahrain, Sunday): ingest keeps the per-week rollups for them. */
const REPORT_WEEKS = reportWeekBounds(defaultSummarySettings());
/** Mentions run through both paths first on scratch stores, so neither is timed while V8 compiles it. */
const WARM_UP = 5_000;

type Classifier = ReturnType<typeof createDefaultClassifier>;

/** Writes the replay file line by line (no array of every mention held while measuring). */
function writeReplayFile(file: string, count: number, seed: number): void {
  const out = fs.openSync(file, 'w');
  for (const r of generateMentions({ count, seed })) fs.writeSync(out, JSON.stringify({ ...r, channel: r.network }) + '\n');
  fs.closeSync(out);
}

/**
 * End to end, through the code the scheduler runs: pollChannel over the replay file (fetch a page,
 * classify it, commit it with its cursor while the next page is fetched), on a store opened as
 * the service opens it (ingest writer thread on).
 */
async function ingestEndToEnd(file: string, dbFile: string, classifier: Classifier) {
  const store = createSqliteStores(dbFile, { ingestThread: true });
  await store.summaries.useReportWeeks(REPORT_WEEKS);
  const channel = new ReplayChannel({ file, batchSize: BATCH });
  const log = createLogger({ level: 'silent' });
  const timed = await withPeakRss(async () => {
    const started = process.hrtime.bigint();
    const outcome = await pollChannel({ store, classifier, channel, log, maxPages: Infinity });
    if (outcome.status !== 'ok') throw new Error(`ingest failed: ${outcome.error}`);
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  const stored = await store.mentions.countMentions();
  await store.close();
  return { ...timed, stored };
}

/** The raw floor: the same rows (same id scheme), already classified and mapped, inserted with one prepared statement. */
async function insertRaw(count: number, seed: number, dbFile: string, classifier: Classifier) {
  const store = createSqliteStores(dbFile);
  await store.summaries.useReportWeeks(REPORT_WEEKS);
  const raws = [...generateMentions({ count, seed })];
  const rows = classifyMentions(classifier, raws).map((m) => toInsertParams(newMentionId(), 'replay', m, new Date().toISOString()));
  const insert = store.db.prepare(INSERT_MENTION_SQL);
  const insertMany = store.db.transaction((chunk: typeof rows) => {
    for (const r of chunk) insert.run(r);
  });
  const timed = await withPeakRss(() => {
    const started = process.hrtime.bigint();
    for (let i = 0; i < rows.length; i += BATCH) insertMany.immediate(rows.slice(i, i + BATCH));
    return Number(process.hrtime.bigint() - started) / 1e9;
  });
  await store.close();
  return timed;
}

export async function runIngestBench(opts: { quick: boolean }): Promise<BenchRow[]> {
  const count = opts.quick ? 50_000 : 200_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-bench-ingest-'));
  const at = (name: string) => path.join(dir, name);
  const classifier = createDefaultClassifier();
  try {
    writeReplayFile(at('warm-up.jsonl'), WARM_UP, 8);
    await ingestEndToEnd(at('warm-up.jsonl'), at('warm-up-e2e.db'), classifier);
    await insertRaw(WARM_UP, 8, at('warm-up-raw.db'), classifier);

    writeReplayFile(at('replay.jsonl'), count, 7);
    const e2e = await ingestEndToEnd(at('replay.jsonl'), at('e2e.db'), classifier);
    if (e2e.stored !== count) throw new Error(`end-to-end stored ${e2e.stored} of ${count}`);
    const raw = await insertRaw(count, 7, at('raw.db'), classifier);

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
  } finally {
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runIngestBench({ quick: process.argv.includes('--quick') }).then(printBenchTable, (err) => {
    console.error(err);
    process.exit(1);
  });
}
