/**
 * Rebuilds classifiers/gazetteer/{places,blocks,outline}.json from a fetched snapshot of the
 * Who's On First Bahrain repository (whosonfirst-data/whosonfirst-data-admin-bh, CC BY 4.0, read
 * with git from its bare directory), the project's own bahrain.json (aliases and cue levels kept)
 * and the hand-curated classifiers/gazetteer/variants.json. Nothing is downloaded.
 *
 *   npx tsx scripts/gazetteer/build.ts [--mirror /work/.mirror] [--out classifiers/gazetteer] [--dry-run]
 *
 * The report it prints (merges, coordinate disagreements, governorate disagreements, alias
 * collisions) is what SOURCES.md summarises.
 */
import * as path from 'node:path';
import { aliasBuilder } from './aliases';
import { buildBlocks, collectBlockRecords } from './blocks';
import { clusterPlaces, matchOldAreas } from './clusters';
import { WOF_DIR_NAME, gazetteerDir, mirrorRoot, note, printReport, readJson } from './config';
import { buildGovernorates, currentRegions, governorateLocator } from './governorates';
import { buildOutline } from './outline';
import { writeOutputs } from './output';
import { finalisePlaces } from './place-collisions';
import { draftPlaces } from './places';
import type { OldGazetteer, Variants } from './types';
import { findGitDir, readWof, wofLookup } from './wof';

// ---------------------------------------------------------------------------------------------
// Build

function main(): void {
  const wofDir = findGitDir(mirrorRoot, WOF_DIR_NAME);
  const { commit, records } = readWof(wofDir);
  const variants = readJson<Variants>(path.join(gazetteerDir, 'variants.json'));
  const oldGz = readJson<OldGazetteer>(path.join(gazetteerDir, 'bahrain.json'));
  note(`WOF ${WOF_DIR_NAME} @ ${commit}: ${records.length} records`);

  const byId = new Map(records.map((r) => [r.id, r]));
  const wofRef = wofLookup(byId);

  const regions = currentRegions(variants, byId);
  const governorateOf = governorateLocator(regions);
  const blockRecords = collectBlockRecords(records);
  const clustering = clusterPlaces(records, variants, wofRef);
  const oldOnly = matchOldAreas(clustering.clusters, clustering.recordKeys, oldGz, governorateOf);
  const buildAliases = aliasBuilder(variants, oldGz);
  const { drafts, countryPolys } = draftPlaces({ clustering, oldOnly, variants, byId, blockRecords, governorateOf, buildAliases });
  const places = finalisePlaces(drafts);
  const governorates = buildGovernorates(regions, oldGz);
  const blocks = buildBlocks(blockRecords, places, variants, governorateOf);
  const outlineShapes = buildOutline(countryPolys, regions);
  writeOutputs({ commit, variants, governorates, places, blocks, outlineShapes });
  printReport();
}

main();
