/** OpenAPI path of GET /metrics (outside /api, so no user token). */
import type { OpenApiArea } from '../http/openapi/document';

const PUBLIC: Record<string, string[]>[] = [];

export const metricsOpenApi: OpenApiArea = {
  paths: {
    '/metrics': {
      get: {
        summary: 'Prometheus metrics (text exposition format)',
        description: 'Outside /api: no user token. When METRICS_TOKEN is set, send it as `Authorization: Bearer <METRICS_TOKEN>`.',
        tags: ['health'],
        security: PUBLIC,
        responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } }, '401': { description: 'METRICS_TOKEN set and not given' } },
      },
    },
  },
};
