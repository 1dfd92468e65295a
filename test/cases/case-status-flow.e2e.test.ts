/**
 * The case status flow over HTTP: a reopened case (here or by the national system) gets a fresh
 * SLA from the reopening by its urgency, recorded in its history, so it is not overdue at once;
 * and the case says which moves post a public reply to the citizen, so the console can warn.
 */
import request from 'supertest';
import { signBody } from '../../src/webhooks/webhook-signature';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;
const NUMBER = 'MOW-2026-000001';

describe('the case status flow', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const getCase = (number = NUMBER) => request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
  const move = (body: object) => request(t.app).patch(`/api/cases/${NUMBER}`).set(bearer(t.tokens.supervisor)).send(body).expect(200);

  it('gives a reopened case a fresh SLA from the reopening by its urgency, recorded in the history, so it is not overdue at once', async () => {
    t = await setupCaseApp();
    await t.complain({}, { urgency: 'high' });
    const opened = (await getCase()).body;
    expect(opened.slaDueAt).toBe(new Date(t.now().getTime() + 4 * HOUR).toISOString());
    await move({ status: 'in_progress' });
    await move({ status: 'resolved' });
    t.advance(3 * 24 * HOUR);
    const reopenedAt = t.now().toISOString();
    const reopened = (await move({ status: 'open', note: 'the hole is back' })).body;
    expect(reopened).toMatchObject({ status: 'open', overdue: false, slaDueAt: new Date(t.now().getTime() + 4 * HOUR).toISOString() });
    expect(reopened.history.slice(-2)).toEqual([
      { at: reopenedAt, actor: t.users.supervisor.id, action: 'reopened', from: 'resolved', to: 'open', note: 'the hole is back' },
      { at: reopenedAt, actor: t.users.supervisor.id, action: 'sla_restarted', from: opened.slaDueAt, to: reopened.slaDueAt },
    ]);
    t.advance(5 * HOUR);
    expect((await getCase()).body.overdue).toBe(true);
  });

  it('keeps the SLA due time through moves that are not a reopening', async () => {
    t = await setupCaseApp();
    await t.complain();
    const due = (await getCase()).body.slaDueAt;
    t.advance(HOUR);
    await move({ status: 'in_progress' });
    await move({ status: 'resolved' });
    await move({ status: 'closed' });
    const c = (await getCase()).body;
    expect(c.slaDueAt).toBe(due);
    expect(c.history.map((h: { action: string }) => h.action)).not.toContain('sla_restarted');
  });

  it('gives a case the national system reopens a fresh SLA too', async () => {
    t = await setupCaseApp({ inboundSecret: 'shared' });
    await t.complain({}, { urgency: 'low' });
    await move({ status: 'in_progress' });
    await move({ status: 'resolved' });
    t.advance(10 * 24 * HOUR);
    const raw = JSON.stringify({ caseNumber: NUMBER, status: 'open' });
    const ts = Math.floor(t.now().getTime() / 1000);
    await request(t.app).post('/api/integrations/complaints/webhook').set('content-type', 'application/json').set('X-Rasid-Timestamp', String(ts)).set('X-Rasid-Signature', signBody('shared', raw, ts)).send(raw).expect(200);
    const c = (await getCase()).body;
    expect(c).toMatchObject({ status: 'open', overdue: false, slaDueAt: new Date(t.now().getTime() + 72 * HOUR).toISOString() });
    expect(c.history.at(-1)).toMatchObject({ action: 'sla_restarted', actor: 'national_system' });
  });

  it('says a move to resolved posts a public reply when status notices are on and the case has a post to answer', async () => {
    t = await setupCaseApp();
    await t.complain();
    expect((await getCase()).body.publicNoticeOn).toEqual(['resolved']);
    const off = await setupCaseApp({ statusReplies: false });
    try {
      await off.complain();
      expect((await request(off.app).get(`/api/cases/${NUMBER}`).set(bearer(off.tokens.agent)).expect(200)).body.publicNoticeOn).toEqual([]);
    } finally {
      await off.cleanup();
    }
  });

  it('says no move posts a public reply without the case_resolved template, or on a case without a post', async () => {
    t = await setupCaseApp();
    await t.complain();
    const template = await t.store.templates.getTemplateByKey('case_resolved');
    if (template) await t.store.templates.deleteTemplate(template.id);
    expect((await getCase()).body.publicNoticeOn).toEqual([]);
    const reported = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: 'open311-test-key', service_code: 'roads', description: 'حفرة', address_string: 'سترة' });
    expect(reported.status).toBeLessThan(300);
    expect((await getCase('MOW-2026-000002')).body.publicNoticeOn).toEqual([]);
  });
});
