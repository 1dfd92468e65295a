/**
 * GET /audit: the audit trail for supervisors and admins, newest first, filterable. The role
 * check comes from the caller (the accounts feature's guard), since every feature, accounts
 * included, writes to the audit trail: audit imports nothing of theirs.
 */
import { Router, type RequestHandler } from 'express';
import { z } from 'zod';
import { parseInput } from '../http/validate';
import { auditSubjectOf } from './audit-actions';
import type { AuditStore } from './store/audit-store';

export const AuditQuerySchema = z
  .object({
    /** e.g. reply:<id>, mention:<id>, case:MOW-2026-000123, user:<id>; a bare case number means case:<number>. */
    subject: z
      .string()
      .min(1)
      .max(200)
      .optional()
      .describe('<thing>:<id>, e.g. case:MOW-2026-000123, reply:<id>, user:<id>; a bare case number (MOW-2026-000123) means case:<number>'),
    /** A user id or 'system'. */
    actor: z.string().min(1).max(100).optional(),
    /** e.g. reply.approved, mention.claimed (src/audit/audit-actions.ts lists them). */
    action: z.string().min(1).max(100).optional().describe('An action code, e.g. case.status_changed, reply.approved'),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type AuditQueryReq = z.infer<typeof AuditQuerySchema>;

export function auditRoutes(deps: { audit: Pick<AuditStore, 'listAudit'>; supervisorsOnly: RequestHandler }): Router {
  const router = Router();
  router.get('/audit', deps.supervisorsOnly, async (req, res) => {
    const q = parseInput(AuditQuerySchema, req.query, 'query');
    res.json(await deps.audit.listAudit(q.subject ? { ...q, subject: auditSubjectOf(q.subject) } : q));
  });
  return router;
}
