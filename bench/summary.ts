/**
 * bench:summary — one week's summary (this week and the previous one: every figure, computed in
 * SQLite, plus top terms) over a store of 1,000,000 mentions, about 150,000 of them in the week,
 * with replies and cases, against the floor of a single COUNT(*) of the same week.
 * Goals: < 2 s, and < 5× the floor. `--quick`: 100,000 mentions.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClassifiedMention, Domain, Intent, Urgency } from '../src/domain';
import { defaultSummarySettings } from '../src/reports/summary-settings';
import { weekById } from '../src/reports/week';
import { buildWeeklySummary } from '../src/reports/weekly-summary';
import { SqliteStore } from '../src/store/sqlite';
import { INSERT_MENTION_SQL, toInsertParams } from '../src/store/sqlite/mention-rows';
import { generateMentions, seededRandom } from './support/generate-mentions';
import { printBenchTable, withPeakRss, type BenchRow } from './support/bench-row';

const WEEK_ID = '2026-W48';
const PER_WEEK = 150_000;
const BATCH = 5_000;

const DOMAINS: (Domain | null)[] = ['roads', 'roads', 'drainage', 'drainage', 'buildings', null];
const INTENTS: Intent[] = ['complaint', 'complaint', 'complaint', 'inquiry', 'suggestion', 'praise', 'other'];
const URGENCIES: Urgency[] = ['high', 'medium', 'medium', 'low', 'low'];
const AREAS = ['سترة', 'المحرق', 'مدينة عيسى', 'الرفاع', 'عالي', 'سند', 'جدحفص', 'الجفير', undefined];
const pick = <T>(rnd: () => number, list: readonly T[]): T => list[Math.floor(rnd() * list.length)];

/** Fills the store directly with the production row mapping (the classifier is not what is measured). */
function seed(store: SqliteStore, count: number): { inWeek: number } {
  const settings = defaultSummarySettings('Asia/Bahrain');
  const week = weekById(WEEK_ID, settings);
  const end = new Date(Date.parse(week.end) + 3 * 86_400_000);
  const days = (7 * count) / Math.min(PER_WEEK, count / 2);
  const rnd = seededRandom(11);
  const db = store.db;
  const insert = db.prepare(INSERT_MENTION_SQL);
  const hasReplies = db.prepare("SELECT 1 FROM sqlite_master WHERE name = 'replies'").get() !== undefined;
  const reply = hasReplies
    ? db.prepare(`INSERT INTO replies (id, mention_id, text, template_id, author, state, idempotency_key, attempts, created_at, updated_at, sent_at, purpose)
        VALUES (@id, @mention_id, 'شكراً لتواصلكم', @template_id, @author, 'sent', @id, 1, @at, @at, @at, 'agent')`)
    : undefined;
  let batch: { m: ClassifiedMention; i: number }[] = [];
  let inWeek = 0;
  const flush = db.transaction((items: typeof batch) => {
    const fetchedAt = new Date().toISOString();
    for (const { m, i } of items) {
      const id = `m-${i}`;
      insert.run(toInsertParams(id, m.raw.network ?? 'x', m, fetchedAt));
      if (reply && m.status === 'replied') {
        const at = new Date(Date.parse(m.raw.createdAt) + Math.floor(rnd() ** 2 * 48 * 3600_000)).toISOString();
        reply.run({ id: `r-${i}`, mention_id: id, template_id: rnd() < 0.6 ? `t-${Math.floor(rnd() * 8)}` : null, author: `agent-${Math.floor(rnd() * 12)}`, at });
      }
    }
  });
  for (const raw of generateMentions({ count, seed: 5, days, end, idPrefix: 'b' })) {
    const domain = pick(rnd, DOMAINS);
    const relevant = domain !== null && rnd() < 0.9;
    const intent = relevant ? pick(rnd, INTENTS) : 'other';
    const replyable = raw.network !== 'rss';
    const status = relevant && replyable ? (rnd() < 0.7 ? 'replied' : 'needs_reply') : 'new';
    const area = pick(rnd, AREAS);
    const m: ClassifiedMention = {
      raw: { ...raw, replyable },
      status,
      classification: {
        domains: domain ? [{ domain, score: 1, evidence: [] }] : [],
        primaryDomain: domain,
        intent,
        urgency: pick(rnd, URGENCIES),
        sentiment: intent === 'praise' ? 'positive' : intent === 'complaint' ? 'negative' : 'neutral',
        location: area ? { area, block: String(100 + Math.floor(rnd() * 900)) } : {},
        relevant,
        confidence: 0.8,
      },
    };
    if (raw.createdAt >= week.start && raw.createdAt < week.end) inWeek++;
    batch.push({ m, i: Number(raw.externalId.slice(2)) });
    if (batch.length === BATCH) {
      flush.immediate(batch);
      batch = [];
    }
  }
  if (batch.length) flush.immediate(batch);
  db.pragma('optimize');
  return { inWeek };
}

function seconds(fn: () => unknown): number {
  const started = process.hrtime.bigint();
  fn();
  return Number(process.hrtime.bigint() - started) / 1e9;
}

const median = (xs: number[]) => [...xs].sort((a, b) => a - b)[Math.floor(xs.length / 2)];

export async function runSummaryBench(opts: { quick: boolean }): Promise<BenchRow[]> {
  const count = opts.quick ? 100_000 : 1_000_000;
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-bench-summary-'));
  const store = new SqliteStore(path.join(dir, 'rasid.db'));
  try {
    const seeded = Date.now();
    const { inWeek } = seed(store, count);
    process.stderr.write(`seeded ${count.toLocaleString('en')} mentions (${inWeek.toLocaleString('en')} in ${WEEK_ID}) in ${((Date.now() - seeded) / 1000).toFixed(1)} s\n`);
    const settings = defaultSummarySettings('Asia/Bahrain');
    const week = weekById(WEEK_ID, settings);
    const now = new Date(Date.parse(week.end) + 8 * 3600_000);
    const count7 = store.db.prepare('SELECT COUNT(*) AS n FROM mentions WHERE created_at >= ? AND created_at < ?');

    // Warm both paths once (page cache, prepared statements), then take the median of 3 runs.
    const floorRuns = [0, 1, 2, 3].map(() => seconds(() => count7.get(week.start, week.end))).slice(1);
    await buildWeeklySummary(store, week, settings, { now });
    const runs: number[] = [];
    let peakRssMb = 0;
    for (let i = 0; i < 3; i++) {
      const steps: string[] = [];
      let last = process.hrtime.bigint();
      const measured = await withPeakRss(async () => {
        const started = process.hrtime.bigint();
        const s = await buildWeeklySummary(store, week, settings, {
          now,
          onProgress: (_d, _t, step) => {
            const t = process.hrtime.bigint();
            steps.push(`${step} ${(Number(t - last) / 1e6).toFixed(0)} ms`);
            last = t;
          },
        });
        if (s.mentions.total.value !== inWeek) throw new Error(`summary counted ${s.mentions.total.value}, expected ${inWeek}`);
        return Number(process.hrtime.bigint() - started) / 1e9;
      });
      runs.push(measured.result);
      peakRssMb = Math.max(peakRssMb, measured.peakRssMb);
      if (i === 0) process.stderr.write(`steps: ${steps.join(', ')}\n`);
    }
    const summary = median(runs);
    const floor = median(floorRuns);
    return [
      {
        name: `weekly summary, ${WEEK_ID} + previous week (${inWeek.toLocaleString('en')} of ${count.toLocaleString('en')} mentions in the week)`,
        value: summary,
        unit: 's',
        reference: 'one COUNT(*) of the same week',
        referenceValue: floor,
        ratio: summary / floor,
        peakRssMb,
        goal: '< 2 s and ratio < 5',
      },
    ];
  } finally {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  }
}

if (require.main === module) {
  runSummaryBench({ quick: process.argv.includes('--quick') }).then(printBenchTable, (err) => {
    console.error(err);
    process.exit(1);
  });
}
