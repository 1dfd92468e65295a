/**
 * The SummaryStore contract for case figures read from the case history: a week's case figures
 * describe the week as it happened, so reopening a case, moving it to another unit or restarting
 * its SLA afterwards leaves them as they were (the defect: W49 was rewritten when a case resolved
 * in it was reopened on 8 Dec). Every adapter must pass it; the cases are written through a case
 * store (the one the summary store reads, or, for the in-memory fake, the in-memory case store
 * whose cases it is handed). Weeks are Bahrain weeks (UTC+3): 2026-W49 is Sunday 29 Nov 00:00 to
 * Saturday 5 Dec 24:00 local, [28 Nov 21:00, 5 Dec 21:00) UTC.
 */
import type { Case } from '../../../src/domain';
import type { CaseUpdate, NewCase } from '../../../src/cases/store/case-store';
import { SummaryFigures } from '../../../src/summaries/figures/summary-figures';
import type { SummaryStore, SummaryWindow } from '../../../src/summaries/store/summary-store';

/** Cases written as the case store writes them (history included). */
export interface CaseSeed {
  store: SummaryStore;
  open(c: NewCase): Promise<Case>;
  update(number: string, u: CaseUpdate): Promise<void>;
  close(): Promise<void>;
}

export type CaseSeedFactory = () => Promise<CaseSeed>;

const DAY = 86_400_000;
export const weekFrom = (startIso: string): SummaryWindow => {
  const t = Date.parse(startIso);
  const dayStarts = Array.from({ length: 8 }, (_, i) => new Date(t + i * DAY).toISOString());
  return { start: dayStarts[0], end: dayStarts[7], dayStarts };
};
/** 2026-W49, the week the tester read, and the week after it (W50), when the cases changed. */
export const W49 = weekFrom('2026-11-28T21:00:00.000Z');
export const W50 = weekFrom('2026-12-05T21:00:00.000Z');

export const BASE: Omit<NewCase, 'openedAt' | 'slaDueAt'> = {
  domain: 'roads',
  unit: 'U1',
  urgency: 'medium',
  location: { area: 'المحرق' },
  citizen: { channel: 'x', handle: 'citizen' },
  prefix: 'MOW',
  year: 2026,
  source: 'open311',
  actor: 'system',
};

export function caseHistoryContract(name: string, factory: CaseSeedFactory): void {
  describe(`SummaryStore contract, case figures from the history: ${name}`, () => contract(factory));
}

function contract(factory: CaseSeedFactory): void {
  let seed: CaseSeed;
  let figures: SummaryFigures;
  beforeEach(async () => {
    seed = await factory();
    figures = new SummaryFigures(seed.store);
  });
  afterEach(() => seed.close());

  const open = (openedAt: string, slaDueAt: string, extra: Partial<NewCase> = {}) => seed.open({ ...BASE, openedAt, slaDueAt, ...extra });
  const resolve = (c: Case, at: string) => seed.update(c.number, { status: 'resolved', actor: 'agent', at });
  /** As the case service reopens: back to open with a fresh SLA from the reopening (history: reopened, sla_restarted). */
  const reopen = (c: Case, at: string, slaDueAt: string, statusAction = 'reopened') => seed.update(c.number, { status: 'open', statusAction, slaDueAt, actor: 'supervisor', at });

  it('still counts a case resolved in a week and reopened the next as resolved in its week, with the same cases open at its end', async () => {
    const c1 = await open('2026-11-29T08:00:00.000Z', '2026-11-30T08:00:00.000Z');
    await resolve(c1, '2026-11-29T20:00:00.000Z'); // 12 h, within its SLA
    await open('2026-11-30T09:00:00.000Z', '2026-12-01T09:00:00.000Z', { unit: 'U2' }); // open, overdue at the end
    const c3 = await open('2026-11-20T10:00:00.000Z', '2026-11-21T10:00:00.000Z'); // opened two weeks before
    await resolve(c3, '2026-12-02T10:00:00.000Z'); // 12 days, late
    const issued = await figures.cases(W49);
    expect(issued).toMatchObject({ opened: 2, resolved: 2, closed: 0, openAtEnd: 1, overdueAtEnd: 1, resolvedWithinSla: 1 });
    expect(issued.timeToResolve).toEqual({ count: 2, medianSeconds: (43_200 + 1_036_800) / 2, p90Seconds: 1_036_800 });
    expect(issued.resolvedByUnit).toEqual([{ key: 'U1', count: 2 }]);

    // 8 Dec (W50): a supervisor reopens one, the national system the other.
    await reopen(c1, '2026-12-07T09:00:00.000Z', '2026-12-09T09:00:00.000Z');
    await reopen(c3, '2026-12-08T09:00:00.000Z', '2026-12-10T09:00:00.000Z', 'external_status');

    expect(await figures.cases(W49)).toEqual(issued);
    // W50 sees them open again at its end, past their fresh SLA.
    expect(await figures.cases(W50)).toMatchObject({ opened: 0, resolved: 0, openAtEnd: 3, overdueAtEnd: 3 });
  });

  it('counts a case resolved twice in a week once, by its last resolution and the SLA in force then; reopened within the week, it is also open at its end', async () => {
    const c4 = await open('2026-11-29T10:00:00.000Z', '2026-11-30T10:00:00.000Z');
    await resolve(c4, '2026-11-29T12:00:00.000Z');
    await reopen(c4, '2026-11-29T14:00:00.000Z', '2026-12-01T14:00:00.000Z');
    await resolve(c4, '2026-11-30T16:00:00.000Z'); // after the first due time, within the restarted one
    const c5 = await open('2026-11-29T10:00:00.000Z', '2026-12-06T10:00:00.000Z');
    await resolve(c5, '2026-11-30T10:00:00.000Z');
    await reopen(c5, '2026-12-01T10:00:00.000Z', '2026-12-03T10:00:00.000Z'); // open at the end, past its restarted SLA

    const f = await figures.cases(W49);
    expect(f).toMatchObject({ opened: 2, resolved: 2, resolvedWithinSla: 2, openAtEnd: 1, overdueAtEnd: 1 });
    expect(f.timeToResolve).toEqual({ count: 2, medianSeconds: (108_000 + 86_400) / 2, p90Seconds: 108_000 });
  });

  it('keeps a case moved to another unit (or domain) after the week in its unit in the week\'s figures by unit', async () => {
    const d1 = await open('2026-11-29T08:00:00.000Z', '2026-12-01T08:00:00.000Z');
    await resolve(d1, '2026-11-30T08:00:00.000Z');
    // rerouted within the week before its resolution: opened with U1, resolved by U2
    const d2 = await open('2026-11-30T08:00:00.000Z', '2026-12-02T08:00:00.000Z');
    await seed.update(d2.number, { unit: 'U2', actor: 'supervisor', at: '2026-12-01T08:00:00.000Z' });
    await resolve(d2, '2026-12-02T07:00:00.000Z');
    const d3 = await open('2026-12-01T08:00:00.000Z', '2026-12-03T08:00:00.000Z', { unit: 'U2', domain: 'drainage', location: { area: 'سترة' } });
    const issued = await figures.cases(W49);
    expect(issued.openedByUnit).toEqual([{ key: 'U1', count: 2 }, { key: 'U2', count: 1 }]);
    expect(issued.resolvedByUnit).toEqual([{ key: 'U1', count: 1 }, { key: 'U2', count: 1 }]);
    expect(issued.openedByDomain).toEqual([{ key: 'roads', count: 2 }, { key: 'drainage', count: 1 }]);

    // W50: all three go to other units, and d3 turns out to be a roads complaint.
    await seed.update(d1.number, { unit: 'U3', actor: 'supervisor', at: '2026-12-08T09:00:00.000Z' });
    await seed.update(d2.number, { unit: 'U3', actor: 'supervisor', at: '2026-12-08T09:00:00.000Z' });
    await seed.update(d3.number, { unit: 'U1', domain: 'roads', actor: 'supervisor', at: '2026-12-08T09:00:00.000Z' });

    expect(await figures.cases(W49)).toEqual(issued);
  });

  it('leaves the week\'s overdue cases at its end as they were when an SLA is restarted after it', async () => {
    const e1 = await open('2026-11-29T08:00:00.000Z', '2026-11-30T08:00:00.000Z'); // overdue at the end
    const e2 = await open('2026-11-29T09:00:00.000Z', '2026-12-10T09:00:00.000Z'); // not due by the end
    const issued = await figures.cases(W49);
    expect(issued).toMatchObject({ openAtEnd: 2, overdueAtEnd: 1 });

    // W50: e1 resolved, then reopened with a fresh SLA; A's overdue case stays overdue.
    await resolve(e1, '2026-12-07T08:00:00.000Z');
    await reopen(e1, '2026-12-08T08:00:00.000Z', '2026-12-10T08:00:00.000Z');
    expect(await figures.cases(W49)).toEqual(issued);
    // and e2's due time brought forward to before A's end does not make it overdue then
    await seed.update(e2.number, { slaDueAt: '2026-12-04T09:00:00.000Z', actor: 'supervisor', at: '2026-12-08T10:00:00.000Z' });
    expect(await figures.cases(W49)).toEqual(issued);
    expect(await figures.cases(W50)).toMatchObject({ resolved: 1, openAtEnd: 2, overdueAtEnd: 2 });
  });

  it('keeps the week\'s source marks when a case changes after it, and moves them for a change dated in it', async () => {
    const c1 = await open('2026-11-29T08:00:00.000Z', '2026-11-30T08:00:00.000Z');
    await resolve(c1, '2026-11-29T20:00:00.000Z');
    const c2 = await open('2026-11-30T09:00:00.000Z', '2026-12-01T09:00:00.000Z');
    const marks = await seed.store.sourceMarks(W49);
    expect(marks.cases).toBe(2);
    await reopen(c1, '2026-12-07T09:00:00.000Z', '2026-12-09T09:00:00.000Z');
    await seed.update(c2.number, { unit: 'U3', actor: 'supervisor', at: '2026-12-08T09:00:00.000Z' });
    expect(await seed.store.sourceMarks(W49)).toEqual(marks);
    // a resolution dated inside the week (written late) changes what the week counts
    await resolve(c2, '2026-12-04T09:00:00.000Z');
    expect((await seed.store.sourceMarks(W49)).lastCaseChangeAt).not.toEqual(marks.lastCaseChangeAt);
    // so does a case opened in the week and captured late
    const before = await seed.store.sourceMarks(W49);
    await open('2026-12-05T20:59:59.000Z', '2026-12-07T20:59:59.000Z');
    expect((await seed.store.sourceMarks(W49)).cases).toBe(before.cases + 1);
  });
}
