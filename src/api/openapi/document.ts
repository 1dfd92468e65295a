/**
 * The OpenAPI 3.1 document served at /api/openapi.json: one paths file per area, merged here.
 * A new area adds its file and one line to AREAS.
 */
import { authPaths } from './auth.paths';
import type { Paths } from './builder';
import { casePaths } from './cases.paths';
import { COMPONENT_SCHEMAS } from './components';
import { correctionPaths } from './corrections.paths';
import { foundationPaths } from './foundation.paths';
import { replyPaths } from './replies.paths';
import { summaryPaths } from './summaries.paths';
import { templateAuditPaths } from './templates-audit.paths';
import { consolePaths } from '../../console/console.paths';

const AREAS: Paths[] = [foundationPaths, authPaths, replyPaths, correctionPaths, templateAuditPaths, casePaths, consolePaths, summaryPaths];

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string }[];
  paths: Paths;
  components: Record<string, unknown>;
}

let cached: OpenApiDocument | undefined;

export function openApiDocument(): OpenApiDocument {
  if (cached) return cached;
  const paths: Paths = {};
  for (const area of AREAS) {
    for (const [path, item] of Object.entries(area)) {
      for (const method of Object.keys(item)) {
        if (paths[path]?.[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is documented twice`);
      }
      paths[path] = { ...paths[path], ...item };
    }
  }
  const tags = [...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)))].map((name) => ({ name }));
  cached = {
    openapi: '3.1.0',
    info: {
      title: 'Rasid API',
      version: '1.0.0',
      description:
        'Social-media listening and engagement for the Ministry of Works. Every /api route needs `Authorization: Bearer <token>` ' +
        '(or the console session cookie plus `X-CSRF-Token` on state-changing requests). Errors are `{ "error": { "code", "message", "details" } }`.',
    },
    servers: [{ url: '/' }],
    security: [{ bearerAuth: [] }, { sessionCookie: [] }],
    tags,
    paths,
    components: {
      securitySchemes: {
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token from `npm run user:add` or POST /api/users' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'rasid_session', description: 'Console session from POST /api/session' },
      },
      schemas: COMPONENT_SCHEMAS,
    },
  };
  return cached;
}
