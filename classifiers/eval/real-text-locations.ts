/**
 * Location extraction on labelled real text. The annotators wrote places as the post does
 * ("Hamad Town", «جدعلي», a named street under `roadName`), the extractor answers with the
 * gazetteer's own name («مدينة حمد», «جد علي») and keeps a named street in `road`; a match is read
 * through the gazetteer's names and aliases, never through the extractor, so it cannot grade itself.
 */
import { normalizeForSearch } from '../normalize';
import type { Gazetteer } from '../gazetteer-files';
import type { Location } from '../../src/domain/classification';

/** A place as the annotators labelled it (LABELING.md): digits for block and road, names otherwise. */
export interface LabelledLocation {
  area?: string;
  block?: string;
  road?: string;
  roadName?: string;
  building?: string;
}

export interface LocationFigures {
  /** Texts whose label names an area, block or road. */
  labelled: number;
  /** Of those, every labelled part found. */
  exact: number;
  areas: number;
  areasFound: number;
  blocks: number;
  blocksFound: number;
  /** Texts labelled with no place for which the extractor still named an area, block or road. */
  unlabelled: number;
  spurious: number;
}

const key = (name: string) => normalizeForSearch(name).replace(/\s+/g, '').replace(/^ال/, '');

/** The gazetteer's name for any name or alias of an area (spaces, article and spelling aside). */
export function areaNames(gazetteer: Pick<Gazetteer, 'areas'>): (name: string | undefined) => string | undefined {
  const names = new Map<string, string>();
  for (const area of gazetteer.areas) for (const n of [area.name, ...(area.aliases ?? [])]) names.set(key(n), area.name);
  return (name) => (name === undefined ? undefined : (names.get(key(name)) ?? key(name)));
}

const isNumber = (s: string | undefined) => s !== undefined && /^\d+$/.test(s);
const numberedRoad = (road: string | undefined) => (isNumber(road) ? road : undefined);
const namedRoad = (l: { road?: string; roadName?: string }) => {
  const name = l.roadName ?? (isNumber(l.road) ? undefined : l.road);
  return name === undefined ? undefined : key(name);
};

export function locationFigures(rows: { location?: LabelledLocation | null; predicted: Location | null }[], canonical: (name: string | undefined) => string | undefined): LocationFigures {
  const f: LocationFigures = { labelled: 0, exact: 0, areas: 0, areasFound: 0, blocks: 0, blocksFound: 0, unlabelled: 0, spurious: 0 };
  for (const { location, predicted } of rows) {
    const gold = location ?? {};
    const p = predicted ?? {};
    if (!gold.area && !gold.block && !gold.road && !gold.roadName) {
      f.unlabelled++;
      if (p.area || p.block || p.road) f.spurious++;
      continue;
    }
    f.labelled++;
    let all = true;
    if (gold.area) {
      f.areas++;
      if (canonical(gold.area) === canonical(p.area)) f.areasFound++;
      else all = false;
    }
    if (gold.block) {
      f.blocks++;
      if (gold.block === p.block) f.blocksFound++;
      else all = false;
    }
    if (numberedRoad(gold.road) !== undefined && numberedRoad(gold.road) !== numberedRoad(p.road)) all = false;
    if (namedRoad(gold) !== undefined && namedRoad(gold) !== namedRoad(p)) all = false;
    if (all) f.exact++;
  }
  return f;
}
