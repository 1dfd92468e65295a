/** The index of corrected mentions (console corrections, training export). */
import type { Migration } from './migrations';

/** The expression the index covers; queries must spell it the same way to use the index. */
export const CORRECTED_AT = `json_extract(classification_json, '$.correction.at')`;

export const CORRECTIONS_MIGRATION: Migration = {
  version: 11,
  name: 'index of corrected mentions (console corrections, training export)',
  sql: `CREATE INDEX mentions_corrected ON mentions (${CORRECTED_AT}, id) WHERE ${CORRECTED_AT} IS NOT NULL;`,
};
