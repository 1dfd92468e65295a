/**
 * OpenAPI entries for the web console's two routes, so the route-coverage check knows them. They
 * are pages and static files, not API: no token; the console signs in through POST /api/session.
 */
import type { Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { ASSET_PREFIX } from './console-bundle';

const PUBLIC: Record<string, string[]>[] = [];

const paths: Paths = {
  '/': {
    get: {
      summary: 'The web console (HTML page; Arabic RTL by default, hash routes inside)',
      description: 'Settings for the browser (display time zone, response targets, refresh interval) travel in <meta> tags.',
      tags: ['console'],
      security: PUBLIC,
      responses: { '200': { description: 'HTML page', content: { 'text/html': { schema: { type: 'string' } } } } },
    },
  },
  [`${ASSET_PREFIX}/{name}`]: {
    get: {
      summary: "The console's script, stylesheet and fonts (content-hashed names, cached for a year)",
      tags: ['console'],
      security: PUBLIC,
      parameters: [{ name: 'name', in: 'path', required: true, description: 'Asset file name, e.g. app-3F2A9C1B.js', schema: { type: 'string' } }],
      responses: {
        '200': { description: 'The asset (JavaScript, CSS or a WOFF2/WOFF font)' },
        '404': { description: 'No such asset', content: { 'application/json': { schema: { $ref: '#/components/schemas/Error' } } } },
      },
    },
  },
};

export const consoleOpenApi: OpenApiArea = { paths };
