/** GET /audit: the audit trail for supervisors and admins, newest first, filterable. */
import { Router } from 'express';
import { z } from 'zod';
import { parseInput } from '../http/validate';
import { SUPERVISORS, requireRole } from '../auth/require-role';
import type { ReplyStore } from '../domain';

export const AuditQuerySchema = z
  .object({
    /** e.g. reply:<id>, mention:<id>, case:MOW-2026-000123, user:<id>. */
    subject: z.string().min(1).max(200).optional(),
    /** A user id or 'system'. */
    actor: z.string().min(1).max(100).optional(),
    /** e.g. reply.approved, mention.claimed. */
    action: z.string().min(1).max(100).optional(),
    limit: z.coerce.number().int().min(1).max(500).default(100),
    cursor: z.string().max(500).optional(),
  })
  .strict();
export type AuditQueryReq = z.infer<typeof AuditQuerySchema>;

export function auditRoutes(deps: { store: Pick<ReplyStore, 'listAudit'> }): Router {
  const router = Router();
  router.get('/audit', requireRole(...SUPERVISORS), async (req, res) => {
    res.json(await deps.store.listAudit(parseInput(AuditQuerySchema, req.query, 'query')));
  });
  return router;
}
