/**
 * Finds a gazetteer place (classifiers/gazetteer/places.json) for an area name as it is stored on
 * a case or mention: by its Arabic or English name or any alias, after the classifier's search
 * normalization, so «المحرّق», «المحرق» and "Muharraq" all land on the same place.
 */
import gazetteer from '../../classifiers/gazetteer/places.json';
import { normalizeForSearch } from '../../classifiers/normalize';

export interface MapPlace {
  id: string;
  ar: string;
  en: string;
  /** null where no open source locates the place (see SOURCES.md, Gaps). */
  lat: number | null;
  lon: number | null;
  governorate?: string;
}

interface GazetteerEntry {
  id: string;
  ar: string;
  en: string;
  aliases?: string[];
  lat?: number | null;
  lon?: number | null;
  governorate?: string;
}

export interface PlaceIndex {
  find(name: string): MapPlace | undefined;
}

/** Strips the Arabic and English articles so «الجفير»/«جفير» and "Al Juffair"/"Juffair" meet. */
const bare = (key: string): string => key.replace(/^(ال|al |el |al-|el-)/, '');

export function buildPlaceIndex(places: GazetteerEntry[], governorates: GazetteerEntry[] = []): PlaceIndex {
  const exact = new Map<string, MapPlace>();
  const loose = new Map<string, MapPlace>();
  const add = (map: Map<string, MapPlace>, key: string, place: MapPlace, preferred: boolean) => {
    if (!key) return;
    const had = map.get(key);
    // Homonyms (three places called القرية): the place whose own name it is wins, then one that
    // can be drawn; otherwise the first listed, so the choice is stable.
    if (!had || (preferred && !isNamed(had, key)) || (had.lat === null && place.lat !== null && !isNamed(had, key))) map.set(key, place);
  };
  const isNamed = (p: MapPlace, key: string) => normalizeForSearch(p.ar) === key || normalizeForSearch(p.en) === key;
  // Places before governorates: «المحرق» is the city, not the governorate.
  for (const [entries, kind] of [[places, 'place'], [governorates, 'governorate']] as const) {
    for (const e of entries) {
      const place: MapPlace = { id: kind === 'governorate' ? `gov:${e.id}` : e.id, ar: e.ar, en: e.en, lat: e.lat ?? null, lon: e.lon ?? null };
      if (e.governorate) place.governorate = e.governorate;
      for (const name of [e.ar, e.en, ...(e.aliases ?? [])]) {
        const key = normalizeForSearch(name).trim();
        const own = name === e.ar || name === e.en;
        if (kind === 'governorate' && exact.has(key)) continue;
        add(exact, key, place, own);
        add(loose, bare(key), place, own);
      }
    }
  }
  return {
    find(name: string) {
      const key = normalizeForSearch(name).trim();
      return exact.get(key) ?? loose.get(bare(key));
    },
  };
}

let bahrain: PlaceIndex | undefined;

/** Bahrain's places from the bundled gazetteer, indexed once. */
export function bahrainPlaces(): PlaceIndex {
  bahrain ??= buildPlaceIndex(gazetteer.places as GazetteerEntry[], gazetteer.governorates as GazetteerEntry[]);
  return bahrain;
}
