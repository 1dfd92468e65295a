/**
 * Cases, their per-year counters and history, and the outbox shared by case forwarding, outgoing
 * webhooks and automatic citizen replies. Mentions link to cases through the existing
 * mentions.case_id column.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 3,
  name: 'cases, case counters and history, outbox',
  sql: `
    CREATE TABLE cases (
      id TEXT PRIMARY KEY,
      number TEXT NOT NULL UNIQUE,
      domain TEXT NOT NULL,
      unit TEXT NOT NULL,
      assignee TEXT,
      status TEXT NOT NULL,
      urgency TEXT NOT NULL,
      location_json TEXT NOT NULL,
      area TEXT,
      block TEXT,
      road TEXT,
      citizen_channel TEXT NOT NULL,
      citizen_handle TEXT NOT NULL,
      -- network + author id of the first complaint: the same-author de-dup key
      author_key TEXT,
      opened_at TEXT NOT NULL,
      last_complaint_at TEXT NOT NULL,
      sla_due_at TEXT NOT NULL,
      first_response_at TEXT,
      resolved_at TEXT,
      closed_at TEXT,
      updated_at TEXT NOT NULL,
      external_ref TEXT,
      description TEXT,
      source TEXT NOT NULL,
      -- keys of messages queued at most once per case (acknowledgement, status notices)
      once_keys_json TEXT NOT NULL DEFAULT '[]'
    );
    CREATE INDEX cases_opened ON cases (opened_at, id);
    CREATE INDEX cases_open_author ON cases (author_key, domain, last_complaint_at) WHERE status IN ('open', 'in_progress');
    CREATE INDEX cases_open_block ON cases (block, domain, last_complaint_at) WHERE status IN ('open', 'in_progress');
    CREATE INDEX cases_open_road ON cases (road, domain, last_complaint_at) WHERE status IN ('open', 'in_progress');
    CREATE INDEX cases_sla ON cases (sla_due_at) WHERE status IN ('open', 'in_progress');
    CREATE INDEX mentions_case ON mentions (case_id) WHERE case_id IS NOT NULL;

    CREATE TABLE case_counters (
      prefix TEXT NOT NULL,
      year INTEGER NOT NULL,
      last INTEGER NOT NULL,
      PRIMARY KEY (prefix, year)
    );

    CREATE TABLE case_history (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      case_id TEXT NOT NULL REFERENCES cases (id),
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      from_value TEXT,
      to_value TEXT,
      note TEXT
    );
    CREATE INDEX case_history_case ON case_history (case_id, seq);

    CREATE TABLE outbox (
      id TEXT PRIMARY KEY,
      topic TEXT NOT NULL,
      destination TEXT NOT NULL,
      event TEXT NOT NULL,
      subject TEXT NOT NULL,
      payload_json TEXT NOT NULL,
      state TEXT NOT NULL DEFAULT 'pending',
      attempts INTEGER NOT NULL DEFAULT 0,
      next_attempt_at TEXT NOT NULL,
      last_error TEXT,
      created_at TEXT NOT NULL,
      delivered_at TEXT
    );
    CREATE INDEX outbox_due ON outbox (next_attempt_at) WHERE state = 'pending';
    CREATE INDEX outbox_subject ON outbox (subject);
  `,
};
