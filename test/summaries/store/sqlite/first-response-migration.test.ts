/**
 * A database whose first responses and week rollups were kept by the old triggers (automatic
 * notices counted as answers) is corrected by migration 13 when the service opens it: the
 * mention's first_reply_at, and with it the report-week response rollup, count people only.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../../src/store/sqlite/migrations';
import { openDatabase } from '../../../../src/store/sqlite/open-database';
import { useReportWeeks } from '../../../../src/store/sqlite/summary/report-weeks';
import { SqliteSummaryStore } from '../../../../src/summaries/store/sqlite/sqlite-summary-store';
import type { SummaryQueryOptions } from '../../../../src/summaries/store/summary-store';
import { defaultSummarySettings } from '../../../../src/summaries/summary-settings';
import { reportWeekBounds, toSummaryWindow, weekById } from '../../../../src/summaries/week';

const settings = defaultSummarySettings('Asia/Bahrain');
const W48 = toSummaryWindow(weekById('2026-W48', settings));
const OPTS: SummaryQueryOptions = { topN: 3, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-first-response-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A release-12 database with report weeks, two complaints and their replies, as the old triggers left it. */
function databaseAtVersion12(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (
    version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => m.version <= 12)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  useReportWeeks(db, reportWeekBounds(settings, 2026, 2027));
  const mention = db.prepare(`INSERT INTO mentions (id, channel, external_id, network, author_id, author_handle, author_json, text, created_at, fetched_at,
       classification_json, primary_domain, intent, urgency, urgency_rank, sentiment, relevant, confidence, status, report_week)
     VALUES (@id, 'x', @id, 'x', @id, @id, '{}', 'حفرة في الشارع', @at, @at, '{}', 'roads', 'complaint', 'high', 2, 'negative', 1, 0.9, 'replied',
       (SELECT start_at FROM report_weeks WHERE start_at <= @at AND end_at > @at))`);
  // Counted as ingest counts a new mention (migration 9 and later count inserts per batch, not by trigger).
  const counted = db.prepare(`INSERT INTO week_responses (week, network, has_domain, domain, urgency, bucket, n)
    SELECT report_week, 'x', 1, 'roads', 'high', -1, 1 FROM mentions WHERE id = ?
    ON CONFLICT DO UPDATE SET n = n + 1`);
  const reply = db.prepare(`INSERT INTO replies (id, mention_id, text, author, state, idempotency_key, created_at, updated_at, sent_at, purpose)
    VALUES (@id, @mention, 'نص', @author, 'sent', @id, @sent, @sent, @sent, @purpose)`);
  mention.run({ id: 'notice-only', at: '2026-11-22T06:00:00.000Z' });
  counted.run('notice-only');
  mention.run({ id: 'ack-then-person', at: '2026-11-23T06:00:00.000Z' });
  counted.run('ack-then-person');
  reply.run({ id: 'r1', mention: 'notice-only', author: 'system', sent: '2026-11-22T21:00:00.000Z', purpose: 'case_status' });
  reply.run({ id: 'r2', mention: 'ack-then-person', author: 'system', sent: '2026-11-23T06:01:00.000Z', purpose: 'case_ack' });
  reply.run({ id: 'r3', mention: 'ack-then-person', author: 'agent-a', sent: '2026-11-23T08:00:00.000Z', purpose: 'agent' });
  db.close();
}

describe('migration 13 (first response by people)', () => {
  it('recounts first responses and the week rollup that the old triggers made from automatic notices', async () => {
    const file = path.join(dir, 'rasid.db');
    databaseAtVersion12(file);
    const before = new Database(file);
    // The old meaning: the notice answered the first post, the acknowledgement the second.
    expect(before.prepare(`SELECT id, first_response_s FROM mentions ORDER BY id`).all()).toEqual([
      { id: 'ack-then-person', first_response_s: 60 },
      { id: 'notice-only', first_response_s: 15 * 3600 },
    ]);
    before.close();

    const db = openDatabase(file);
    try {
      expect(db.prepare(`SELECT id, first_response_s FROM mentions ORDER BY id`).all()).toEqual([
        { id: 'ack-then-person', first_response_s: 7200 },
        { id: 'notice-only', first_response_s: null },
      ]);
      const fromRollups = await new SqliteSummaryStore(db).responseCounts(W48, OPTS);
      const raw = await new SqliteSummaryStore(db, { mode: { raw: true } }).responseCounts(W48, OPTS);
      expect(fromRollups.all).toMatchObject({ needingReply: 2, answered: 1, count: 1, medianSeconds: 7200, withinSla: 0 });
      expect(fromRollups).toEqual(raw);
      // A later automatic notice still answers nobody; a person's reply does.
      db.prepare(`INSERT INTO replies (id, mention_id, text, author, state, idempotency_key, created_at, updated_at, sent_at, purpose)
        VALUES ('r4', 'notice-only', 'نص', 'system', 'sent', 'r4', ?, ?, ?, 'case_ack')`).run('2026-11-22T06:00:30.000Z', '2026-11-22T06:00:30.000Z', '2026-11-22T06:00:30.000Z');
      expect((await new SqliteSummaryStore(db).responseCounts(W48, OPTS)).all?.answered).toBe(1);
      db.prepare(`UPDATE replies SET purpose = 'agent', author = 'agent-a' WHERE id = 'r4'`).run();
      expect((await new SqliteSummaryStore(db).responseCounts(W48, OPTS)).all).toMatchObject({ answered: 2, withinSla: 1 });
    } finally {
      db.close();
    }
  });
});
