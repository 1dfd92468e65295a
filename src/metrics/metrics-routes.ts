/**
 * GET /metrics in the Prometheus text format. Open to anyone who can reach the port unless
 * METRICS_TOKEN is set, then it needs that token as a Bearer token.
 */
import { timingSafeEqual } from 'node:crypto';
import { Router, type RequestHandler } from 'express';
import { UnauthorizedError } from '../errors';
import type { Metrics } from './metrics';
import { routePatterns } from './route-patterns';

function sameSecret(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}

export function metricsRoutes(metrics: Metrics, token?: string): Router {
  const router = Router();
  router.get('/metrics', async (req, res) => {
    if (token) {
      const given = /^Bearer (.+)$/.exec(req.get('authorization') ?? '')?.[1] ?? '';
      if (!sameSecret(given, token)) throw new UnauthorizedError('a valid metrics token is required');
    }
    res.type(metrics.registry.contentType).send(await metrics.registry.metrics());
  });
  return router;
}

/**
 * Times every request under its full route pattern (not the raw path: ids would explode labels),
 * also when it was refused before reaching that route; `unmatched` when no route has its path.
 */
export function httpMetrics(metrics: Metrics): RequestHandler {
  let patterns: ReturnType<typeof routePatterns> | undefined;
  return (req, res, next) => {
    const end = metrics.httpDuration.startTimer();
    res.on('finish', () => {
      patterns ??= routePatterns(req.app);
      end({ method: req.method, route: patterns.of(req) ?? 'unmatched', status: String(res.statusCode) });
    });
    next();
  };
}
