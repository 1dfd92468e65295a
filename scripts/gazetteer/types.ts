/** Shapes of the WOF records, the hand-curated inputs (variants.json, bahrain.json) and the built places. */

export type LonLat = [number, number];
export type Ring = LonLat[];
export type PolygonRings = Ring[];
export type Geometry =
  | { type: 'Point'; coordinates: LonLat }
  | { type: 'Polygon'; coordinates: PolygonRings }
  | { type: 'MultiPolygon'; coordinates: PolygonRings[] };

export interface WofRecord {
  id: number;
  path: string;
  props: Record<string, unknown>;
  geometry: Geometry;
  placetype: string;
  name: string;
  arabic: string[];
  latin: string[];
  lat: number;
  lon: number;
  src: CoordSource;
}

export type CoordSource = 'geonames' | 'quattroshapes' | 'mapzen' | 'wof';

export interface CoordSpec {
  blocks?: string[];
  island?: [number, number, number, number];
}

export interface PlaceOverride {
  id?: string;
  en?: string;
  ar?: string;
  kind?: Kind;
  cue?: Cue;
  cueWhy?: string;
  add?: string[];
  drop?: string[];
  old?: string[];
  noOld?: boolean;
  merge?: string[];
  coord?: CoordSpec;
  coordPrefer?: CoordSource;
  governorate?: GovId;
  governorateWhy?: string;
}

export interface Variants {
  governorates: { id: GovId; wof: number; ar: string; en: string; add: string[] }[];
  separate: [string, string, string][];
  places: Record<string, PlaceOverride>;
  blockAreas: { names: Record<string, string> };
  bareArticleStop: string[];
  latinStop: string[];
}

export interface OldArea {
  name: string;
  governorate: string | null;
  aliases: string[];
  cue?: number;
}

export interface OldGazetteer {
  governorates: { name: string; aliases: string[] }[];
  areas: OldArea[];
  cueWords: string[];
  locativeWords: string[];
  addressKeywords: Record<string, string[]>;
  numberWords: string[];
}

export type Kind = 'city' | 'town' | 'village' | 'district' | 'island';
export type Cue = 0 | 1 | 2;
export type GovId = 'capital' | 'muharraq' | 'northern' | 'southern';

export interface Cluster {
  records: WofRecord[];
  key?: string;
  override: PlaceOverride;
  old: OldArea[];
}

export interface CoordCheck {
  chosen: string;
  other: string;
  km: number;
}

export interface Place {
  id: string;
  ar: string;
  en: string;
  kind: Kind;
  governorate: GovId | null;
  aliases: string[];
  lat: number | null;
  lon: number | null;
  cue: Cue;
  sources: string[];
  coord: string | null;
  coordPrecision?: 'minute';
  coordCheck?: CoordCheck[];
  governorateCheck?: string;
}
