/**
 * GET /api/cases?area=: the English console shows a case's area by the gazetteer's English name
 * ("Sitra" for «سترة»), so the filter must find it by that name and its spellings too, not only by
 * the Arabic name locations store.
 */
import request from 'supertest';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

describe('case list: the area filter', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  async function seed(): Promise<void> {
    const areas = ['سترة', 'سترة', 'المنامة', 'المحرق', 'ستره', 'سترة'];
    for (const [i, area] of areas.entries()) {
      t.advance(60_000);
      await t.complain({ author: { id: `p${i}`, handle: `p${i}` } }, { primaryDomain: i === 1 ? 'drainage' : 'roads', location: { area } });
    }
  }
  const areasFor = async (q: string) =>
    ((await request(t.app).get(`/api/cases?${q}`).set(bearer(t.tokens.agent)).expect(200)).body.items as { location: { area?: string } }[]).map((c) => c.location.area);

  it.each([
    ['the English name', 'Sitra'],
    ['the English name in another case', 'SITRA'],
    ['an English variant', 'Sitrah'],
    ['the Arabic name', 'سترة'],
    ['an Arabic spelling variant', 'ستره'],
  ])('finds the cases of an area by %s (%s), every stored spelling of the place included', async (_what, area) => {
    t = await setupCaseApp();
    await seed();
    expect(await areasFor(`area=${encodeURIComponent(area)}`)).toEqual(['سترة', 'ستره', 'سترة', 'سترة']);
  });

  it('combines the area with other filters and pages through it with a cursor', async () => {
    t = await setupCaseApp();
    await seed();
    expect(await areasFor('area=Sitra&domain=drainage')).toEqual(['سترة']);
    expect(await areasFor('area=Manama')).toEqual(['المنامة']);
    expect(await areasFor(`area=${encodeURIComponent('Al Muharraq')}`)).toEqual(['المحرق']);
    const first = (await request(t.app).get('/api/cases?area=Sitra&limit=3').set(bearer(t.tokens.agent)).expect(200)).body;
    const second = (await request(t.app).get(`/api/cases?area=Sitra&limit=3&cursor=${first.nextCursor}`).set(bearer(t.tokens.agent)).expect(200)).body;
    expect(first.items).toHaveLength(3);
    expect(second.items).toHaveLength(1);
    expect(second.nextCursor).toBeNull();
  });

  it('matches a name the gazetteer does not know exactly as written, and finds nothing for an unknown one', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'x', handle: 'x' } }, { location: { area: 'حي التجربة' } });
    await seed();
    expect(await areasFor(`area=${encodeURIComponent('حي التجربة')}`)).toEqual(['حي التجربة']);
    expect(await areasFor('area=Springfield')).toEqual([]);
  });
  it.each([
    ['the digits', '324'],
    ['Arabic-Indic digits after «مجمع»', 'مجمع ٣٢٤'],
    ['"Block" and the digits', 'Block 324'],
  ])('reads a block typed in the area box as the block (%s), and takes block= too', async (_what, typed) => {
    t = await setupCaseApp();
    // Two domains in block 324: the same domain and block so close in time would join one case.
    for (const [i, [block, domain]] of ([['324', 'roads'], ['325', 'roads'], ['324', 'drainage']] as const).entries()) {
      t.advance(60_000);
      await t.complain({ author: { id: `b${i}`, handle: `b${i}` } }, { primaryDomain: domain, location: { area: 'الجفير', block } });
    }
    const blocksFor = async (q: string) =>
      ((await request(t.app).get(`/api/cases?${q}`).set(bearer(t.tokens.agent)).expect(200)).body.items as { location: { block?: string } }[]).map((c) => c.location.block);
    expect(await blocksFor(`area=${encodeURIComponent(typed)}`)).toEqual(['324', '324']);
    expect(await blocksFor('block=325')).toEqual(['325']);
  });

  it.each(['abc', '99999', 'مجمع'])('refuses a block it cannot read (%s) rather than listing every case', async (block) => {
    t = await setupCaseApp();
    await t.complain({}, { primaryDomain: 'roads', location: { area: 'الجفير', block: '324' } });
    const res = await request(t.app).get(`/api/cases?block=${encodeURIComponent(block)}`).set(bearer(t.tokens.agent)).expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', details: { block: expect.stringContaining('324') } });
  });

  it('lists the cases opened between two instants or days, and refuses from after to', async () => {
    t = await setupCaseApp({}, new Date('2026-12-01T10:00:00.000Z'));
    await t.complain({ author: { id: 'd1', handle: 'd1' } }, { primaryDomain: 'roads', location: { block: '101' } });
    t.setNow(new Date('2026-12-03T22:30:00.000Z')); // 4 December, 01:30 in Bahrain
    await t.complain({ author: { id: 'd2', handle: 'd2' } }, { primaryDomain: 'drainage', location: { block: '202' } });
    const blocks = async (q: string) => ((await request(t.app).get(`/api/cases?${q}`).set(bearer(t.tokens.agent)).expect(200)).body.items as { location: { block?: string } }[]).map((c) => c.location.block);
    expect(await blocks('from=2026-12-02')).toEqual(['202']);
    expect(await blocks('to=2026-12-02')).toEqual(['101']);
    // The console sends a Bahrain day as instants: 4 December there holds the second case.
    expect(await blocks(`from=${encodeURIComponent('2026-12-04T00:00:00+03:00')}&to=${encodeURIComponent('2026-12-04T23:59:59.999+03:00')}`)).toEqual(['202']);
    const bad = await request(t.app).get('/api/cases?from=2026-12-05&to=2026-12-01').set(bearer(t.tokens.agent)).expect(400);
    expect(bad.body.error.details).toEqual({ from: 'from must not be after to' });
  });
});
