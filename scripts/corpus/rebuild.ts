/**
 * `npx tsx scripts/corpus/rebuild.ts [--mirrors DIR] [--pointers FILE] [--out FILE] [--packet FILE] [--pages FILE]`
 *
 * Rebuilds the real-text corpus (classifiers/corpus/README.md) from public git snapshots. The
 * repository holds only pointers (classifiers/corpus/pointers.jsonl); each text is cut out of a
 * file at a pinned commit, checked against its SHA-1 and written to data/corpus/texts.jsonl as
 * {id, source, text}. A failing pointer is reported with its id and line and the run goes on;
 * the exit code is 1 when any pointer failed.
 *
 * Mirrors: --mirrors DIR (default /work/.mirror) holds one folder per repository, named
 * `owner+name`: a bare snapshot in `owner+name/repo`, a snapshot with a work tree in
 * `owner+name/repo/.git`, or a plain `git clone` in `owner+name` (its `.git`, or bare).
 *
 * Pointer: {id, source, repo, commit, path, member?, line, start, end, decode?, sha1}.
 *  - The file is `git show <commit>:<path>`; when `member` is set, the file is a ZIP archive and
 *    the text comes from that member (stored or deflated).
 *  - The bytes are read as UTF-8. `line` is 1-based; `start`/`end` are JS string (UTF-16) offsets
 *    counted from the first character of that line. A span may run past the end of its line
 *    (it then includes the "\n" line breaks): that is how a field spread over several physical
 *    lines is addressed.
 *  - `decode` turns the raw span into the text: none (the span is the text), `json` (the inside
 *    of a JSON string literal), `csv` (the inside of a quoted CSV field: "" becomes ") or `py`
 *    (the inside of a Python string literal: \n \t \r \\ \' \" \xHH \uHHHH \UHHHHHHHH).
 *  - `sha1` is the SHA-1 (hex) of the text's UTF-8 bytes.
 *
 * --pages FILE adds the texts quoted from web pages (classifiers/corpus/pages/pointers.jsonl: URL
 * and SHA-1 only) from FILE, JSON lines with a `text` field, into data/corpus/page-texts.jsonl
 * (see page-texts.ts); a pointer whose text FILE lacks counts as failed.
 *
 * --packet FILE also writes an annotation packet: every text as {id, text}, shuffled with a fixed
 * seed, with opaque ids (`t` + 10 hex of SHA-1("rasid-packet-v1:" + id)) so that neither the id
 * nor the order hints at the source; FILE with `-key` before `.jsonl` maps each packet id to its
 * corpus id.
 */
import { execFileSync } from 'node:child_process';
import { createHash } from 'node:crypto';
import fs from 'node:fs';
import path from 'node:path';
import { parseArgs } from 'node:util';
import zlib from 'node:zlib';
import { rebuildPageTexts, type PagePointer } from './page-texts';
import { sha1Hex } from './sha1';

const ROOT = path.resolve(__dirname, '..', '..');
const USAGE = 'usage: npx tsx scripts/corpus/rebuild.ts [--mirrors DIR] [--pointers FILE] [--out FILE] [--packet FILE] [--pages FILE]';
const PAGE_POINTERS = path.join(ROOT, 'classifiers/corpus/pages/pointers.jsonl');
const PAGE_TEXTS = path.join(ROOT, 'data/corpus/page-texts.jsonl');
const DECODINGS = ['json', 'csv', 'py'] as const;
type Decoding = (typeof DECODINGS)[number];

export interface Pointer {
  id: string;
  source: string;
  repo: string;
  commit: string;
  path: string;
  member?: string;
  line: number;
  start: number;
  end: number;
  decode?: Decoding;
  sha1: string;
}

export { sha1Hex };

const PY_ESCAPE = /\\(x[0-9a-fA-F]{2}|u[0-9a-fA-F]{4}|U[0-9a-fA-F]{8}|[nrt\\'"])/g;
const PY_SIMPLE: Record<string, string> = { n: '\n', r: '\r', t: '\t', '\\': '\\', "'": "'", '"': '"' };

export function decodeSpan(raw: string, decoding: Decoding | undefined): string {
  switch (decoding) {
    case undefined:
      return raw;
    case 'json':
      return JSON.parse(`"${raw}"`) as string;
    case 'csv':
      return raw.replace(/""/g, '"');
    case 'py':
      return raw.replace(PY_ESCAPE, (_m, e: string) => (e.length > 1 ? String.fromCodePoint(parseInt(e.slice(1), 16)) : PY_SIMPLE[e]));
  }
}

/** The git directory of `owner/name` under the mirror root, or undefined. */
export function findGitDir(mirrors: string, repo: string): string | undefined {
  const base = path.join(mirrors, repo.replace('/', '+'));
  const isGitDir = (d: string) => fs.existsSync(path.join(d, 'HEAD')) && fs.existsSync(path.join(d, 'objects'));
  return [path.join(base, 'repo', '.git'), path.join(base, 'repo'), path.join(base, '.git'), base].find(isGitDir);
}

/** One member of a ZIP archive (stored or deflated), found through the central directory. */
export function unzipMember(zip: Buffer, name: string): Buffer {
  const eocd = zip.lastIndexOf(Buffer.from([0x50, 0x4b, 0x05, 0x06]));
  if (eocd < 0) throw new Error('not a ZIP archive');
  const count = zip.readUInt16LE(eocd + 10);
  let at = zip.readUInt32LE(eocd + 16);
  for (let i = 0; i < count; i++) {
    if (zip.readUInt32LE(at) !== 0x02014b50) throw new Error('bad ZIP central directory');
    const method = zip.readUInt16LE(at + 10);
    const size = zip.readUInt32LE(at + 20);
    const nameLen = zip.readUInt16LE(at + 28);
    const skip = nameLen + zip.readUInt16LE(at + 30) + zip.readUInt16LE(at + 32);
    const local = zip.readUInt32LE(at + 42);
    if (zip.toString('utf8', at + 46, at + 46 + nameLen) === name) {
      const data = local + 30 + zip.readUInt16LE(local + 26) + zip.readUInt16LE(local + 28);
      const body = zip.subarray(data, data + size);
      if (method === 0) return body;
      if (method === 8) return zlib.inflateRawSync(body);
      throw new Error(`ZIP compression method ${method} not supported`);
    }
    at += 46 + skip;
  }
  throw new Error(`no member ${name} in the archive`);
}

interface LoadedFile {
  text: string;
  lineStarts: number[];
}

function loadFile(gitDir: string, p: Pointer): LoadedFile {
  let bytes: Buffer = execFileSync('git', ['--git-dir', gitDir, 'show', `${p.commit}:${p.path}`], { maxBuffer: 1 << 30, stdio: ['ignore', 'pipe', 'pipe'] });
  if (p.member) bytes = unzipMember(bytes, p.member);
  const text = bytes.toString('utf8');
  const lineStarts = [0];
  for (let i = text.indexOf('\n'); i >= 0; i = text.indexOf('\n', i + 1)) lineStarts.push(i + 1);
  return { text, lineStarts };
}

/** Cuts a pointer's text out of its file; throws with the reason when it cannot. */
export function extract(file: LoadedFile, p: Pointer): string {
  const lineStart = file.lineStarts[p.line - 1];
  if (lineStart === undefined) throw new Error(`the file has ${file.lineStarts.length} lines`);
  const from = lineStart + p.start;
  const to = lineStart + p.end;
  if (p.start < 0 || p.end < p.start || to > file.text.length) throw new Error(`span ${p.start}..${p.end} is outside the file`);
  return decodeSpan(file.text.slice(from, to), p.decode);
}

/** Deterministic PRNG (mulberry32) seeded from a string, for the packet shuffle. */
function seededRandom(seed: string): () => number {
  let a = createHash('sha1').update(seed).digest().readUInt32LE(0);
  return () => {
    a = (a + 0x6d2b79f5) | 0;
    let t = Math.imul(a ^ (a >>> 15), 1 | a);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function packetId(id: string): string {
  return 't' + createHash('sha1').update(`rasid-packet-v1:${id}`).digest('hex').slice(0, 10);
}

function writePacket(file: string, texts: { id: string; text: string }[]): void {
  const items = texts.map((t) => ({ id: packetId(t.id), corpusId: t.id, text: t.text }));
  const random = seededRandom('rasid-packet-v1');
  for (let i = items.length - 1; i > 0; i--) {
    const j = Math.floor(random() * (i + 1));
    [items[i], items[j]] = [items[j], items[i]];
  }
  fs.mkdirSync(path.dirname(file), { recursive: true });
  fs.writeFileSync(file, items.map((x) => JSON.stringify({ id: x.id, text: x.text }) + '\n').join(''));
  const keyFile = file.replace(/(\.jsonl)?$/, '-key.jsonl');
  fs.writeFileSync(keyFile, items.map((x) => JSON.stringify({ id: x.id, corpusId: x.corpusId }) + '\n').join(''));
  console.log(`packet: ${items.length} items in ${file}, key in ${keyFile}`);
}

export function readPointers(file: string): Pointer[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .filter((l) => l.trim() !== '')
    .map((l) => JSON.parse(l) as Pointer);
}

function main(argv: string[]): number {
  const { values } = parseArgs({
    args: argv,
    options: {
      mirrors: { type: 'string', default: '/work/.mirror' },
      pointers: { type: 'string', default: path.join(ROOT, 'classifiers/corpus/pointers.jsonl') },
      out: { type: 'string', default: path.join(ROOT, 'data/corpus/texts.jsonl') },
      packet: { type: 'string' },
      pages: { type: 'string' },
      help: { type: 'boolean', default: false },
    },
    strict: true,
  });
  if (values.help) {
    console.log(USAGE);
    return 0;
  }
  const pointers = readPointers(values.pointers);
  const gitDirs = new Map<string, string | undefined>();
  const files = new Map<string, LoadedFile | Error>();
  const texts: { id: string; source: string; text: string }[] = [];
  let failed = 0;
  const fail = (p: Pointer, why: string) => {
    failed++;
    console.error(`FAILED ${p.id} (${p.repo} ${p.path}${p.member ? `!${p.member}` : ''} line ${p.line}): ${why}`);
  };
  for (const p of pointers) {
    if (!gitDirs.has(p.repo)) gitDirs.set(p.repo, findGitDir(values.mirrors, p.repo));
    const gitDir = gitDirs.get(p.repo);
    if (!gitDir) {
      fail(p, `missing mirror ${path.join(values.mirrors, p.repo.replace('/', '+'))}`);
      continue;
    }
    if (p.decode !== undefined && !DECODINGS.includes(p.decode)) {
      fail(p, `unknown decode ${String(p.decode)}`);
      continue;
    }
    const key = `${gitDir}\0${p.commit}\0${p.path}\0${p.member ?? ''}`;
    if (!files.has(key)) {
      try {
        files.set(key, loadFile(gitDir, p));
      } catch (e) {
        files.set(key, e instanceof Error ? e : new Error(String(e)));
      }
    }
    const file = files.get(key)!;
    if (file instanceof Error) {
      fail(p, `cannot read the file at ${p.commit.slice(0, 12)}: ${file.message.split('\n')[0]}`);
      continue;
    }
    let text: string;
    try {
      text = extract(file, p);
    } catch (e) {
      fail(p, e instanceof Error ? e.message : String(e));
      continue;
    }
    const sha1 = sha1Hex(text);
    if (sha1 !== p.sha1) {
      fail(p, `SHA-1 mismatch: expected ${p.sha1}, got ${sha1}`);
      continue;
    }
    texts.push({ id: p.id, source: p.source, text });
  }
  fs.mkdirSync(path.dirname(values.out), { recursive: true });
  fs.writeFileSync(values.out, texts.map((t) => JSON.stringify(t) + '\n').join(''));
  console.log(`rebuilt ${texts.length} of ${pointers.length} texts into ${values.out}; ${failed} failed`);
  failed += rebuildPages(values.pages);
  if (values.packet) {
    if (failed > 0) console.error('packet not written: some texts failed');
    else writePacket(values.packet, texts);
  }
  return failed > 0 ? 1 : 0;
}

/** The page texts (when a file of them is given); returns how many pointers failed. */
function rebuildPages(supplied: string | undefined): number {
  if (!fs.existsSync(PAGE_POINTERS)) return 0;
  const pointers = readPointers(PAGE_POINTERS) as unknown as PagePointer[];
  if (!supplied) {
    console.log(`${pointers.length} texts quoted from web pages not rebuilt: they need --pages <file> (classifiers/corpus/pages/README.md)`);
    return 0;
  }
  const r = rebuildPageTexts(pointers, supplied, PAGE_TEXTS);
  for (const line of r.badLines) console.error(`${supplied}:${line}: not a JSON line with a "text" field (skipped)`);
  for (const p of r.missing) console.error(`FAILED ${p.id} (${p.url}): no text with SHA-1 ${p.sha1} in ${supplied}`);
  console.log(`rebuilt ${r.written} of ${pointers.length} page texts into ${PAGE_TEXTS}; ${r.missing.length} failed`);
  return r.missing.length;
}

if (require.main === module) {
  try {
    process.exitCode = main(process.argv.slice(2));
  } catch (e) {
    console.error(e instanceof Error ? e.message : e);
    console.error(USAGE);
    process.exitCode = 2;
  }
}
