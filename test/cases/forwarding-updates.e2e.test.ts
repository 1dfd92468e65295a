/**
 * Forwarding keeps the national complaints system up to date: each forward carries the case as it
 * is when delivered, changes of status and unit made here are forwarded in order behind the
 * initial forward (one delivery when the initial forward is still waiting), and a change that came
 * from the national system is not echoed back to it. Local receiver over real sockets.
 */
import request from 'supertest';
import { signBody } from '../../src/webhooks/webhook-signature';
import { startReceiver } from '../webhooks/receiver';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;
const NUMBER = 'MOW-2026-000001';

describe('forwarding changes of a case to the national complaints system', () => {
  let t: CaseApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    await t?.cleanup();
  });

  const move = (body: object, token = t.tokens.supervisor) => request(t.app).patch(`/api/cases/${NUMBER}`).set(bearer(token)).send(body).expect(200);
  const bodies = () => receiver!.deliveries.map((d) => JSON.parse(d.body));
  const forwards = () => t.store.caseOutbox.listOutbox({ topic: 'complaints_forward', limit: 20 });

  it('forwards the case as it is when delivered, not as it was when queued: one delivery for a case resolved before its first forward', async () => {
    receiver = await startReceiver([{ status: 201, body: '{"reference":"NCS-1"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await t.complain();
    t.advance(60_000);
    await move({ status: 'in_progress' });
    await move({ status: 'resolved', note: 'patched the road' });
    expect(await t.feature.outbox.perform()).toMatchObject({ retrying: 0, dead: 0 });
    expect(bodies()).toEqual([expect.objectContaining({ event: 'case.created', caseNumber: NUMBER, status: 'resolved', resolvedAt: t.now().toISOString() })]);
    // The updates queued by the two moves were covered by that one delivery.
    expect((await forwards()).map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered']);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(1);
  });

  it('forwards a change of status or unit made here as an update with the current state and its own idempotency key', async () => {
    receiver = await startReceiver([{ status: 201, body: '{"reference":"NCS-2"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await t.complain();
    await t.feature.outbox.perform();
    t.advance(60_000);
    await move({ status: 'in_progress' });
    await t.feature.outbox.perform();
    t.advance(60_000);
    await move({ unit: 'Sanitary Engineering Operations' });
    await t.feature.outbox.perform();
    t.advance(60_000);
    await move({ assignee: t.users.agent.id });
    await t.feature.outbox.perform();
    expect(bodies().map((b) => [b.event, b.status, b.unit, b.externalRef])).toEqual([
      ['case.created', 'open', 'Roads Maintenance Directorate', null],
      ['case.updated', 'in_progress', 'Roads Maintenance Directorate', 'NCS-2'],
      ['case.updated', 'in_progress', 'Sanitary Engineering Operations', 'NCS-2'],
    ]);
    const keys = receiver.deliveries.map((d) => d.headers['idempotency-key']);
    expect(new Set(keys).size).toBe(3);
  });

  it('keeps an update behind a failing initial forward without spending its attempts, then sends the current state once', async () => {
    receiver = await startReceiver([{ status: 503 }, { status: 503 }, { status: 201, body: '{"reference":"NCS-3"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await t.complain();
    await t.feature.outbox.perform();
    await move({ status: 'in_progress' });
    t.advance(HOUR);
    expect(await t.feature.outbox.perform()).toMatchObject({ delivered: 0, retrying: 1, waiting: 1 });
    const [initial, update] = await forwards();
    expect([initial.attempts, initial.state, update.attempts, update.state]).toEqual([2, 'pending', 0, 'pending']);
    t.advance(HOUR);
    await t.feature.outbox.perform();
    expect(bodies().map((b) => [b.event, b.status])).toEqual([
      ['case.created', 'open'],
      ['case.created', 'in_progress'],
      ['case.created', 'in_progress'],
    ]);
    expect((await forwards()).map((m) => m.state)).toEqual(['delivered', 'delivered']);
    t.advance(HOUR);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(3);
  });

  it('does not echo a status change that came from the national system back to it', async () => {
    receiver = await startReceiver([{ status: 201, body: '{"reference":"NCS-4"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' }, inboundSecret: 'shared' });
    await t.complain();
    await t.feature.outbox.perform();
    const raw = JSON.stringify({ caseNumber: NUMBER, status: 'resolved', note: 'fixed by the contractor' });
    const ts = Math.floor(t.now().getTime() / 1000);
    await request(t.app)
      .post('/api/integrations/complaints/webhook')
      .set('content-type', 'application/json')
      .set('X-Rasid-Timestamp', String(ts))
      .set('X-Rasid-Signature', signBody('shared', raw, ts))
      .send(raw)
      .expect(200);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(1);
    expect(await forwards()).toHaveLength(1);
  });
});
