/** Shared component schemas: the records the API returns (see src/domain for their meaning). */
import type { JsonSchema } from './builder';

const str = { type: 'string' };
const nullableStr = { type: ['string', 'null'] };
const time = { type: 'string', format: 'date-time' };

export const COMPONENT_SCHEMAS: Record<string, JsonSchema> = {
  Error: {
    type: 'object',
    required: ['error'],
    properties: {
      error: {
        type: 'object',
        required: ['code', 'message', 'details'],
        properties: { code: str, message: str, details: {} },
      },
    },
  },
  Claim: { type: 'object', required: ['by', 'until'], properties: { by: { ...str, description: 'User id' }, until: time } },
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
      author: { type: 'object', properties: { id: str, handle: str, name: str, followers: { type: 'integer' } } },
      text: str,
      lang: str,
      title: str,
      kind: { enum: ['post', 'comment', 'direct', 'news'] },
      replyable: { type: 'boolean' },
      createdAt: time,
      fetchedAt: time,
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
          domains: { type: 'array' },
          relevant: { type: 'boolean' },
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
  Template: {
    type: 'object',
    required: ['id', 'key', 'name', 'bodies', 'createdAt', 'updatedAt', 'updatedBy'],
    properties: {
      id: str,
      key: str,
      name: str,
      bodies: { type: 'object', properties: { ar: str, en: str } },
      createdAt: time,
      updatedAt: time,
      updatedBy: str,
    },
  },
  User: {
    type: 'object',
    required: ['id', 'name', 'role', 'trainee', 'disabled', 'createdAt', 'updatedAt'],
    properties: { id: str, name: str, role: { enum: ['agent', 'supervisor', 'admin'] }, trainee: { type: 'boolean' }, disabled: { type: 'boolean' }, createdAt: time, updatedAt: time },
  },
  UserWithToken: {
    type: 'object',
    required: ['user', 'token'],
    properties: { user: { $ref: '#/components/schemas/User' }, token: { ...str, description: 'Shown once; only its hash is stored' } },
  },
  AuditEntry: {
    type: 'object',
    required: ['id', 'at', 'actor', 'action', 'subject'],
    properties: { id: str, at: time, actor: str, action: str, subject: str, before: {}, after: {} },
  },
  Session: {
    type: 'object',
    properties: { user: { $ref: '#/components/schemas/User' }, via: { enum: ['token', 'session'] }, csrfToken: nullableStr, expiresAt: nullableStr },
  },
};
