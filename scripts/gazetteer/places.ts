/** Assembling the places: one per cluster of WOF records, and the bahrain.json-only and variants.json-only ones. */
import type { BuildAliases } from './aliases';
import type { BlockRecords } from './blocks';
import type { Clustering } from './clusters';
import { clusterCoord } from './clusters';
import { note } from './config';
import { polygonsOf, ringStats, round5 } from './geometry';
import { type GovernorateOf, oldGovToId } from './governorates';
import { ARABIC, keyOf, latinFold, slug } from './names';
import type { Cluster, CoordSpec, Cue, GovId, Kind, OldArea, Place, PlaceOverride, PolygonRings, Variants, WofRecord } from './types';
import { isMinutePrecision } from './wof';

export interface Draft {
  place: Place;
  explicitAliases: Set<string>;
  primaryKeys: Set<string>;
}

export interface PlaceInputs {
  clustering: Clustering;
  oldOnly: OldArea[];
  variants: Variants;
  byId: Map<number, WofRecord>;
  blockRecords: BlockRecords;
  governorateOf: GovernorateOf;
  buildAliases: BuildAliases;
}

export function draftPlaces({ clustering, oldOnly, variants, byId, blockRecords, governorateOf, buildAliases }: PlaceInputs): { drafts: Draft[]; countryPolys: PolygonRings[] } {
  const { clusters, dropSets } = clustering;
  // --- assemble places -------------------------------------------------------------------------
  const drafts: Draft[] = [];

  const sourceIdsOf = (c: Cluster): string[] => c.records.map((r) => `wof:${r.id}`).sort();

  for (const c of clusters) {
    const o = c.override;
    const cc = clusterCoord(c);
    const first = c.records[0];
    const en = o.en ?? latinFold(first.latin.find((n) => /^[A-Za-z]/.test(n)) ?? first.name);
    const ar = o.ar ?? first.arabic[0] ?? c.old[0]?.name ?? '';
    const oldCue = c.old.map((a) => a.cue ?? 0).reduce((m, v) => Math.max(m, v), 0) as Cue;
    const cue: Cue = o.cue ?? oldCue;
    if (o.cue !== undefined && c.old.length > 0 && o.cue !== oldCue) note(`cue ${ar}: old ${oldCue} -> ${o.cue}`);
    const pip = governorateOf(cc.lat, cc.lon);
    const gov = o.governorate ? { id: o.governorate, how: 'inside' as const } : pip;
    const arabicNames = [...new Set(c.records.flatMap((r) => r.arabic.filter((n) => !(dropSets.get(r.id) ?? new Set()).has(keyOf(n)))))];
    const latinNames = [...new Set(c.records.flatMap((r) => r.latin.filter((n) => !(dropSets.get(r.id) ?? new Set()).has(keyOf(n)))))];
    const oldNames = c.old.flatMap((a) => [a.name, ...a.aliases]);
    const { aliases, explicit } = buildAliases(ar, en, cue, arabicNames, latinNames, [...(o.add ?? []), ...oldNames], o.drop ?? []);
    const kind: Kind = o.kind ?? (c.records.every((r) => r.placetype === 'neighbourhood') ? 'district' : 'village');
    const place: Place = {
      id: o.id ?? slug(en),
      ar,
      en,
      kind,
      governorate: gov.id,
      aliases,
      lat: round5(cc.lat),
      lon: round5(cc.lon),
      cue,
      sources: [...sourceIdsOf(c), ...(c.old.length > 0 ? ['rasid-gazetteer'] : []), ...(c.key ? ['variants'] : [])],
      coord: cc.src,
    };
    if (isMinutePrecision(cc.lat, cc.lon)) place.coordPrecision = 'minute';
    if (cc.checks.length > 0) {
      place.coordCheck = cc.checks;
      for (const k of cc.checks) note(`coordinates disagree for ${en}: ${k.km} km between ${k.chosen} (chosen) and ${k.other}`);
    }
    if (o.governorate && o.governorate !== pip.id) {
      place.governorateCheck = `the WOF governorate polygons put the point in ${pip.id}; set to ${o.governorate} by hand (see variants.json)`;
      note(`governorate ${ar}: polygons ${pip.id}, set by hand to ${o.governorate}`);
    }
    for (const a of c.old) {
      const og = oldGovToId(a.governorate);
      if (og !== null && og !== gov.id) {
        place.governorateCheck = `bahrain.json says ${og}; the WOF governorate polygons put the point in ${gov.id}`;
        note(`governorate ${ar}: bahrain.json ${og}, polygons ${gov.id}`);
      }
    }
    if (gov.how === 'nearest') note(`governorate ${ar}: point outside every polygon, nearest is ${gov.id}`);
    drafts.push({ place, explicitAliases: explicit, primaryKeys: new Set([keyOf(ar), keyOf(en)]) });
  }

  // Old-only and new places: coordinates from block points or island polygons, if any.
  const country = byId.get(85632167);
  if (!country) throw new Error('country record 85632167 missing');
  const countryPolys = polygonsOf(country.geometry);
  const coordFromSpec = (spec: CoordSpec | undefined, label: string): { lat: number; lon: number; src: string; sources: string[] } | null => {
    if (!spec) return null;
    if (spec.blocks) {
      const pts = spec.blocks.map((b) => {
        const br = blockRecords.get(b);
        if (!br) throw new Error(`${label}: block ${b} is not in WOF`);
        return br.record;
      });
      return {
        lat: pts.reduce((s, r) => s + r.lat, 0) / pts.length,
        lon: pts.reduce((s, r) => s + r.lon, 0) / pts.length,
        src: `wof-block-points ${spec.blocks.join('+')}`,
        sources: pts.map((r) => `wof:${r.id}`),
      };
    }
    if (spec.island) {
      const [x0, y0, x1, y1] = spec.island;
      let a = 0;
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (const p of countryPolys) {
        const st = ringStats(p[0]);
        if (st.lon < x0 || st.lon > x1 || st.lat < y0 || st.lat > y1) continue;
        a += st.km2;
        sx += st.lon * st.km2;
        sy += st.lat * st.km2;
        n++;
      }
      if (n === 0) throw new Error(`${label}: no WOF polygon in ${spec.island.join(',')}`);
      note(`${label}: centroid of ${n} WOF country polygon(s), ${a.toFixed(2)} km²`);
      return { lat: sy / a, lon: sx / a, src: `wof-country-polygons (${n}, ${a.toFixed(2)} km²)`, sources: ['wof:85632167'] };
    }
    return null;
  };

  const extraPlace = (label: string, o: PlaceOverride, old: OldArea | null, fallbackAr: string): void => {
    const cue: Cue = o.cue ?? ((old?.cue ?? 0) as Cue);
    if (old && o.cue !== undefined && o.cue !== (old.cue ?? 0)) note(`cue ${old.name}: old ${old.cue ?? 0} -> ${o.cue}`);
    const ar = o.ar ?? fallbackAr;
    const firstLatin = old?.aliases.find((a) => !ARABIC.test(a));
    const en = o.en ?? (firstLatin ? firstLatin.replace(/\b[a-z]/g, (m) => m.toUpperCase()) : label);
    const coord = coordFromSpec(o.coord, label);
    const oldGov = oldGovToId(old?.governorate ?? null);
    let governorate: GovId | null = o.governorate ?? oldGov;
    let governorateCheck: string | undefined;
    if (coord) {
      const g = governorateOf(coord.lat, coord.lon);
      if (o.governorate === undefined) governorate = g.id;
      if (oldGov !== null && oldGov !== g.id) {
        governorateCheck = `bahrain.json says ${oldGov}; the WOF governorate polygons put the point in ${g.id}`;
        note(`governorate ${ar}: bahrain.json ${oldGov}, polygons ${g.id}`);
      }
    } else if (o.governorate && oldGov && o.governorate !== oldGov) {
      governorateCheck = `bahrain.json says ${oldGov}; set to ${o.governorate} by hand (see variants.json)`;
    }
    const names = old ? [old.name, ...old.aliases] : [];
    const { aliases, explicit } = buildAliases(ar, en, cue, [], [], [...(o.add ?? []), ...names], o.drop ?? []);
    const place: Place = {
      id: o.id ?? slug(en),
      ar,
      en,
      kind: o.kind ?? 'village',
      governorate,
      aliases,
      lat: coord ? round5(coord.lat) : null,
      lon: coord ? round5(coord.lon) : null,
      cue,
      sources: [...(coord?.sources ?? []), ...(old ? ['rasid-gazetteer'] : []), 'variants'],
      coord: coord?.src ?? null,
    };
    if (governorateCheck) place.governorateCheck = governorateCheck;
    if (!coord) note(`no coordinates in any source: ${ar} (${en})`);
    drafts.push({ place, explicitAliases: explicit, primaryKeys: new Set([keyOf(ar), keyOf(en)]) });
  };
  for (const area of oldOnly) {
    const o = variants.places[`old:${area.name}`];
    if (!o) note(`old area ${area.name} has no WOF match and no variants entry; added without coordinates`);
    extraPlace(area.name, o ?? {}, area, area.name);
  }
  for (const [key, o] of Object.entries(variants.places)) {
    if (key.startsWith('old:') && !oldOnly.some((a) => `old:${a.name}` === key)) note(`${key} in variants.json: that area matched a WOF place, entry unused`);
    if (key.startsWith('new:')) extraPlace(key.slice(4), o, null, o.ar ?? '');
  }
  return { drafts, countryPolys };
}
