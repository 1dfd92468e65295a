/** Reading the Who's On First records from the bare git directory of the snapshot. */
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';
import { ARABIC, stripArabic } from './names';
import type { CoordSource, Geometry, WofRecord } from './types';

export function findGitDir(root: string, name: string): string {
  const base = path.join(root, name);
  for (const candidate of [path.join(base, 'repo'), base, path.join(base, '.git')]) {
    if (fs.existsSync(path.join(candidate, 'HEAD')) && fs.existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  throw new Error(`no git directory for ${name} under ${root}: fetch github:${name.replace('+', '/')} first`);
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

export function readWof(gitDir: string): { commit: string; records: WofRecord[] } {
  const commit = git(gitDir, ['rev-parse', 'HEAD']).trim();
  const files = git(gitDir, ['ls-tree', '-r', '--name-only', commit])
    .split('\n')
    .filter((f) => /^data\/.*\/\d+\.geojson$/.test(f));
  const records: WofRecord[] = [];
  for (const file of files) {
    const feature = JSON.parse(git(gitDir, ['show', `${commit}:${file}`])) as { id: number; properties: Record<string, unknown>; geometry: Geometry };
    const props = feature.properties;
    // Only Arabic, English and undetermined-language names: WOF also carries Persian, Urdu,
    // Pashto, Lithuanian... forms that nobody writing about Bahrain uses.
    const names: string[] = [String(props['wof:name'] ?? '')];
    for (const [k, v] of Object.entries(props)) {
      if (!/^name:(ara|eng|und)_/.test(k) || !Array.isArray(v)) continue;
      for (const s of v) if (typeof s === 'string') names.push(s);
    }
    const arabic = [...new Set(names.filter((s) => ARABIC.test(s) && !/[پچژگکیۀہےۓە]/.test(s)).map(stripArabic))];
    const latin = [...new Set(names.filter((s) => s.length > 0 && !ARABIC.test(s)))];
    const g = feature.geometry;
    const srcGeom = String(props['src:geom'] ?? '');
    const src: CoordSource = srcGeom === 'geonames' ? 'geonames' : srcGeom.startsWith('quattroshapes') || srcGeom === 'qs_pg' ? 'quattroshapes' : srcGeom === 'mz' ? 'mapzen' : 'wof';
    let lat = Number(props['geom:latitude']);
    let lon = Number(props['geom:longitude']);
    if (g.type === 'Point') [lon, lat] = g.coordinates;
    records.push({
      id: Number(props['wof:id'] ?? feature.id),
      path: file,
      props,
      geometry: g,
      placetype: String(props['wof:placetype'] ?? ''),
      name: String(props['wof:name'] ?? ''),
      arabic,
      latin,
      lat,
      lon,
      src,
    });
  }
  return { commit, records };
}

export function isBlockRecord(r: WofRecord): boolean {
  return r.placetype === 'neighbourhood' && [r.name, ...r.latin, ...r.arabic].some((n) => /block\s*\d{3,4}|مجمع\s*\d{3,4}/i.test(n));
}

export function isCurrent(r: WofRecord): boolean {
  const deprecated = String(r.props['edtf:deprecated'] ?? '');
  const superseded = r.props['wof:superseded_by'];
  return deprecated === '' && !(Array.isArray(superseded) && superseded.length > 0);
}

/** Coordinates given to the minute only (GeoNames places digitised from old maps). */
export function isMinutePrecision(lat: number, lon: number): boolean {
  const frac = (v: number): number => Math.abs(v * 60 - Math.round(v * 60));
  return frac(lat) < 0.005 && frac(lon) < 0.005;
}

/** Block points are kept even when WOF marks them not current (mz:is_current -1 is their default). */
export function isCurrentOrBlock(r: WofRecord): boolean {
  return String(r.props['edtf:deprecated'] ?? '') === '';
}

/** The record a variants.json key ('wof:<id>') names. */
export function wofLookup(byId: Map<number, WofRecord>): (key: string) => WofRecord {
  const wofRef = (key: string): WofRecord => {
    const r = byId.get(Number(key.replace(/^wof:/, '')));
    if (!r) throw new Error(`variants.json names ${key}, which is not in the WOF snapshot`);
    return r;
  };
  return wofRef;
}
