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
import { execFileSync } from 'node:child_process';
import * as fs from 'node:fs';
import * as path from 'node:path';

// ---------------------------------------------------------------------------------------------
// Types

type LonLat = [number, number];
type Ring = LonLat[];
type PolygonRings = Ring[];
type Geometry =
  | { type: 'Point'; coordinates: LonLat }
  | { type: 'Polygon'; coordinates: PolygonRings }
  | { type: 'MultiPolygon'; coordinates: PolygonRings[] };

interface WofRecord {
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

type CoordSource = 'geonames' | 'quattroshapes' | 'mapzen' | 'wof';

interface CoordSpec {
  blocks?: string[];
  island?: [number, number, number, number];
}

interface PlaceOverride {
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

interface Variants {
  governorates: { id: GovId; wof: number; ar: string; en: string; add: string[] }[];
  separate: [string, string, string][];
  places: Record<string, PlaceOverride>;
  blockAreas: { names: Record<string, string> };
  bareArticleStop: string[];
  latinStop: string[];
}

interface OldArea {
  name: string;
  governorate: string | null;
  aliases: string[];
  cue?: number;
}

interface OldGazetteer {
  governorates: { name: string; aliases: string[] }[];
  areas: OldArea[];
  cueWords: string[];
  locativeWords: string[];
  addressKeywords: Record<string, string[]>;
  numberWords: string[];
}

type Kind = 'city' | 'town' | 'village' | 'district' | 'island';
type Cue = 0 | 1 | 2;
type GovId = 'capital' | 'muharraq' | 'northern' | 'southern';

interface Cluster {
  records: WofRecord[];
  key?: string;
  override: PlaceOverride;
  old: OldArea[];
}

interface CoordCheck {
  chosen: string;
  other: string;
  km: number;
}

interface Place {
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

// ---------------------------------------------------------------------------------------------
// Arguments and inputs

const REPO_ROOT = path.resolve(__dirname, '..', '..');
const WOF_DIR_NAME = 'whosonfirst-data+whosonfirst-data-admin-bh';
const BBOX = { minLat: 25.5, maxLat: 26.35, minLon: 50.3, maxLon: 50.85 };
const SAME_PLACE_KM = 5;
const COORD_DISAGREE_KM = 1.5;
const NEAREST_BLOCK_PLACE_KM = 2.5;
const OUTLINE_MAX_POINTS = 2000;
const GOVERNORATE_MAX_POINTS = 2000;
const MIN_ISLAND_KM2 = 0.05;

function argValue(name: string, fallback: string): string {
  const i = process.argv.indexOf(name);
  return i >= 0 && i + 1 < process.argv.length ? process.argv[i + 1] : fallback;
}

const mirrorRoot = argValue('--mirror', '/work/.mirror');
const outDir = path.resolve(REPO_ROOT, argValue('--out', path.join('classifiers', 'gazetteer')));
const dryRun = process.argv.includes('--dry-run');
const gazetteerDir = path.join(REPO_ROOT, 'classifiers', 'gazetteer');
const report: string[] = [];
const note = (line: string): void => {
  report.push(line);
};

function readJson<T>(file: string): T {
  return JSON.parse(fs.readFileSync(file, 'utf8')) as T;
}

function findGitDir(root: string, name: string): string {
  const base = path.join(root, name);
  for (const candidate of [path.join(base, 'repo'), base, path.join(base, '.git')]) {
    if (fs.existsSync(path.join(candidate, 'HEAD')) && fs.existsSync(path.join(candidate, 'objects'))) return candidate;
  }
  throw new Error(`no git directory for ${name} under ${root}: fetch github:${name.replace('+', '/')} first`);
}

function git(gitDir: string, args: string[]): string {
  return execFileSync('git', ['--git-dir', gitDir, ...args], { encoding: 'utf8', maxBuffer: 256 * 1024 * 1024 });
}

// ---------------------------------------------------------------------------------------------
// Text normalisation

const AR_MARKS = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;
const ARABIC = /[\u0600-\u06ff]/;

function stripArabic(s: string): string {
  return s.normalize('NFC').replace(AR_MARKS, '').replace(/\s+/g, ' ').trim();
}

/** The folding the classifier's normalizer applies (hamza carriers, alef maqsura, ta marbuta). */
function foldArabic(s: string): string {
  return stripArabic(s)
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي');
}

/** Matching key: folded, the article and word breaks removed, أبو/ابو written بو. */
function arabicKey(s: string): string {
  return foldArabic(s)
    .split(' ')
    .map((w) => (w === 'ابو' ? 'بو' : w.startsWith('ال') && w.length > 3 ? w.slice(2) : w))
    .join('');
}

function latinFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[åÅ]/g, 'a')
    .replace(/[‘’`ʻʿʾ´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'adh']);

function latinKey(s: string): string {
  const words = latinFold(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  return words.filter((w, i) => !(i === 0 && LATIN_ARTICLES.has(w) && words.length > 1)).join('');
}

function keyOf(s: string): string {
  return ARABIC.test(s) ? `a:${arabicKey(s)}` : `l:${latinKey(s)}`;
}

function slug(s: string): string {
  return latinFold(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}

// ---------------------------------------------------------------------------------------------
// Geometry

const KM_PER_DEG = 111.32;

function distanceKm(lat1: number, lon1: number, lat2: number, lon2: number): number {
  const r = 6371.0088;
  const p1 = (lat1 * Math.PI) / 180;
  const p2 = (lat2 * Math.PI) / 180;
  const dp = p2 - p1;
  const dl = ((lon2 - lon1) * Math.PI) / 180;
  const a = Math.sin(dp / 2) ** 2 + Math.cos(p1) * Math.cos(p2) * Math.sin(dl / 2) ** 2;
  return 2 * r * Math.asin(Math.sqrt(a));
}

function polygonsOf(g: Geometry): PolygonRings[] {
  if (g.type === 'Polygon') return [g.coordinates];
  if (g.type === 'MultiPolygon') return g.coordinates;
  return [];
}

function inRing(lon: number, lat: number, ring: Ring): boolean {
  let inside = false;
  for (let i = 0, j = ring.length - 1; i < ring.length; j = i++) {
    const [xi, yi] = ring[i];
    const [xj, yj] = ring[j];
    if (yi > lat !== yj > lat && lon < ((xj - xi) * (lat - yi)) / (yj - yi) + xi) inside = !inside;
  }
  return inside;
}

function inPolygons(lon: number, lat: number, polys: PolygonRings[]): boolean {
  return polys.some((p) => inRing(lon, lat, p[0]) && !p.slice(1).some((h) => inRing(lon, lat, h)));
}

/** Signed area in km² (equirectangular about the ring's own latitude) and centroid. */
function ringStats(ring: Ring): { km2: number; lon: number; lat: number } {
  const lat0 = ring.reduce((s, p) => s + p[1], 0) / ring.length;
  const kx = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  let a = 0;
  let cx = 0;
  let cy = 0;
  for (let i = 0; i + 1 < ring.length; i++) {
    const x0 = ring[i][0] * kx;
    const y0 = ring[i][1] * KM_PER_DEG;
    const x1 = ring[i + 1][0] * kx;
    const y1 = ring[i + 1][1] * KM_PER_DEG;
    const f = x0 * y1 - x1 * y0;
    a += f;
    cx += (x0 + x1) * f;
    cy += (y0 + y1) * f;
  }
  a /= 2;
  if (a === 0) return { km2: 0, lon: ring[0][0], lat: ring[0][1] };
  return { km2: Math.abs(a), lon: cx / (6 * a) / kx, lat: cy / (6 * a) / KM_PER_DEG };
}

/** Douglas–Peucker on one closed ring, distances in km. */
function simplifyRing(ring: Ring, toleranceKm: number): Ring {
  if (ring.length <= 4) return ring;
  const lat0 = ring[0][1];
  const kx = KM_PER_DEG * Math.cos((lat0 * Math.PI) / 180);
  const xy = ring.map((p) => [p[0] * kx, p[1] * KM_PER_DEG] as const);
  const keep = new Uint8Array(ring.length);
  keep[0] = 1;
  keep[ring.length - 1] = 1;
  // A closed ring: split at the point farthest from the start so both halves are proper chords.
  let far = 1;
  let farD = -1;
  for (let i = 1; i < ring.length - 1; i++) {
    const d = Math.hypot(xy[i][0] - xy[0][0], xy[i][1] - xy[0][1]);
    if (d > farD) {
      farD = d;
      far = i;
    }
  }
  keep[far] = 1;
  const stack: [number, number][] = [
    [0, far],
    [far, ring.length - 1],
  ];
  while (stack.length > 0) {
    const [s, e] = stack.pop() as [number, number];
    if (e - s < 2) continue;
    const [ax, ay] = xy[s];
    const [bx, by] = xy[e];
    const len = Math.hypot(bx - ax, by - ay);
    let best = -1;
    let bestD = -1;
    for (let i = s + 1; i < e; i++) {
      const [px, py] = xy[i];
      const d = len === 0 ? Math.hypot(px - ax, py - ay) : Math.abs((bx - ax) * (ay - py) - (ax - px) * (by - ay)) / len;
      if (d > bestD) {
        bestD = d;
        best = i;
      }
    }
    if (bestD > toleranceKm) {
      keep[best] = 1;
      stack.push([s, best], [best, e]);
    }
  }
  const out = ring.filter((_, i) => keep[i] === 1);
  return out.length >= 4 ? out : ring.length >= 4 ? [ring[0], ring[Math.floor(ring.length / 3)], ring[Math.floor((2 * ring.length) / 3)], ring[0]] : ring;
}

function round5(v: number): number {
  return Math.round(v * 1e5) / 1e5;
}

/** Simplifies outer rings to at most maxPoints in total, choosing the tolerance by bisection. */
function simplifyRings(rings: Ring[], maxPoints: number): { rings: Ring[]; toleranceKm: number } {
  const run = (tol: number): Ring[] => rings.map((r) => simplifyRing(r, tol).map((p) => [round5(p[0]), round5(p[1])] as LonLat));
  const count = (rs: Ring[]): number => rs.reduce((s, r) => s + r.length, 0);
  let lo = 0;
  let hi = 2;
  if (count(run(lo)) <= maxPoints) return { rings: run(lo), toleranceKm: 0 };
  for (let i = 0; i < 40; i++) {
    const mid = (lo + hi) / 2;
    if (count(run(mid)) > maxPoints) lo = mid;
    else hi = mid;
  }
  return { rings: run(hi), toleranceKm: hi };
}

// ---------------------------------------------------------------------------------------------
// Who's On First

function readWof(gitDir: string): { commit: string; records: WofRecord[] } {
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

function isBlockRecord(r: WofRecord): boolean {
  return r.placetype === 'neighbourhood' && [r.name, ...r.latin, ...r.arabic].some((n) => /block\s*\d{3,4}|مجمع\s*\d{3,4}/i.test(n));
}

function isCurrent(r: WofRecord): boolean {
  const deprecated = String(r.props['edtf:deprecated'] ?? '');
  const superseded = r.props['wof:superseded_by'];
  return deprecated === '' && !(Array.isArray(superseded) && superseded.length > 0);
}

/** Coordinates given to the minute only (GeoNames places digitised from old maps). */
function isMinutePrecision(lat: number, lon: number): boolean {
  const frac = (v: number): number => Math.abs(v * 60 - Math.round(v * 60));
  return frac(lat) < 0.005 && frac(lon) < 0.005;
}

// ---------------------------------------------------------------------------------------------
// Alias generation

const JOINABLE_PREFIXES = ['جد', 'أبو', 'ابو', 'بو'];

function arabicVariants(name: string, allowBare: (bare: string) => boolean): string[] {
  const base = stripArabic(name);
  const out = new Set<string>([base]);
  const add = (s: string): void => {
    out.add(s);
  };
  const words = base.split(' ');
  if (words.length === 2 && JOINABLE_PREFIXES.includes(words[0])) add(words.join(''));
  if (words.length >= 2 && (words[0] === 'أبو' || words[0] === 'ابو')) {
    const rest = words.slice(1).join(' ');
    add(`بو ${rest}`);
    add(`بو${rest}`);
  }
  if (words.length >= 2 && words[0] === 'بو') add(`أبو ${words.slice(1).join(' ')}`);
  if (words.length === 3 && words[1] === 'بو') add(`${words[0]} بو${words[2]}`);
  if (words.length === 2 && words[1].startsWith('بو') && words[1].length > 4) add(`${words[0]} بو ${words[1].slice(2)}`);
  if (words.length === 1 && words[0].startsWith('ال') && words[0].length >= 6) {
    const bare = words[0].slice(2);
    if (allowBare(bare)) add(bare);
  }
  for (const s of [...out]) {
    add(s.replace(/[أإآ]/g, 'ا'));
    add(s.replace(/ة(?=\s|$)/g, 'ه'));
    add(s.replace(/ى(?=\s|$)/g, 'ي'));
    add(s.replace(/[أإآ]/g, 'ا').replace(/ة(?=\s|$)/g, 'ه').replace(/ى(?=\s|$)/g, 'ي'));
  }
  return [...out];
}

function latinVariants(name: string, allowBare: boolean): string[] {
  const base = latinFold(name).replace(/[^a-z0-9' -]/g, '').replace(/\s+/g, ' ').trim();
  if (base.length === 0) return [];
  const out = new Set<string>([base]);
  for (const s of [...out]) {
    out.add(s.replace(/'/g, ''));
    out.add(s.replace(/-/g, ' '));
    out.add(s.replace(/'/g, '').replace(/-/g, ' '));
  }
  if (allowBare) {
    for (const s of [...out]) {
      const m = /^(al|el|ad|ar|as|ash|at|az|an)[ -](.{4,})$/.exec(s);
      if (m) out.add(m[2]);
    }
  }
  // A leading ʿayn written as an apostrophe ("'awali", "al 'awali") is dropped: the same name
  // without it is in the list, and nobody types it.
  return [...out].map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length >= 3 && !/(^|\s)'/.test(s));
}

// ---------------------------------------------------------------------------------------------
// Build

function main(): void {
  const wofDir = findGitDir(mirrorRoot, WOF_DIR_NAME);
  const { commit, records } = readWof(wofDir);
  const variants = readJson<Variants>(path.join(gazetteerDir, 'variants.json'));
  const oldGz = readJson<OldGazetteer>(path.join(gazetteerDir, 'bahrain.json'));
  note(`WOF ${WOF_DIR_NAME} @ ${commit}: ${records.length} records`);

  const byId = new Map(records.map((r) => [r.id, r]));
  const wofRef = (key: string): WofRecord => {
    const r = byId.get(Number(key.replace(/^wof:/, '')));
    if (!r) throw new Error(`variants.json names ${key}, which is not in the WOF snapshot`);
    return r;
  };

  // --- governorates (current regions) -------------------------------------------------------
  const regions = variants.governorates.map((g) => {
    const r = byId.get(g.wof);
    if (!r) throw new Error(`region ${g.wof} missing`);
    return { def: g, record: r, polys: polygonsOf(r.geometry) };
  });
  const governorateOf = (lat: number, lon: number): { id: GovId; how: 'inside' | 'nearest' } => {
    for (const reg of regions) if (inPolygons(lon, lat, reg.polys)) return { id: reg.def.id, how: 'inside' };
    let best: GovId = regions[0].def.id;
    let bestD = Infinity;
    for (const reg of regions) {
      for (const p of reg.polys) {
        for (const [x, y] of p[0]) {
          const d = distanceKm(lat, lon, y, x);
          if (d < bestD) {
            bestD = d;
            best = reg.def.id;
          }
        }
      }
    }
    return { id: best, how: 'nearest' };
  };
  const oldGovToId = (name: string | null): GovId | null => {
    switch (name) {
      case 'العاصمة':
        return 'capital';
      case 'المحرق':
        return 'muharraq';
      case 'الشمالية':
        return 'northern';
      case 'الجنوبية':
        return 'southern';
      default:
        return null;
    }
  };

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

  // --- clusters of WOF localities and neighbourhoods -------------------------------------------
  const dropSets = new Map<number, Set<string>>();
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:') || !o.drop) continue;
    const ids = [key, ...(o.merge ?? [])].map((k) => wofRef(k).id);
    for (const id of ids) {
      const set = dropSets.get(id) ?? new Set<string>();
      for (const d of o.drop) set.add(keyOf(d));
      dropSets.set(id, set);
    }
  }
  const places0 = records.filter((r) => (r.placetype === 'locality' || r.placetype === 'neighbourhood') && !isBlockRecord(r) && isCurrent(r));
  const recordKeys = new Map<number, Set<string>>();
  for (const r of places0) {
    const drops = dropSets.get(r.id) ?? new Set<string>();
    const keys = new Set<string>();
    for (const n of [...r.arabic, ...r.latin]) {
      const k = keyOf(n);
      if (k.length > 3 && !drops.has(k)) keys.add(k);
    }
    recordKeys.set(r.id, keys);
  }
  const parent = new Map<number, number>(places0.map((r) => [r.id, r.id]));
  const find = (id: number): number => {
    let p = parent.get(id) as number;
    while (p !== id) {
      id = p;
      p = parent.get(id) as number;
    }
    return p;
  };
  const union = (a: number, b: number): void => {
    parent.set(find(a), find(b));
  };
  const separate = new Set(variants.separate.map(([a, b]) => [wofRef(a).id, wofRef(b).id].sort().join('|')));
  for (let i = 0; i < places0.length; i++) {
    for (let j = i + 1; j < places0.length; j++) {
      const a = places0[i];
      const b = places0[j];
      if (separate.has([a.id, b.id].sort().join('|'))) continue;
      const ka = recordKeys.get(a.id) as Set<string>;
      const shared = [...(recordKeys.get(b.id) as Set<string>)].filter((k) => ka.has(k));
      if (shared.length === 0) continue;
      const d = distanceKm(a.lat, a.lon, b.lat, b.lon);
      if (d < SAME_PLACE_KM) {
        union(a.id, b.id);
        note(`merge wof:${a.id} '${a.name}' + wof:${b.id} '${b.name}' (${d.toFixed(1)} km, shared ${shared.join(', ')})`);
      } else {
        note(`same name, kept apart (${d.toFixed(1)} km): wof:${a.id} '${a.name}' / wof:${b.id} '${b.name}'`);
      }
    }
  }
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:')) continue;
    for (const m of o.merge ?? []) union(wofRef(key).id, wofRef(m).id);
  }
  const clusterMap = new Map<number, Cluster>();
  for (const r of places0) {
    const root = find(r.id);
    const c = clusterMap.get(root) ?? { records: [], override: {}, old: [] };
    c.records.push(r);
    clusterMap.set(root, c);
  }
  const clusters = [...clusterMap.values()];
  const clusterOf = (wofKey: string): Cluster => {
    const id = wofRef(wofKey).id;
    const c = clusters.find((x) => x.records.some((r) => r.id === id));
    if (!c) throw new Error(`${wofKey} is not a current locality/neighbourhood`);
    return c;
  };
  for (const [key, o] of Object.entries(variants.places)) {
    if (!key.startsWith('wof:')) continue;
    const c = clusterOf(key);
    if (c.key) throw new Error(`${key} and ${c.key} are in one cluster; give one override`);
    c.key = key;
    c.override = o;
  }
  for (const c of clusters) if (!c.key) note(`no override for cluster ${c.records.map((r) => `wof:${r.id} '${r.name}'`).join(' + ')}`);

  // --- chosen coordinates and governorate of a cluster ----------------------------------------
  const rank = (r: WofRecord, prefer?: CoordSource): number => {
    if (prefer && r.src === prefer) return 0;
    const minute = isMinutePrecision(r.lat, r.lon);
    switch (r.src) {
      case 'geonames':
        return minute ? 5 : 1;
      case 'mapzen':
        return 2;
      case 'quattroshapes':
        return 3;
      default:
        return 4;
    }
  };
  const clusterCoord = (c: Cluster): { lat: number; lon: number; src: string; record: WofRecord; checks: CoordCheck[] } => {
    const sorted = [...c.records].sort((a, b) => rank(a, c.override.coordPrefer) - rank(b, c.override.coordPrefer) || a.id - b.id);
    const best = sorted[0];
    const checks: CoordCheck[] = [];
    for (const r of sorted.slice(1)) {
      const km = distanceKm(best.lat, best.lon, r.lat, r.lon);
      if (km > COORD_DISAGREE_KM) checks.push({ chosen: `${best.src} wof:${best.id}`, other: `${r.src} wof:${r.id} (${round5(r.lat)}, ${round5(r.lon)})`, km: Math.round(km * 10) / 10 });
    }
    return { lat: best.lat, lon: best.lon, src: best.src, record: best, checks };
  };

  // --- old gazetteer areas -> clusters --------------------------------------------------------
  const explicitOld = new Map<string, Cluster>();
  for (const c of clusters) for (const n of c.override.old ?? []) explicitOld.set(n, c);
  const clusterKeys = (c: Cluster): Set<string> => {
    const keys = new Set<string>();
    for (const r of c.records) for (const k of recordKeys.get(r.id) ?? []) keys.add(k);
    if (c.override.ar) keys.add(keyOf(c.override.ar));
    if (c.override.en) keys.add(keyOf(c.override.en));
    for (const a of c.override.add ?? []) keys.add(keyOf(a));
    for (const d of c.override.drop ?? []) keys.delete(keyOf(d));
    return keys;
  };
  const oldOnly: OldArea[] = [];
  for (const area of oldGz.areas) {
    let target = explicitOld.get(area.name);
    if (!target) {
      const want = new Set([area.name, ...area.aliases].map(keyOf));
      const primary = keyOf(area.name);
      const candidates = clusters.filter((c) => !c.override.noOld && [...clusterKeys(c)].some((k) => want.has(k)));
      if (candidates.length > 1) {
        const byPrimary = candidates.filter((c) => clusterKeys(c).has(primary));
        const oldGov = oldGovToId(area.governorate);
        const byGov = byPrimary.filter((c) => {
          const cc = clusterCoord(c);
          return oldGov === null || governorateOf(cc.lat, cc.lon).id === oldGov;
        });
        target = byGov.length === 1 ? byGov[0] : byPrimary.length === 1 ? byPrimary[0] : undefined;
        if (!target) note(`old area ${area.name}: ambiguous (${candidates.map((c) => c.key ?? c.records[0].name).join(', ')}), kept apart`);
      } else {
        target = candidates[0];
      }
    }
    if (target) target.old.push(area);
    else oldOnly.push(area);
  }

  // --- assemble places -------------------------------------------------------------------------
  const cueWordKeys = new Set([...oldGz.cueWords, ...oldGz.locativeWords, ...oldGz.numberWords, ...Object.values(oldGz.addressKeywords).flat()].map(keyOf));
  const bareStop = new Set(variants.bareArticleStop.map(foldArabic));
  const latinStop = new Set(variants.latinStop.map((w) => latinFold(w).replace(/'/g, '')));
  const allowBare = (cue: Cue) => (bare: string): boolean => cue === 0 && !bareStop.has(foldArabic(bare)) && !cueWordKeys.has(keyOf(bare));

  interface Draft {
    place: Place;
    explicitAliases: Set<string>;
    primaryKeys: Set<string>;
  }
  const drafts: Draft[] = [];

  const buildAliases = (
    ar: string,
    en: string,
    cue: Cue,
    arabicNames: string[],
    latinNames: string[],
    add: string[],
    drop: string[],
  ): { aliases: string[]; explicit: Set<string> } => {
    const dropKeys = new Set(drop.map(keyOf));
    const dropExact = new Set(drop.map((d) => (ARABIC.test(d) ? foldArabic(d) : latinFold(d))));
    const out = new Set<string>();
    const explicit = new Set<string>();
    const push = (s: string, isExplicit: boolean): void => {
      const dropped = ARABIC.test(s)
        ? dropExact.has(foldArabic(s)) || dropKeys.has(keyOf(s))
        : dropExact.has(latinFold(s)) || dropKeys.has(keyOf(s)) || latinStop.has(latinFold(s).replace(/'/g, ''));
      if (dropped && !isExplicit) return;
      out.add(s);
      if (isExplicit) explicit.add(s);
    };
    for (const s of [ar, ...arabicNames]) for (const v of arabicVariants(s, allowBare(cue))) push(v, false);
    for (const s of [en, ...latinNames]) for (const v of latinVariants(s, cue === 0)) push(v, false);
    for (const s of add) {
      if (ARABIC.test(s)) for (const v of arabicVariants(s, () => false)) push(v, true);
      else for (const v of latinVariants(s, false)) push(v, true);
    }
    out.delete(ar);
    return { aliases: [...out], explicit };
  };

  const sourceIdsOf = (c: Cluster): string[] => c.records.map((r) => `wof:${r.id}`).sort();

  for (const c of clusters) {
    const o = c.override;
    const cc = clusterCoord(c);
    const first = c.records[0];
    const en = o.en ?? latinFold(first.latin.find((n) => /^[A-Za-z]/.test(n)) ?? first.name);
    const ar = o.ar ?? first.arabic[0] ?? c.old[0]?.name ?? '';
    const oldCue = c.old.map((a) => a.cue ?? 0).reduce((m, v) => Math.max(m, v), 0) as Cue;
    const cue: Cue = o.cue ?? oldCue;
    if (o.cue !== undefined && c.old.length > 0 && o.cue !== oldCue) note(`cue ${ar}: old ${oldCue} -> ${o.cue}`);
    const pip = governorateOf(cc.lat, cc.lon);
    const gov = o.governorate ? { id: o.governorate, how: 'inside' as const } : pip;
    const arabicNames = [...new Set(c.records.flatMap((r) => r.arabic.filter((n) => !(dropSets.get(r.id) ?? new Set()).has(keyOf(n)))))];
    const latinNames = [...new Set(c.records.flatMap((r) => r.latin.filter((n) => !(dropSets.get(r.id) ?? new Set()).has(keyOf(n)))))];
    const oldNames = c.old.flatMap((a) => [a.name, ...a.aliases]);
    const { aliases, explicit } = buildAliases(ar, en, cue, arabicNames, latinNames, [...(o.add ?? []), ...oldNames], o.drop ?? []);
    const kind: Kind = o.kind ?? (c.records.every((r) => r.placetype === 'neighbourhood') ? 'district' : 'village');
    const place: Place = {
      id: o.id ?? slug(en),
      ar,
      en,
      kind,
      governorate: gov.id,
      aliases,
      lat: round5(cc.lat),
      lon: round5(cc.lon),
      cue,
      sources: [...sourceIdsOf(c), ...(c.old.length > 0 ? ['rasid-gazetteer'] : []), ...(c.key ? ['variants'] : [])],
      coord: cc.src,
    };
    if (isMinutePrecision(cc.lat, cc.lon)) place.coordPrecision = 'minute';
    if (cc.checks.length > 0) {
      place.coordCheck = cc.checks;
      for (const k of cc.checks) note(`coordinates disagree for ${en}: ${k.km} km between ${k.chosen} (chosen) and ${k.other}`);
    }
    if (o.governorate && o.governorate !== pip.id) {
      place.governorateCheck = `the WOF governorate polygons put the point in ${pip.id}; set to ${o.governorate} by hand (see variants.json)`;
      note(`governorate ${ar}: polygons ${pip.id}, set by hand to ${o.governorate}`);
    }
    for (const a of c.old) {
      const og = oldGovToId(a.governorate);
      if (og !== null && og !== gov.id) {
        place.governorateCheck = `bahrain.json says ${og}; the WOF governorate polygons put the point in ${gov.id}`;
        note(`governorate ${ar}: bahrain.json ${og}, polygons ${gov.id}`);
      }
    }
    if (gov.how === 'nearest') note(`governorate ${ar}: point outside every polygon, nearest is ${gov.id}`);
    drafts.push({ place, explicitAliases: explicit, primaryKeys: new Set([keyOf(ar), keyOf(en)]) });
  }

  // Old-only and new places: coordinates from block points or island polygons, if any.
  const country = byId.get(85632167);
  if (!country) throw new Error('country record 85632167 missing');
  const countryPolys = polygonsOf(country.geometry);
  const coordFromSpec = (spec: CoordSpec | undefined, label: string): { lat: number; lon: number; src: string; sources: string[] } | null => {
    if (!spec) return null;
    if (spec.blocks) {
      const pts = spec.blocks.map((b) => {
        const br = blockRecords.get(b);
        if (!br) throw new Error(`${label}: block ${b} is not in WOF`);
        return br.record;
      });
      return {
        lat: pts.reduce((s, r) => s + r.lat, 0) / pts.length,
        lon: pts.reduce((s, r) => s + r.lon, 0) / pts.length,
        src: `wof-block-points ${spec.blocks.join('+')}`,
        sources: pts.map((r) => `wof:${r.id}`),
      };
    }
    if (spec.island) {
      const [x0, y0, x1, y1] = spec.island;
      let a = 0;
      let sx = 0;
      let sy = 0;
      let n = 0;
      for (const p of countryPolys) {
        const st = ringStats(p[0]);
        if (st.lon < x0 || st.lon > x1 || st.lat < y0 || st.lat > y1) continue;
        a += st.km2;
        sx += st.lon * st.km2;
        sy += st.lat * st.km2;
        n++;
      }
      if (n === 0) throw new Error(`${label}: no WOF polygon in ${spec.island.join(',')}`);
      note(`${label}: centroid of ${n} WOF country polygon(s), ${a.toFixed(2)} km²`);
      return { lat: sy / a, lon: sx / a, src: `wof-country-polygons (${n}, ${a.toFixed(2)} km²)`, sources: ['wof:85632167'] };
    }
    return null;
  };

  const extraPlace = (label: string, o: PlaceOverride, old: OldArea | null, fallbackAr: string): void => {
    const cue: Cue = o.cue ?? ((old?.cue ?? 0) as Cue);
    if (old && o.cue !== undefined && o.cue !== (old.cue ?? 0)) note(`cue ${old.name}: old ${old.cue ?? 0} -> ${o.cue}`);
    const ar = o.ar ?? fallbackAr;
    const firstLatin = old?.aliases.find((a) => !ARABIC.test(a));
    const en = o.en ?? (firstLatin ? firstLatin.replace(/\b[a-z]/g, (m) => m.toUpperCase()) : label);
    const coord = coordFromSpec(o.coord, label);
    const oldGov = oldGovToId(old?.governorate ?? null);
    let governorate: GovId | null = o.governorate ?? oldGov;
    let governorateCheck: string | undefined;
    if (coord) {
      const g = governorateOf(coord.lat, coord.lon);
      if (o.governorate === undefined) governorate = g.id;
      if (oldGov !== null && oldGov !== g.id) {
        governorateCheck = `bahrain.json says ${oldGov}; the WOF governorate polygons put the point in ${g.id}`;
        note(`governorate ${ar}: bahrain.json ${oldGov}, polygons ${g.id}`);
      }
    } else if (o.governorate && oldGov && o.governorate !== oldGov) {
      governorateCheck = `bahrain.json says ${oldGov}; set to ${o.governorate} by hand (see variants.json)`;
    }
    const names = old ? [old.name, ...old.aliases] : [];
    const { aliases, explicit } = buildAliases(ar, en, cue, [], [], [...(o.add ?? []), ...names], o.drop ?? []);
    const place: Place = {
      id: o.id ?? slug(en),
      ar,
      en,
      kind: o.kind ?? 'village',
      governorate,
      aliases,
      lat: coord ? round5(coord.lat) : null,
      lon: coord ? round5(coord.lon) : null,
      cue,
      sources: [...(coord?.sources ?? []), ...(old ? ['rasid-gazetteer'] : []), 'variants'],
      coord: coord?.src ?? null,
    };
    if (governorateCheck) place.governorateCheck = governorateCheck;
    if (!coord) note(`no coordinates in any source: ${ar} (${en})`);
    drafts.push({ place, explicitAliases: explicit, primaryKeys: new Set([keyOf(ar), keyOf(en)]) });
  };
  for (const area of oldOnly) {
    const o = variants.places[`old:${area.name}`];
    if (!o) note(`old area ${area.name} has no WOF match and no variants entry; added without coordinates`);
    extraPlace(area.name, o ?? {}, area, area.name);
  }
  for (const [key, o] of Object.entries(variants.places)) {
    if (key.startsWith('old:') && !oldOnly.some((a) => `old:${a.name}` === key)) note(`${key} in variants.json: that area matched a WOF place, entry unused`);
    if (key.startsWith('new:')) extraPlace(key.slice(4), o, null, o.ar ?? '');
  }

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
  const placeById = new Map(places.map((p) => [p.id, p]));

  // --- governorates ---------------------------------------------------------------------------
  const oldGovAliases = new Map<GovId, string[]>();
  for (const g of oldGz.governorates) {
    const id = oldGovToId(g.name);
    if (id) oldGovAliases.set(id, [g.name, ...g.aliases]);
  }
  const governorates = regions.map(({ def, record }) => {
    const lbl = { lat: Number(record.props['lbl:latitude'] ?? record.lat), lon: Number(record.props['lbl:longitude'] ?? record.lon) };
    const latin = record.latin.filter((n) => /governorate|muhafaz/i.test(n)).map(latinFold);
    const fromOld = (oldGovAliases.get(def.id) ?? []).filter((a) => !(def.id === 'muharraq' && a === 'المحرق'));
    const aliases = [...new Set([...def.add, ...fromOld, ...record.arabic.filter((a) => /محافظ/.test(a)), ...latin].map((a) => (ARABIC.test(a) ? stripArabic(a) : latinFold(a))))].filter(
      (a) => a !== def.ar,
    );
    return { id: def.id, ar: def.ar, en: def.en, aliases, lat: round5(lbl.lat), lon: round5(lbl.lon), sources: [`wof:${record.id}`, 'rasid-gazetteer', 'variants'] };
  });

  // --- blocks.json ------------------------------------------------------------------------------
  const located = places.filter((p) => p.lat !== null && p.lon !== null && p.kind !== 'island');
  const blocks: Record<string, { place: string | null; placeBy: 'name' | 'nearest'; sourceName?: string; nearestKm?: number; governorate: GovId; lat: number; lon: number; sources: string[] }> = {};
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

  // --- outline.json -----------------------------------------------------------------------------
  const outer = countryPolys.map((p) => p[0]).filter((r) => ringStats(r).km2 >= MIN_ISLAND_KM2);
  const droppedSmall = countryPolys.length - outer.length;
  const outline = simplifyRings(outer, OUTLINE_MAX_POINTS);
  const govRings = regions.map((reg) => ({ id: reg.def.id, rings: polygonsOf(reg.record.geometry).map((p) => p[0]).filter((r) => ringStats(r).km2 >= MIN_ISLAND_KM2) }));
  const allGov = simplifyRings(
    govRings.flatMap((g) => g.rings),
    GOVERNORATE_MAX_POINTS,
  );
  let cursor = 0;
  const governoratePolys = govRings.map((g) => {
    const rings = allGov.rings.slice(cursor, cursor + g.rings.length);
    cursor += g.rings.length;
    return { id: g.id, polygons: rings };
  });
  const outlinePoints = outline.rings.reduce((s, r) => s + r.length, 0);
  const govPoints = governoratePolys.reduce((s, g) => s + g.polygons.reduce((t, r) => t + r.length, 0), 0);
  note(`outline: ${outline.rings.length} polygons, ${outlinePoints} points (Douglas-Peucker ${(outline.toleranceKm * 1000).toFixed(1)} m; ${droppedSmall} islets under ${MIN_ISLAND_KM2} km² left out)`);
  note(`governorate polygons: ${govPoints} points (Douglas-Peucker ${(allGov.toleranceKm * 1000).toFixed(1)} m)`);

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
  process.stdout.write(`${report.join('\n')}\n`);
}

/** Block points are kept even when WOF marks them not current (mz:is_current -1 is their default). */
function isCurrentOrBlock(r: WofRecord): boolean {
  return String(r.props['edtf:deprecated'] ?? '') === '';
}

main();
