/**
 * Closing a case that was never resolved (a duplicate, a fault outside the ministry's remit), over
 * HTTP: supervisors only, with a required reason kept in the history and the audit; the citizen is
 * told nothing (no case_resolved notice, which would say the problem was fixed); the weekly summary
 * counts it closed, never resolved; and a supervisor can give a case in progress back to open.
 */
import request from 'supertest';
import { buildWeeklySummary } from '../../src/summaries/weekly-summary';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { weekContaining } from '../../src/summaries/week';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const NUMBER = 'MOW-2026-000001';

describe('closing a case without resolving it', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const patch = (token: string, body: object) => request(t.app).patch(`/api/cases/${NUMBER}`).set(bearer(token)).send(body);
  const getCase = async () => (await request(t.app).get(`/api/cases/${NUMBER}`).set(bearer(t.tokens.agent)).expect(200)).body;

  it.each(['open', 'in_progress'])('lets a supervisor close a case %s with a reason and a note, kept in the history and the audit, the citizen told nothing', async (from) => {
    t = await setupCaseApp();
    const m = await t.complain();
    if (from === 'in_progress') await patch(t.tokens.agent, { status: 'in_progress' }).expect(200);
    const closed = await patch(t.tokens.supervisor, { status: 'closed', reason: 'duplicate', note: 'same hole as MOW-2026-000040' }).expect(200);
    expect(closed.body).toMatchObject({ status: 'closed', closedAt: t.now().toISOString(), overdue: false });
    expect(closed.body.resolvedAt).toBeUndefined();
    expect(closed.body.history.at(-1)).toEqual({
      at: t.now().toISOString(),
      actor: t.users.supervisor.id,
      action: 'closed_duplicate',
      from,
      to: 'closed',
      note: 'same hole as MOW-2026-000040',
    });
    const audit = await t.store.audit.listAudit({ subject: `case:${NUMBER}`, limit: 50 });
    expect(audit.items.find((a) => a.after && (a.after as { status?: string }).status === 'closed')).toMatchObject({
      actor: t.users.supervisor.id,
      action: 'case.status_changed',
      before: { status: from },
      after: { status: 'closed', reason: 'duplicate', note: 'same hole as MOW-2026-000040' },
    });

    // No public reply is queued, and delivering the outbox posts none.
    expect(await t.store.caseOutbox.listOutbox({ topic: 'citizen_reply', subject: NUMBER, limit: 10 })).toEqual([]);
    await t.feature.outbox.perform();
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);
  });

  it('refuses a close without a reason (422), an unknown reason (400), «other» without a note, and a reason on another move', async () => {
    t = await setupCaseApp();
    await t.complain();
    const bare = await patch(t.tokens.supervisor, { status: 'closed' }).expect(422);
    expect(bare.body.error).toMatchObject({ code: 'close_reason_required', details: { reasons: ['duplicate', 'not_ministry_remit', 'no_fault_found', 'other'] } });
    await patch(t.tokens.supervisor, { status: 'closed', reason: 'bored' }).expect(400);
    expect((await patch(t.tokens.supervisor, { status: 'closed', reason: 'other' }).expect(422)).body.error.code).toBe('close_reason_required');
    await patch(t.tokens.supervisor, { status: 'in_progress', reason: 'duplicate' }).expect(400);
    expect((await getCase()).status).toBe('open');
    const other = await patch(t.tokens.supervisor, { status: 'closed', reason: 'other', note: 'private property: the owner fixes it' }).expect(200);
    expect(other.body.history.at(-1)).toMatchObject({ action: 'closed_other', note: 'private property: the owner fixes it' });
  });

  it('keeps closing a resolved case as it was: no reason needed, none taken', async () => {
    t = await setupCaseApp();
    await t.complain();
    await patch(t.tokens.agent, { status: 'in_progress' }).expect(200);
    await patch(t.tokens.agent, { status: 'resolved' }).expect(200);
    expect((await patch(t.tokens.supervisor, { status: 'closed', reason: 'duplicate' }).expect(422)).body.error.code).toBe('close_reason_not_applicable');
    const closed = await patch(t.tokens.supervisor, { status: 'closed' }).expect(200);
    expect(closed.body.history.at(-1)).toMatchObject({ action: 'status_changed', from: 'resolved', to: 'closed' });
    expect(closed.body.resolvedAt).toBeDefined();
  });

  it('refuses agents: no close, and no giving back to open (403)', async () => {
    t = await setupCaseApp();
    await t.complain();
    expect((await patch(t.tokens.agent, { status: 'closed', reason: 'duplicate' }).expect(403)).body.error.code).toBe('forbidden');
    await patch(t.tokens.agent, { status: 'in_progress' }).expect(200);
    expect((await patch(t.tokens.agent, { status: 'open' }).expect(403)).body.error.code).toBe('forbidden');
    expect((await getCase()).status).toBe('in_progress');
  });

  it('lets a supervisor give a case in progress back to open, keeping its SLA and telling nobody', async () => {
    t = await setupCaseApp();
    await t.complain();
    const due = (await getCase()).slaDueAt;
    await patch(t.tokens.agent, { status: 'in_progress' }).expect(200);
    const back = await patch(t.tokens.supervisor, { status: 'open', note: 'the unit has no crew this week' }).expect(200);
    expect(back.body).toMatchObject({ status: 'open', slaDueAt: due });
    expect(back.body.history.at(-1)).toMatchObject({ action: 'status_changed', from: 'in_progress', to: 'open', note: 'the unit has no crew this week' });
    expect(await t.store.caseOutbox.listOutbox({ topic: 'citizen_reply', subject: NUMBER, limit: 10 })).toEqual([]);
  });

  it('counts a case closed without resolving as closed, not resolved, in the weekly summary', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'dup', handle: 'dup' } });
    await t.complain({ author: { id: 'fixed', handle: 'fixed' } }, { primaryDomain: 'drainage' });
    t.advance(3_600_000);
    await patch(t.tokens.supervisor, { status: 'closed', reason: 'not_ministry_remit' }).expect(200);
    const fixed = (n: string, body: object) => request(t.app).patch(`/api/cases/${n}`).set(bearer(t.tokens.supervisor)).send(body).expect(200);
    await fixed('MOW-2026-000002', { status: 'in_progress' });
    await fixed('MOW-2026-000002', { status: 'resolved' });
    const settings = defaultSummarySettings('Asia/Bahrain');
    const summary = await buildWeeklySummary(t.store.summaries, weekContaining(t.now(), settings), settings, { now: t.now() });
    expect(summary.cases.opened.value).toBe(2);
    expect(summary.cases.resolved.value).toBe(1);
    expect(summary.cases.closed.value).toBe(1);
    expect(summary.cases.resolvedByUnit.map((u) => [u.key, u.value])).toEqual([['Sanitary Engineering Operations', 1]]);
  });
});
