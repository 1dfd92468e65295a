/** OpenAPI paths for the reply queue, claims, replies, approvals and the outbox resolution, with their records. */
import {
  AssignSchema,
  QueueQuerySchema,
  ReplyCreateSchema,
  ReplyListQuerySchema,
  ReplyRejectSchema,
  ReplyResolveSchema,
  StatusChangeSchema,
} from './reply-schemas';
import { errors, jsonBody, ok, pageOf, pathParam, queryParams, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const mentionId = pathParam('id', 'Mention id');
const replyId = pathParam('id', 'Reply id');
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
      description: 'Only the holder of the claim may change a mention: 409 claim_required when nobody holds it, 409 claimed_by_other when someone else does. Roles: agent, supervisor, admin.',
      parameters: [mentionId],
      requestBody: jsonBody(StatusChangeSchema),
      responses: { ...ok('The mention', ref('Mention')), ...errors(400, 404, 409) },
    },
  },
  '/api/mentions/{id}/replies': {
    post: {
      summary: 'Write a reply (text, or a template with variables); queued, or awaiting approval by the rules',
      description:
        'Claim the mention first (409 claim_required or claimed_by_other otherwise). ' +
        'Template variables are filled here: {name} and {domain} from the mention, {case_number} from its case; `variables` override them. ' +
        'Length is checked by the channel (X weighted length, 280). Replies by trainees, and by agents on APPROVAL_URGENCIES mentions, wait for approval. ' +
        'Roles: agent, supervisor, admin.',
      tags: ['replies'],
      parameters: [mentionId],
      requestBody: jsonBody(ReplyCreateSchema),
      responses: { ...ok('Created', ref('Reply'), '201'), ...errors(400, 404, 409, 422) },
    },
  },
  '/api/mentions/{id}/replies/preview': {
    post: {
      summary: 'The text a reply would have, with each template variable as the server fills it (nothing is queued)',
      description: 'Same body as POST /api/mentions/{id}/replies; the console shows this text while the agent edits. Roles: agent, supervisor, admin.',
      tags: ['replies'],
      parameters: [mentionId],
      requestBody: jsonBody(ReplyCreateSchema),
      responses: {
        ...ok('The filled text', {
          type: 'object',
          required: ['text', 'lang', 'variables'],
          properties: {
            text: { type: 'string' },
            lang: { type: 'string', enum: ['ar', 'en'] },
            templateId: { type: 'string' },
            variables: { type: 'object', additionalProperties: { type: 'string' } },
          },
        }),
        ...errors(400, 404, 422),
      },
    },
  },
  '/api/replies': {
    get: {
      summary: 'Replies, newest first (state=awaiting_approval for approvals, state=unknown to resolve)',
      tags: ['replies'],
      ...roles('agent', 'supervisor', 'admin'),
      parameters: queryParams(ReplyListQuerySchema),
      responses: { ...ok('A page of replies', pageOf(ref('Reply'))), ...errors(400) },
    },
  },
  '/api/replies/{id}': {
    get: { summary: 'One reply', tags: ['replies'], ...roles('agent', 'supervisor', 'admin'), parameters: [replyId], responses: { ...ok('The reply', ref('Reply')), ...errors(404) } },
  },
  '/api/replies/{id}/approve': {
    post: {
      summary: 'Approve a reply awaiting approval (it goes to the outbox)',
      tags: ['replies'],
      ...roles('supervisor', 'admin'),
      parameters: [replyId],
      responses: { ...ok('Queued', ref('Reply')), ...errors(403, 404, 409) },
    },
  },
  '/api/replies/{id}/reject': {
    post: {
      summary: 'Reject a reply awaiting approval, with a reason',
      tags: ['replies'],
      ...roles('supervisor', 'admin'),
      parameters: [replyId],
      requestBody: jsonBody(ReplyRejectSchema),
      responses: { ...ok('Rejected', ref('Reply')), ...errors(400, 403, 404, 409) },
    },
  },
  '/api/replies/{id}/resolve': {
    post: {
      summary: 'Resolve an unknown send after checking the remote side: sent (with its id), failed, or resend',
      tags: ['replies'],
      ...roles('supervisor', 'admin'),
      parameters: [replyId],
      requestBody: jsonBody(ReplyResolveSchema),
      responses: { ...ok('Resolved', ref('Reply')), ...errors(400, 403, 404, 409) },
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
    },
  },
  Reply: {
    type: 'object',
    required: ['id', 'mentionId', 'text', 'author', 'state', 'idempotencyKey', 'attempts', 'createdAt', 'updatedAt'],
    properties: {
      id: str,
      mentionId: str,
      text: str,
      templateId: str,
      author: { ...str, description: "User id, or 'system' for automatic replies" },
      state: { enum: ['draft', 'awaiting_approval', 'queued', 'sending', 'sent', 'failed', 'unknown', 'rejected'] },
      idempotencyKey: str,
      attempts: { type: 'integer' },
      externalId: str,
      url: str,
      error: { ...str, description: 'Channel message (failed), rejection reason (rejected), or why unknown' },
      createdAt: time,
      updatedAt: time,
      approvedBy: str,
      sentAt: time,
      nextAttemptAt: time,
      purpose: { enum: ['agent', 'case_ack', 'case_status'] },
      dedupeKey: str,
    },
  },
};

export const replyOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
