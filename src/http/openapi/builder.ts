/**
 * Small helpers to write OpenAPI 3.1 operations from the same zod schemas the routes validate
 * with (z.toJSONSchema), so the document cannot drift from the inputs the API accepts.
 */
import { z } from 'zod';

export type JsonSchema = Record<string, unknown>;
export type PathItem = Record<string, Operation>;
export type Paths = Record<string, PathItem>;

export interface Operation {
  summary: string;
  description?: string;
  tags: string[];
  operationId?: string;
  security?: Record<string, string[]>[];
  parameters?: unknown[];
  requestBody?: unknown;
  responses: Record<string, unknown>;
  [ext: `x-${string}`]: unknown;
}

/** JSON Schema of what a zod schema accepts (its input side). */
export function jsonSchema(schema: z.ZodType): JsonSchema {
  const s = z.toJSONSchema(schema, { io: 'input', unrepresentable: 'any' }) as JsonSchema;
  delete s.$schema;
  return s;
}

/** Query parameters from a zod object schema, one per key. */
export function queryParams(schema: z.ZodType): unknown[] {
  const s = jsonSchema(schema) as { properties?: Record<string, JsonSchema>; required?: string[] };
  return Object.entries(s.properties ?? {}).map(([name, prop]) => ({
    name,
    in: 'query',
    required: (s.required ?? []).includes(name) && !('default' in prop),
    ...(prop.description ? { description: prop.description } : {}),
    schema: prop,
  }));
}

export function pathParam(name: string, description: string): unknown {
  return { name, in: 'path', required: true, description, schema: { type: 'string' } };
}

export function jsonBody(schema: z.ZodType | JsonSchema, description?: string): unknown {
  const s = schema instanceof z.ZodType ? jsonSchema(schema) : schema;
  return { required: true, ...(description ? { description } : {}), content: { 'application/json': { schema: s } } };
}

export function ref(name: string): JsonSchema {
  return { $ref: `#/components/schemas/${name}` };
}

export function ok(description: string, schema?: JsonSchema, status = '200'): Record<string, unknown> {
  return { [status]: schema ? { description, content: { 'application/json': { schema } } } : { description } };
}

export function pageOf(item: JsonSchema): JsonSchema {
  return { type: 'object', required: ['items', 'nextCursor'], properties: { items: { type: 'array', items: item }, nextCursor: { type: ['string', 'null'] } } };
}

/** Standard error answers; every /api operation can give 401 and 429 (failed sign-ins). */
export function errors(...statuses: number[]): Record<string, unknown> {
  const text: Record<number, string> = {
    400: 'Invalid input (details name each field)',
    401: 'Missing, invalid or disabled token/session',
    403: 'Your role does not allow this (or missing X-CSRF-Token with a cookie)',
    404: 'Not found',
    409: 'Conflict with the current state',
    413: 'Body too large',
    422: 'Well-formed but refused (details say why)',
    429: 'Too many failed sign-in attempts',
    503: 'Store unavailable',
  };
  return Object.fromEntries(
    [...new Set([401, 429, ...statuses])].map((s) => [String(s), { description: text[s] ?? 'Error', content: { 'application/json': { schema: ref('Error') } } }]),
  );
}

/** Roles allowed, shown in the docs and checked by the route-coverage test's readers. */
export function roles(...r: string[]): { 'x-roles': string[]; description: string } {
  return { 'x-roles': r, description: `Roles: ${r.join(', ')}.` };
}
