/** Command-line options, paths, tuning constants and the report the build prints. */
import * as fs from 'node:fs';
import * as path from 'node:path';

export const REPO_ROOT = path.resolve(__dirname, '..', '..');
export const WOF_DIR_NAME = 'whosonfirst-data+whosonfirst-data-admin-bh';
export const BBOX = { minLat: 25.5, maxLat: 26.35, minLon: 50.3, maxLon: 50.85 };
export const SAME_PLACE_KM = 5;
export const COORD_DISAGREE_KM = 1.5;
export const NEAREST_BLOCK_PLACE_KM = 2.5;
export const OUTLINE_MAX_POINTS = 2000;
export const GOVERNORATE_MAX_POINTS = 2000;
export const MIN_ISLAND_KM2 = 0.05;

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

export const mirrorRoot = argValue('--mirror', '/work/.mirror');
export const outDir = path.resolve(REPO_ROOT, argValue('--out', path.join('classifiers', 'gazetteer')));
export const dryRun = process.argv.includes('--dry-run');
export const gazetteerDir = path.join(REPO_ROOT, 'classifiers', 'gazetteer');
const report: string[] = [];
export const note = (line: string): void => {
  report.push(line);
};

export function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

export function printReport(): void {
  process.stdout.write(`${report.join('\n')}\n`);
}
