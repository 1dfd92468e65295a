/**
 * An index of corrected mentions (console corrections, training export). Queries must spell the
 * indexed expression exactly as correction-table.ts does to use it.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 11,
  name: 'index of corrected mentions (console corrections, training export)',
  sql: `CREATE INDEX mentions_corrected ON mentions (json_extract(classification_json, '$.correction.at'), id) WHERE json_extract(classification_json, '$.correction.at') IS NOT NULL;`,
};
