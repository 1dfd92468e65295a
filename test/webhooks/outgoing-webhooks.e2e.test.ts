import request from 'supertest';
import { signBody, verifySignature } from '../../src/webhooks/webhook-signature';
import { bearer, setupCaseApp, type CaseApp } from '../cases/case-app';
import { startReceiver, type Delivery } from './receiver';

const HOUR = 3_600_000;
const SECRET = 'webhook-secret';

function verified(d: Delivery, secret = SECRET) {
  const ts = d.headers['x-rasid-timestamp'] as string;
  return verifySignature(secret, Buffer.from(d.body), { signature: d.headers['x-rasid-signature'] as string, timestamp: ts }, new Date(Number(ts) * 1000));
}

describe('outgoing webhooks', () => {
  let t: CaseApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    await t?.cleanup();
  });

  it('delivers case.created and case.status_changed, signed, to every receiver', async () => {
    receiver = await startReceiver([]);
    const other = await startReceiver([]);
    try {
      t = await setupCaseApp({ webhooks: { urls: [receiver.url, other.url], secret: SECRET } });
      await t.complain();
      await request(t.app).patch('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).send({ status: 'in_progress' }).expect(200);
      await t.feature.outbox.perform();
      for (const r of [receiver, other]) {
        expect(r.deliveries.map((d) => d.headers['x-rasid-event'])).toEqual(['case.created', 'case.status_changed']);
        for (const d of r.deliveries) expect(verified(d)).toEqual({ ok: true });
      }
      const body = JSON.parse(receiver.deliveries[1].body);
      expect(body).toMatchObject({ event: 'case.status_changed', data: { number: 'MOW-2026-000001', status: 'in_progress' } });
      expect(body.id).toBe(receiver.deliveries[1].headers['x-rasid-delivery']);
      expect(verified(receiver.deliveries[0], 'another-secret')).toEqual({ ok: false, reason: 'mismatch' });
    } finally {
      await other.close();
    }
  });

  it('retries a failed delivery with the same delivery id', async () => {
    receiver = await startReceiver([{ status: 500 }, { status: 429 }]);
    t = await setupCaseApp({ webhooks: { urls: [receiver.url], secret: SECRET } });
    await t.complain();
    for (let i = 0; i < 3; i++) {
      await t.feature.outbox.perform();
      t.advance(HOUR);
    }
    const ids = receiver.deliveries.map((d) => d.headers['x-rasid-delivery']);
    expect(ids).toHaveLength(3);
    expect(new Set(ids).size).toBe(1);
    expect((await t.store.caseOutbox.listOutbox({ state: 'delivered', limit: 5 })).map((m) => m.attempts)).toEqual([3]);
  });

  it('delivers reply.sent from the hook the reply sender calls', async () => {
    receiver = await startReceiver([]);
    t = await setupCaseApp({ webhooks: { urls: [receiver.url], secret: SECRET } });
    const m = await t.complain();
    await t.feature.onReplySent({
      id: 'r-1',
      mentionId: m.id,
      text: 'تم',
      author: 'u',
      state: 'sent',
      idempotencyKey: 'k',
      attempts: 1,
      createdAt: t.now().toISOString(),
      updatedAt: t.now().toISOString(),
      sentAt: t.now().toISOString(),
      externalId: 'x-99',
    });
    await t.feature.outbox.perform();
    const sent = receiver.deliveries.find((d) => d.headers['x-rasid-event'] === 'reply.sent');
    expect(JSON.parse(sent?.body ?? '{}').data).toMatchObject({ replyId: 'r-1', mentionId: m.id, caseNumber: 'MOW-2026-000001', externalId: 'x-99' });
    expect((await t.store.cases.getCase('MOW-2026-000001'))?.firstResponseAt).toBe(t.now().toISOString());
  });
});

describe('webhook signatures', () => {
  const now = new Date('2026-11-30T10:00:00.000Z');
  const ts = Math.floor(now.getTime() / 1000);
  const body = Buffer.from('{"a":1}');

  it.each([
    ['a matching signature', { signature: signBody('k', body, ts), timestamp: String(ts) }, { ok: true }],
    ['no signature', { timestamp: String(ts) }, { ok: false, reason: 'missing' }],
    ['a timestamp that is not a number', { signature: signBody('k', body, ts), timestamp: 'soon' }, { ok: false, reason: 'missing' }],
    ['a timestamp six minutes old', { signature: signBody('k', body, ts - 360), timestamp: String(ts - 360) }, { ok: false, reason: 'stale' }],
    ['another key', { signature: signBody('other', body, ts), timestamp: String(ts) }, { ok: false, reason: 'mismatch' }],
    ['a truncated signature', { signature: signBody('k', body, ts).slice(0, 20), timestamp: String(ts) }, { ok: false, reason: 'mismatch' }],
  ])('judges %s correctly', (_name, header, verdict) => {
    expect(verifySignature('k', body, header, now)).toEqual(verdict);
  });
});
