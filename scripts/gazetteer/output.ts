/** The three generated files (places.json, blocks.json, outline.json): their descriptions, the closing counts, and writing them. */
import * as fs from 'node:fs';
import * as path from 'node:path';
import type { BlockEntry } from './blocks';
import { MIN_ISLAND_KM2, NEAREST_BLOCK_PLACE_KM, dryRun, note, outDir } from './config';
import type { GovernorateEntry } from './governorates';
import type { OutlineShapes } from './outline';
import type { Place, Variants } from './types';

export interface BuildResult {
  commit: string;
  variants: Variants;
  governorates: GovernorateEntry[];
  places: Place[];
  blocks: Record<string, BlockEntry>;
  outlineShapes: OutlineShapes;
}

export function writeOutputs({ commit, variants, governorates, places, blocks, outlineShapes }: BuildResult): void {
  const { outline, governoratePolys, outlinePoints, govPoints } = outlineShapes;
  // --- write ---------------------------------------------------------------------------------------
  const wofSource = `github.com/whosonfirst-data/whosonfirst-data-admin-bh@${commit}`;
  const placesJson = {
    description:
      `Bahrain governorates (the four of 2014) and places for location extraction and the complaints map. Built by scripts/gazetteer/build.ts from Who's On First (${wofSource}, CC BY 4.0; GeoNames CC BY 4.0, Quattroshapes CC BY, Mapzen CC0 inside it), classifiers/gazetteer/bahrain.json and classifiers/gazetteer/variants.json; see SOURCES.md. ` +
      'cue: 0 = always a place, 1 = ambiguous word, needs a locative context, 2 = very ambiguous, needs a cue word or an address number. ' +
      "governorate: from the WOF governorate polygons (governorateCheck where bahrain.json disagreed). lat/lon: WGS84; coord names the source of the point (geonames, quattroshapes, mapzen, wof = WOF's own, wof-block-points = mean of WOF block points, wof-country-polygons = centroid of WOF island polygons); null where no open source locates the place. coordPrecision 'minute' = the source gives whole arc-minutes (about 1.8 km). coordCheck lists other sources more than 1.5 km away. sources: 'wof:<id>' = a Who's On First record, 'rasid-gazetteer' = bahrain.json, 'variants' = hand-added names, kinds and cue levels.",
    governorates,
    places,
  };
  const blockCount = Object.keys(blocks).length;
  const blocksJson = {
    description:
      `Bahrain block (مجمع) numbers to places. Only what a public source has: the ${blockCount} block points of Who's On First (${wofSource}, neighbourhood records named 'Block N', 'مجمع N' or '<Area>-block N'; their points come from Quattroshapes and Mapzen neighbourhood data). No public source with a complete block table or block polygons was found, so most of Bahrain's blocks are missing here. place: for '<Area>-block N' records, the place that area name denotes (placeBy 'name'); for bare 'Block N' records, the nearest place in places.json within ${NEAREST_BLOCK_PLACE_KM} km (placeBy 'nearest', nearestKm given) - a derived guess, not a source fact. governorate: that of the place (the WOF governorate polygons where there is none).`,
    coverage: { blocks: blockCount, byName: Object.values(blocks).filter((b) => b.placeBy === 'name').length, byNearest: Object.values(blocks).filter((b) => b.placeBy === 'nearest').length },
    blocks,
  };
  const outlineJson = {
    description: `Outline of Bahrain (lon/lat outer rings; main island with Muharraq, Sitra and Umm an Nasan joined to it by causeways and reclaimed land, Hawar, Nabih Saleh, Amwaj, Durrat Al Bahrain, Jidda and other islets over ${MIN_ISLAND_KM2} km²), simplified with Douglas-Peucker to ${outlinePoints} points, and the four governorates simplified to ${govPoints} points.`,
    source: `Who's On First country record 85632167 and region records ${variants.governorates.map((g) => g.wof).join(', ')} (${wofSource}); geometry via the U.S. Department of State Humanitarian Information Unit LSIB polygons (public domain). Attribution: "Data from Who's On First" (https://whosonfirst.org/docs/licenses/).`,
    pointCount: outlinePoints,
    polygons: outline.rings,
    governorates: governoratePolys,
  };

  const byKind = new Map<string, number>();
  const byGov = new Map<string, number>();
  for (const p of places) {
    byKind.set(p.kind, (byKind.get(p.kind) ?? 0) + 1);
    byGov.set(p.governorate ?? 'null', (byGov.get(p.governorate ?? 'null') ?? 0) + 1);
  }
  note(`places: ${places.length}; by kind ${JSON.stringify(Object.fromEntries(byKind))}; by governorate ${JSON.stringify(Object.fromEntries(byGov))}; without coordinates ${places.filter((p) => p.lat === null).length}`);
  note(`blocks: ${blockCount} (${blocksJson.coverage.byName} by area name, ${blocksJson.coverage.byNearest} by nearest place)`);

  if (!dryRun) {
    const write = (name: string, data: unknown): void => {
      fs.writeFileSync(path.join(outDir, name), `${JSON.stringify(data, null, 1)}\n`);
    };
    write('places.json', placesJson);
    write('blocks.json', blocksJson);
    write('outline.json', outlineJson);
  }
}
