/**
 * The tester's report, over HTTP: last week's summary (2026-W49) is issued; on 8 Dec a supervisor
 * reopens a case resolved in W49, another case moves to another unit, a third is resolved and
 * reopened with a fresh SLA. The stored W49 summary is served as issued (nothing it counted
 * changed: the case figures read the history as of W49, and its source marks follow exactly
 * that), and a summary of W49 built now gives the same case figures.
 */
import request from 'supertest';
import { SummaryService } from '../../src/summaries/summary-service';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { weekById } from '../../src/summaries/week';
import { bearer, setupCaseApp, type CaseApp } from '../cases/case-app';

const settings = defaultSummarySettings('Asia/Bahrain');
const W49 = weekById('2026-W49', settings); // [28 Nov 21:00, 5 Dec 21:00) UTC

describe('a past week\'s summary after its cases change (W49, changes on 8 Dec)', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const patch = (token: string, number: string, body: object) => request(t.app).patch(`/api/cases/${number}`).set(bearer(token)).send(body).expect(200);
  const at = (iso: string) => t.setNow(new Date(iso));

  it('serves W49 as issued, and a W49 built now gives the same case figures', async () => {
    t = await setupCaseApp({}, new Date('2026-11-30T06:00:00.000Z'));
    await t.complain({ externalId: 'w49-1' }, { primaryDomain: 'roads' }); // MOW-2026-000001
    at('2026-11-30T07:00:00.000Z');
    await t.complain({ externalId: 'w49-2' }, { primaryDomain: 'drainage' }); // MOW-2026-000002
    at('2026-11-30T08:00:00.000Z');
    await t.complain({ externalId: 'w49-3' }, { primaryDomain: 'buildings' }); // MOW-2026-000003, stays open
    at('2026-12-01T09:00:00.000Z');
    await patch(t.tokens.agent, 'MOW-2026-000001', { status: 'in_progress' });
    const one = (await patch(t.tokens.agent, 'MOW-2026-000001', { status: 'resolved' })).body;
    at('2026-12-02T09:00:00.000Z');
    await patch(t.tokens.agent, 'MOW-2026-000002', { status: 'in_progress' });
    const two = (await patch(t.tokens.agent, 'MOW-2026-000002', { status: 'resolved' })).body;
    expect(one.unit).not.toBe(two.unit);

    // Sunday 6 Dec: the weekly job issues W49.
    at('2026-12-06T05:00:00.000Z');
    const service = new SummaryService({ store: t.store.summaries, settings, now: t.now });
    const issued = await service.generateAndStore(W49);
    expect(issued.cases).toMatchObject({
      opened: { value: 3 },
      resolved: { value: 2 },
      openAtEnd: { value: 1 },
      overdueAtEnd: { value: 1 },
    });
    expect(issued.cases.resolvedByUnit.map((u) => [u.key, u.value]).sort()).toEqual([[one.unit, 1], [two.unit, 1]].sort());

    // Tuesday 8 Dec: #1 reopened, #2 moved to #1's unit, #3 resolved and reopened (a fresh SLA).
    at('2026-12-08T09:00:00.000Z');
    expect((await patch(t.tokens.supervisor, 'MOW-2026-000001', { status: 'open' })).body.resolvedAt).toBeUndefined();
    await patch(t.tokens.supervisor, 'MOW-2026-000002', { unit: one.unit });
    await patch(t.tokens.agent, 'MOW-2026-000003', { status: 'in_progress' });
    await patch(t.tokens.agent, 'MOW-2026-000003', { status: 'resolved' });
    at('2026-12-08T10:00:00.000Z');
    const three = (await patch(t.tokens.supervisor, 'MOW-2026-000003', { status: 'open' })).body;
    expect(three.history.map((h: { action: string }) => h.action)).toContain('sla_restarted');

    at('2026-12-08T11:00:00.000Z');
    const served = await service.get(W49);
    expect(served.stored).toBe(true);
    expect(served.summary.generatedAt).toBe(issued.generatedAt);
    expect((await service.build(W49)).cases).toEqual(issued.cases);
  });
});

describe('the week still running (W50)', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  it('counts as overdue only the cases past their due time now, not those due later in the week', async () => {
    const W50 = weekById('2026-W50', settings); // [5 Dec 21:00, 12 Dec 21:00) UTC
    t = await setupCaseApp({}, new Date('2026-12-07T06:00:00.000Z'));
    await t.complain({ externalId: 'w50-1' }, { primaryDomain: 'roads', urgency: 'low' });
    const kase = (await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body as { slaDueAt: string };
    expect(kase.slaDueAt < W50.end).toBe(true);
    const service = new SummaryService({ store: t.store.summaries, settings, now: t.now });

    t.setNow(new Date(Date.parse(kase.slaDueAt) - 60 * 60_000));
    const before = await service.build(W50);
    expect(before.partial).toBe(true);
    expect(before.cases).toMatchObject({ opened: { value: 1 }, openAtEnd: { value: 1 }, overdueAtEnd: { value: 0 } });

    t.setNow(new Date(Date.parse(kase.slaDueAt) + 60 * 60_000));
    expect((await service.build(W50)).cases).toMatchObject({ openAtEnd: { value: 1 }, overdueAtEnd: { value: 1 } });
  });
});
