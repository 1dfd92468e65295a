/**
 * The npm scripts answer a wrong command line the same way (scripts/cli-args.ts): --help prints
 * the usage and exits 0; a wrong argument prints one line naming it and the usage, exit 2; a file
 * that is not there, one line, exit 2; never a stack trace.
 */
import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { MissingFileError, parseCli, reportError, requireExistingStore, UsageError } from '../../scripts/cli-args';
import { makeTempDir } from '../support/temp-dir';

const ROOT = path.resolve(__dirname, '../..');
const tmp = makeTempDir('rasid-cli-errors-');
afterAll(() => tmp.remove());

function run(script: string, args: string[]) {
  const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join('scripts', script), ...args], {
    cwd: ROOT,
    encoding: 'utf8',
    input: '',
    env: { ...process.env, DATA_DIR: tmp.dir, DEMO: 'false' },
  });
  return { status: r.status, stdout: r.stdout, stderr: r.stderr, lines: r.stderr.trim().split('\n') };
}

const noStack = (text: string) => expect(text).not.toMatch(/^\s+at |node:internal|ERR_PARSE_ARGS/m);

/** Each script the README lists that these rules cover, with the start of its usage line. */
const SCRIPTS: [string, string][] = [
  ['summary.ts', 'usage: npm run summary'],
  ['eval-classifier.ts', 'usage: npm run eval:classifier'],
  ['corrections-export.ts', 'usage: npm run corrections:export'],
  ['classify.ts', 'usage: npm run --silent classify'],
  ['store-copy.ts', 'usage: npm run store:copy'],
  ['train.ts', 'usage: npm run train'],
  ['eval-locations.ts', 'usage: npm run eval:locations'],
  ['check-imports.ts', 'usage: npm run check:imports'],
  [path.join('corpus', 'merge-labels.ts'), 'usage: npm run corpus:labels'],
];

describe.each(SCRIPTS)('%s', (script, usage) => {
  it('prints its usage for --help and exits 0', () => {
    const r = run(script, ['--help']);
    expect(r.stdout.startsWith(usage)).toBe(true);
    expect(r.status).toBe(0);
  });

  it('names an unknown option on one line, then the usage, and exits 2', () => {
    const r = run(script, ['--bogus']);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toBe("Unknown option '--bogus'");
    expect(r.lines[1].startsWith(usage)).toBe(true);
    expect(r.status).toBe(2);
    noStack(r.stderr);
  });
});

describe('a wrong value or a missing file', () => {
  it.each<[string, string[], RegExp]>([
    ['summary.ts', ['--wek', 'last'], /^Unknown option '--wek'$/],
    ['summary.ts', ['--format', 'doc'], /^--format must be one of html, json, csv, xlsx, pdf, got "doc"$/],
    ['summary.ts', ['--week', '2026-W99'], /^--week: week 2026-W99 does not exist$/],
    ['summary.ts', ['--format', 'pdf'], /^--format pdf needs --out$/],
    ['summary.ts', ['--week'], /^Option '--week <value>' argument missing$/],
    ['corrections-export.ts', ['--since', 'yesterday'], /^--since must be an ISO 8601 time, got "yesterday"$/],
    ['classify.ts', [], /^missing the input file/],
    ['store-copy.ts', ['--to', 'sqlite:x.db'], /^missing --from$/],
    ['store-copy.ts', ['--from', 'foo', '--to', 'sqlite:x.db'], /^--from is not a store: foo/],
    ['train.ts', ['--seed', 'x'], /^--seed must be an integer, got "x"$/],
    ['eval-locations.ts', [], /^--texts is required$/],
  ])('%s %p: one line naming it, the usage, exit 2', (script, args, line) => {
    const r = run(script, args);
    expect(r.lines).toHaveLength(2);
    expect(r.lines[0]).toMatch(line);
    expect(r.lines[1]).toMatch(/^usage: /);
    expect(r.status).toBe(2);
    noStack(r.stderr);
  });

  it.each<[string, (missing: string) => string[], string]>([
    ['eval-classifier.ts', (f) => ['--candidate', f], '--candidate'],
    ['classify.ts', (f) => [f], 'the input file'],
    ['store-copy.ts', (f) => ['--from', `sqlite:${f}`, '--to', `sqlite:${path.join(tmp.dir, 'target.db')}`], '--from'],
    ['train.ts', (f) => ['--corrections', f], '--corrections'],
    ['eval-locations.ts', (f) => ['--texts', f], '--texts'],
  ])('%s with a file that is not there: one line, exit 2, nothing created', (script, args, option) => {
    const missing = path.join(tmp.dir, 'nowhere', 'missing.json');
    const r = run(script, args(missing));
    expect(r.lines).toEqual([`${option}: no such file: ${missing}`]);
    expect(r.status).toBe(2);
    expect(fs.existsSync(missing)).toBe(false);
  });
});

describe('a DATA_DIR that holds no store (a typo)', () => {
  it.each<[string, string[]]>([
    ['user-add.ts', ['--name', 'Maryam', '--role', 'agent']],
    ['summary.ts', ['--week', '2026-W49', '--format', 'json']],
    ['summary.ts', ['--week', '2026-W49', '--save']],
    ['corrections-export.ts', []],
  ])('%s %p: one line naming it, exit 2, no store created', (script, args) => {
    const typo = path.join(tmp.dir, 'typo');
    const r = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join('scripts', script), ...args], {
      cwd: ROOT,
      encoding: 'utf8',
      env: { ...process.env, DATA_DIR: typo, DEMO: 'false', STORE: 'sqlite' },
    });
    expect(r.stderr).toBe(`no Rasid store in ${typo} (DATA_DIR): start the service once there, or fix DATA_DIR\n`);
    expect(r.stdout).toBe('');
    expect(r.status).toBe(2);
    expect(fs.existsSync(typo)).toBe(false);
  });

  it('is not checked for MongoDB, which has no folder', () => {
    const storage = { driver: 'mongodb', dataDir: path.join(tmp.dir, 'typo'), sqliteFile: path.join(tmp.dir, 'typo', 'rasid.db'), mongodbUri: 'mongodb://127.0.0.1:1', mongodbDb: 'rasid' };
    expect(() => requireExistingStore(storage as Parameters<typeof requireExistingStore>[0])).not.toThrow();
    expect(() => requireExistingStore({ ...storage, driver: 'sqlite' } as Parameters<typeof requireExistingStore>[0])).toThrow(MissingFileError);
  });
});

describe('cli-args', () => {
  const io = () => {
    const s = new PassThrough();
    const chunks: string[] = [];
    s.on('data', (c) => chunks.push(String(c)));
    return { s, text: () => chunks.join('') };
  };

  it('keeps the first sentence of node\'s parse errors, which names the argument', () => {
    expect(() => parseCli(['--nope'], { week: { type: 'string' } })).toThrow(new UsageError("Unknown option '--nope'"));
    expect(() => parseCli(['extra'], {})).toThrow(UsageError);
    expect(parseCli(['-', '--week', 'last'], { week: { type: 'string' } }, true)).toMatchObject({ values: { week: 'last' }, positionals: ['-'] });
  });

  it('exits 2 for the command line, 1 for the run, each on one line and the usage only after a usage error', () => {
    const usage = io();
    expect(reportError(new UsageError('--x is wrong'), 'usage: u', usage.s)).toBe(2);
    expect(usage.text()).toBe('--x is wrong\nusage: u\n');
    const missing = io();
    expect(reportError(new MissingFileError('--f: no such file: a'), 'usage: u', missing.s)).toBe(2);
    expect(missing.text()).toBe('--f: no such file: a\n');
    const failed = io();
    expect(reportError(new Error('the store is unreachable'), 'usage: u', failed.s)).toBe(1);
    expect(failed.text()).toBe('the store is unreachable\n');
  });
});
