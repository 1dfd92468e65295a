/** GET /api/cases/map over HTTP: counts per area by domain, the cases list's filters, unknown areas listed. */
import request from 'supertest';
import type { Domain, Location, Urgency } from '../../src/domain';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

describe('GET /api/cases/map', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  async function open(domain: Domain, location: Location, openedAt: string, urgency: Urgency = 'medium') {
    const c = await t.store.cases.openCase(
      { domain, unit: 'Unit', urgency, location, citizen: { channel: 'x', handle: 'c' }, openedAt, slaDueAt: openedAt, prefix: 'MOW', year: 2026, source: 'test', actor: 'system' },
      [],
    );
    return c.number;
  }

  async function seed() {
    await open('roads', { area: 'المحرق', block: '204' }, '2026-11-10T08:00:00.000Z', 'high');
    await open('drainage', { area: 'المحرّق', block: '204' }, '2026-11-11T08:00:00.000Z');
    await open('roads', { area: 'Muharraq' }, '2026-11-12T08:00:00.000Z');
    await open('drainage', { area: 'سترة', block: '611' }, '2026-11-15T08:00:00.000Z');
    await open('buildings', { area: 'حي لا يعرفه أحد' }, '2026-11-16T08:00:00.000Z');
    await open('roads', { area: 'مدينة زايد' }, '2026-11-17T08:00:00.000Z');
    await open('roads', { road: '4107' }, '2026-11-18T08:00:00.000Z');
  }

  it('answers 401 without a token and, for any role, counts the cases per gazetteer area by domain', async () => {
    t = await setupCaseApp();
    await seed();
    await request(t.app).get('/api/cases/map').expect(401);
    const res = await request(t.app).get('/api/cases/map').set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.areas.map((a: Record<string, unknown>) => [a.id, a.area, a.areaAr, a.total, a.byDomain])).toEqual([
      ['muharraq', 'المحرق', 'المحرق', 3, { roads: 2, drainage: 1 }],
      ['sitra', 'سترة', 'سترة', 1, { drainage: 1 }],
    ]);
    expect(res.body.areas[0].lat).toBeCloseTo(26.257, 2);
    expect(res.body.areas[0].lon).toBeCloseTo(50.612, 2);
    expect(res.body.blocks).toEqual([
      { block: '204', area: 'المحرق', areaAr: 'المحرق', areaEn: 'Muharraq', total: 2 },
      { block: '611', area: 'سترة', areaAr: 'سترة', areaEn: 'Sitra', total: 1 },
    ]);
    expect(res.body).toMatchObject({ withoutArea: 1, total: 7, truncated: false });
    const supervisor = await request(t.app).get('/api/cases/map').set(bearer(t.tokens.supervisor)).expect(200);
    expect(supervisor.body.total).toBe(7);
  });

  it('lists the areas it cannot place beside the map instead of dropping them', async () => {
    t = await setupCaseApp();
    await seed();
    const res = await request(t.app).get('/api/cases/map').set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.unlocated).toEqual([
      { area: 'حي لا يعرفه أحد', reason: 'unknown_place', total: 1, byDomain: { buildings: 1 } },
      { area: 'مدينة زايد', areaAr: 'مدينة زايد', areaEn: 'Zayed Town', reason: 'no_coordinates', total: 1, byDomain: { roads: 1 } },
    ]);
  });

  it('filters by domain, status, urgency and opening time like the cases list, and refuses a bad filter with 400', async () => {
    t = await setupCaseApp();
    await seed();
    const map = async (query: Record<string, string>) => (await request(t.app).get('/api/cases/map').query(query).set(bearer(t.tokens.agent)).expect(200)).body;
    expect((await map({ domain: 'drainage' })).areas.map((a: { id: string; total: number }) => [a.id, a.total])).toEqual([['muharraq', 1], ['sitra', 1]]);
    expect((await map({ urgency: 'high' })).areas.map((a: { id: string; total: number }) => [a.id, a.total])).toEqual([['muharraq', 1]]);
    const window = await map({ from: '2026-11-11', to: '2026-11-15T11:00:00+03:00' });
    expect(window.areas.map((a: { id: string; total: number }) => [a.id, a.total])).toEqual([['muharraq', 2], ['sitra', 1]]);
    expect(window.total).toBe(3);
    expect((await map({ status: 'resolved' })).total).toBe(0);
    const bad = await request(t.app).get('/api/cases/map').query({ domain: 'parks' }).set(bearer(t.tokens.agent)).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
    await request(t.app).get('/api/cases/map').query({ from: '2026-11-20', to: '2026-11-01' }).set(bearer(t.tokens.agent)).expect(400);
    await request(t.app).get('/api/cases/map').query({ area: 'المحرق' }).set(bearer(t.tokens.agent)).expect(400);
  });

  it('links each area to the cases list filtered by its stored spelling, which finds those cases', async () => {
    t = await setupCaseApp();
    await seed();
    const res = await request(t.app).get('/api/cases/map').set(bearer(t.tokens.agent)).expect(200);
    const sitra = res.body.areas.find((a: { id: string }) => a.id === 'sitra');
    const list = await request(t.app).get('/api/cases').query({ area: sitra.area }).set(bearer(t.tokens.agent)).expect(200);
    expect(list.body.items).toHaveLength(sitra.total);
  });
});
