/**
 * The first response of a mention is the first reply a PERSON sent (purpose 'agent'): the
 * service's automatic notices (case acknowledgement, status notices such as "resolved", written
 * by 'system') are not an answer to the citizen, and counting them made the weekly summary's
 * response rate, first-response times and within-SLA share look better than they were.
 *
 * Replaces migration 6's triggers that keep mentions.first_reply_at (MIN(sent_at) of the
 * mention's sent replies) with ones that count agent replies only, and recomputes first_reply_at
 * of every mention whose value changes. That UPDATE fires the week_responses triggers (migration
 * 10, kept by summary/week-rollup-triggers.ts), so the report-week response rollup follows
 * mention by mention; first_response_s and the indexes over it are generated from the column.
 * Stored summaries made under the old meaning are rebuilt: SUMMARY_SCHEMA_VERSION 3.
 *
 * Kept as text (see migration.ts): later changes to runtime code cannot change what this applies.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 13,
  name: "first response on mentions counts people's replies only, not automatic notices",
  sql: `
    DROP TRIGGER IF EXISTS mentions_first_reply_insert;
    DROP TRIGGER IF EXISTS mentions_first_reply_update;
    DROP TRIGGER IF EXISTS mentions_first_reply_delete;
    CREATE TRIGGER mentions_first_reply_insert AFTER INSERT ON replies WHEN NEW.state = 'sent' AND NEW.purpose = 'agent' BEGIN
      UPDATE mentions SET first_reply_at = (SELECT MIN(sent_at) FROM replies WHERE mention_id = NEW.mention_id AND state = 'sent' AND purpose = 'agent') WHERE id = NEW.mention_id;
    END;
    CREATE TRIGGER mentions_first_reply_update AFTER UPDATE OF state, sent_at, mention_id, purpose ON replies
      WHEN ((OLD.state = 'sent' AND OLD.purpose = 'agent') OR (NEW.state = 'sent' AND NEW.purpose = 'agent'))
        AND (OLD.state IS NOT NEW.state OR OLD.sent_at IS NOT NEW.sent_at OR OLD.mention_id IS NOT NEW.mention_id OR OLD.purpose IS NOT NEW.purpose) BEGIN
      UPDATE mentions SET first_reply_at = (SELECT MIN(sent_at) FROM replies WHERE mention_id = NEW.mention_id AND state = 'sent' AND purpose = 'agent') WHERE id = NEW.mention_id;
      UPDATE mentions SET first_reply_at = (SELECT MIN(sent_at) FROM replies WHERE mention_id = OLD.mention_id AND state = 'sent' AND purpose = 'agent') WHERE id = OLD.mention_id;
    END;
    CREATE TRIGGER mentions_first_reply_delete AFTER DELETE ON replies WHEN OLD.state = 'sent' AND OLD.purpose = 'agent' BEGIN
      UPDATE mentions SET first_reply_at = (SELECT MIN(sent_at) FROM replies WHERE mention_id = OLD.mention_id AND state = 'sent' AND purpose = 'agent') WHERE id = OLD.mention_id;
    END;
    -- Only mentions that have a first reply can change (an automatic notice never set one alone
    -- that a person's reply would not): the rest are not written, so their rollups are untouched.
    UPDATE mentions SET first_reply_at = f.at
      FROM (SELECT m.id, (SELECT MIN(r.sent_at) FROM replies r WHERE r.mention_id = m.id AND r.state = 'sent' AND r.purpose = 'agent') AS at
        FROM mentions m WHERE m.first_reply_at IS NOT NULL) f
      WHERE mentions.id = f.id AND mentions.first_reply_at IS NOT f.at;
  `,
};
