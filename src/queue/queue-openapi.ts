/** OpenAPI paths for the reply queue and claims, with their records (Claim, QueueItem). */
import { AssignSchema, QueueQuerySchema, StatusChangeSchema } from './queue-schemas';
import { errors, jsonBody, ok, pageOf, pathParam, queryParams, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const mentionId = pathParam('id', 'Mention id');
const claimResult = { type: 'object', properties: { claim: ref('Claim') } };
/** A queue entry: a QueueItem by default, a whole Mention with view=full. */
const queueEntry = { oneOf: [ref('QueueItem'), ref('Mention')] };

const paths: Paths = {
  '/api/queue': {
    get: {
      summary: 'The reply queue in priority order, with counts per domain',
      description:
        'Priority: urgency (high, medium, low), then waiting time (oldest first), then author reach (most followers first), then id. ' +
        'Default status needs_reply. `assignee=me` or `none`. `q` matches the Arabic-normalized text. ' +
        'Items are QueueItems (the fields the list shows) unless `view=full`, which gives whole Mentions with the classifier evidence; cursors work across both views. ' +
        'Counts ignore the domain filter; they are exact at once (read from counters kept on every write), except with `q`, where they may be up to 2 s old. ' +
        'Roles: agent, supervisor, admin.',
      tags: ['queue'],
      parameters: queryParams(QueueQuerySchema),
      responses: {
        ...ok('A page of the queue', {
          ...pageOf(queueEntry),
          properties: {
            ...(pageOf(queueEntry).properties as object),
            counts: { type: 'object', properties: { byDomain: { type: 'object', additionalProperties: { type: 'integer' } }, total: { type: 'integer' } } },
          },
        }),
        ...errors(400),
      },
    },
  },
  '/api/queue/events': {
    get: {
      summary: 'Server-sent events: `changed` whenever the queue may have changed',
      description:
        'An event stream (text/event-stream) for the console: `event: changed` (data `{}`) at most once a second after any write ' +
        '(new mentions, claims, replies, status changes), then reload GET /api/queue; a `: keep-alive` comment every 25 s. ' +
        'EventSource sends the session cookie; other clients send the bearer token. ' +
        '204 when the store cannot tell changes cheaply (MongoDB): keep polling GET /api/queue. Roles: agent, supervisor, admin.',
      tags: ['queue'],
      responses: {
        '200': { description: 'The event stream, open until the client leaves or the service stops', content: { 'text/event-stream': { schema: { type: 'string' } } } },
        '204': { description: 'No event stream for this store: poll GET /api/queue instead' },
        ...errors(),
      },
    },
  },
  '/api/mentions/{id}/claim': {
    post: {
      summary: 'Claim a mention (or renew your claim) for CLAIM_LEASE_MINUTES',
      tags: ['queue'],
      ...roles('agent', 'supervisor', 'admin'),
      parameters: [mentionId],
      responses: { ...ok('Claimed', claimResult), ...errors(404, 409) },
    },
  },
  '/api/mentions/{id}/release': {
    post: {
      summary: 'Release a claim (the holder, or a supervisor/admin for anyone)',
      tags: ['queue'],
      ...roles('agent', 'supervisor', 'admin'),
      parameters: [mentionId],
      responses: { '204': { description: 'Released (or was not claimed)' }, ...errors(403, 404) },
    },
  },
  '/api/mentions/{id}/assign': {
    post: {
      summary: 'Reassign a mention to a user (takes over any claim)',
      tags: ['queue'],
      ...roles('supervisor', 'admin'),
      parameters: [mentionId],
      requestBody: jsonBody(AssignSchema),
      responses: { ...ok('Assigned', claimResult), ...errors(400, 403, 404, 422) },
    },
  },
  '/api/mentions/{id}/status': {
    post: {
      summary: 'Close a mention as no_action, spam or duplicate with a reason (or reopen as needs_reply)',
      tags: ['queue'],
      'x-roles': ['agent', 'supervisor', 'admin'],
      description:
        'Only the holder of the claim may change a mention: 409 claim_required when nobody holds it, 409 claimed_by_other when someone else does. ' +
        'Marking spam takes the post out of its case as a correction to "not a complaint" does: a case whose only post it is is closed with reason ' +
        'not_a_complaint (no notice to the citizen), a case shared with other posts only loses this one. no_action and duplicate leave the case alone; ' +
        'Setting needs_reply again reopens, with a fresh SLA, the case a spam mark closed (reopened), and gives a works complaint without a case one through ' +
        'case capture (opened, or linked to an open case by the de-dup rules: the shared case a spam mark took it out of, while it is open); a case closed ' +
        'by a person stays closed. `case` says what happened to the case (null: nothing). Roles: agent, supervisor, admin.',
      parameters: [mentionId],
      requestBody: jsonBody(StatusChangeSchema),
      responses: {
        ...ok('The mention, and the case change it caused', {
          allOf: [
            ref('Mention'),
            {
              type: 'object',
              required: ['case'],
              properties: {
                case: {
                  oneOf: [
                    { type: 'null' },
                    { type: 'object', required: ['number', 'change'], properties: { number: { type: 'string' }, change: { enum: ['closed', 'unlinked', 'reopened', 'opened', 'linked'] } } },
                  ],
                },
              },
            },
          ],
        }),
        ...errors(400, 404, 409),
      },
    },
  },
};

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const SCHEMAS: Record<string, JsonSchema> = {
  Claim: { type: 'object', required: ['by', 'until'], properties: { by: { ...str, description: 'User id' }, until: time } },
  QueueItem: {
    type: 'object',
    description:
      'One line of the reply queue (GET /api/queue, view=list): the fields of a Mention the list shows, same meaning and values (QueueItem in src/domain/reply-store.ts). ' +
      'The whole mention (evidence spans, metrics, sources, url...) is GET /api/mentions/{id}, or the queue with view=full.',
    required: ['id', 'channel', 'network', 'author', 'text', 'createdAt', 'classification', 'status'],
    additionalProperties: false,
    properties: {
      id: str,
      channel: str,
      network: str,
      author: { type: 'object', required: ['handle'], additionalProperties: false, properties: { handle: str, name: str } },
      text: str,
      title: str,
      createdAt: time,
      status: { enum: ['new', 'needs_reply', 'replied', 'no_action', 'spam', 'duplicate'] },
      classification: {
        type: 'object',
        required: ['primaryDomain', 'intent', 'urgency', 'location'],
        additionalProperties: false,
        properties: {
          primaryDomain: { enum: ['roads', 'drainage', 'buildings', null] },
          intent: { enum: ['complaint', 'inquiry', 'suggestion', 'praise', 'other'] },
          urgency: { enum: ['high', 'medium', 'low'] },
          location: { type: 'object', additionalProperties: false, properties: { area: str } },
        },
      },
      claim: { $ref: '#/components/schemas/Claim' },
      caseId: str,
      caseNumber: { type: 'string', description: "The number of the post's case (MOW-2026-000123)" },
      caseStatus: { type: 'string', enum: ['open', 'in_progress', 'resolved', 'closed'], description: "That case's status" },
    },
  },
};

export const queueOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
