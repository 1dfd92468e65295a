/**
 * Instagram webhook router in a real Express app over HTTP (supertest): handshake, signature
 * check, comment and mention deliveries shaped like Meta's (test/fixtures/instagram).
 */
import { createHmac } from 'node:crypto';
import express from 'express';
import pino from 'pino';
import request from 'supertest';
import { errorHandler } from '../../src/http/error-handler';
import type { InstagramWebhookOptions } from '../../src/api/instagram-webhook';
import { captureRawBody, instagramWebhookRouter } from '../../src/api/instagram-webhook';
import type { RawMention } from '../../src/domain/mention';
import examples from '../fixtures/instagram/graph-api-examples.json';

const SECRET = 'app-secret-123';
const PATH = '/webhooks/instagram';

function sign(body: string, secret = SECRET): string {
  return `sha256=${createHmac('sha256', secret).update(body).digest('hex')}`;
}

function setup(opts: { parseJsonFirst?: boolean; withCapture?: boolean; extra?: Partial<InstagramWebhookOptions> } = {}) {
  const received: RawMention[][] = [];
  const app = express();
  if (opts.parseJsonFirst) app.use(express.json(opts.withCapture ? { verify: captureRawBody } : {}));
  app.use(
    instagramWebhookRouter({
      appSecret: SECRET,
      verifyToken: 'verify-me',
      onMentions: async (mentions) => {
        received.push(mentions);
      },
      now: () => new Date('2026-11-30T10:00:00Z'),
      ...opts.extra,
    }),
  );
  app.use(errorHandler(pino({ level: 'silent' })));
  return { app, received };
}

const commentDelivery = JSON.stringify(examples.webhooks.comments_payload_real_world.body).replace(
  '"id":"17841474524784050","username"',
  '"id":"17841400000000777","username"',
);

describe('instagram webhook router', () => {
  it('answers the subscription handshake with hub.challenge when the verify token matches', async () => {
    const { app } = setup();

    const ok = await request(app).get(PATH).query({ 'hub.mode': 'subscribe', 'hub.challenge': '1158201444', 'hub.verify_token': 'verify-me' });
    const wrong = await request(app).get(PATH).query({ 'hub.mode': 'subscribe', 'hub.challenge': '1', 'hub.verify_token': 'nope' });

    expect(ok.status).toBe(200);
    expect(ok.text).toBe('1158201444');
    expect(wrong.status).toBe(403);
  });

  it('delivers a signed comments change as a mention with the comment id as externalId', async () => {
    const { app, received } = setup();

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(commentDelivery)).send(commentDelivery);

    expect(res.status).toBe(200);
    expect(received).toHaveLength(1);
    expect(received[0]).toEqual([
      expect.objectContaining({
        externalId: '17919697626119712',
        kind: 'comment',
        author: { id: '17841400000000777', handle: 'jiangwenwen1213' },
        conversationId: '18172143295349192',
        createdAt: new Date(1755779280 * 1000).toISOString(),
        sources: ['webhook:comments'],
      }),
    ]);
  });

  it('rejects a delivery with a wrong signature with 401 and the JSON error shape, delivering nothing', async () => {
    const { app, received } = setup();

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(commentDelivery, 'other-secret')).send(commentDelivery);
    const missing = await request(app).post(PATH).set('content-type', 'application/json').send(commentDelivery);

    expect(res.status).toBe(401);
    expect(res.body).toEqual({ error: { code: 'invalid_signature', message: expect.any(String), details: expect.any(Object) } });
    expect(missing.status).toBe(401);
    expect(received).toEqual([]);
  });

  it('verifies against the raw bytes when the app parsed JSON first with captureRawBody', async () => {
    const { app, received } = setup({ parseJsonFirst: true, withCapture: true });

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(commentDelivery)).send(commentDelivery);

    expect(res.status).toBe(200);
    expect(received[0][0].externalId).toBe('17919697626119712');
  });

  it('answers 500 webhook_misconfigured when JSON was parsed first without captureRawBody', async () => {
    const { app, received } = setup({ parseJsonFirst: true });

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(commentDelivery)).send(commentDelivery);

    expect(res.status).toBe(500);
    expect(res.body.error.code).toBe('webhook_misconfigured');
    expect(received).toEqual([]);
  });

  it('looks up mentions changes through resolveMention', async () => {
    const refs: unknown[] = [];
    const { app, received } = setup({
      extra: {
        resolveMention: async (ref) => {
          refs.push(ref);
          return { externalId: ref.comment_id ?? ref.media_id, author: { id: '', handle: '' }, text: 'resolved', createdAt: '2026-11-30T09:00:00.000Z', kind: 'comment' };
        },
      },
    });
    const body = JSON.stringify(examples.webhooks.mentions_payload.comment_mention);

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(body)).send(body);

    expect(res.status).toBe(200);
    expect(refs).toEqual([{ media_id: '17887498072083520', comment_id: '17887498072083520' }]);
    expect(received[0].map((m) => m.text)).toEqual(['resolved']);
  });

  it('skips the account’s own comments coming back through the webhook', async () => {
    const { app, received } = setup();
    const own = JSON.stringify(examples.webhooks.comments_payload_real_world.body);

    const res = await request(app).post(PATH).set('content-type', 'application/json').set('x-hub-signature-256', sign(own)).send(own);

    expect(res.status).toBe(200);
    expect(res.body).toEqual({ received: 0, ignored: 1 });
    expect(received).toEqual([]);
  });
});
