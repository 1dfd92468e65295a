/**
 * An index for the conversation lookups of the mention detail.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 7,
  name: 'conversation lookups for the mention detail',
  sql: `CREATE INDEX mentions_conversation ON mentions (channel, conversation_id) WHERE conversation_id IS NOT NULL;`,
};
