/** Complaint counts per gazetteer place: matching by name and alias, and nothing dropped silently. */
import { buildComplaintMap } from '../../src/map/map-data';
import { bahrainPlaces } from '../../src/map/place-index';

describe('the complaints map data', () => {
  it('puts spellings of one place together after Arabic normalization, by Arabic name, English name or alias', () => {
    const map = buildComplaintMap(
      [
        { area: 'المحرق', domain: 'roads', count: 3 },
        { area: 'المحرّق', domain: 'drainage', count: 1 },
        { area: 'Muharraq', domain: 'roads', count: 1 },
        { area: 'جفير', domain: 'buildings', count: 2 },
      ],
      bahrainPlaces(),
    );
    expect(map.areas.map((a) => [a.id, a.area, a.areaAr, a.total, a.byDomain])).toEqual([
      ['muharraq', 'المحرق', 'المحرق', 5, { roads: 4, drainage: 1 }],
      ['juffair', 'جفير', 'الجفير', 2, { buildings: 2 }],
    ]);
    expect(map.areas[0].lat).toBeCloseTo(26.257, 2);
    expect(map.total).toBe(7);
  });

  it('lists unknown areas and places without coordinates as unlocated, and counts complaints naming no area', () => {
    const map = buildComplaintMap(
      [
        { area: 'حي الأحلام', domain: 'roads', count: 2 },
        { area: 'مدينة زايد', domain: 'drainage', count: 1 },
        { area: null, domain: 'roads', count: 4 },
        { area: 'سترة', domain: null, count: 1 },
      ],
      bahrainPlaces(),
    );
    expect(map.unlocated).toEqual([
      { area: 'حي الأحلام', reason: 'unknown_place', total: 2, byDomain: { roads: 2 } },
      { area: 'مدينة زايد', areaAr: 'مدينة زايد', areaEn: 'Zayed Town', reason: 'no_coordinates', total: 1, byDomain: { drainage: 1 } },
    ]);
    expect(map.withoutArea).toBe(4);
    expect(map.areas.map((a) => [a.id, a.byDomain])).toEqual([['sitra', { none: 1 }]]);
    expect(map.total).toBe(8);
  });

  it('ranks the busiest blocks with the area they are in', () => {
    const map = buildComplaintMap(
      [
        { area: 'المحرق', block: '204', domain: 'roads', count: 2 },
        { area: 'المحرّق', block: '204', domain: 'drainage', count: 3 },
        { area: 'سترة', block: '611', domain: 'drainage', count: 1 },
        { area: null, block: '999', domain: 'roads', count: 4 },
      ],
      bahrainPlaces(),
      { topBlocks: 2 },
    );
    expect(map.blocks).toEqual([
      { block: '204', area: 'المحرّق', areaAr: 'المحرق', areaEn: 'Muharraq', total: 5 },
      { block: '999', total: 4 },
    ]);
  });
});
