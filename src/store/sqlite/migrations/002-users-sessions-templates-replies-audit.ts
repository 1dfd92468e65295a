/**
 * Users and console sessions, reply templates, replies and their outbox state, the audit trail,
 * and on mentions a normalized search text plus the queue's priority index.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 2,
  name: 'users, sessions, templates, replies outbox, audit, queue index and search text',
  sql: `
    ALTER TABLE mentions ADD COLUMN search_text TEXT;
    -- The queue's documented priority: urgency, then waiting time (oldest first), then author
    -- reach (most followers first), id as the tie-break; keyset pagination walks this index.
    CREATE INDEX mentions_priority ON mentions (status, urgency_rank, created_at, (-author_followers), id);
    CREATE INDEX mentions_status_domain ON mentions (status, primary_domain);
    CREATE INDEX mentions_claim_by ON mentions (claim_by) WHERE claim_by IS NOT NULL;

    -- Mentions per (status, domain), kept by triggers on every write path (ingest, replies, cases),
    -- so the queue's unfiltered per-domain counts are a few-row read instead of a 50k-row scan.
    CREATE TABLE mention_counts (
      status TEXT NOT NULL,
      domain TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (status, domain)
    ) WITHOUT ROWID;
    INSERT INTO mention_counts (status, domain, n)
      SELECT status, COALESCE(primary_domain, 'none'), COUNT(*) FROM mentions GROUP BY 1, 2;
    CREATE TRIGGER mention_counts_insert AFTER INSERT ON mentions BEGIN
      INSERT INTO mention_counts (status, domain, n) VALUES (NEW.status, COALESCE(NEW.primary_domain, 'none'), 1)
        ON CONFLICT (status, domain) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER mention_counts_delete AFTER DELETE ON mentions BEGIN
      UPDATE mention_counts SET n = n - 1 WHERE status = OLD.status AND domain = COALESCE(OLD.primary_domain, 'none');
    END;
    CREATE TRIGGER mention_counts_update AFTER UPDATE OF status, primary_domain ON mentions
      WHEN OLD.status IS NOT NEW.status OR OLD.primary_domain IS NOT NEW.primary_domain BEGIN
      UPDATE mention_counts SET n = n - 1 WHERE status = OLD.status AND domain = COALESCE(OLD.primary_domain, 'none');
      INSERT INTO mention_counts (status, domain, n) VALUES (NEW.status, COALESCE(NEW.primary_domain, 'none'), 1)
        ON CONFLICT (status, domain) DO UPDATE SET n = n + 1;
    END;

    CREATE TABLE users (
      id TEXT PRIMARY KEY,
      name TEXT NOT NULL COLLATE NOCASE UNIQUE,
      role TEXT NOT NULL CHECK (role IN ('agent', 'supervisor', 'admin')),
      trainee INTEGER NOT NULL DEFAULT 0,
      disabled INTEGER NOT NULL DEFAULT 0,
      token_hash TEXT NOT NULL UNIQUE,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL
    );

    CREATE TABLE sessions (
      id_hash TEXT PRIMARY KEY,
      user_id TEXT NOT NULL REFERENCES users (id),
      csrf_token TEXT NOT NULL,
      created_at TEXT NOT NULL,
      expires_at TEXT NOT NULL
    );
    CREATE INDEX sessions_expires ON sessions (expires_at);

    CREATE TABLE templates (
      id TEXT PRIMARY KEY,
      key TEXT NOT NULL UNIQUE,
      name TEXT NOT NULL,
      body_ar TEXT,
      body_en TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      updated_by TEXT NOT NULL
    );

    CREATE TABLE replies (
      id TEXT PRIMARY KEY,
      mention_id TEXT NOT NULL REFERENCES mentions (id),
      text TEXT NOT NULL,
      template_id TEXT,
      author TEXT NOT NULL,
      state TEXT NOT NULL,
      idempotency_key TEXT NOT NULL UNIQUE,
      attempts INTEGER NOT NULL DEFAULT 0,
      external_id TEXT,
      url TEXT,
      error TEXT,
      created_at TEXT NOT NULL,
      updated_at TEXT NOT NULL,
      approved_by TEXT,
      sent_at TEXT,
      next_attempt_at TEXT,
      purpose TEXT NOT NULL DEFAULT 'agent',
      dedupe_key TEXT UNIQUE
    );
    CREATE INDEX replies_outbox ON replies (created_at, id) WHERE state = 'queued';
    CREATE INDEX replies_state_created ON replies (state, created_at, id);
    CREATE INDEX replies_created ON replies (created_at, id);
    CREATE INDEX replies_mention ON replies (mention_id, created_at);

    CREATE TABLE audit (
      seq INTEGER PRIMARY KEY AUTOINCREMENT,
      at TEXT NOT NULL,
      actor TEXT NOT NULL,
      action TEXT NOT NULL,
      subject TEXT NOT NULL,
      before_json TEXT,
      after_json TEXT
    );
    CREATE INDEX audit_subject ON audit (subject, seq);
    CREATE INDEX audit_actor ON audit (actor, seq);
    CREATE INDEX audit_action ON audit (action, seq);
  `,
};
