/**
 * Reads the gazetteer the location extractor uses, once at start-up: places and governorates
 * with their centroids from places.json, block numbers → place from blocks.json (both generated,
 * see gazetteer/SOURCES.md), and the address vocabulary (named roads, address keywords, cue,
 * locative, unit and council words) from the hand-kept bahrain.json. bahrain.json's own areas are
 * an input of the places build, not read here: places.json already carries them.
 */
import path from 'node:path';
import { z } from 'zod';

const LatLon = { lat: z.number().nullable(), lon: z.number().nullable() };

const PlacesFile = z.object({
  governorates: z.array(z.object({ id: z.string(), ar: z.string(), aliases: z.array(z.string()), ...LatLon })).min(1),
  places: z.array(
    z.object({
      id: z.string(),
      ar: z.string(),
      governorate: z.string(),
      aliases: z.array(z.string()),
      /** 0: always a place; 1: needs a locative context; 2: needs a cue word or an address beside it. */
      cue: z.union([z.literal(0), z.literal(1), z.literal(2)]).default(0),
      ...LatLon,
    }),
  ),
});

const BlocksFile = z.object({
  blocks: z.record(z.string().regex(/^\d{1,5}$/), z.object({ place: z.string(), governorate: z.string(), ...LatLon })),
});

const AddressVocabulary = z.object({
  roads: z.array(z.object({ name: z.string(), aliases: z.array(z.string()) })),
  addressKeywords: z.object({
    block: z.array(z.string()),
    road: z.array(z.string()),
    building: z.array(z.string()),
    flat: z.array(z.string()).default([]),
  }),
  numberWords: z.array(z.string()),
  cueWords: z.array(z.string()),
  locativeWords: z.array(z.string()),
  /** A number followed by one of these is a measure, amount, duration or count, never an address. */
  unitWords: z.array(z.string()).default([]),
  /** A place right after one of these names the council or municipality, not where the problem is. */
  councilWords: z.array(z.string()).default([]),
  /** A place right before or after one of these is part of a facility's name (a hospital), not where the problem is. */
  facilityWords: z.array(z.string()).default([]),
  /**
   * A public place named after its area: the place right after one (Arabic: «ممشى الحد») or right
   * before one (English: "Seef walkway") is that area, as if a cue word stood before it.
   */
  landmarkWords: z.array(z.string()).default([]),
});

export interface GazetteerGovernorate {
  id: string;
  /** Short Arabic name used in locations (العاصمة، المحرق، الشمالية، الجنوبية). */
  name: string;
  aliases: string[];
  lat: number | null;
  lon: number | null;
}

export interface GazetteerArea {
  id: string;
  /** Arabic display name, the value of Location.area. */
  name: string;
  /** Short Arabic governorate name, or null when the place has none. */
  governorate: string | null;
  aliases: string[];
  cue: 0 | 1 | 2;
  lat: number | null;
  lon: number | null;
}

export interface GazetteerBlock {
  /** Index into Gazetteer.areas. */
  area: number;
  lat: number | null;
  lon: number | null;
}

export type Gazetteer = z.infer<typeof AddressVocabulary> & {
  governorates: GazetteerGovernorate[];
  areas: GazetteerArea[];
  blocks: Map<string, GazetteerBlock>;
};

/** «محافظة العاصمة» / «المحافظة الشمالية» → «العاصمة» / «الشمالية»: the form posts and reports use. */
export function shortGovernorateName(ar: string): string {
  return ar.replace(/^(?:ال)?محافظ[ةه]\s+/, '');
}

type ReadJson = <T>(file: string, schema: z.ZodType<T>) => T;

export function loadGazetteer(dir: string, readJson: ReadJson): Gazetteer {
  const places = readJson(path.join(dir, 'places.json'), PlacesFile);
  const blocks = readJson(path.join(dir, 'blocks.json'), BlocksFile);
  const vocabulary = readJson(path.join(dir, 'bahrain.json'), AddressVocabulary);

  const governorates = places.governorates.map((g) => ({ id: g.id, name: shortGovernorateName(g.ar), aliases: [g.ar, ...g.aliases], lat: g.lat, lon: g.lon }));
  const govName = new Map(governorates.map((g) => [g.id, g.name]));
  const areas: GazetteerArea[] = places.places.map((p) => ({
    id: p.id,
    name: p.ar,
    governorate: govName.get(p.governorate) ?? null,
    aliases: p.aliases,
    cue: p.cue,
    lat: p.lat,
    lon: p.lon,
  }));
  const areaIndex = new Map(areas.map((a, i) => [a.id, i]));
  const blockMap = new Map<string, GazetteerBlock>();
  for (const [number, b] of Object.entries(blocks.blocks)) {
    const area = areaIndex.get(b.place);
    if (area === undefined) throw new Error(`gazetteer blocks.json: block ${number} names place "${b.place}", which places.json lacks`);
    blockMap.set(number, { area, lat: b.lat, lon: b.lon });
  }
  return { ...vocabulary, governorates, areas, blocks: blockMap };
}
