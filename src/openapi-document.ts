/**
 * The served OpenAPI document, assembled from the areas each feature registers beside its routes.
 * A new area adds one line to AREAS; the order here is the order of the document's paths.
 */
import { healthOpenApi, mentionOpenApi } from './api/api-openapi';
import { instagramWebhookOpenApi } from './api/instagram-webhook-openapi';
import { auditOpenApi } from './audit/audit-openapi';
import { authOpenApi } from './auth/auth-openapi';
import { caseOpenApi } from './cases/case-openapi';
import { consoleOpenApi } from './console/console-openapi';
import { correctionOpenApi } from './corrections/correction-openapi';
import { buildOpenApiDocument, type OpenApiArea, type OpenApiDocument } from './http/openapi/document';
import { openApiDocsArea } from './http/openapi/openapi-routes';
import { metricsOpenApi } from './metrics/metrics-openapi';
import { open311OpenApi } from './cases/open311/open311-openapi';
import { queueOpenApi } from './queue/queue-openapi';
import { replyOpenApi } from './replies/reply-openapi';
import { summaryOpenApi } from './summaries/summary-openapi';
import { templateOpenApi } from './templates/template-openapi';

const AREAS: OpenApiArea[] = [
  healthOpenApi,
  metricsOpenApi,
  mentionOpenApi,
  openApiDocsArea,
  authOpenApi,
  queueOpenApi,
  replyOpenApi,
  correctionOpenApi,
  templateOpenApi,
  auditOpenApi,
  caseOpenApi,
  open311OpenApi,
  consoleOpenApi,
  summaryOpenApi,
  instagramWebhookOpenApi,
];

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  cached ??= buildOpenApiDocument(AREAS);
  return cached;
}
