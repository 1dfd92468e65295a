/** API fuzz (fast-check): random bodies, ids and query strings on the reply/auth/template routes never give a 5xx. */
import fc from 'fast-check';
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

jest.setTimeout(120_000);

let t: ReplyApp;
const ids: Record<string, string> = {};

beforeAll(async () => {
  t = await setupReplyApp();
  const m = await t.mention();
  ids.mention = m.id;
  ids.reply = (await t.store.replies.createReply({ mentionId: m.id, text: 'x', author: t.users.agent.id, state: 'awaiting_approval', purpose: 'agent' })).reply.id;
  ids.template = (await t.store.templates.getTemplateByKey('case_ack'))!.id;
  ids.user = t.users.agent2.id;
});
afterAll(async () => t.cleanup());

const ROUTES: [string, string][] = [
  ['get', '/api/queue'],
  ['post', '/api/mentions/:id/claim'],
  ['post', '/api/mentions/:id/release'],
  ['post', '/api/mentions/:id/assign'],
  ['post', '/api/mentions/:id/status'],
  ['post', '/api/mentions/:id/replies'],
  ['get', '/api/replies'],
  ['get', '/api/replies/:id'],
  ['post', '/api/replies/:id/approve'],
  ['post', '/api/replies/:id/reject'],
  ['post', '/api/replies/:id/resolve'],
  ['get', '/api/templates'],
  ['get', '/api/templates/:id'],
  ['post', '/api/templates'],
  ['patch', '/api/templates/:id'],
  ['delete', '/api/templates/:id'],
  ['get', '/api/audit'],
  ['get', '/api/users'],
  ['post', '/api/users'],
  ['patch', '/api/users/:id'],
  ['post', '/api/users/:id/token'],
  ['get', '/api/me'],
  ['get', '/api/session'],
  ['post', '/api/session'],
];

const KEYS = ['status', 'domain', 'channel', 'intent', 'urgency', 'assignee', 'q', 'limit', 'cursor', 'state', 'mentionId', 'subject', 'actor', 'action', 'text', 'templateId', 'variables', 'reason', 'outcome', 'externalId', 'userId', 'key', 'name', 'bodies', 'role', 'trainee', 'disabled'];

const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }));
const scalar = fc.oneof(fc.string({ maxLength: 40 }), fc.constantFrom('needs_reply', 'high', 'roads', 'ar', 'sent', 'resend', 'admin', 'me', 'none', '-1', '1e9', 'WyJ4Il0', '{name}', '{x}'), fc.integer(), fc.boolean(), fc.constant(null));
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 }));
const body = fc.oneof(fc.dictionary(key, value, { maxKeys: 6 }), fc.array(value, { maxLength: 3 }), scalar);
const query = fc.dictionary(key, fc.oneof(fc.string({ maxLength: 30 }), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })), { maxKeys: 4 });
const id = fc.oneof(fc.constantFrom('mention', 'reply', 'template', 'user').map((k) => ids[k]), fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent));

describe('reply API fuzz', () => {
  it('never answers 5xx to random input on any route, for any role', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), id, query, body, fc.constantFrom('admin', 'supervisor', 'agent', 'trainee'), async ([method, route], anId, q, b, who) => {
        const url = route.replace(':id', anId);
        const req = (request(t.app) as unknown as Record<string, (u: string) => request.Test>)[method](url)
          .query(q)
          .set(bearer(t.tokens[who as keyof typeof t.tokens]));
        const res =
          method === 'get' || method === 'delete'
            ? await req
            : await req.set('Content-Type', 'application/json').send(JSON.stringify(b));
        if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${url} ${JSON.stringify(q)} ${JSON.stringify(b)} → ${res.status} ${res.text}`);
        expect(res.status >= 500).toBe(false);
      }),
      { numRuns: 400 },
    );
  });
});
