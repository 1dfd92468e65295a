import request from 'supertest';
import { signBody } from '../../src/webhooks/webhook-signature';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const PATH = '/api/integrations/complaints/webhook';
const SECRET = 'shared-with-the-national-system';

describe('status updates from the national complaints system', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  function signed(body: object, opts: { secret?: string; at?: Date } = {}) {
    const raw = JSON.stringify(body);
    const ts = Math.floor((opts.at ?? t.now()).getTime() / 1000);
    return request(t.app)
      .post(PATH)
      .set('content-type', 'application/json')
      .set('X-Rasid-Timestamp', String(ts))
      .set('X-Rasid-Signature', signBody(opts.secret ?? SECRET, raw, ts))
      .send(raw);
  }

  async function setup() {
    t = await setupCaseApp({ inboundSecret: SECRET });
    const m = await t.complain();
    return { mention: m, number: 'MOW-2026-000001' };
  }

  it('applies a correctly signed update without an API token, with history and an audit entry', async () => {
    const { number } = await setup();
    const res = await signed({ caseNumber: number, status: 'in_progress', externalRef: 'NCS-1', note: 'crew dispatched' }).expect(200);
    expect(res.body).toEqual({ caseNumber: number, status: 'in_progress', changed: true });
    const c = await request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(c.body).toMatchObject({ status: 'in_progress', externalRef: 'NCS-1' });
    expect(c.body.history.at(-2)).toMatchObject({ action: 'external_status', actor: 'national_system', from: 'open', to: 'in_progress', note: 'crew dispatched' });
    const audit = await t.store.audit.listAudit({ subject: `case:${number}`, action: 'case.external_update', limit: 5 });
    expect(audit.items[0]).toMatchObject({ actor: 'national_system', before: { status: 'open' }, after: { status: 'in_progress', externalRef: 'NCS-1' } });
  });

  it.each([
    ['a wrong secret', { secret: 'guess' }],
    ['a stale timestamp', { at: new Date('2026-11-20T08:00:00.000Z') }],
  ])('refuses %s with a JSON 401 and changes nothing', async (_name, opts) => {
    const { number } = await setup();
    const res = await signed({ caseNumber: number, status: 'resolved' }, opts).expect(401);
    expect(res.body.error.code).toBe('invalid_signature');
    expect((await t.store.cases.getCase(number))?.status).toBe('open');
  });

  it('refuses a missing signature, and a body changed after signing, with 401', async () => {
    const { number } = await setup();
    await request(t.app).post(PATH).send({ caseNumber: number, status: 'resolved' }).expect(401);
    const ts = Math.floor(t.now().getTime() / 1000);
    const sig = signBody(SECRET, JSON.stringify({ caseNumber: number, status: 'in_progress' }), ts);
    await request(t.app)
      .post(PATH)
      .set('content-type', 'application/json')
      .set('X-Rasid-Timestamp', String(ts))
      .set('X-Rasid-Signature', sig)
      .send(JSON.stringify({ caseNumber: number, status: 'resolved' }))
      .expect(401);
    expect((await t.store.cases.getCase(number))?.status).toBe('open');
  });

  it('refuses every delivery with 401 when no secret is configured', async () => {
    t = await setupCaseApp();
    await t.complain();
    const res = await signed({ caseNumber: 'MOW-2026-000001', status: 'resolved' }).expect(401);
    expect(res.body.error.message).toContain('not configured');
  });

  it('answers 400 for a signed but invalid body and 404 for an unknown case', async () => {
    await setup();
    expect((await signed({ caseNumber: 'MOW-2026-000001', status: 'done' }).expect(400)).body.error.code).toBe('validation_failed');
    await signed({ caseNumber: 'MOW-2026-000099', status: 'resolved' }).expect(404);
  });

  it('tells the citizen once per status, and reports an unchanged status as not changed', async () => {
    const { mention, number } = await setup();
    await signed({ caseNumber: number, status: 'resolved' }).expect(200);
    const again = await signed({ caseNumber: number, status: 'resolved' }).expect(200);
    expect(again.body.changed).toBe(false);
    await t.feature.outbox.perform();
    const replies = (await t.store.replies.listReplies({ mentionId: mention.id, limit: 10 })).items;
    expect(replies.map((r) => r.purpose)).toEqual(['case_status']);
    expect(replies[0].text).toContain(number);
  });
});
