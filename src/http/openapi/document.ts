/**
 * The OpenAPI 3.1 document served at /api/openapi.json, built from the areas the features register
 * (each beside its routes and schemas). The composition root lists the areas; this file knows none.
 */
import type { JsonSchema, Paths } from './builder';

/** One area's part of the document: its paths and the component schemas they reference. */
export interface OpenApiArea {
  paths: Paths;
  schemas?: Record<string, JsonSchema>;
}

export interface OpenApiDocument {
  openapi: '3.1.0';
  info: Record<string, unknown>;
  servers: { url: string }[];
  security: Record<string, string[]>[];
  tags: { name: string }[];
  paths: Paths;
  components: Record<string, unknown>;
}

const str = { type: 'string' };

/** The error body every route answers with (see errors() in builder.ts). */
const ERROR_SCHEMA: JsonSchema = {
  type: 'object',
  required: ['error'],
  properties: {
    error: {
      type: 'object',
      required: ['code', 'message', 'details'],
      properties: { code: str, message: str, details: {} },
    },
  },
};

const errorResponse = (description: string) => ({ description, content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } });

/**
 * What every /api operation can answer whatever its area says: 403 (a disabled account, a role,
 * a cookie without X-CSRF-Token); with a JSON body 400 (not JSON, not UTF-8), 413 and 415; with
 * a path parameter 400 (malformed).
 */
function documentCommonErrors(paths: Paths): void {
  for (const [path, item] of Object.entries(paths)) {
    if (!path.startsWith('/api/')) continue;
    for (const op of Object.values(item)) {
      const responses = op.responses;
      responses['403'] ??= errorResponse('A disabled account (account_disabled), a role that may not do this, or a session cookie without X-CSRF-Token');
      if (op.requestBody || path.includes('{')) responses['400'] ??= errorResponse('Invalid input (details name each field)');
      if (op.requestBody) {
        responses['413'] ??= errorResponse('Body too large (payload_too_large)');
        responses['415'] ??= errorResponse('Body not sent as JSON (unsupported_media_type) or in a charset that cannot be read (unsupported_encoding)');
      }
    }
  }
}

/** Merges the areas in order; an operation or schema named by two areas is a mistake. */
export function buildOpenApiDocument(areas: OpenApiArea[]): OpenApiDocument {
  const paths: Paths = {};
  const schemas: Record<string, JsonSchema> = { Error: ERROR_SCHEMA };
  for (const area of areas) {
    for (const [path, item] of Object.entries(area.paths)) {
      for (const method of Object.keys(item)) {
        if (paths[path]?.[method]) throw new Error(`OpenAPI: ${method.toUpperCase()} ${path} is documented twice`);
      }
      paths[path] = { ...paths[path], ...item };
    }
    for (const [name, schema] of Object.entries(area.schemas ?? {})) {
      if (schemas[name]) throw new Error(`OpenAPI: component schema ${name} is defined twice`);
      schemas[name] = schema;
    }
  }
  documentCommonErrors(paths);
  const tags = [...new Set(Object.values(paths).flatMap((item) => Object.values(item).flatMap((op) => op.tags)))].map((name) => ({ name }));
  return {
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
        bearerAuth: { type: 'http', scheme: 'bearer', description: 'API token from `npm run user:add` or POST /api/users; a wrong or replaced token answers 401, the token of a disabled account 403 account_disabled' },
        sessionCookie: { type: 'apiKey', in: 'cookie', name: 'rasid_session', description: 'Console session from POST /api/session' },
      },
      schemas,
    },
  };
}
