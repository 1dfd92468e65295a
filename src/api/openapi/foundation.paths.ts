/** OpenAPI paths of the foundation: health, mentions, channels, and this document itself. */
import { MentionListQuerySchema } from '../mention-routes';
import { errors, ok, pageOf, pathParam, queryParams, ref, type Paths } from './builder';

const PUBLIC: Record<string, string[]>[] = [];

/** One channel as GET /api/channels lists it. */
const CHANNEL_ITEM = {
  type: 'object',
  required: ['name', 'enabled', 'configured', 'missing', 'schedule', 'canReply', 'state'],
  properties: {
    name: { type: 'string', examples: ['x'] },
    enabled: { type: 'boolean', description: 'Running in this process.' },
    configured: { type: 'boolean', description: 'False when the channel is off: credentials missing or switched off.' },
    missing: { type: 'array', items: { type: 'string' }, description: 'Environment variables still to set before it can run.' },
    orInstead: { type: 'array', items: { type: 'string' }, description: 'Variables that together stand in for `missing` (X: the OAuth 1.0a keys instead of X_USER_TOKEN).' },
    switchedOffBy: { type: 'string', description: 'The *_ENABLED variable set to false that keeps it off.', examples: ['X_ENABLED'] },
    schedule: { type: 'string', description: 'Its node-cron schedule.', examples: ['*/5 * * * *'] },
    canReply: { type: 'boolean' },
    state: { type: 'object', description: 'Cursor, health, last poll and error, rate limits, channel figures.' },
    paced: {
      type: 'object',
      description: 'Present while the channel polls slower than its schedule (X monthly budget): until when and why.',
      properties: {
        until: { type: 'string', format: 'date-time' },
        reason: { type: 'string', enum: ['budget', 'budget_spent'] },
        message: { type: 'string', examples: ['paced: next poll at 2026-03-16T01:05:00.000Z, because polling every 5 minutes would read about 46000 posts by 2026-04-01T00:00:00.000Z, over the monthly cap of 10000 (9010 read so far)'] },
      },
    },
    job: { type: ['object', 'null'] },
  },
} as const;

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
      summary: "Every known channel (running or not): cursor, health, rate limits, pacing and poll job figures",
      tags: ['channels'],
      responses: { ...ok('Channels', { type: 'object', properties: { items: { type: 'array', items: CHANNEL_ITEM } } }), ...errors() },
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
