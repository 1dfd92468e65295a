/**
 * The summary rollups (src/store/sqlite/summary/rollup-schema.ts) must give exactly the
 * figures of the raw queries: random mentions, replies and later edits (status changes, replies
 * leaving `sent`, reclassification, deletions, out-of-order arrivals, equal timestamps) are
 * written through the store and with plain SQL, and every rollup-backed figure is compared with
 * `{ raw: true }` over windows in whole-hour, half-hour and quarter-hour zones and an odd one.
 * The backfill of the migration is checked to rebuild what the triggers kept.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { ClassifiedMention, Domain, Intent, Urgency } from '../../../src/domain';
import type { SummaryQueryOptions, SummaryWindow } from '../../../src/summaries/store/summary-store';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { reportWeekBounds } from '../../../src/summaries/week';
import { isReportWeek } from '../../../src/store/sqlite/summary/report-weeks';
import { migration as SUMMARY_ROLLUP_MIGRATION } from '../../../src/store/sqlite/migrations/006-summary-rollups';
import { RESPONSE_BUCKET_BOUNDS } from '../../../src/store/sqlite/summary/week-rollup-keys';
import { WEEK_TRIGGER_NAMES, WEEK_TRIGGERS_SQL } from '../../../src/store/sqlite/summary/week-rollup-triggers';
import { SqliteSummaryStore } from '../../../src/summaries/store/sqlite/sqlite-summary-store';
import { shapedTable } from './shaped-summary-table';
import { generateText } from '../../../bench/support/generate-mentions';
import { rankTerms, topTerms } from '../../../src/summaries/top-terms';
import { buildClassified } from '../../support/builders';

/** The blocks whose areas the complaints map asks for ('338' is left out: only those asked come back). */
const BLOCKS = ['204', '611', 'no-such-block'];
const DAY = 86_400_000;
const OPTS: SummaryQueryOptions = { topN: 4, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };

function random(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = Math.imul(a ^ (a >>> 15), a | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

function windowFrom(startIso: string, days = 7): SummaryWindow {
  const t = Date.parse(startIso);
  const dayStarts = Array.from({ length: days + 1 }, (_, i) => new Date(t + i * DAY).toISOString());
  return { start: dayStarts[0], end: dayStarts[days], dayStarts };
}

const WINDOWS: Record<string, SummaryWindow> = {
  'Bahrain week (UTC+3)': windowFrom('2026-11-21T21:00:00.000Z'),
  'previous Bahrain week': windowFrom('2026-11-14T21:00:00.000Z'),
  'UTC+5:30 week': windowFrom('2026-11-21T18:30:00.000Z'),
  'UTC+5:30 previous week': windowFrom('2026-11-14T18:30:00.000Z'),
  'UTC+5:45 week': windowFrom('2026-11-21T18:15:00.000Z'),
  'odd three days': windowFrom('2026-11-23T07:17:03.250Z', 3),
  'empty window': windowFrom('2020-01-04T21:00:00.000Z'),
};

async function seed(store: SqliteStores, rnd: () => number): Promise<void> {
  const pick = <T>(list: readonly T[]): T => list[Math.floor(rnd() * list.length)];
  const base = Date.parse('2026-11-12T00:00:00.000Z');
  const mentions: { m: ClassifiedMention; net: string }[] = [];
  for (let i = 0; i < 500; i++) {
    // Minutes on a coarse grid so that equal created_at values (and equal engagement) happen.
    const at = new Date(base + Math.floor(rnd() * 22 * 24 * 12) * 5 * 60_000 + (rnd() < 0.1 ? 500 : 0)).toISOString();
    const net = pick(['x', 'x', 'instagram', 'rss']);
    const domain = pick<Domain | null>(['roads', 'drainage', 'buildings', null]);
    const m = buildClassified(
      {
        createdAt: at,
        network: net,
        replyable: net !== 'rss',
        author: { id: `a${Math.floor(rnd() * 25)}`, handle: `h${i}` },
        metrics: { likes: Math.floor(rnd() * 4), replies: 0, reposts: 0 },
        // Generated posts (dialect, MSA, English): the term counts have a vocabulary to rank.
        text: `${generateText(rnd)} ${i}`,
      },
      {
        primaryDomain: domain,
        intent: pick<Intent>(['complaint', 'complaint', 'inquiry', 'praise', 'other']),
        urgency: pick<Urgency>(['high', 'medium', 'low']),
        sentiment: pick(['negative', 'neutral', 'positive'] as const),
        relevant: domain !== null && rnd() < 0.9,
        location: rnd() < 0.2 ? {} : { area: pick(['المحرق', 'سترة', 'عالي', '']), block: pick(['204', '611', '338', '']) },
      },
    );
    mentions.push({ m: { ...m, status: pick(['needs_reply', 'needs_reply', 'new', 'no_action'] as const) }, net });
  }
  // Arrival order is not time order: links to the previous mention of an author must cope.
  mentions.sort(() => rnd() - 0.5);
  const ids: string[] = [];
  for (let i = 0; i < mentions.length; i += 50) {
    const batch = mentions.slice(i, i + 50);
    for (const net of ['x', 'instagram', 'rss']) {
      const r = await store.mentions.ingestBatch(net, batch.filter((b) => b.net === net).map((b) => b.m), null);
      ids.push(...r.inserted.map((m) => m.id));
    }
  }
  const db = store.db;
  const createdAt = (id: string) => (db.prepare('SELECT created_at FROM mentions WHERE id = ?').get(id) as { created_at: string }).created_at;
  // Replies: some sent (some twice, some before the mention's time), some failed.
  for (const id of ids.filter(() => rnd() < 0.6)) {
    for (let k = 0; k < (rnd() < 0.2 ? 2 : 1); k++) {
      const sentAt = new Date(Date.parse(createdAt(id)) + Math.floor((rnd() - 0.05) * 3 * DAY)).toISOString();
      const { reply } = await store.replies.createReply({ mentionId: id, text: 'شكراً', author: pick(['ag1', 'ag2', 'system']), state: 'queued', purpose: 'agent', ...(rnd() < 0.5 ? { templateId: pick(['t1', 't2']) } : {}) });
      if (rnd() < 0.85) await store.replies.transitionReply(reply.id, ['queued'], { state: 'sent', sentAt, externalId: `e-${reply.id}` });
      else await store.replies.transitionReply(reply.id, ['queued'], { state: 'failed', error: 'permanent' });
    }
  }
  // Later edits through plain SQL, as any write path might do them.
  db.exec(`UPDATE replies SET state = 'unknown' WHERE rowid IN (SELECT rowid FROM replies WHERE state = 'sent' ORDER BY id LIMIT 15)`);
  db.exec(`UPDATE replies SET sent_at = strftime('%Y-%m-%dT%H:%M:%fZ', sent_at, '+2 hours') WHERE rowid IN (SELECT rowid FROM replies WHERE state = 'sent' ORDER BY id DESC LIMIT 10)`);
  db.exec(`UPDATE replies SET author = 'ag3', template_id = NULL WHERE rowid IN (SELECT rowid FROM replies WHERE state = 'sent' ORDER BY text, id LIMIT 10)`);
  db.exec(`DELETE FROM replies WHERE rowid IN (SELECT rowid FROM replies WHERE state = 'sent' ORDER BY mention_id LIMIT 8)`);
  db.exec(`UPDATE mentions SET status = 'replied' WHERE rowid IN (SELECT rowid FROM mentions WHERE status = 'needs_reply' ORDER BY id LIMIT 40)`);
  db.exec(`UPDATE mentions SET intent = 'complaint', area = 'سند', urgency = 'high', relevant = 1, primary_domain = 'roads' WHERE rowid IN (SELECT rowid FROM mentions ORDER BY external_id LIMIT 30)`);
  db.exec(`UPDATE mentions SET primary_domain = NULL, sentiment = 'neutral' WHERE rowid IN (SELECT rowid FROM mentions ORDER BY external_id DESC LIMIT 20)`);
  db.exec(`UPDATE mentions SET engagement = engagement + 7 WHERE rowid IN (SELECT rowid FROM mentions ORDER BY text LIMIT 12)`);
  db.exec(`UPDATE mentions SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '+3 days') WHERE rowid IN (SELECT rowid FROM mentions ORDER BY author_json LIMIT 10)`);
  db.exec(`DELETE FROM replies WHERE mention_id IN (SELECT id FROM mentions ORDER BY created_at LIMIT 25 OFFSET 200)`);
  db.exec(`DELETE FROM mentions WHERE id IN (SELECT id FROM mentions ORDER BY created_at LIMIT 25 OFFSET 200)`);
}

describe('SQLite summary rollups (migration 6)', () => {
  let dir: string;
  let store: SqliteStores;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-rollups-'));
    store = createSqliteStores(path.join(dir, 'rasid.db'));
    await seed(store, random(7));
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  it.each(Object.keys(WINDOWS))('gives the raw queries\' exact figures for the %s', (name) => {
    const w = WINDOWS[name];
    const fast = shapedTable(store.db);
    const raw = shapedTable(store.db, { raw: true });
    expect(fast.mentionFigures(w, OPTS)).toEqual(raw.mentionFigures(w, OPTS));
    expect(fast.responseFigures(w, OPTS)).toEqual(raw.responseFigures(w, OPTS));
    expect(fast.replyActivityFigures(w)).toEqual(raw.replyActivityFigures(w));
    expect(fast.sampleMentionTexts(w, 40)).toEqual(raw.sampleMentionTexts(w, 40));
    expect(fast.complaintPlaces(w, BLOCKS)).toEqual(raw.complaintPlaces(w, BLOCKS));
  });

  it('has data in the compared windows, so the comparison means something', () => {
    const raw = shapedTable(store.db, { raw: true });
    const w = WINDOWS['Bahrain week (UTC+3)'];
    const m = raw.mentionFigures(w, OPTS);
    const r = raw.responseFigures(w, OPTS);
    expect(m.total).toBeGreaterThan(100);
    expect(m.uniqueAuthors).toBeLessThan(m.total);
    expect(m.complaintsByArea.length).toBeGreaterThan(1);
    const places = raw.complaintPlaces(w, BLOCKS);
    expect(places.byAreaDomain.some((p) => p.area === 'سند' && p.domain === 'roads')).toBe(true);
    expect(places.byAreaDomain.some((p) => p.domain === null)).toBe(true);
    expect(places.byBlockArea.length).toBeGreaterThan(2);
    expect(places.byBlockArea.every((p) => p.block !== '338')).toBe(true);
    expect(m.mostEngaged).toHaveLength(OPTS.topN);
    expect(r.answered).toBeGreaterThan(10);
    expect(r.needingReply).toBeGreaterThan(r.answered);
    expect(raw.replyActivityFigures(w).byTemplate.some((t) => t.key === null)).toBe(true);
  });

  it('keeps the first reply on the mention equal to its earliest sent reply', () => {
    const wrong = store.db
      .prepare(`SELECT COUNT(*) AS n FROM mentions m
        WHERE m.first_reply_at IS NOT (SELECT MIN(sent_at) FROM replies r WHERE r.mention_id = m.id AND r.state = 'sent')`)
      .get() as { n: number };
    expect(wrong.n).toBe(0);
  });

  it('rebuilds from existing rows exactly what the triggers kept, when the migration runs', () => {
    const db = store.db;
    const snapshot = () => ({
      counts: ['mention_hour_counts', 'complaint_day_counts', 'reply_hour_counts'].map((t) =>
        (db.prepare(`SELECT * FROM ${t} WHERE n <> 0`).all() as object[]).map((r) => JSON.stringify(r)).sort(),
      ),
      links: db.prepare('SELECT id, first_reply_at, first_response_s FROM mentions ORDER BY id').all(),
    });
    const kept = snapshot();
    // The week rollups' indexes (mentions_week_answered*) and triggers read first_response_s: put aside while it is re-created.
    const weekIndexes = db.prepare(`SELECT name, sql FROM sqlite_master WHERE name LIKE 'mentions_week_answered%'`).all() as { name: string; sql: string }[];
    expect(weekIndexes).toHaveLength(3);
    db.transaction(() => {
      for (const { name } of weekIndexes) db.exec(`DROP INDEX ${name}`);
      for (const name of WEEK_TRIGGER_NAMES) db.exec(`DROP TRIGGER ${name}`);
      for (const { type, name } of db
        .prepare(`SELECT type, name FROM sqlite_master WHERE type IN ('trigger', 'index') AND (name LIKE 'mention_hour_counts%'
          OR name LIKE 'complaint_day_counts%' OR name LIKE 'reply_hour_counts%' OR name LIKE 'mentions_first_reply%'
          OR name IN ('mentions_window', 'mentions_response',
          'mentions_engaged_hour', 'mentions_complaint_place'))`)
        .all() as { type: string; name: string }[]) {
        if (!name.startsWith('sqlite_autoindex')) db.exec(`DROP ${type.toUpperCase()} ${name}`);
      }
      db.exec(`DROP TABLE mention_hour_counts; DROP TABLE complaint_day_counts; DROP TABLE reply_hour_counts;
        ALTER TABLE mentions DROP COLUMN first_response_s; ALTER TABLE mentions DROP COLUMN first_reply_at;`);
      db.exec(SUMMARY_ROLLUP_MIGRATION.sql);
      for (const { sql } of weekIndexes) db.exec(sql);
      db.exec(WEEK_TRIGGERS_SQL);
    })();
    expect(snapshot()).toEqual(kept);
  });
});

describe('SQLite report-week rollups (migration 10)', () => {
  const bahrainWeeks = reportWeekBounds({ timeZone: 'Asia/Bahrain', weekStartsOn: 0 }, 2019, 2028);
  const kolkataWeeks = reportWeekBounds({ timeZone: 'Asia/Kolkata', weekStartsOn: 0 }, 2019, 2028);
  // SLAs on a bucket bound, at a bucket's last second, inside a bucket, and past the last bound.
  const SLA_VARIANTS: SummaryQueryOptions[] = [
    OPTS,
    { topN: 3, responseSlaSeconds: { high: 899, medium: 3599, low: 14_399 } },
    { topN: 3, responseSlaSeconds: { high: 3601, medium: 5000, low: 86_399 } },
    { topN: 3, responseSlaSeconds: { high: 0, medium: 900, low: 90 * 86_400 } },
  ];
  let dir: string;
  let store: SqliteStores;
  beforeAll(async () => {
    dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-week-rollups-'));
    store = createSqliteStores(path.join(dir, 'rasid.db'));
    // Weeks first, so ingest, triggers and edits keep the rollups (the backfill is tested below).
    await store.summaries.useReportWeeks(bahrainWeeks);
    await seed(store, random(11));
  });
  afterAll(async () => {
    await store.close();
    fs.rmSync(dir, { recursive: true, force: true });
  });

  const compare = (name: string) => {
    const w = WINDOWS[name];
    expect(isReportWeek(store.db, w)).toBe(true);
    const fast = shapedTable(store.db);
    const raw = shapedTable(store.db, { raw: true });
    // And SLAs at the last second of buckets that hold answers of this week.
    const answered = store.db
      .prepare('SELECT first_response_s FROM mentions WHERE report_week = ? AND first_response_s IS NOT NULL ORDER BY 1')
      .pluck()
      .all(w.start) as number[];
    const lastSecond = (v: number) => (RESPONSE_BUCKET_BOUNDS.find((b) => b > v) ?? 1e9) - 1;
    const [low, medium, high] = [0.2, 0.5, 0.8].map((q) => lastSecond(answered[Math.floor(q * answered.length)]));
    for (const opts of [...SLA_VARIANTS, { topN: 3, responseSlaSeconds: { high, medium, low } }]) {
      expect(fast.mentionFigures(w, opts)).toEqual(raw.mentionFigures(w, opts));
      expect(fast.responseFigures(w, opts)).toEqual(raw.responseFigures(w, opts));
    }
    expect(fast.replyActivityFigures(w)).toEqual(raw.replyActivityFigures(w));
    expect(fast.complaintPlaces(w, BLOCKS)).toEqual(raw.complaintPlaces(w, BLOCKS));
    // Top terms from the week's term counts = top terms over every relevant text of both weeks.
    const previous = WINDOWS[name === 'UTC+5:30 week' ? 'UTC+5:30 previous week' : 'previous Bahrain week'];
    const counted = fast.weekTermCounts(w, previous, 60);
    if (!counted) throw new Error('no term counts for a report week');
    const everyText = (x: SummaryWindow) => raw.sampleMentionTexts(x, 1_000_000);
    expect(counted.documents).toBe(everyText(w).length);
    expect(rankTerms(counted.candidates, counted.documents, 12)).toEqual(topTerms(everyText(w), everyText(previous), 12));
    expect(counted.candidates.length).toBeGreaterThan(12);
  };
  const weekTables = () =>
    ['week_counts', 'week_authors', 'week_responses', 'week_reply_counts', 'week_terms', 'week_term_spellings'].map((t) =>
      (store.db.prepare(`SELECT * FROM ${t} WHERE ${t === 'week_terms' ? 'documents' : 'n'} <> 0`).all() as object[]).map((r) => JSON.stringify(r)).sort(),
    );

  it.each(['Bahrain week (UTC+3)', 'previous Bahrain week'])('gives the raw figures for the %s, kept since ingest', (name) => {
    compare(name);
    const m = shapedTable(store.db).mentionFigures(WINDOWS[name], OPTS);
    expect(m.total).toBeGreaterThan(100);
    expect(m.uniqueAuthors).toBeLessThan(m.total);
    expect(shapedTable(store.db).replyActivityFigures(WINDOWS[name]).sent).toBeGreaterThan(10);
  });

  it('leaves other windows to the hourly rollups', () => {
    expect(isReportWeek(store.db, WINDOWS['UTC+5:30 week'])).toBe(false);
    expect(isReportWeek(store.db, WINDOWS['odd three days'])).toBe(false);
  });

  it('recounts from the rows exactly what ingest, the catch-up and the triggers kept, when the weeks change and back', async () => {
    await store.summaries.catchUpRollups();
    const kept = weekTables();
    for (const rows of kept) expect(rows.length).toBeGreaterThan(20);
    expect(await store.summaries.useReportWeeks(bahrainWeeks)).toEqual({ rebuilt: false, weeks: bahrainWeeks.length });
    expect((await store.summaries.useReportWeeks(kolkataWeeks)).rebuilt).toBe(true);
    await store.summaries.catchUpRollups();
    expect(weekTables()).not.toEqual(kept);
    await store.summaries.useReportWeeks(bahrainWeeks);
    expect(await store.summaries.catchUpRollups()).toBeGreaterThan(400); // authors and terms counted again
    expect(weekTables()).toEqual(kept);
  });

  it('counts the authors of mentions ingested after a catch-up, one of them on the rowid of a deleted last mention', async () => {
    const db = store.db;
    await store.summaries.useReportWeeks(kolkataWeeks);
    await store.summaries.useReportWeeks(bahrainWeeks);
    await store.summaries.catchUpRollups();
    const mark = () => db.prepare('SELECT counted_to FROM week_rollup_state').pluck().get() as number;
    const lastRowid = () => db.prepare('SELECT MAX(rowid) FROM mentions').pluck().get() as number;
    const last = db.prepare('SELECT id, rowid AS r FROM mentions WHERE rowid = ?').get(lastRowid()) as { id: string; r: number };
    expect(mark()).toBe(last.r);
    db.prepare('DELETE FROM replies WHERE mention_id = ?').run(last.id);
    db.prepare('DELETE FROM mentions WHERE id = ?').run(last.id);
    const inWeek = (i: number, author: string) =>
      buildClassified(
        { createdAt: new Date(Date.parse(WINDOWS['Bahrain week (UTC+3)'].start) + i * 3_600_000).toISOString(), network: 'x', author: { id: author, handle: author }, text: `late ${i}` },
        { primaryDomain: 'roads', relevant: true },
      );
    await store.mentions.ingestBatch('x', [inWeek(1, 'late-author-1')], null);
    expect(lastRowid()).toBe(last.r); // took the deleted mention's rowid, at the mark
    await store.mentions.ingestBatch('x', [inWeek(2, 'late-author-2'), inWeek(3, 'a1'), inWeek(4, 'late-author-2')], null);
    expect(lastRowid()).toBeGreaterThan(mark());
    compare('Bahrain week (UTC+3)');
    expect(mark()).toBe(lastRowid());
  });

  it('never gives a new mention the kept terms of a deleted one on the same rowid, after a recount', async () => {
    const db = store.db;
    await store.summaries.useReportWeeks(kolkataWeeks);
    await store.summaries.catchUpRollups();
    await store.summaries.useReportWeeks(bahrainWeeks); // mark back to 0, kept terms stay for the recount
    const lastRowid = () => db.prepare('SELECT MAX(rowid) FROM mentions').pluck().get() as number;
    const last = db.prepare('SELECT id, rowid AS r FROM mentions WHERE rowid = ?').get(lastRowid()) as { id: string; r: number };
    db.prepare('DELETE FROM replies WHERE mention_id = ?').run(last.id);
    db.prepare('DELETE FROM mentions WHERE id = ?').run(last.id);
    const at = new Date(Date.parse(WINDOWS['Bahrain week (UTC+3)'].start) + 5 * 3_600_000).toISOString();
    await store.mentions.ingestBatch('x', [buildClassified({ createdAt: at, text: 'مجاري طافحة في الشارع الخلفي' }, { primaryDomain: 'drainage', relevant: true })], null);
    expect(lastRowid()).toBe(last.r);
    compare('Bahrain week (UTC+3)');
  });

  it('follows a change of settings, then later writes, in a half-hour zone', async () => {
    await store.summaries.useReportWeeks(kolkataWeeks);
    compare('UTC+5:30 week');
    const db = store.db;
    db.exec(`UPDATE mentions SET created_at = strftime('%Y-%m-%dT%H:%M:%fZ', created_at, '-2 days') WHERE rowid IN (SELECT rowid FROM mentions ORDER BY id LIMIT 15)`);
    db.exec(`UPDATE mentions SET author_id = 'a1', network = 'x' WHERE rowid IN (SELECT rowid FROM mentions ORDER BY text DESC LIMIT 15)`);
    db.exec(`UPDATE mentions SET status = 'needs_reply', relevant = 1, replyable = 1 WHERE rowid IN (SELECT rowid FROM mentions ORDER BY author_handle LIMIT 30)`);
    db.exec(`DELETE FROM replies WHERE rowid IN (SELECT rowid FROM replies WHERE state = 'sent' ORDER BY sent_at LIMIT 10)`);
    const gone = `SELECT id FROM mentions ORDER BY author_handle DESC LIMIT 20`;
    db.exec(`DELETE FROM replies WHERE mention_id IN (${gone}); DELETE FROM mentions WHERE id IN (${gone})`);
    compare('UTC+5:30 week');
    await store.summaries.catchUpRollups();
    const kept = weekTables();
    await store.summaries.useReportWeeks(bahrainWeeks);
    await store.summaries.useReportWeeks(kolkataWeeks);
    await store.summaries.catchUpRollups();
    expect(weekTables()).toEqual(kept);
  });
});
