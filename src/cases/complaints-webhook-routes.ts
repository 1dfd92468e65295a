/**
 * POST /api/integrations/complaints/webhook: status updates from the national complaints system.
 * It authenticates by HMAC signature over the raw body (X-Rasid-Timestamp, X-Rasid-Signature),
 * not by API token, so it is mounted before the body parser and the /api token check
 * (AppServices.publicRouters). Missing, stale or wrong signatures get 401.
 */
import express, { Router, type Request } from 'express';
import { AppError, ValidationError } from '../errors';
import { parseInput } from '../http/validate';
import { SIGNATURE_HEADER, TIMESTAMP_HEADER, verifySignature } from '../webhooks/webhook-signature';
import type { CaseService } from './case-service';
import { ComplaintStatusUpdateSchema } from './case-schemas';

export const COMPLAINTS_WEBHOOK_PATH = '/api/integrations/complaints/webhook';

export interface ComplaintsWebhookDeps {
  cases: CaseService;
  /** Shared with the national system; unset = every delivery is refused. */
  secret?: string;
  now?: () => Date;
}

export function complaintsWebhookRoutes(deps: ComplaintsWebhookDeps): Router {
  const router = Router();
  const now = deps.now ?? (() => new Date());
  router.post(COMPLAINTS_WEBHOOK_PATH, express.raw({ type: () => true, limit: '64kb' }), async (req, res) => {
    const raw = rawBody(req);
    const check = deps.secret
      ? verifySignature(deps.secret, raw, { signature: req.get(SIGNATURE_HEADER), timestamp: req.get(TIMESTAMP_HEADER) }, now())
      : ({ ok: false, reason: 'not_configured' } as const);
    if (!check.ok) {
      throw new AppError(401, 'invalid_signature', `the webhook signature is ${check.reason === 'not_configured' ? 'not configured on this server' : check.reason}`, {
        headers: ['X-Rasid-Timestamp', 'X-Rasid-Signature'],
        expected: 'sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" keyed with the shared secret>',
      });
    }
    const update = parseInput(ComplaintStatusUpdateSchema, parseJson(raw), 'body');
    const result = await deps.cases.applyExternalStatus(update);
    res.json({ caseNumber: result.case.number, status: result.case.status, changed: result.changed });
  });
  return router;
}

function rawBody(req: Request): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  const kept = (req as Request & { rawBody?: Buffer }).rawBody;
  if (kept) return kept;
  // An empty body arrives as undefined (no content-type) and is simply unsigned.
  if (req.body === undefined) return Buffer.alloc(0);
  throw new AppError(500, 'webhook_misconfigured', 'the body was parsed before the complaints webhook router');
}

function parseJson(raw: Buffer): unknown {
  try {
    return JSON.parse(raw.toString('utf8'));
  } catch {
    throw new ValidationError('request body is not valid JSON');
  }
}
