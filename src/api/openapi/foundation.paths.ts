/** OpenAPI paths of the foundation: health, mentions, channels, and this document itself. */
import { MentionListQuerySchema } from '../mention-routes';
import { errors, ok, pageOf, pathParam, queryParams, ref, type Paths } from './builder';

const PUBLIC: Record<string, string[]>[] = [];

export const foundationPaths: Paths = {
  '/healthz': {
    get: { summary: 'Liveness', tags: ['health'], security: PUBLIC, responses: ok('The process is up', { type: 'object' }) },
  },
  '/readyz': {
    get: {
      summary: 'Readiness: store reachable, migrations applied, and writes accepted',
      tags: ['health'],
      security: PUBLIC,
      responses: { ...ok('Ready', { type: 'object' }), '503': { description: 'Not ready: migrations pending, store unreachable, or writes failing (`status` store_full or store_unwritable, with `reason` and `since`)' } },
    },
  },
  '/metrics': {
    get: {
      summary: 'Prometheus metrics (text exposition format)',
      description: 'Outside /api: no user token. When METRICS_TOKEN is set, send it as `Authorization: Bearer <METRICS_TOKEN>`.',
      tags: ['health'],
      security: PUBLIC,
      responses: { '200': { description: 'Metrics', content: { 'text/plain': { schema: { type: 'string' } } } }, '401': { description: 'METRICS_TOKEN set and not given' } },
    },
  },
  '/api/mentions': {
    get: {
      summary: 'Stored mentions, newest first',
      tags: ['mentions'],
      parameters: queryParams(MentionListQuerySchema),
      responses: { ...ok('A page of mentions', pageOf(ref('Mention'))), ...errors(400) },
    },
  },
  '/api/mentions/{id}': {
    get: {
      summary: 'One mention',
      tags: ['mentions'],
      parameters: [pathParam('id', 'Mention id')],
      description: 'With `caseNumber` (the linked case, or null) and `context`: up to 20 other posts of the same thread, oldest first.',
      responses: {
        ...ok('The mention', {
          allOf: [
            ref('Mention'),
            { type: 'object', properties: { caseNumber: { type: ['string', 'null'] }, context: { type: 'array', items: ref('Mention') } } },
          ],
        }),
        ...errors(404),
      },
    },
  },
  '/api/channels': {
    get: {
      summary: "Each channel's cursor, health, rate limits and poll job figures",
      tags: ['channels'],
      responses: { ...ok('Channels', { type: 'object', properties: { items: { type: 'array', items: { type: 'object' } } } }), ...errors() },
    },
  },
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
};
