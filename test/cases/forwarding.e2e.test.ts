import request from 'supertest';
import { verifySignature } from '../../src/webhooks/webhook-signature';
import { startReceiver } from '../webhooks/receiver';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;

describe('forwarding cases to the national complaints system', () => {
  let t: CaseApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    await t?.cleanup();
  });

  it('retries with backoff through the outbox until the receiver accepts, then stores its reference', async () => {
    receiver = await startReceiver([{ status: 503, body: 'busy' }, { status: 500 }, { status: 201, body: '{"reference":"NCS-778812"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token', secret: 'fwd-secret' } });
    await t.complain({ text: 'حفرة عميقة أمام المدرسة' }, { location: { block: '338', area: 'العدلية' } });
    const runs = [];
    for (let i = 0; i < 4; i++) {
      runs.push(await t.feature.outbox.perform());
      t.advance(HOUR);
    }
    expect(runs.map((r) => [r.delivered, r.retrying, r.dead])).toEqual([[0, 1, 0], [0, 1, 0], [1, 0, 0], [0, 0, 0]]);
    expect(receiver.deliveries).toHaveLength(3);
    const first = receiver.deliveries[0];
    expect(first.headers.authorization).toBe('Bearer fwd-token');
    expect(first.headers['idempotency-key']).toBe(receiver.deliveries[2].headers['idempotency-key']);
    const ts = first.headers['x-rasid-timestamp'] as string;
    const check = verifySignature('fwd-secret', Buffer.from(first.body), { signature: first.headers['x-rasid-signature'] as string, timestamp: ts }, new Date(Number(ts) * 1000));
    expect(check).toEqual({ ok: true });
    expect(JSON.parse(first.body)).toMatchObject({
      caseNumber: 'MOW-2026-000001',
      domain: 'roads',
      unit: 'Roads Maintenance Directorate',
      location: { block: '338', area: 'العدلية' },
      complaint: { channel: 'x', text: 'حفرة عميقة أمام المدرسة' },
    });
    const c = await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200);
    expect(c.body.externalRef).toBe('NCS-778812');
    expect(c.body.history.map((h: { action: string }) => h.action)).toContain('external_ref_set');
    const audit = await t.store.audit.listAudit({ subject: 'case:MOW-2026-000001', action: 'case.forwarded', limit: 5 });
    expect(audit.items).toHaveLength(1);
  });

  it('does not retry before the backoff delay has passed', async () => {
    receiver = await startReceiver([{ status: 500 }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await t.complain();
    await t.feature.outbox.perform();
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('gives up at once on a permanent 4xx and after OUTBOX_MAX_ATTEMPTS on repeated 5xx', async () => {
    receiver = await startReceiver([{ status: 400, body: '{"error":"bad"}' }], { status: 502, body: '' });
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' }, outbox: { schedule: '* * * * *', maxAttempts: 3, timeoutMs: 2000 } });
    await t.complain({ author: { id: 'p1', handle: 'p1' } });
    await t.feature.outbox.perform();
    await t.complain({ author: { id: 'p2', handle: 'p2' } });
    for (let i = 0; i < 5; i++) {
      await t.feature.outbox.perform();
      t.advance(HOUR);
    }
    const dead = await t.store.caseOutbox.listOutbox({ state: 'dead', limit: 10 });
    expect(dead.map((m) => [m.subject, m.attempts, m.lastError?.slice(0, 8)])).toEqual([
      ['MOW-2026-000001', 1, 'HTTP 400'],
      ['MOW-2026-000002', 3, 'HTTP 502'],
    ]);
    expect(receiver.deliveries).toHaveLength(4);
  });

  it('forwards nothing when COMPLAINTS_FORWARD_URL is unset', async () => {
    t = await setupCaseApp();
    await t.complain();
    expect(await t.store.caseOutbox.listOutbox({ topic: 'complaints_forward', limit: 10 })).toEqual([]);
  });
});
