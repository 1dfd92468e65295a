/**
 * Audit entries for case changes, in the shape GET /api/audit filters on: action 'case.<verb>',
 * subject 'case:<number>', before/after holding only the fields that changed.
 */
import type { Case } from '../domain';

/** The part of the audit log (src/audit/audit-log.ts) cases need. */
export interface AuditRecorder {
  record(entry: { actor: string; action: string; subject: string; before?: unknown; after?: unknown }): Promise<unknown>;
}

export class CaseAudit {
  constructor(private readonly audit: AuditRecorder) {}

  async caseChanged(actor: string, action: string, c: Pick<Case, 'number'>, before?: unknown, after?: unknown): Promise<void> {
    await this.audit.record({ actor, action, subject: `case:${c.number}`, before, after });
  }
}

/** The fields of `after` that differ from `before` (both sides), for compact audit entries. */
export function changedFields(before: Case, after: Case, keys: (keyof Case)[]): { before: Partial<Case>; after: Partial<Case> } {
  const b: Partial<Case> = {};
  const a: Partial<Case> = {};
  for (const k of keys) {
    if (JSON.stringify(before[k]) === JSON.stringify(after[k])) continue;
    (b as Record<string, unknown>)[k] = before[k] ?? null;
    (a as Record<string, unknown>)[k] = after[k] ?? null;
  }
  return { before: b, after: a };
}
