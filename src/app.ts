/**
 * buildApp(services) returns the Express app without listening, so tests run it in-process.
 * Auth is added in one place: every /api route passes `services.authenticate` first.
 */
import express, { Router, type RequestHandler } from 'express';
import { channelRoutes, type ChannelRouteDeps } from './api/channel-routes';
import { errorHandler, notFoundHandler } from './http/error-handler';
import { healthRoutes } from './api/health-routes';
import { mentionRoutes } from './api/mention-routes';
import { requestContext } from './http/request-context';
import { securityHeaders } from './http/security-headers';
import type { TrustProxy } from './http/trust-proxy-setting';
import type { Stores } from './stores/stores';
import type { Logger } from './logger';
import type { Metrics } from './metrics/metrics';
import { httpMetrics, metricsRoutes } from './metrics/metrics-routes';
import { jsonBodyOnly } from './http/json-body-only';
import { utf8Only } from './http/utf8-body';

export interface AppServices {
  store: Stores;
  log: Logger;
  channels: ChannelRouteDeps['channels'];
  knownChannels?: ChannelRouteDeps['known'];
  jobStats: ChannelRouteDeps['jobStats'];
  /** Runs before every /api route; the default lets everything through. */
  authenticate?: RequestHandler;
  /** More /api routers (reply queue, cases, summaries ...), mounted after authentication. */
  apiRouters?: Router[];
  /** Routers mounted at the root before the 404 handler (console, open311, metrics ...). */
  rootRouters?: Router[];
  /**
   * Routers mounted before the JSON body parser and the /api token check: endpoints that
   * authenticate by a signature over the raw body (e.g. /api/integrations/complaints/webhook).
   */
  publicRouters?: Router[];
  /** Prometheus metrics at GET /metrics (Bearer metricsToken when set). */
  metrics?: Metrics;
  metricsToken?: string;
  /** Largest JSON body accepted; past it the API answers 413. */
  bodyLimit?: string;
  /** False when browsers reach the service over plain HTTP (default true). */
  https?: boolean;
  /** Express's `trust proxy` (TRUST_PROXY); default false: the TCP peer is the client. */
  trustProxy?: TrustProxy;
}

export function buildApp(services: AppServices): express.Express {
  const app = express();
  app.disable('x-powered-by');
  app.set('query parser', 'simple');
  // API answers change with every write; hashing each body for an ETag cost more than it saved.
  app.set('etag', false);
  app.set('trust proxy', services.trustProxy ?? false);
  app.use(securityHeaders({ https: services.https ?? true }));
  app.use(requestContext(services.log));
  if (services.metrics) {
    app.use(httpMetrics(services.metrics));
    app.use(metricsRoutes(services.metrics, services.metricsToken));
  }
  for (const router of services.publicRouters ?? []) app.use(router);
  app.use(express.json({ limit: services.bodyLimit ?? '100kb', verify: utf8Only }));
  app.use(healthRoutes(services));

  const api = Router();
  if (services.authenticate) api.use(services.authenticate);
  api.use(jsonBodyOnly);
  api.use(mentionRoutes(services));
  api.use(channelRoutes({ ...services, known: services.knownChannels }));
  for (const router of services.apiRouters ?? []) api.use(router);
  app.use('/api', api);
  for (const router of services.rootRouters ?? []) app.use(router);

  app.use(notFoundHandler);
  app.use(errorHandler(services.log));
  return app;
}
