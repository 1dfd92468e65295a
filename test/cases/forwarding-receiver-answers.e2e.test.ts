/**
 * What the outbox makes of a receiver's answer: the reference in an Open311-style array
 * (`[{"service_request_id": …}]`), a Retry-After on a 429/503 (seconds or an HTTP-date, capped,
 * never earlier than the backoff) for forwards and webhooks, and the log line of a failed forward
 * naming the event its request carried.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { readReference } from '../../src/cases/complaint-forwarding';
import { OUTBOX_RETRY_AFTER_MAX_MS } from '../../src/cases/deliver-outbox-job';
import { parseRetryAfter } from '../../src/retry-after';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const NUMBER = 'MOW-2026-000001';

interface Answer {
  status: number;
  body?: string;
  headers?: Record<string, string | (() => string)>;
}

/** A local receiver answering from a script (then 200 {}), answers may carry headers. */
async function startReceiver(script: Answer[]) {
  const deliveries: { body: string }[] = [];
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      deliveries.push({ body: Buffer.concat(chunks).toString('utf8') });
      const next = script.shift() ?? { status: 200, body: '{}' };
      const headers = Object.fromEntries(Object.entries(next.headers ?? {}).map(([k, v]) => [k, typeof v === 'function' ? v() : v]));
      res.writeHead(next.status, { 'content-type': 'application/json', ...headers }).end(next.body ?? '');
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}/receive`,
    deliveries,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('readReference', () => {
  it.each([
    ['{"reference":"NCS-1"}', 'NCS-1'],
    ['{"id":42}', '42'],
    ['[{"service_request_id":"SR-1"}]', 'SR-1'],
    ['[{"service_request_id":"SR-2","service_notice":"","account_id":null},{"service_request_id":"SR-3"}]', 'SR-2'],
    ['{"service_request_id":"SR-4"}', 'SR-4'],
    ['[{"ticketNumber":" T-5 "}]', 'T-5'],
    ['{"reference":"NCS-6","service_request_id":"SR-6"}', 'NCS-6'],
  ])('reads %s as %s', (body, ref) => {
    expect(readReference(body)).toBe(ref);
  });

  it.each(['[]', '[["SR-1"]]', '["SR-1"]', '[null]', '{}', '[{"token":"abc"}]', 'not json', '"SR-1"'])('finds no reference in %s', (body) => {
    expect(readReference(body)).toBeUndefined();
  });
});

describe('parseRetryAfter', () => {
  const now = Date.parse('2026-11-20T09:00:00Z');
  it('reads seconds and HTTP-dates, ignores what is unreadable or past', () => {
    expect(parseRetryAfter('300', now)).toBe(300_000);
    expect(parseRetryAfter(' 120 ', now)).toBe(120_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 09:05:00 GMT', now)).toBe(300_000);
    expect(parseRetryAfter('Fri, 20 Nov 2026 08:55:00 GMT', now)).toBeUndefined();
    expect(parseRetryAfter('0', now)).toBeUndefined();
    expect(parseRetryAfter('-5', now)).toBeUndefined();
    expect(parseRetryAfter('1.5', now)).toBeUndefined();
    expect(parseRetryAfter('soon', now)).toBeUndefined();
    expect(parseRetryAfter(null, now)).toBeUndefined();
  });
});

describe('the outbox and the receiver\'s answer', () => {
  let t: CaseApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    await t?.cleanup();
  });

  const pending = async (topic: 'complaints_forward' | 'webhook') => {
    const [m] = await t.store.caseOutbox.listOutbox({ topic, state: 'pending', limit: 5 });
    return m;
  };
  const waitMs = async (topic: 'complaints_forward' | 'webhook') => Date.parse((await pending(topic)).nextAttemptAt) - t.now().getTime();

  it('stores the reference of an Open311-style answer (201 [{"service_request_id":"SR-1"}])', async () => {
    receiver = await startReceiver([{ status: 201, body: '[{"service_request_id":"SR-1"}]' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token' } });
    await t.complain();
    expect(await t.feature.outbox.perform()).toMatchObject({ delivered: 1 });
    const c = await request(t.app).get(`/api/cases/${NUMBER}`).set(bearer(t.tokens.agent)).expect(200);
    expect(c.body.externalRef).toBe('SR-1');
    expect(c.body.forwarding).toMatchObject({ state: 'forwarded', externalRef: 'SR-1' });
  });

  it('waits as long as a 429\'s Retry-After (seconds) asks before forwarding again', async () => {
    receiver = await startReceiver([{ status: 429, body: '{"error":"slow down"}', headers: { 'Retry-After': '300' } }, { status: 201, body: '{"reference":"NCS-1"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token' } });
    await t.complain();
    expect(await t.feature.outbox.perform()).toMatchObject({ retrying: 1 });
    expect(await waitMs('complaints_forward')).toBe(300_000);
    const logged = t.log().find((l) => l.msg === 'outbox delivery failed, will retry');
    expect(logged).toMatchObject({ retryAfterS: 300, nextAttemptAt: new Date(t.now().getTime() + 300_000).toISOString() });

    t.advance(299_000);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(1);
    t.advance(1_000);
    expect(await t.feature.outbox.perform()).toMatchObject({ delivered: 1 });
    expect(receiver.deliveries).toHaveLength(2);
  });

  it('reads an HTTP-date Retry-After on a 503, and cuts a very long one to an hour', async () => {
    const inTenMinutes = () => new Date(Date.now() + 600_000).toUTCString();
    receiver = await startReceiver([
      { status: 503, headers: { 'Retry-After': inTenMinutes } },
      { status: 503, headers: { 'Retry-After': String(7 * 24 * 3600) } },
    ]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token' } });
    await t.complain();
    await t.feature.outbox.perform();
    // The date has whole seconds: up to one second less than ten minutes.
    const first = await waitMs('complaints_forward');
    expect(first).toBeGreaterThan(598_000);
    expect(first).toBeLessThanOrEqual(600_000);

    t.advance(first);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(2);
    expect(await waitMs('complaints_forward')).toBe(OUTBOX_RETRY_AFTER_MAX_MS);
  });

  it('never retries earlier than the backoff, whatever a Retry-After says', async () => {
    receiver = await startReceiver([{ status: 503, headers: { 'Retry-After': '1' } }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token' } });
    await t.complain();
    await t.feature.outbox.perform();
    // First failure: the backoff is 5 to 10 s (OUTBOX_BACKOFF, equal jitter).
    const wait = await waitMs('complaints_forward');
    expect(wait).toBeGreaterThanOrEqual(5_000);
    expect(wait).toBeLessThanOrEqual(10_000);
  });

  it('honours Retry-After for outgoing webhooks too', async () => {
    receiver = await startReceiver([{ status: 429, headers: { 'Retry-After': '120' } }]);
    t = await setupCaseApp({ webhooks: { urls: [receiver.url], secret: 'hook-secret' } });
    await t.complain();
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(1);
    expect(await waitMs('webhook')).toBe(120_000);
  });

  it('logs a failed re-forward of a never accepted case under the event its request carried', async () => {
    receiver = await startReceiver([{ status: 400, body: '{"error":"unknown field"}' }, { status: 503, body: 'busy' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'fwd-token' } });
    await t.complain();
    await t.feature.outbox.perform(); // 400: given up, the case was never accepted
    await request(t.app).post(`/api/cases/${NUMBER}/forward`).set(bearer(t.tokens.supervisor)).expect(202);
    const queued = await pending('complaints_forward');
    expect(queued.event).toBe('case.status_changed');

    await t.feature.outbox.perform(); // 503
    expect(receiver.deliveries).toHaveLength(2);
    expect(JSON.parse(receiver.deliveries[1].body).event).toBe('case.created');
    const failures = t.log().filter((l) => l.msg === 'outbox delivery failed, will retry');
    expect(failures).toHaveLength(1);
    expect(failures[0]).toMatchObject({ outboxId: queued.id, topic: 'complaints_forward', event: 'case.created' });
  });
});
