/**
 * Mentions counted per (status, domain, intent, urgency, channel, network), kept by triggers and
 * back-filled, so the queue's per-domain counts under its filters read a few hundred rows instead
 * of scanning every mention with that status.
 */
import type { Migration } from './migration';

export const migration: Migration = {
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
      PRIMARY KEY (status, domain, intent, urgency, channel, network)
    ) WITHOUT ROWID;
    INSERT INTO mention_facet_counts (status, domain, intent, urgency, channel, network, n)
      SELECT status, COALESCE(primary_domain, 'none'), intent, urgency, channel, network, COUNT(*) FROM mentions GROUP BY 1, 2, 3, 4, 5, 6;
    CREATE TRIGGER mention_facet_counts_insert AFTER INSERT ON mentions BEGIN
      INSERT INTO mention_facet_counts (status, domain, intent, urgency, channel, network, n) VALUES (NEW.status, COALESCE(NEW.primary_domain, 'none'), NEW.intent, NEW.urgency, NEW.channel, NEW.network, 1)
        ON CONFLICT (status, domain, intent, urgency, channel, network) DO UPDATE SET n = n + 1;
    END;
    CREATE TRIGGER mention_facet_counts_delete AFTER DELETE ON mentions BEGIN
      UPDATE mention_facet_counts SET n = n - 1
        WHERE status = OLD.status AND domain = COALESCE(OLD.primary_domain, 'none') AND intent = OLD.intent
        AND urgency = OLD.urgency AND channel = OLD.channel AND network = OLD.network;
    END;
    CREATE TRIGGER mention_facet_counts_update AFTER UPDATE OF status, primary_domain, intent, urgency, channel, network ON mentions
      WHEN OLD.status IS NOT NEW.status OR OLD.primary_domain IS NOT NEW.primary_domain OR OLD.intent IS NOT NEW.intent
        OR OLD.urgency IS NOT NEW.urgency OR OLD.channel IS NOT NEW.channel OR OLD.network IS NOT NEW.network BEGIN
      UPDATE mention_facet_counts SET n = n - 1
        WHERE status = OLD.status AND domain = COALESCE(OLD.primary_domain, 'none') AND intent = OLD.intent
        AND urgency = OLD.urgency AND channel = OLD.channel AND network = OLD.network;
      INSERT INTO mention_facet_counts (status, domain, intent, urgency, channel, network, n) VALUES (NEW.status, COALESCE(NEW.primary_domain, 'none'), NEW.intent, NEW.urgency, NEW.channel, NEW.network, 1)
        ON CONFLICT (status, domain, intent, urgency, channel, network) DO UPDATE SET n = n + 1;
    END;
  `,
};
