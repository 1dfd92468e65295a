/**
 * Complaint places by (area, domain) and (block, area) for the complaints map: a daily rollup like
 * complaint_day_counts, back-filled, with update and delete triggers (a correction changes the
 * domain; new mentions are counted per batch by inserted-mention-counters.ts, so the generated
 * insert trigger is dropped). The index replaces migration 6's (created_at, area, block), whose
 * prefix it keeps, so ingest maintains one index, not two.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 12,
  name: 'complaint places by domain for the complaints map: daily rollup and covering index',
  sql: `
    CREATE INDEX mentions_complaint_domain ON mentions (created_at, area, block, primary_domain) WHERE intent = 'complaint';
    DROP INDEX IF EXISTS mentions_complaint_place;
    CREATE TABLE complaint_place_day_counts (
      bucket TEXT NOT NULL,
      dim TEXT NOT NULL,
      key TEXT NOT NULL,
      n INTEGER NOT NULL,
      PRIMARY KEY (bucket, dim, key)
    ) WITHOUT ROWID;
    INSERT INTO complaint_place_day_counts (bucket, dim, key, n)
      SELECT substr(created_at, 1, 10) AS b, 'area_domain', COALESCE(area, '') || char(31) || COALESCE(primary_domain, '') AS k, COUNT(*) FROM mentions
      WHERE intent = 'complaint' GROUP BY b, k;
INSERT INTO complaint_place_day_counts (bucket, dim, key, n)
      SELECT substr(created_at, 1, 10) AS b, 'block_area', block || char(31) || COALESCE(area, '') AS k, COUNT(*) FROM mentions
      WHERE intent = 'complaint' AND block IS NOT NULL AND block <> '' GROUP BY b, k;
    CREATE TRIGGER complaint_place_day_counts_insert AFTER INSERT ON mentions WHEN NEW.intent = 'complaint' BEGIN
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(NEW.created_at, 1, 10), 'area_domain', COALESCE(NEW.area, '') || char(31) || COALESCE(NEW.primary_domain, ''), 1 WHERE true
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (1);
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(NEW.created_at, 1, 10), 'block_area', NEW.block || char(31) || COALESCE(NEW.area, ''), 1 WHERE NEW.block IS NOT NULL AND NEW.block <> ''
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (1);
    END;
    CREATE TRIGGER complaint_place_day_counts_delete AFTER DELETE ON mentions WHEN OLD.intent = 'complaint' BEGIN
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(OLD.created_at, 1, 10), 'area_domain', COALESCE(OLD.area, '') || char(31) || COALESCE(OLD.primary_domain, ''), -1 WHERE true
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (-1);
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(OLD.created_at, 1, 10), 'block_area', OLD.block || char(31) || COALESCE(OLD.area, ''), -1 WHERE OLD.block IS NOT NULL AND OLD.block <> ''
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (-1);
    END;
    CREATE TRIGGER complaint_place_day_counts_update AFTER UPDATE OF created_at, intent, area, block, primary_domain ON mentions WHEN OLD.created_at IS NOT NEW.created_at OR OLD.intent IS NOT NEW.intent OR OLD.area IS NOT NEW.area OR OLD.block IS NOT NEW.block OR OLD.primary_domain IS NOT NEW.primary_domain BEGIN
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(OLD.created_at, 1, 10), 'area_domain', COALESCE(OLD.area, '') || char(31) || COALESCE(OLD.primary_domain, ''), -1 WHERE OLD.intent = 'complaint'
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (-1);
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(OLD.created_at, 1, 10), 'block_area', OLD.block || char(31) || COALESCE(OLD.area, ''), -1 WHERE OLD.intent = 'complaint' AND OLD.block IS NOT NULL AND OLD.block <> ''
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (-1);
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(NEW.created_at, 1, 10), 'area_domain', COALESCE(NEW.area, '') || char(31) || COALESCE(NEW.primary_domain, ''), 1 WHERE NEW.intent = 'complaint'
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (1);
      INSERT INTO complaint_place_day_counts (bucket, dim, key, n) SELECT substr(NEW.created_at, 1, 10), 'block_area', NEW.block || char(31) || COALESCE(NEW.area, ''), 1 WHERE NEW.intent = 'complaint' AND NEW.block IS NOT NULL AND NEW.block <> ''
        ON CONFLICT (bucket, dim, key) DO UPDATE SET n = n + (1);
    END;
    DROP TRIGGER complaint_place_day_counts_insert;
  `,
};
