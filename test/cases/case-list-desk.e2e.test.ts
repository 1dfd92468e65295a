/**
 * What a supervisor needs to run a unit's desk, over HTTP: the cases list filtered by unit (a case
 * routed to another unit is found under that unit), by assignee (`me`, `none`, a user), and by
 * forwarding state (failed or waiting, derived as the case page derives it); no case for a
 * disabled account, and a case still held by one says so; and the public reply a move would post,
 * shown before the move.
 */
import request from 'supertest';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const ROADS = 'Roads Maintenance Directorate';

describe('the cases list for a unit desk', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const list = async (query: string, token = t.tokens.supervisor) =>
    ((await request(t.app).get(`/api/cases?${query}`).set(bearer(token)).expect(200)).body.items as { number: string; assignee?: string; assigneeDisabled?: boolean }[]).map((c) => c.number).sort();
  const patch = (number: string, body: object, token = t.tokens.supervisor) => request(t.app).patch(`/api/cases/${number}`).set(bearer(token)).send(body);

  it('filters by unit, finding a drainage case routed to roads under roads', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'a1', handle: 'a1' } }, { primaryDomain: 'roads' });
    await t.complain({ author: { id: 'a2', handle: 'a2' } }, { primaryDomain: 'drainage' });
    await t.complain({ author: { id: 'a3', handle: 'a3' } }, { primaryDomain: 'drainage' });
    await patch('MOW-2026-000003', { unit: ROADS }).expect(200);
    expect(await list(`unit=${encodeURIComponent(ROADS)}`)).toEqual(['MOW-2026-000001', 'MOW-2026-000003']);
    expect(await list('unit=Sanitary%20Engineering%20Operations')).toEqual(['MOW-2026-000002']);
  });

  it('filters by assignee: a user, `me` for whoever asks, and `none` for cases nobody holds', async () => {
    t = await setupCaseApp();
    for (const a of ['a1', 'a2', 'a3']) await t.complain({ author: { id: a, handle: a } });
    await patch('MOW-2026-000001', { assignee: t.users.agent.id }).expect(200);
    await patch('MOW-2026-000002', { assignee: t.users.agent2.id }).expect(200);
    expect(await list(`assignee=${t.users.agent.id}`)).toEqual(['MOW-2026-000001']);
    expect(await list('assignee=me', t.tokens.agent)).toEqual(['MOW-2026-000001']);
    expect(await list('assignee=me', t.tokens.agent2)).toEqual(['MOW-2026-000002']);
    expect(await list('assignee=me')).toEqual([]);
    expect(await list('assignee=none')).toEqual(['MOW-2026-000003']);
    await patch('MOW-2026-000002', { assignee: null }).expect(200);
    expect(await list('assignee=none&limit=1')).toHaveLength(1);
    expect(await list('assignee=none')).toEqual(['MOW-2026-000002', 'MOW-2026-000003']);
  });

  it('lists the cases whose forward failed or waits, as the case page says it', async () => {
    t = await setupCaseApp({ forward: { url: 'http://127.0.0.1:9/national' } });
    for (const a of ['a1', 'a2', 'a3']) await t.complain({ author: { id: a, handle: a } });
    const forwards = async (number: string) => t.store.caseOutbox.listOutbox({ topic: 'complaints_forward', subject: number, limit: 10 });
    // 1: given up; 2: given up, then retried and delivered; 3: still waiting.
    await t.store.caseOutbox.markOutboxFailed((await forwards('MOW-2026-000001'))[0].id, 'HTTP 400: bad payload', null);
    await t.store.caseOutbox.markOutboxFailed((await forwards('MOW-2026-000002'))[0].id, 'HTTP 400: bad payload', null);
    await request(t.app).post('/api/cases/MOW-2026-000002/forward').set(bearer(t.tokens.supervisor)).expect(202);
    await t.store.caseOutbox.markOutboxDelivered((await forwards('MOW-2026-000002'))[1].id, t.now().toISOString());
    expect(await list('forwarding=failed')).toEqual(['MOW-2026-000001']);
    expect(await list('forwarding=pending')).toEqual(['MOW-2026-000003']);
    expect(await list('forwarding=failed&status=closed')).toEqual([]);
    const failed = (await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body;
    expect(failed.forwarding.state).toBe('failed');
    await request(t.app).get('/api/cases?forwarding=lost').set(bearer(t.tokens.agent)).expect(400);
  });

  it('lists nothing by forwarding state when forwarding is not configured', async () => {
    t = await setupCaseApp();
    await t.complain();
    expect(await list('forwarding=pending')).toEqual([]);
    expect(await list('forwarding=failed')).toEqual([]);
  });

  it('refuses to give a case to a disabled account (422), and says when the one holding a case was disabled since', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'a1', handle: 'a1' } });
    await t.complain({ author: { id: 'a2', handle: 'a2' } });
    await patch('MOW-2026-000001', { assignee: t.users.agent2.id }).expect(200);
    await request(t.app).patch(`/api/users/${t.users.agent2.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(200);
    const refused = await patch('MOW-2026-000002', { assignee: t.users.agent2.id }).expect(422);
    expect(refused.body.error).toMatchObject({ code: 'unknown_user', details: { assignee: t.users.agent2.id, disabled: true } });
    expect((await t.store.cases.getCase('MOW-2026-000002'))?.assignee).toBeUndefined();

    const held = (await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body;
    expect(held).toMatchObject({ assignee: t.users.agent2.id, assigneeDisabled: true });
    const items = (await request(t.app).get('/api/cases').set(bearer(t.tokens.agent)).expect(200)).body.items as { number: string; assigneeDisabled?: boolean }[];
    expect(items.map((c) => [c.number, c.assigneeDisabled ?? false]).sort()).toEqual([
      ['MOW-2026-000001', true],
      ['MOW-2026-000002', false],
    ]);
    // Handing it to an active colleague clears the mark.
    const moved = await patch('MOW-2026-000001', { assignee: t.users.agent.id }).expect(200);
    expect(moved.body.assigneeDisabled).toBeUndefined();
  });

  it('shows the public reply a move to resolved would post: the case_resolved template rendered for the first post, and how many posts get it', async () => {
    t = await setupCaseApp();
    // Three posts about one block: two by the same citizen, who is told once, on the first.
    const place = { location: { block: '367', area: 'سترة' } };
    await t.complain({ author: { id: 'c1', handle: 'c1', name: 'مريم' } }, place);
    await t.complain({ author: { id: 'c1', handle: 'c1', name: 'مريم' } }, place);
    await t.complain({ author: { id: 'c2', handle: 'c2', name: 'Ali' } }, place);
    const body = (await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body;
    expect(body.mentionIds).toHaveLength(3);
    const template = await t.store.templates.getTemplateByKey('case_resolved');
    const expected = (template?.bodies.ar as string).replace('{name}', 'مريم').replace('{case_number}', 'MOW-2026-000001');
    expect(body.publicNoticeOn).toEqual(['resolved']);
    expect(body.publicNotices).toEqual([{ status: 'resolved', posts: 2, lang: 'ar', text: expected }]);
    expect(body.publicNotices[0].text).toContain('MOW-2026-000001');
  });
});
