/**
 * Every action the services record in the audit trail ('<thing>.<verb>'), grouped by thing. The
 * console offers these in the audit log's Action filter, each with its label in both languages
 * (messages/admin.ts, `action_<code>`); a test checks every `action: '...'` the services record
 * is listed here, so a new action cannot be missing from the filter.
 */
export const AUDIT_ACTIONS = [
  'mention.claimed',
  'mention.released',
  'mention.reassigned',
  'mention.status_changed',
  'mention.reclassified',
  'reply.created',
  'reply.approved',
  'reply.rejected',
  'reply.sent',
  'reply.failed',
  'reply.unknown',
  'reply.retry_scheduled',
  'reply.resolved_sent',
  'reply.resolved_failed',
  'reply.resolved_resend',
  'case.opened',
  'case.mention_linked',
  'case.mention_unlinked',
  'case.status_changed',
  'case.updated',
  'case.note_added',
  'case.forwarded',
  'case.forward_requested',
  'case.external_update',
  'template.created',
  'template.updated',
  'template.deleted',
  'user.created',
  'user.updated',
  'user.disabled',
  'user.token_rotated',
] as const;
export type AuditAction = (typeof AUDIT_ACTIONS)[number];

/** A bare case number, as people copy it from a case page (MOW-2026-000123). */
const CASE_NUMBER = /^[A-Za-z][A-Za-z0-9]{0,9}-\d{4}-\d{6}$/;

/**
 * The subject filter as the trail stores subjects ('<thing>:<id>'): a bare case number becomes
 * case:<NUMBER> (upper case, as case numbers are); anything else is kept, trimmed.
 */
export function auditSubjectOf(input: string): string {
  const s = input.trim();
  if (CASE_NUMBER.test(s)) return `case:${s.toUpperCase()}`;
  const m = /^case:\s*(\S+)$/i.exec(s);
  if (m && CASE_NUMBER.test(m[1])) return `case:${m[1].toUpperCase()}`;
  return s;
}
