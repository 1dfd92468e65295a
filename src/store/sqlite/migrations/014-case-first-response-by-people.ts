/**
 * A case's first response is the first reply a PERSON sent on one of its mentions (purpose
 * 'agent'), as the weekly summary counts it since migration 13: the reply sender stamped it with
 * whatever was sent first, so an automatic acknowledgement or "resolved" notice could stand as the
 * case's first response on its page. Recomputes cases.first_response_at for the cases whose value
 * changes (NULL when no person has answered yet, so the next person's reply stamps it); the
 * history keeps its old 'first_response' entries, as an audit trail does.
 *
 * Kept as text (see migration.ts): later changes to runtime code cannot change what this applies.
 */
import type { Migration } from './migration';

export const migration: Migration = {
  version: 14,
  name: "a case's first response is a person's reply, not an automatic notice",
  sql: `
    UPDATE cases SET first_response_at = f.at
      FROM (SELECT c.id, (SELECT MIN(r.sent_at) FROM replies r JOIN mentions m ON m.id = r.mention_id
              WHERE m.case_id = c.id AND r.state = 'sent' AND r.purpose = 'agent') AS at
        FROM cases c WHERE c.first_response_at IS NOT NULL) f
      WHERE cases.id = f.id AND cases.first_response_at IS NOT f.at;
  `,
};
