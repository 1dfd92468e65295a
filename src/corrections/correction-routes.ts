/** POST /api/mentions/:id/classification: a person corrects the classifier's domain and intent. */
import { Router } from 'express';
import { parseInput } from '../http/validate';
import { currentUser } from '../auth/request-auth';
import { EVERYONE, requireRole } from '../auth/require-role';
import { MentionIdParamsSchema } from '../queue/queue-schemas';
import { ClassificationCorrectionSchema } from './correction-schemas';
import type { CorrectionService } from './correction-service';

export function correctionRoutes(deps: { corrections: CorrectionService }): Router {
  const router = Router();
  router.post('/mentions/:id/classification', requireRole(...EVERYONE), async (req, res) => {
    const { id } = parseInput(MentionIdParamsSchema, req.params, 'params');
    const body = parseInput(ClassificationCorrectionSchema, req.body, 'body');
    res.json(await deps.corrections.correct(currentUser(req), id, body));
  });
  return router;
}
