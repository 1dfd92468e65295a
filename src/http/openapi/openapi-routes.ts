/** GET /openapi.json and GET /docs (mounted under /api, so behind authentication like the rest). */
import { Router } from 'express';
import { renderDocsPage } from './docs-page';
import type { OpenApiArea, OpenApiDocument } from './document';
import { errors, ok } from './builder';

export function openApiRoutes(document: () => OpenApiDocument): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(document());
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(document()));
  });
  return router;
}

/** The two routes above, as they appear in the document itself. */
export const openApiDocsArea: OpenApiArea = {
  paths: {
    '/api/openapi.json': {
      get: { summary: 'This OpenAPI 3.1 document', tags: ['docs'], responses: { ...ok('The document', { type: 'object' }), ...errors() } },
    },
    '/api/docs': {
      get: {
        summary: 'Human-readable API documentation (HTML)',
        tags: ['docs'],
        responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } }, ...errors() },
      },
    },
  },
};
