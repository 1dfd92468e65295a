/** The four current governorates: their WOF region polygons, point-in-governorate, and their places.json entries. */
import { distanceKm, inPolygons, polygonsOf, round5 } from './geometry';
import { ARABIC, latinFold, stripArabic } from './names';
import type { GovId, OldGazetteer, PolygonRings, Variants, WofRecord } from './types';

export interface Region {
  def: Variants['governorates'][number];
  record: WofRecord;
  polys: PolygonRings[];
}

export type GovernorateOf = (lat: number, lon: number) => { id: GovId; how: 'inside' | 'nearest' };

export function currentRegions(variants: Variants, byId: Map<number, WofRecord>): Region[] {
  // --- governorates (current regions) -------------------------------------------------------
  const regions = variants.governorates.map((g) => {
    const r = byId.get(g.wof);
    if (!r) throw new Error(`region ${g.wof} missing`);
    return { def: g, record: r, polys: polygonsOf(r.geometry) };
  });
  return regions;
}

export function governorateLocator(regions: Region[]): GovernorateOf {
  const governorateOf = (lat: number, lon: number): { id: GovId; how: 'inside' | 'nearest' } => {
    for (const reg of regions) if (inPolygons(lon, lat, reg.polys)) return { id: reg.def.id, how: 'inside' };
    let best: GovId = regions[0].def.id;
    let bestD = Infinity;
    for (const reg of regions) {
      for (const p of reg.polys) {
        for (const [x, y] of p[0]) {
          const d = distanceKm(lat, lon, y, x);
          if (d < bestD) {
            bestD = d;
            best = reg.def.id;
          }
        }
      }
    }
    return { id: best, how: 'nearest' };
  };
  return governorateOf;
}

export function oldGovToId(name: string | null): GovId | null {
  switch (name) {
    case 'العاصمة':
      return 'capital';
    case 'المحرق':
      return 'muharraq';
    case 'الشمالية':
      return 'northern';
    case 'الجنوبية':
      return 'southern';
    default:
      return null;
  }
}

export function buildGovernorates(regions: Region[], oldGz: OldGazetteer) {
  // --- governorates ---------------------------------------------------------------------------
  const oldGovAliases = new Map<GovId, string[]>();
  for (const g of oldGz.governorates) {
    const id = oldGovToId(g.name);
    if (id) oldGovAliases.set(id, [g.name, ...g.aliases]);
  }
  const governorates = regions.map(({ def, record }) => {
    const lbl = { lat: Number(record.props['lbl:latitude'] ?? record.lat), lon: Number(record.props['lbl:longitude'] ?? record.lon) };
    const latin = record.latin.filter((n) => /governorate|muhafaz/i.test(n)).map(latinFold);
    const fromOld = (oldGovAliases.get(def.id) ?? []).filter((a) => !(def.id === 'muharraq' && a === 'المحرق'));
    const aliases = [...new Set([...def.add, ...fromOld, ...record.arabic.filter((a) => /محافظ/.test(a)), ...latin].map((a) => (ARABIC.test(a) ? stripArabic(a) : latinFold(a))))].filter(
      (a) => a !== def.ar,
    );
    return { id: def.id, ar: def.ar, en: def.en, aliases, lat: round5(lbl.lat), lon: round5(lbl.lon), sources: [`wof:${record.id}`, 'rasid-gazetteer', 'variants'] };
  });
  return governorates;
}

export type GovernorateEntry = ReturnType<typeof buildGovernorates>[number];
