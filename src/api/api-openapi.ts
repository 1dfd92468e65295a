/**
 * OpenAPI paths of the routes in this folder, which belong to no feature: health, and mentions
 * and channels as stored, with the Mention record.
 */
import { errors, ok, pageOf, pathParam, queryParams, ref, type JsonSchema } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { CASE_STATUSES } from '../domain';
import { MentionListQuerySchema } from './mention-routes';

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

export const healthOpenApi: OpenApiArea = {
  paths: {
    '/healthz': {
      get: { summary: 'Liveness', tags: ['health'], security: PUBLIC, responses: ok('The process is up', { type: 'object' }) },
    },
    '/readyz': {
      get: {
        summary: 'Readiness: store reachable, migrations applied, and writes accepted',
        tags: ['health'],
        security: PUBLIC,
        responses: { ...ok('Ready', { type: 'object' }), '503': { description: 'Not ready: `status` migrations_pending, schema_newer (a newer release moved the shared store on), store_unreachable, or writes failing (store_full or store_unwritable, with `reason` and `since`)' } },
      },
    },
  },
};

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
/** Matched words and their spans [start, end) in the stored text (UTF-16 offsets). */
const evidence = { type: 'array', items: { type: 'object', required: ['term', 'start', 'end'], properties: { term: str, start: { type: 'integer' }, end: { type: 'integer' } } } };

const SCHEMAS: Record<string, JsonSchema> = {
  Mention: {
    type: 'object',
    description: 'A stored mention (src/domain/mention.ts).',
    required: ['id', 'channel', 'network', 'externalId', 'author', 'text', 'createdAt', 'classification', 'status'],
    properties: {
      id: str,
      channel: str,
      network: str,
      externalId: str,
      url: str,
      author: { type: 'object', properties: { id: str, handle: str, name: str, followers: { type: 'integer' }, verified: { type: 'boolean' } } },
      text: str,
      lang: str,
      title: str,
      kind: { enum: ['post', 'comment', 'direct', 'news'] },
      replyable: { type: 'boolean' },
      createdAt: time,
      fetchedAt: time,
      inReplyTo: { ...str, description: 'External id of the post this one answers' },
      conversationId: { ...str, description: 'External id of the thread it belongs to' },
      sources: { type: 'array', items: str, description: "How the channel found it, e.g. ['mentions', 'query:الأشغال']" },
      metrics: { type: 'object' },
      classification: {
        type: 'object',
        properties: {
          primaryDomain: { enum: ['roads', 'drainage', 'buildings', null] },
          intent: { enum: ['complaint', 'inquiry', 'suggestion', 'praise', 'other'] },
          urgency: { enum: ['high', 'medium', 'low'] },
          sentiment: { enum: ['positive', 'neutral', 'negative'] },
          confidence: { type: 'number' },
          location: { type: 'object' },
          domains: { type: 'array', items: { type: 'object', properties: { domain: str, score: { type: 'number' }, evidence } } },
          relevant: { type: 'boolean' },
          intentEvidence: evidence,
          urgencyEvidence: evidence,
          modelVersion: { ...str, description: 'The learned model that decided domain and intent' },
          modelEvidence: { ...evidence, description: 'For a works complaint: the words that pushed the model most towards calling it one' },
          correction: {
            type: 'object',
            description: 'Present when a person corrected primaryDomain/intent (which then hold the corrected values); `from` keeps the machine values.',
            required: ['by', 'at', 'from'],
            properties: {
              by: { ...str, description: 'User id' },
              at: time,
              from: { type: 'object', required: ['domain', 'intent'], properties: { domain: { enum: ['roads', 'drainage', 'buildings', null] }, intent: str } },
              note: str,
            },
          },
        },
      },
      status: { enum: ['new', 'needs_reply', 'replied', 'no_action', 'spam', 'duplicate'] },
      claim: { $ref: '#/components/schemas/Claim' },
      caseId: str,
    },
  },
};

export const mentionOpenApi: OpenApiArea = {
  schemas: SCHEMAS,
  paths: {
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
        description:
          'With `caseNumber` and `linkedCase` (the linked case and where it stands, or null), `context`: up to 20 other posts of the same thread, oldest first, and `parentUrl`: where to read the post it answers when that post is not stored (X and Instagram).',
        responses: {
          ...ok('The mention', {
            allOf: [
              ref('Mention'),
              {
                type: 'object',
                properties: {
                  caseNumber: { type: ['string', 'null'] },
                  linkedCase: {
                    oneOf: [
                      { type: 'null' },
                      {
                        type: 'object',
                        required: ['number', 'status'],
                        properties: { number: { type: 'string' }, status: { type: 'string', enum: [...CASE_STATUSES] }, resolvedAt: { type: 'string', format: 'date-time' }, closedAt: { type: 'string', format: 'date-time' } },
                      },
                    ],
                  },
                  context: { type: 'array', items: ref('Mention') },
                  parentUrl: { type: 'string', format: 'uri' },
                },
              },
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
  },
};
