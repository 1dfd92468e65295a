/** GET /api/audit over HTTP: a bare case number in the subject filter finds that case's history. */
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

let t: ReplyApp;
beforeAll(async () => {
  t = await setupReplyApp();
  await t.feature.audit.record({ actor: 'open311', action: 'case.opened', subject: 'case:MOW-2026-000049', after: { unit: 'Roads Maintenance Directorate', source: 'open311' } });
  await t.feature.audit.record({ actor: 'system', action: 'case.status_changed', subject: 'case:MOW-2026-000049', before: { status: 'open' }, after: { status: 'in_progress' } });
  await t.feature.audit.record({ actor: 'system', action: 'case.opened', subject: 'case:MOW-2026-000050', after: { unit: 'Sanitary Engineering Operations' } });
});
afterAll(async () => t.cleanup());

const subjectsFor = async (subject: string) =>
  (await request(t.app).get('/api/audit').query({ subject }).set(bearer(t.tokens.supervisor)).expect(200)).body.items.map((e: { subject: string; action: string }) => `${e.subject} ${e.action}`);

describe('audit subject filter', () => {
  it('takes a bare case number (any case) as case:<number>', async () => {
    const expected = ['case:MOW-2026-000049 case.status_changed', 'case:MOW-2026-000049 case.opened'];
    expect(await subjectsFor('case:MOW-2026-000049')).toEqual(expected);
    expect(await subjectsFor('MOW-2026-000049')).toEqual(expected);
    expect(await subjectsFor('mow-2026-000049')).toEqual(expected);
  });

  it('keeps other subjects exact and combines with the action filter', async () => {
    expect(await subjectsFor('MOW-2026')).toEqual([]);
    const res = await request(t.app).get('/api/audit').query({ subject: 'MOW-2026-000049', action: 'case.opened' }).set(bearer(t.tokens.admin)).expect(200);
    expect(res.body.items.map((e: { action: string }) => e.action)).toEqual(['case.opened']);
  });
});
