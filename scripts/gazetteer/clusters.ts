/** Grouping WOF localities and neighbourhoods into places, the point chosen for each, and matching bahrain.json's areas to them. */
import { COORD_DISAGREE_KM, SAME_PLACE_KM, note } from './config';
import { distanceKm, round5 } from './geometry';
import { type GovernorateOf, oldGovToId } from './governorates';
import { keyOf } from './names';
import type { Cluster, CoordCheck, CoordSource, OldArea, OldGazetteer, Variants, WofRecord } from './types';
import { isBlockRecord, isCurrent, isMinutePrecision } from './wof';

export interface Clustering {
  clusters: Cluster[];
  recordKeys: Map<number, Set<string>>;
  dropSets: Map<number, Set<string>>;
}

export function clusterPlaces(records: WofRecord[], variants: Variants, wofRef: (key: string) => WofRecord): Clustering {
  // --- clusters of WOF localities and neighbourhoods -------------------------------------------
  const dropSets = new Map<number, Set<string>>();
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:') || !o.drop) continue;
    const ids = [key, ...(o.merge ?? [])].map((k) => wofRef(k).id);
    for (const id of ids) {
      const set = dropSets.get(id) ?? new Set<string>();
      for (const d of o.drop) set.add(keyOf(d));
      dropSets.set(id, set);
    }
  }
  const places0 = records.filter((r) => (r.placetype === 'locality' || r.placetype === 'neighbourhood') && !isBlockRecord(r) && isCurrent(r));
  const recordKeys = new Map<number, Set<string>>();
  for (const r of places0) {
    const drops = dropSets.get(r.id) ?? new Set<string>();
    const keys = new Set<string>();
    for (const n of [...r.arabic, ...r.latin]) {
      const k = keyOf(n);
      if (k.length > 3 && !drops.has(k)) keys.add(k);
    }
    recordKeys.set(r.id, keys);
  }
  const parent = new Map<number, number>(places0.map((r) => [r.id, r.id]));
  const find = (id: number): number => {
    let p = parent.get(id) as number;
    while (p !== id) {
      id = p;
      p = parent.get(id) as number;
    }
    return p;
  };
  const union = (a: number, b: number): void => {
    parent.set(find(a), find(b));
  };
  const separate = new Set(variants.separate.map(([a, b]) => [wofRef(a).id, wofRef(b).id].sort().join('|')));
  for (let i = 0; i < places0.length; i++) {
    for (let j = i + 1; j < places0.length; j++) {
      const a = places0[i];
      const b = places0[j];
      if (separate.has([a.id, b.id].sort().join('|'))) continue;
      const ka = recordKeys.get(a.id) as Set<string>;
      const shared = [...(recordKeys.get(b.id) as Set<string>)].filter((k) => ka.has(k));
      if (shared.length === 0) continue;
      const d = distanceKm(a.lat, a.lon, b.lat, b.lon);
      if (d < SAME_PLACE_KM) {
        union(a.id, b.id);
        note(`merge wof:${a.id} '${a.name}' + wof:${b.id} '${b.name}' (${d.toFixed(1)} km, shared ${shared.join(', ')})`);
      } else {
        note(`same name, kept apart (${d.toFixed(1)} km): wof:${a.id} '${a.name}' / wof:${b.id} '${b.name}'`);
      }
    }
  }
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:')) continue;
    for (const m of o.merge ?? []) union(wofRef(key).id, wofRef(m).id);
  }
  const clusterMap = new Map<number, Cluster>();
  for (const r of places0) {
    const root = find(r.id);
    const c = clusterMap.get(root) ?? { records: [], override: {}, old: [] };
    c.records.push(r);
    clusterMap.set(root, c);
  }
  const clusters = [...clusterMap.values()];
  const clusterOf = (wofKey: string): Cluster => {
    const id = wofRef(wofKey).id;
    const c = clusters.find((x) => x.records.some((r) => r.id === id));
    if (!c) throw new Error(`${wofKey} is not a current locality/neighbourhood`);
    return c;
  };
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:')) continue;
    const c = clusterOf(key);
    if (c.key) throw new Error(`${key} and ${c.key} are in one cluster; give one override`);
    c.key = key;
    c.override = o;
  }
  for (const c of clusters) if (!c.key) note(`no override for cluster ${c.records.map((r) => `wof:${r.id} '${r.name}'`).join(' + ')}`);
  return { clusters, recordKeys, dropSets };
}

// --- chosen coordinates and governorate of a cluster ----------------------------------------
const rank = (r: WofRecord, prefer?: CoordSource): number => {
  if (prefer && r.src === prefer) return 0;
  const minute = isMinutePrecision(r.lat, r.lon);
  switch (r.src) {
    case 'geonames':
      return minute ? 5 : 1;
    case 'mapzen':
      return 2;
    case 'quattroshapes':
      return 3;
    default:
      return 4;
  }
};
export const clusterCoord = (c: Cluster): { lat: number; lon: number; src: string; record: WofRecord; checks: CoordCheck[] } => {
  const sorted = [...c.records].sort((a, b) => rank(a, c.override.coordPrefer) - rank(b, c.override.coordPrefer) || a.id - b.id);
  const best = sorted[0];
  const checks: CoordCheck[] = [];
  for (const r of sorted.slice(1)) {
    const km = distanceKm(best.lat, best.lon, r.lat, r.lon);
    if (km > COORD_DISAGREE_KM) checks.push({ chosen: `${best.src} wof:${best.id}`, other: `${r.src} wof:${r.id} (${round5(r.lat)}, ${round5(r.lon)})`, km: Math.round(km * 10) / 10 });
  }
  return { lat: best.lat, lon: best.lon, src: best.src, record: best, checks };
};

/** Puts each bahrain.json area on its cluster; returns the areas no cluster matched. */
export function matchOldAreas(clusters: Cluster[], recordKeys: Map<number, Set<string>>, oldGz: OldGazetteer, governorateOf: GovernorateOf): OldArea[] {
  // --- old gazetteer areas -> clusters --------------------------------------------------------
  const explicitOld = new Map<string, Cluster>();
  for (const c of clusters) for (const n of c.override.old ?? []) explicitOld.set(n, c);
  const clusterKeys = (c: Cluster): Set<string> => {
    const keys = new Set<string>();
    for (const r of c.records) for (const k of recordKeys.get(r.id) ?? []) keys.add(k);
    if (c.override.ar) keys.add(keyOf(c.override.ar));
    if (c.override.en) keys.add(keyOf(c.override.en));
    for (const a of c.override.add ?? []) keys.add(keyOf(a));
    for (const d of c.override.drop ?? []) keys.delete(keyOf(d));
    return keys;
  };
  const oldOnly: OldArea[] = [];
  for (const area of oldGz.areas) {
    let target = explicitOld.get(area.name);
    if (!target) {
      const want = new Set([area.name, ...area.aliases].map(keyOf));
      const primary = keyOf(area.name);
      const candidates = clusters.filter((c) => !c.override.noOld && [...clusterKeys(c)].some((k) => want.has(k)));
      if (candidates.length > 1) {
        const byPrimary = candidates.filter((c) => clusterKeys(c).has(primary));
        const oldGov = oldGovToId(area.governorate);
        const byGov = byPrimary.filter((c) => {
          const cc = clusterCoord(c);
          return oldGov === null || governorateOf(cc.lat, cc.lon).id === oldGov;
        });
        target = byGov.length === 1 ? byGov[0] : byPrimary.length === 1 ? byPrimary[0] : undefined;
        if (!target) note(`old area ${area.name}: ambiguous (${candidates.map((c) => c.key ?? c.records[0].name).join(', ')}), kept apart`);
      } else {
        target = candidates[0];
      }
    }
    if (target) target.old.push(area);
    else oldOnly.push(area);
  }
  return oldOnly;
}
