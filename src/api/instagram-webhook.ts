/**
 * Instagram Graph webhooks (fields "comments" and "mentions"), so mentions arrive without
 * waiting for a poll: the GET subscription handshake, and signed POST deliveries checked with
 * X-Hub-Signature-256 (HMAC-SHA256 of the exact body bytes with the app secret).
 *
 * The signature needs the raw body. Mount this router before any JSON body parser, or give that
 * parser `verify: captureRawBody` so the bytes are kept on `req.rawBody`.
 */
import { createHmac, timingSafeEqual } from 'node:crypto';
import express, { Router, type Request } from 'express';
import type { GraphMentionRef } from '../../channels/instagram-graph';
import type { WebhookEnvelope } from '../../channels/instagram-graph/webhook-values';
import { readWebhook } from '../../channels/instagram-graph/webhook-values';
import type { RawMention } from '../domain/mention';
import { AppError, ForbiddenError, ValidationError } from '../errors';

export interface InstagramWebhookOptions {
  /** The Meta app secret (IG_GRAPH_APP_SECRET): key of X-Hub-Signature-256. */
  appSecret: string;
  /** The token typed into the app's webhook settings (IG_GRAPH_VERIFY_TOKEN). */
  verifyToken: string;
  /** Receives the mentions of one delivery; a rejection answers 500 so Meta delivers again. */
  onMentions(mentions: RawMention[]): Promise<void>;
  /** Looks up what a "mentions" change points at (the Graph channel's fetchMention). */
  resolveMention?(ref: GraphMentionRef): Promise<RawMention | undefined>;
  /** Default '/webhooks/instagram'. */
  path?: string;
  /** Largest delivery accepted (default '1mb'). */
  bodyLimit?: string;
  now?: () => Date;
}

type WithRawBody = Request & { rawBody?: Buffer };

/** `express.json({ verify: captureRawBody })` keeps the bytes the signature was made over. */
export function captureRawBody(req: unknown, _res: unknown, buf: Buffer): void {
  (req as WithRawBody).rawBody = Buffer.from(buf);
}

export function instagramWebhookRouter(opts: InstagramWebhookOptions): Router {
  const path = opts.path ?? '/webhooks/instagram';
  const now = opts.now ?? (() => new Date());
  const router = Router();

  router.get(path, (req, res) => {
    const q = req.query as Record<string, string | undefined>;
    if (q['hub.mode'] !== 'subscribe' || !q['hub.verify_token'] || !safeEqual(q['hub.verify_token'], opts.verifyToken)) {
      throw new ForbiddenError('webhook verification failed: wrong hub.mode or hub.verify_token');
    }
    res.type('text/plain').send(q['hub.challenge'] ?? '');
  });

  router.post(path, express.raw({ type: '*/*', limit: opts.bodyLimit ?? '1mb' }), async (req, res) => {
    const raw = rawBodyOf(req as WithRawBody);
    const header = req.get('x-hub-signature-256') ?? '';
    if (!header || !safeEqual(header, `sha256=${createHmac('sha256', opts.appSecret).update(raw).digest('hex')}`)) {
      throw new AppError(401, 'invalid_signature', 'X-Hub-Signature-256 is missing or does not match the body', {
        header: 'X-Hub-Signature-256',
        expected: 'sha256=<hex HMAC-SHA256 of the raw body keyed with the app secret>',
      });
    }
    let body: WebhookEnvelope;
    try {
      body = JSON.parse(raw.toString('utf8')) as WebhookEnvelope;
    } catch {
      throw new ValidationError('webhook body is not JSON');
    }
    if (body.object !== 'instagram') {
      res.json({ received: 0, ignored: body.entry?.length ?? 0 });
      return;
    }
    const items = readWebhook(body, now());
    const mentions = [...items.comments];
    if (opts.resolveMention) {
      for (const ref of items.mentionRefs) {
        const found = await opts.resolveMention(ref);
        if (found) mentions.push(found);
      }
    }
    if (mentions.length) await opts.onMentions(mentions);
    res.json({ received: mentions.length, ignored: items.ignored + (opts.resolveMention ? 0 : items.mentionRefs.length) });
  });

  return router;
}

function rawBodyOf(req: WithRawBody): Buffer {
  if (Buffer.isBuffer(req.body)) return req.body;
  if (req.rawBody) return req.rawBody;
  if (req.body === undefined || (typeof req.body === 'object' && Object.keys(req.body as object).length === 0 && req.get('content-length') === '0')) {
    return Buffer.alloc(0);
  }
  throw new AppError(500, 'webhook_misconfigured', 'the body was parsed before the webhook router: mount it first or use captureRawBody');
}

function safeEqual(a: string, b: string): boolean {
  const x = Buffer.from(a);
  const y = Buffer.from(b);
  return x.length === y.length && timingSafeEqual(x, y);
}
