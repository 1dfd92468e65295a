/**
 * A database whose cases took their first response from an automatic notice (the sender stamped
 * whatever was sent first) is corrected by migration 14 when the service opens it: a case's first
 * response is the first reply a person sent on one of its mentions, or none yet.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import Database from 'better-sqlite3';
import { MIGRATIONS } from '../../../src/store/sqlite/migrations';
import { openDatabase } from '../../../src/store/sqlite/open-database';

let dir: string;
beforeEach(() => {
  dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-case-first-response-'));
});
afterEach(() => fs.rmSync(dir, { recursive: true, force: true }));

/** A release-13 database: three cases, their mentions and replies, first responses as the old sender stamped them. */
function databaseAtVersion13(file: string): void {
  const db = new Database(file);
  db.exec(`CREATE TABLE IF NOT EXISTS schema_migrations (version INTEGER PRIMARY KEY, name TEXT NOT NULL, applied_at TEXT NOT NULL)`);
  for (const m of [...MIGRATIONS].sort((a, b) => a.version - b.version).filter((m) => m.version <= 13)) {
    db.exec(m.sql);
    db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(m.version, m.name, '2026-01-01T00:00:00.000Z');
  }
  const kase = db.prepare(`INSERT INTO cases (id, number, domain, unit, status, urgency, location_json, citizen_channel, citizen_handle,
      opened_at, last_complaint_at, sla_due_at, first_response_at, updated_at, source)
    VALUES (@id, @id, 'roads', 'Roads', 'resolved', 'medium', '{}', 'x', 'c', '2026-11-23T06:00:00.000Z', '2026-11-23T06:00:00.000Z',
      '2026-11-24T06:00:00.000Z', @first, '2026-11-23T06:00:00.000Z', 'ingest')`);
  const mention = db.prepare(`INSERT INTO mentions (id, channel, external_id, network, author_id, author_handle, author_json, text, created_at, fetched_at,
       classification_json, primary_domain, intent, urgency, urgency_rank, sentiment, relevant, confidence, status, case_id)
     VALUES (@id, 'x', @id, 'x', @id, @id, '{}', 'حفرة', '2026-11-23T06:00:00.000Z', '2026-11-23T06:00:00.000Z', '{}', 'roads', 'complaint',
       'medium', 1, 'negative', 1, 0.9, 'replied', @kase)`);
  const reply = db.prepare(`INSERT INTO replies (id, mention_id, text, author, state, idempotency_key, created_at, updated_at, sent_at, purpose)
    VALUES (@id, @mention, 'نص', @author, 'sent', @id, @sent, @sent, @sent, @purpose)`);
  // Answered only by the "resolved" notice.
  kase.run({ id: 'MOW-2026-000001', first: '2026-11-23T20:00:00.000Z' });
  mention.run({ id: 'm1', kase: 'MOW-2026-000001' });
  reply.run({ id: 'r1', mention: 'm1', author: 'system', sent: '2026-11-23T20:00:00.000Z', purpose: 'case_status' });
  // Acknowledged at once, then a person answered its second post.
  kase.run({ id: 'MOW-2026-000002', first: '2026-11-23T06:01:00.000Z' });
  mention.run({ id: 'm2', kase: 'MOW-2026-000002' });
  mention.run({ id: 'm3', kase: 'MOW-2026-000002' });
  reply.run({ id: 'r2', mention: 'm2', author: 'system', sent: '2026-11-23T06:01:00.000Z', purpose: 'case_ack' });
  reply.run({ id: 'r3', mention: 'm3', author: 'agent-a', sent: '2026-11-23T09:00:00.000Z', purpose: 'agent' });
  // Answered by a person first: unchanged.
  kase.run({ id: 'MOW-2026-000003', first: '2026-11-23T07:00:00.000Z' });
  mention.run({ id: 'm4', kase: 'MOW-2026-000003' });
  reply.run({ id: 'r4', mention: 'm4', author: 'agent-b', sent: '2026-11-23T07:00:00.000Z', purpose: 'agent' });
  reply.run({ id: 'r5', mention: 'm4', author: 'system', sent: '2026-11-23T20:00:00.000Z', purpose: 'case_status' });
  db.close();
}

describe('migration 14 (a case\'s first response by people)', () => {
  it('recomputes the first response of cases an automatic notice answered first', () => {
    const file = path.join(dir, 'rasid.db');
    databaseAtVersion13(file);
    const db = openDatabase(file);
    try {
      expect(db.prepare('SELECT number, first_response_at FROM cases ORDER BY number').all()).toEqual([
        { number: 'MOW-2026-000001', first_response_at: null },
        { number: 'MOW-2026-000002', first_response_at: '2026-11-23T09:00:00.000Z' },
        { number: 'MOW-2026-000003', first_response_at: '2026-11-23T07:00:00.000Z' },
      ]);
    } finally {
      db.close();
    }
  });
});
