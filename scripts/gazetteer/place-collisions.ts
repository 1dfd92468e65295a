/** The last pass over the drafted places: Bahrain's box, unique ids, one owner per alias, sorted output. */
import { BBOX, note } from './config';
import { ARABIC, keyOf } from './names';
import type { Draft } from './places';
import type { Place } from './types';

export function finalisePlaces(drafts: Draft[]): Place[] {
  // --- bbox filter, unique ids, alias collisions ------------------------------------------------
  const kept = drafts.filter((d) => {
    const { lat, lon } = d.place;
    if (lat === null || lon === null) return true;
    const ok = lat >= BBOX.minLat && lat <= BBOX.maxLat && lon >= BBOX.minLon && lon <= BBOX.maxLon;
    if (!ok) note(`dropped outside Bahrain's box: ${d.place.en} (${lat}, ${lon})`);
    return ok;
  });
  const ids = new Map<string, number>();
  for (const d of kept) ids.set(d.place.id, (ids.get(d.place.id) ?? 0) + 1);
  for (const [id, n] of ids) if (n > 1) throw new Error(`duplicate place id ${id}: give one an explicit id in variants.json`);

  const owners = new Map<string, Draft[]>();
  for (const d of kept) {
    for (const a of [d.place.ar, ...d.place.aliases]) {
      const k = keyOf(a);
      const list = owners.get(k) ?? [];
      if (!list.includes(d)) list.push(d);
      owners.set(k, list);
    }
  }
  for (const [k, list] of owners) {
    if (list.length < 2) continue;
    const primaries = list.filter((d) => d.primaryKeys.has(k));
    const explicitOwners = list.filter((d) => [...d.explicitAliases].some((a) => keyOf(a) === k));
    const keepers = primaries.length > 0 ? primaries : explicitOwners.length > 0 ? explicitOwners : [];
    const losers = list.filter((d) => !keepers.includes(d));
    for (const d of losers) d.place.aliases = d.place.aliases.filter((a) => keyOf(a) !== k);
    note(
      keepers.length > 1
        ? `homonym ${k.slice(2)}: kept on ${keepers.map((d) => d.place.id).join(', ')}${losers.length > 0 ? `; dropped from ${losers.map((d) => d.place.id).join(', ')}` : ''}`
        : `alias ${k.slice(2)} shared: kept on ${keepers.map((d) => d.place.id).join(', ') || 'none'}, dropped from ${losers.map((d) => d.place.id).join(', ')}`,
    );
  }
  for (const d of kept) {
    d.place.aliases = [...new Set(d.place.aliases)].sort((a, b) => Number(ARABIC.test(b)) - Number(ARABIC.test(a)) || a.localeCompare(b));
  }
  const places = kept.map((d) => d.place).sort((a, b) => a.id.localeCompare(b.id));
  return places;
}
