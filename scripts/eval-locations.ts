/**
 * Location extraction measured on real Bahraini sentences whose text is not in this repository
 * (third-party news text is never committed). test/fixtures/location/real-pointers.jsonl holds,
 * per sentence, its id, source URL, the SHA-1 of its text and the hand label; the texts are given
 * from outside as JSON lines {id, text}:
 *
 *   npm run eval:locations -- --texts /path/to/sentences.jsonl
 *
 * Prints the whole-location exact-match rate on the sentences that name a place or address,
 * spurious addresses and areas on the others, and every miss. A text whose SHA-1 differs from its
 * pointer is reported and left out (the page changed or the wrong file was given).
 */
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { createClassifier } from '../classifiers';
import { existingFile, parseCli, runCli, UsageError } from './cli-args';

type Loc = { block?: string; road?: string; roadName?: string; building?: string; area?: string; governorate?: string };
interface Pointer {
  id: string;
  url: string;
  sha1: string;
  location: Loc;
}

function readJsonl<T>(file: string): T[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim())
    .map((l) => JSON.parse(l) as T);
}

/** Spelling-insensitive comparison: diacritics, tatweel, hamza/alef-maqsura/ta-marbuta, a leading شارع/طريق, spaces, digit script. */
function norm(s: string | undefined): string | undefined {
  return s === undefined
    ? undefined
    : s
        .replace(/[\u0640\u064B-\u0652]/g, '')
        .replace(/[أإآٱ]/g, 'ا')
        .replace(/ى/g, 'ي')
        .replace(/ة/g, 'ه')
        .replace(/^(شارع|طريق)\s+/, '')
        .replace(/\s+/g, '')
        .replace(/[٠-٩]/g, (d) => String(d.charCodeAt(0) - 0x660));
}

const FIELDS = ['block', 'road', 'building', 'area'] as const;

const USAGE = 'usage: npm run eval:locations -- --texts <sentences.jsonl> [--pointers <real-pointers.jsonl>]';

function main(argv: string[]): void {
  const { values } = parseCli(argv, { texts: { type: 'string' }, pointers: { type: 'string' } });
  if (!values.texts) throw new UsageError('--texts is required');
  const textsFile = existingFile(values.texts, '--texts');
  const pointersFile = existingFile(values.pointers ?? path.join(__dirname, '..', 'test', 'fixtures', 'location', 'real-pointers.jsonl'), '--pointers');
  const texts = new Map(readJsonl<{ id: string; text: string }>(textsFile).map((t) => [t.id, t.text]));
  const pointers = readJsonl<Pointer>(pointersFile);
  const clf = createClassifier({ model: false });

  let addrN = 0;
  let addrExact = 0;
  let nonN = 0;
  let spuriousAddr = 0;
  let spuriousArea = 0;
  const missing: string[] = [];
  const changed: string[] = [];
  const misses: string[] = [];
  for (const p of pointers) {
    const text = texts.get(p.id);
    if (text === undefined) {
      missing.push(p.id);
      continue;
    }
    if (createHash('sha1').update(text, 'utf8').digest('hex') !== p.sha1) {
      changed.push(p.id);
      continue;
    }
    const gold = p.location ?? {};
    const got = clf.classify(text).location as Loc;
    const want: Loc = { block: gold.block, road: gold.road ?? gold.roadName, building: gold.building, area: gold.area };
    const pred: Loc = { block: got.block, road: got.road, building: got.building, area: got.area };
    // An area inferred from a known block counts as right when the label names only the block.
    if (want.area === undefined && want.block !== undefined && norm(pred.block) === norm(want.block)) pred.area = undefined;
    const bad = FIELDS.filter((k) => norm(want[k]) !== norm(pred[k]));
    const isAddress = FIELDS.some((k) => want[k] !== undefined);
    const show = `${p.id} [${bad.join(',')}] ${p.url}\n  text: ${text}\n  gold: ${JSON.stringify(gold)}\n  got:  ${JSON.stringify(pred)}`;
    if (isAddress) {
      addrN++;
      if (bad.length === 0) addrExact++;
      else misses.push(`ADDRESS ${show}`);
    } else {
      nonN++;
      const sa = pred.block !== undefined || pred.road !== undefined || pred.building !== undefined;
      if (sa) spuriousAddr++;
      if (pred.area !== undefined) spuriousArea++;
      if (sa || pred.area !== undefined) misses.push(`NONE    ${show}`);
    }
  }
  const pct = (a: number, b: number): string => (b === 0 ? '-' : ((100 * a) / b).toFixed(1) + '%');
  console.log(`sentences: ${pointers.length} pointers, ${texts.size} texts given; missing ${missing.length}, text changed (SHA-1) ${changed.length}`);
  if (missing.length) console.log(`  missing: ${missing.join(' ')}`);
  if (changed.length) console.log(`  SHA-1 mismatch: ${changed.join(' ')}`);
  console.log(`address sentences: ${addrN}, whole-location exact: ${addrExact} (${pct(addrExact, addrN)})`);
  console.log(`non-address sentences: ${nonN}, spurious block/road/building: ${spuriousAddr}, spurious area: ${spuriousArea}`);
  console.log(`\nmisses (${misses.length}):`);
  for (const m of misses) console.log(m);
}

runCli(USAGE, main);
