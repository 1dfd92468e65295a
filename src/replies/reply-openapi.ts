/** OpenAPI paths for replies, approvals and the outbox resolution, with the Reply record; the queue's are in src/queue/queue-openapi.ts. */
import { ReplyCountQuerySchema, ReplyCreateSchema, ReplyListQuerySchema, ReplyRejectSchema, ReplyResolveSchema } from './reply-schemas';
import { errors, jsonBody, ok, pageOf, pathParam, queryParams, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';

const mentionId = pathParam('id', 'Mention id');
const replyId = pathParam('id', 'Reply id');

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };

const paths: Paths = {
  '/api/mentions/{id}/replies': {
    post: {
      summary: 'Write a reply (text, or a template with variables); queued, or awaiting approval by the rules',
      description:
        'Claim the mention first (409 claim_required or claimed_by_other otherwise). ' +
        'A post marked spam, no_action or duplicate takes no reply: 409 mention_closed with details `{ mentionId, status }` (set it back to needs_reply first, POST /api/mentions/{id}/status). ' +
        'Template variables are filled here: {name} and {domain} from the mention, {case_number} from its case; `variables` override them. ' +
        'A variable left without a value (e.g. {case_number} on a post with no case) is 422 missing_template_variable, details `{ missing, text, lang, variables }`: `text` has the other variables filled and the missing ones as placeholders. ' +
        'With `expectedText` (the filled text the author was shown), a template that now fills to another text (edited by a colleague meanwhile) sends nothing: 409 reply_text_changed with details `{ text }`, the new text. ' +
        'Length is checked by the channel (X weighted length, 280). Replies by trainees, and by agents on APPROVAL_URGENCIES mentions, wait for approval. ' +
        "A post that a person's reply already answers (sent, sending, queued or unknown) takes a second reply only with `\"second\": true`: otherwise 409 mention_already_answered with details `{ mentionId, replyId, state, author }` naming that reply. " +
        'A reply that would wait for approval is refused so even with `second`, since approving it would be (POST /api/replies/{id}/approve). ' +
        'Idempotent for a double submit: the same text by the same author on the same mention while that reply still waits (awaiting_approval or queued) answers 200 with the existing reply and writes nothing. ' +
        'Roles: agent, supervisor, admin.',
      tags: ['replies'],
      parameters: [mentionId],
      requestBody: jsonBody(ReplyCreateSchema),
      responses: { ...ok('Created', ref('Reply'), '201'), ...ok('The same reply was already waiting: that one, nothing new', ref('Reply')), ...errors(400, 404, 409, 422) },
    },
  },
  '/api/mentions/{id}/replies/preview': {
    post: {
      summary: 'The text a reply would have, with each template variable as the server fills it (nothing is queued)',
      description:
        'Same body as POST /api/mentions/{id}/replies (`second` is ignored); the console shows this text while the agent edits. ' +
        'A variable left without a value is not an error here: `missing` names it and `text` is filled as far as it can be, with it as a placeholder (the reply itself is refused 422 missing_template_variable until it has a value). ' +
        'Refused like the reply itself on a post marked spam, no_action or duplicate: 409 mention_closed with details `{ mentionId, status }`. Roles: agent, supervisor, admin.',
      tags: ['replies'],
      parameters: [mentionId],
      requestBody: jsonBody(ReplyCreateSchema),
      responses: {
        ...ok('The filled text', {
          type: 'object',
          required: ['text', 'lang', 'variables', 'missing'],
          properties: {
            text: { type: 'string' },
            lang: { type: 'string', enum: ['ar', 'en'] },
            templateId: { type: 'string' },
            variables: { type: 'object', additionalProperties: { type: 'string' } },
            missing: { type: 'array', items: { type: 'string' }, description: 'Variables with no value yet, left as placeholders in text' },
          },
        }),
        ...errors(400, 404, 409, 422),
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
  '/api/replies/count': {
    get: {
      summary: 'How many replies are in a state (the console counts drafts awaiting approval for its menu)',
      tags: ['replies'],
      ...roles('agent', 'supervisor', 'admin'),
      parameters: queryParams(ReplyCountQuerySchema),
      responses: {
        ...ok('The count', { type: 'object', required: ['state', 'count'], properties: { state: str, count: { type: 'integer', minimum: 0 } } }),
        ...errors(400),
      },
    },
  },
  '/api/replies/{id}': {
    get: { summary: 'One reply', tags: ['replies'], ...roles('agent', 'supervisor', 'admin'), parameters: [replyId], responses: { ...ok('The reply', ref('Reply')), ...errors(404) } },
  },
  '/api/replies/{id}/approve': {
    post: {
      summary: 'Approve a reply awaiting approval (it goes to the outbox)',
      description:
        'Refused with 409 mention_closed (details: mentionId, status) when the post is marked no_action, spam or duplicate, and with 409 mention_already_answered ' +
        "(details: mentionId, replyId, state, author) when a person's reply to the post is sent, sending, queued or unknown: reject such a draft instead. " +
        '409 reply_state_conflict when the reply is no longer awaiting approval; 403 for its own author. Roles: supervisor, admin.',
      tags: ['replies'],
      'x-roles': ['supervisor', 'admin'],
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


const SCHEMAS: Record<string, JsonSchema> = {
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
      approvalBlock: {
        type: 'object',
        description: 'In lists, on a reply awaiting approval that approving would refuse: why (the same details as the 409 of POST /api/replies/{id}/approve)',
        required: ['code', 'mentionId'],
        properties: { code: { enum: ['mention_closed', 'mention_already_answered'] }, mentionId: str, status: str, replyId: str, state: str, author: str },
      },
    },
  },
};

export const replyOpenApi: OpenApiArea = { paths, schemas: SCHEMAS };
