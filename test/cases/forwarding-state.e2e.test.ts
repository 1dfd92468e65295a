/**
 * The case API says where a case stands with the national complaints system (not configured,
 * not forwarded, pending with attempts and the last error, forwarded, failed) without ever
 * showing a credential, and a supervisor can forward a case now or again (audited, idempotent,
 * refused to agents). Local receiver over real sockets.
 */
import request from 'supertest';
import { maskSecrets } from '../../src/cases/complaint-forwarding';
import { startReceiver } from '../webhooks/receiver';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;
const NUMBER = 'MOW-2026-000001';
const TOKEN = 'fwd-token-do-not-show';
const SECRET = 'fwd-secret-do-not-show';

describe('the forwarding state of a case and "forward now"', () => {
  let t: CaseApp;
  let receiver: Awaited<ReturnType<typeof startReceiver>> | undefined;
  afterEach(async () => {
    await receiver?.close();
    await t?.cleanup();
  });

  const getCase = (number = NUMBER) => request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
  const forwardNow = (token: string, number = NUMBER) => request(t.app).post(`/api/cases/${number}/forward`).set(bearer(token));

  it('says not_configured without COMPLAINTS_FORWARD_URL and refuses "forward now" with 409', async () => {
    t = await setupCaseApp();
    await t.complain();
    expect((await getCase()).body.forwarding).toEqual({ state: 'not_configured', canForward: false });
    const res = await forwardNow(t.tokens.supervisor).expect(409);
    expect(res.body.error.code).toBe('forwarding_not_configured');
  });

  it('shows a failing forward as pending with its attempts and last error, credentials masked, then failed once given up', async () => {
    const echo = JSON.stringify({ error: `unavailable; you sent Authorization: Bearer ${TOKEN} signed with ${SECRET}` });
    receiver = await startReceiver([], { status: 503, body: echo });
    t = await setupCaseApp({ forward: { url: receiver.url, token: TOKEN, secret: SECRET }, outbox: { schedule: '* * * * *', maxAttempts: 2, timeoutMs: 2000 } });
    await t.complain();
    await t.feature.outbox.perform();
    const pending = await getCase();
    expect(pending.body.forwarding).toMatchObject({ state: 'pending', attempts: 1, canForward: false, nextAttemptAt: expect.any(String) });
    expect(pending.body.forwarding.lastError).toMatch(/^HTTP 503: .*Bearer \*\*\* signed with \*\*\*/);
    t.advance(HOUR);
    await t.feature.outbox.perform();
    const failed = await getCase();
    expect(failed.body.forwarding).toMatchObject({ state: 'failed', attempts: 2, canForward: true });
    for (const body of [pending.text, failed.text]) {
      expect(body).not.toContain(TOKEN);
      expect(body).not.toContain(SECRET);
    }
    const stored = await t.store.caseOutbox.listOutbox({ topic: 'complaints_forward', limit: 5 });
    expect(JSON.stringify(stored)).not.toContain(TOKEN);
    const logged = JSON.stringify(t.log());
    expect(logged).toContain('outbox delivery given up');
    expect(logged).not.toContain(TOKEN);
    expect(logged).not.toContain(SECRET);
  });

  it("keeps a receiver's answer that echoes the citizen out of the log (the case page still shows it)", async () => {
    const echo = JSON.stringify({ errors: [{ field: 'citizen', rejected: { channel: 'x', handle: 'abu_jassim_hidd' } }] });
    receiver = await startReceiver([], { status: 422, body: echo });
    t = await setupCaseApp({ forward: { url: receiver.url, token: TOKEN } });
    await t.complain({ author: { id: 'c1', handle: 'abu_jassim_hidd' } });
    await t.feature.outbox.perform();
    expect((await getCase()).body.forwarding).toMatchObject({ state: 'failed', lastError: `HTTP 422: ${echo}` });
    const logged = JSON.stringify(t.log());
    expect(logged).toContain('HTTP 422');
    expect(logged).not.toContain('abu_jassim_hidd');
  });

  it('masks a password in a URL a failed delivery names', async () => {
    expect(maskSecrets('network error: Request cannot be constructed from a URL that includes credentials: https://rasid:NatSysPassw0rd@complaints.example.gov.bh/api/cases', [])).toBe(
      'network error: Request cannot be constructed from a URL that includes credentials: https://***@complaints.example.gov.bh/api/cases',
    );
  });

  it('lets a supervisor retry a forward that was given up: queued once however often pressed, audited, then forwarded', async () => {
    receiver = await startReceiver([{ status: 400, body: '{"error":"unknown field"}' }, { status: 201, body: '{"reference":"NCS-9"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await t.complain();
    await t.feature.outbox.perform();
    expect((await getCase()).body.forwarding).toMatchObject({ state: 'failed', attempts: 1, lastError: 'HTTP 400: {"error":"unknown field"}' });
    expect((await forwardNow(t.tokens.agent).expect(403)).body.error.code).toBe('forbidden');
    const first = await forwardNow(t.tokens.supervisor).expect(202);
    expect(first.body).toMatchObject({ queued: true, forwarding: { state: 'pending', canForward: false } });
    const second = await forwardNow(t.tokens.supervisor).expect(200);
    expect(second.body).toMatchObject({ queued: false, forwarding: { state: 'pending' } });
    const audit = await t.store.audit.listAudit({ subject: `case:${NUMBER}`, action: 'case.forward_requested', limit: 5 });
    expect(audit.items.map((a) => [a.actor, a.before, a.after])).toEqual([[t.users.supervisor.id, { forwarding: 'failed' }, { forwarding: 'pending' }]]);
    await t.feature.outbox.perform();
    expect(receiver.deliveries).toHaveLength(2);
    const done = await getCase();
    expect(done.body.forwarding).toEqual({ state: 'forwarded', externalRef: 'NCS-9', forwardedAt: t.now().toISOString(), canForward: true });
    expect(done.body.externalRef).toBe('NCS-9');
  });

  it('forwards a case that predates the forwarding configuration when a supervisor asks', async () => {
    receiver = await startReceiver([{ status: 201, body: '{"reference":"NCS-10"}' }]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    // Opened with no forward target, as every case opened before COMPLAINTS_FORWARD_URL was set.
    const old = await t.store.cases.openCase(
      {
        domain: 'drainage',
        unit: 'Sanitary Engineering Operations',
        urgency: 'low',
        location: { area: 'سترة' },
        citizen: { channel: 'open311', handle: 'fms-7' },
        openedAt: t.now().toISOString(),
        slaDueAt: new Date(t.now().getTime() + 72 * HOUR).toISOString(),
        prefix: 'MOW',
        year: 2026,
        source: 'open311',
        actor: 'open311',
        description: 'مياه متجمعة',
      },
      [],
    );
    expect((await getCase(old.number)).body.forwarding).toEqual({ state: 'not_forwarded', canForward: true });
    await forwardNow(t.tokens.admin, old.number).expect(202);
    await t.feature.outbox.perform();
    expect(JSON.parse(receiver.deliveries[0].body)).toMatchObject({ event: 'case.created', caseNumber: old.number, description: 'مياه متجمعة' });
    expect((await getCase(old.number)).body.forwarding).toMatchObject({ state: 'forwarded', externalRef: 'NCS-10' });
  });

  it('answers 404 for an unknown case', async () => {
    receiver = await startReceiver([]);
    t = await setupCaseApp({ forward: { url: receiver.url, token: 'x' } });
    await forwardNow(t.tokens.supervisor, 'MOW-2026-000042').expect(404);
  });
});
