/** Liveness and readiness; the only routes that need no token. */
import { Router } from 'express';
import type { Stores } from '../stores/stores';

export function healthRoutes(deps: { store: Pick<Stores, 'kind' | 'status'> }): Router {
  const router = Router();
  router.get('/healthz', (_req, res) => {
    res.json({ status: 'ok' });
  });
  router.get('/readyz', async (_req, res) => {
    try {
      const { writeFailure, ...s } = await deps.store.status();
      if (writeFailure) {
        // Every write would answer 503 store_full: a load balancer should send traffic elsewhere.
        res.status(503).json({ status: writeFailure.code, store: deps.store.kind, writable: false, reason: writeFailure.message, since: writeFailure.since, ...s });
        return;
      }
      // Behind (this release has migrations to run) or ahead (a newer release upgraded the shared
      // MongoDB since this instance started): either way not this instance's to serve.
      const status = s.ok ? 'ready' : s.schemaVersion > s.expectedSchemaVersion ? 'schema_newer' : 'migrations_pending';
      res.status(s.ok ? 200 : 503).json({ status, store: deps.store.kind, writable: true, ...s });
    } catch (err) {
      res.status(503).json({ status: 'store_unreachable', store: deps.store.kind, error: (err as Error).message });
    }
  });
  return router;
}
