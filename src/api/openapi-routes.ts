/** GET /openapi.json and GET /docs (mounted under /api, so behind authentication like the rest). */
import { Router } from 'express';
import { renderDocsPage } from './openapi-docs-page';
import { openApiDocument } from './openapi/document';

export function openApiRoutes(): Router {
  const router = Router();
  router.get('/openapi.json', (_req, res) => {
    res.json(openApiDocument());
  });
  router.get('/docs', (_req, res) => {
    res.type('html').send(renderDocsPage(openApiDocument()));
  });
  return router;
}
