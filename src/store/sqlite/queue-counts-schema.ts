/**
 * Migration 8 (issue 5, queue performance): mentions counted per (status, domain, intent, urgency,
 * channel, network), kept like mention_counts (update and delete triggers; inserts counted per
 * batch since migration 9, see inserted-mention-counters.ts), so the queue's
 * per-domain counts under the channel, intent and urgency filters are a read of a few hundred
 * rows instead of a scan of every mention with that status (~150 ms at 1M mentions).
 */
import type { Migration } from './migrations';

const KEY = 'status, domain, intent, urgency, channel, network';
const values = (row: 'NEW' | 'OLD') =>
  `${row}.status, COALESCE(${row}.primary_domain, 'none'), ${row}.intent, ${row}.urgency, ${row}.channel, ${row}.network`;
const matches = (row: 'OLD') =>
  `status = ${row}.status AND domain = COALESCE(${row}.primary_domain, 'none') AND intent = ${row}.intent
        AND urgency = ${row}.urgency AND channel = ${row}.channel AND network = ${row}.network`;

export const QUEUE_COUNTS_MIGRATION: Migration = {
  version: 8,
  name: 'mention counts per status, domain, intent, urgency and channel for the queue filters',
  sql: `
    CREATE TABLE mention_facet_counts (
      status TEXT NOT NULL,
      domain TEXT NOT NULL,
      intent TEXT NOT NULL,
      urgency TEXT NOT NULL,
      channel TEXT NOT NULL,
      network TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (${KEY})
    ) WITHOUT ROWID;
    INSERT INTO mention_facet_counts (${KEY}, n)
      SELECT status, COALESCE(primary_domain, 'none'), intent, urgency, channel, network, COUNT(*) FROM mentions GROUP BY 1, 2, 3, 4, 5, 6;
    CREATE TRIGGER mention_facet_counts_insert AFTER INSERT ON mentions BEGIN
      INSERT INTO mention_facet_counts (${KEY}, n) VALUES (${values('NEW')}, 1)
        ON CONFLICT (${KEY}) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER mention_facet_counts_delete AFTER DELETE ON mentions BEGIN
      UPDATE mention_facet_counts SET n = n - 1
        WHERE ${matches('OLD')};
    END;
    CREATE TRIGGER mention_facet_counts_update AFTER UPDATE OF status, primary_domain, intent, urgency, channel, network ON mentions
      WHEN OLD.status IS NOT NEW.status OR OLD.primary_domain IS NOT NEW.primary_domain OR OLD.intent IS NOT NEW.intent
        OR OLD.urgency IS NOT NEW.urgency OR OLD.channel IS NOT NEW.channel OR OLD.network IS NOT NEW.network BEGIN
      UPDATE mention_facet_counts SET n = n - 1
        WHERE ${matches('OLD')};
      INSERT INTO mention_facet_counts (${KEY}, n) VALUES (${values('NEW')}, 1)
        ON CONFLICT (${KEY}) DO UPDATE SET n = n + 1;
    END;
  `,
};
