import request from 'supertest';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;

describe('case API', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  async function openCase(raw = {}, c = {}) {
    const m = await t.complain(raw, c);
    const list = await request(t.app).get('/api/cases').set(bearer(t.tokens.agent)).expect(200);
    const found = list.body.items.find((x: { mentionIds: string[] }) => x.mentionIds.includes(m.id));
    return { mention: m, number: found.number as string };
  }

  it('answers 401 without a token and lists cases for any role', async () => {
    t = await setupCaseApp();
    await t.complain();
    await request(t.app).get('/api/cases').expect(401);
    const res = await request(t.app).get('/api/cases').set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.items).toHaveLength(1);
    expect(res.body.items[0]).toMatchObject({
      number: 'MOW-2026-000001',
      status: 'open',
      domain: 'roads',
      unit: 'Roads Maintenance Directorate',
      unitAr: 'إدارة صيانة الطرق',
      overdue: false,
    });
  });

  it('shows one case with its linked mentions, replies and history, and 404 for an unknown number', async () => {
    t = await setupCaseApp();
    const { mention, number } = await openCase();
    const res = await request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.mentions.map((m: { id: string }) => m.id)).toEqual([mention.id]);
    expect(res.body.replies).toEqual([]);
    expect(res.body.history[0]).toMatchObject({ action: 'opened', actor: 'system' });
    const missing = await request(t.app).get('/api/cases/MOW-2026-999999').set(bearer(t.tokens.agent)).expect(404);
    expect(missing.body.error.code).toBe('not_found');
    const bad = await request(t.app).get('/api/cases/not-a-number').set(bearer(t.tokens.agent)).expect(400);
    expect(bad.body.error).toMatchObject({ code: 'validation_failed', message: 'invalid path parameter: number', details: { number: 'is not a case number like MOW-2026-000123' } });
  });

  it('lists every place and governorate a location can name with its English name, to signed-in users only', async () => {
    t = await setupCaseApp();
    const res = await request(t.app).get('/api/places').set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.items).toEqual(expect.arrayContaining([{ ar: 'سترة', en: 'Sitra' }, { ar: 'المحرق', en: 'Muharraq' }, { ar: 'العاصمة', en: expect.stringContaining('Capital') }]));
    expect(res.body.items.length).toBeGreaterThan(150);
    await request(t.app).get('/api/places').expect(401);
  });

  it('walks open → in_progress → resolved → closed → open with history and audit entries', async () => {
    t = await setupCaseApp();
    const { number } = await openCase();
    const patch = (token: string, body: object) => request(t.app).patch(`/api/cases/${number}`).set(bearer(token)).send(body);
    expect((await patch(t.tokens.agent, { status: 'in_progress' }).expect(200)).body.status).toBe('in_progress');
    const resolved = await patch(t.tokens.agent, { status: 'resolved', note: 'asphalt patched' }).expect(200);
    expect(resolved.body.resolvedAt).toBe(t.now().toISOString());
    expect((await patch(t.tokens.supervisor, { status: 'closed' }).expect(200)).body.closedAt).toBeDefined();
    const reopened = await patch(t.tokens.agent, { status: 'open' }).expect(200);
    expect(reopened.body.history.map((h: { action: string }) => h.action)).toEqual(['opened', 'status_changed', 'status_changed', 'status_changed', 'reopened']);
    expect(reopened.body.history[2]).toMatchObject({ from: 'in_progress', to: 'resolved', note: 'asphalt patched', actor: t.users.agent.id });
    const audit = await t.store.audit.listAudit({ subject: `case:${number}`, limit: 50 });
    expect(audit.items.filter((a) => a.action === 'case.status_changed')).toHaveLength(4);
    expect(audit.items.find((a) => a.actor === t.users.supervisor.id)?.after).toMatchObject({ status: 'closed' });
  });

  // open → closed is a close without resolving (with a reason): see case-close-unresolved.e2e.test.ts.
  it.each([
    ['open', 'resolved'],
    ['open', 'open'],
  ])('refuses the invalid transition %s → %s with a JSON 409', async (_from, to) => {
    t = await setupCaseApp();
    const { number } = await openCase();
    const res = await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.supervisor)).send({ status: to }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'invalid_transition', details: { from: 'open', to } });
  });

  it('lets only supervisors and admins close a case: an agent gets 403', async () => {
    t = await setupCaseApp();
    const { number } = await openCase();
    // From a state that cannot close either, the agent still hears that the role is the reason.
    const early = await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({ status: 'closed' }).expect(403);
    expect(early.body.error.code).toBe('forbidden');
    for (const status of ['in_progress', 'resolved']) {
      await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({ status }).expect(200);
    }
    const res = await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({ status: 'closed' }).expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.admin)).send({ status: 'closed' }).expect(200);
  });

  it('routes to another unit only for supervisors, and only to a known unit', async () => {
    t = await setupCaseApp();
    const { number } = await openCase();
    const unit = 'Sanitary Engineering Operations';
    await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({ unit }).expect(403);
    const bad = await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.supervisor)).send({ unit: 'Nowhere' }).expect(422);
    expect(bad.body.error.code).toBe('unknown_unit');
    const ok = await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.supervisor)).send({ unit }).expect(200);
    expect(ok.body).toMatchObject({ unit, unitAr: 'إدارة عمليات الهندسة الصحية' });
    const units = await request(t.app).get('/api/case-units').set(bearer(t.tokens.agent)).expect(200);
    expect(units.body.items).toHaveLength(3);
  });

  it('lets an agent take a case but not hand it to someone else; supervisors assign anyone', async () => {
    t = await setupCaseApp();
    const { number } = await openCase();
    const patch = (token: string, body: object) => request(t.app).patch(`/api/cases/${number}`).set(bearer(token)).send(body);
    expect((await patch(t.tokens.agent, { assignee: t.users.agent.id }).expect(200)).body.assignee).toBe(t.users.agent.id);
    await patch(t.tokens.agent, { assignee: t.users.agent2.id }).expect(403);
    expect((await patch(t.tokens.supervisor, { assignee: t.users.agent2.id }).expect(200)).body.assignee).toBe(t.users.agent2.id);
    expect((await patch(t.tokens.supervisor, { assignee: 'nobody' }).expect(422)).body.error.code).toBe('unknown_user');
    const cleared = await patch(t.tokens.supervisor, { assignee: null }).expect(200);
    expect(cleared.body.assignee).toBeUndefined();
    const mine = await request(t.app).get(`/api/cases?assignee=${t.users.agent2.id}`).set(bearer(t.tokens.agent)).expect(200);
    expect(mine.body.items).toHaveLength(0);
    // `me`, as the list's filter takes it, for agents and supervisors alike.
    expect((await patch(t.tokens.agent, { assignee: 'me' }).expect(200)).body.assignee).toBe(t.users.agent.id);
    expect((await patch(t.tokens.supervisor, { assignee: 'me' }).expect(200)).body.assignee).toBe(t.users.supervisor.id);
  });

  it('adds notes to the history with the author', async () => {
    t = await setupCaseApp();
    const { number } = await openCase();
    const res = await request(t.app).post(`/api/cases/${number}/notes`).set(bearer(t.tokens.agent)).send({ text: 'called the citizen' }).expect(201);
    expect(res.body.history.at(-1)).toMatchObject({ action: 'note', note: 'called the citizen', actor: t.users.agent.id });
    await request(t.app).post(`/api/cases/${number}/notes`).set(bearer(t.tokens.agent)).send({ text: '' }).expect(400);
    await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({}).expect(400);
    await request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.agent)).send({ status: 'done' }).expect(400);
  });

  it('computes overdue from the SLA by urgency and filters on it, never storing it', async () => {
    t = await setupCaseApp();
    const high = await openCase({ author: { id: 'a1', handle: 'a1' } }, { urgency: 'high' });
    await openCase({ author: { id: 'a2', handle: 'a2' } }, { urgency: 'low' });
    const detail = await request(t.app).get(`/api/cases/${high.number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(Date.parse(detail.body.slaDueAt) - Date.parse(detail.body.mentions[0].createdAt)).toBe(4 * HOUR);
    expect((await request(t.app).get('/api/cases?overdue=true').set(bearer(t.tokens.agent)).expect(200)).body.items).toHaveLength(0);
    t.advance(5 * HOUR);
    const overdue = await request(t.app).get('/api/cases?overdue=true').set(bearer(t.tokens.agent)).expect(200);
    expect(overdue.body.items.map((c: { number: string; overdue: boolean }) => [c.number, c.overdue])).toEqual([[high.number, true]]);
    const notOverdue = await request(t.app).get('/api/cases?overdue=false').set(bearer(t.tokens.agent)).expect(200);
    expect(notOverdue.body.items).toHaveLength(1);
    t.advance(70 * HOUR);
    expect((await request(t.app).get('/api/cases?overdue=true').set(bearer(t.tokens.agent)).expect(200)).body.items).toHaveLength(2);
  });

  it('filters by status, domain, unit, urgency and area, and pages with a cursor', async () => {
    t = await setupCaseApp();
    for (let i = 0; i < 5; i++) {
      t.advance(60_000);
      await t.complain(
        { author: { id: `p${i}`, handle: `p${i}` } },
        { primaryDomain: i < 2 ? 'drainage' : 'roads', urgency: i === 0 ? 'high' : 'medium', location: { area: i < 3 ? 'سترة' : 'المنامة' } },
      );
    }
    const get = async (q: string) => (await request(t.app).get(`/api/cases?${q}`).set(bearer(t.tokens.agent)).expect(200)).body;
    expect((await get('domain=drainage')).items).toHaveLength(2);
    expect((await get(`unit=${encodeURIComponent('Sanitary Engineering Operations')}`)).items).toHaveLength(2);
    expect((await get('urgency=high')).items).toHaveLength(1);
    expect((await get(`area=${encodeURIComponent('سترة')}`)).items).toHaveLength(3);
    expect((await get('status=closed')).items).toHaveLength(0);
    const first = await get('limit=2');
    const second = await get(`limit=2&cursor=${first.nextCursor}`);
    const third = await get(`limit=2&cursor=${second.nextCursor}`);
    const all = [...first.items, ...second.items, ...third.items].map((c: { number: string }) => c.number);
    expect(new Set(all).size).toBe(5);
    expect(third.nextCursor).toBeNull();
    await request(t.app).get('/api/cases?colour=red').set(bearer(t.tokens.agent)).expect(400);
  });

  it('stamps the first response when the first reply on a linked mention is sent, and queues reply.sent', async () => {
    t = await setupCaseApp({ webhooks: { urls: ['http://127.0.0.1:9/hook'], secret: 's' } });
    const { mention, number } = await openCase();
    await request(t.app).post(`/api/mentions/${mention.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    await request(t.app).post(`/api/mentions/${mention.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرا، تم تسجيل البلاغ' }).expect(201);
    await t.replyFeature.sender.perform();
    const c = await request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(c.body.firstResponseAt).toBeDefined();
    expect(c.body.replies).toHaveLength(1);
    expect(c.body.replies[0].state).toBe('sent');
    const hooks = await t.store.caseOutbox.listOutbox({ topic: 'webhook', limit: 10 });
    expect(hooks.map((h) => h.event)).toEqual(['case.created', 'reply.sent']);
  });

  it('fills {case_number} from the linked case when a template reply comes through the API, the same text its preview showed', async () => {
    t = await setupCaseApp();
    const { mention, number } = await openCase();
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    await request(t.app).post(`/api/mentions/${mention.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    const preview = await request(t.app).post(`/api/mentions/${mention.id}/replies/preview`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, variables: { case_number: '' } }).expect(200);
    expect(preview.body.variables.case_number).toBe(number);
    expect(preview.body.text).toContain(number);
    const created = await request(t.app).post(`/api/mentions/${mention.id}/replies`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id }).expect(201);
    expect(created.body.text).toBe(preview.body.text);
    const given = await request(t.app).post(`/api/mentions/${mention.id}/replies/preview`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, variables: { case_number: 'MOW-2026-000777' } }).expect(200);
    expect(given.body.text).toContain('MOW-2026-000777');
  });
});
