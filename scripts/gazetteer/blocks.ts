/** WOF block points (مجمع N): which block numbers WOF has, and the blocks.json entries (block → place). */
import { NEAREST_BLOCK_PLACE_KM, note } from './config';
import { distanceKm, round5 } from './geometry';
import type { GovernorateOf } from './governorates';
import { ARABIC } from './names';
import type { GovId, Place, Variants, WofRecord } from './types';
import { isBlockRecord, isCurrentOrBlock } from './wof';

export type BlockRecords = Map<string, { record: WofRecord; area: string | null }>;

export interface BlockEntry {
  place: string | null;
  placeBy: 'name' | 'nearest';
  sourceName?: string;
  nearestKm?: number;
  governorate: GovId;
  lat: number;
  lon: number;
  sources: string[];
}

export function collectBlockRecords(records: WofRecord[]): BlockRecords {
  // --- blocks ---------------------------------------------------------------------------------
  const blockRecords = new Map<string, { record: WofRecord; area: string | null }>();
  for (const r of records) {
    if (!isBlockRecord(r) || !isCurrentOrBlock(r)) continue;
    const names = [r.name, ...r.latin, ...r.arabic];
    let num: string | null = null;
    let area: string | null = null;
    for (const n of names) {
      const m = /^(.*?)-?\s*block\s*(\d{3,4})$/i.exec(n.trim()) ?? /^(.*?)\s*مجمع\s*(\d{3,4})$/.exec(n.trim());
      if (!m) continue;
      num ??= m[2];
      const a = m[1].replace(/-$/, '').trim();
      if (a.length > 0 && !ARABIC.test(a)) area ??= a;
    }
    if (num === null) continue;
    if (blockRecords.has(num)) note(`block ${num}: two WOF records, keeping ${blockRecords.get(num)?.record.id}`);
    else blockRecords.set(num, { record: r, area });
  }
  return blockRecords;
}

export function buildBlocks(blockRecords: BlockRecords, places: Place[], variants: Variants, governorateOf: GovernorateOf): Record<string, BlockEntry> {
  const placeById = new Map(places.map((p) => [p.id, p]));

  // --- blocks.json ------------------------------------------------------------------------------
  const located = places.filter((p) => p.lat !== null && p.lon !== null && p.kind !== 'island');
  const blocks: Record<string, BlockEntry> = {};
  for (const num of [...blockRecords.keys()].sort((a, b) => Number(a) - Number(b))) {
    const { record, area } = blockRecords.get(num) as { record: WofRecord; area: string | null };
    const g = governorateOf(record.lat, record.lon);
    let place: string | null = area ? variants.blockAreas.names[area] ?? null : null;
    let placeBy: 'name' | 'nearest' = 'name';
    let nearestKm: number | undefined;
    if (place !== null && !placeById.has(place)) throw new Error(`blockAreas maps ${area} to unknown place ${place}`);
    if (place === null) {
      placeBy = 'nearest';
      let best: Place | null = null;
      let bestD = Infinity;
      for (const p of located) {
        const d = distanceKm(record.lat, record.lon, p.lat as number, p.lon as number);
        if (d < bestD) {
          bestD = d;
          best = p;
        }
      }
      place = best && bestD <= NEAREST_BLOCK_PLACE_KM ? best.id : null;
      nearestKm = Math.round(bestD * 100) / 100;
      note(`block ${num}${area ? ` ('${area}')` : ''}: nearest place ${best?.id} at ${nearestKm} km${place === null ? ' (too far, left empty)' : ''}`);
    }
    // The block takes its place's governorate; the polygon test alone misplaces points on the
    // coast and near the governorate edges (block 215 of Muharraq falls in the Capital polygon).
    const placeGov = place !== null ? placeById.get(place)?.governorate ?? null : null;
    if (placeGov !== null && placeGov !== g.id) note(`block ${num}: polygons say ${g.id}, its place ${place} is in ${placeGov}`);
    blocks[num] = {
      place,
      placeBy,
      ...(area ? { sourceName: area } : {}),
      ...(nearestKm !== undefined ? { nearestKm } : {}),
      governorate: placeGov ?? g.id,
      lat: round5(record.lat),
      lon: round5(record.lon),
      sources: [`wof:${record.id}`],
    };
  }
  return blocks;
}
