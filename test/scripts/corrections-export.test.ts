import fs from 'node:fs';
import path from 'node:path';
import { PassThrough } from 'node:stream';
import { exportCorrections } from '../../scripts/corrections-export';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { makeTempDir } from '../support/temp-dir';

describe('npm run corrections:export', () => {
  let tmp: ReturnType<typeof makeTempDir>;
  let ids: string[];
  const env = () => ({ DATA_DIR: tmp.dir, DEMO: 'false' });

  beforeEach(async () => {
    tmp = makeTempDir('rasid-corrections-');
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
    const { inserted } = await store.mentions.ingestBatch(
      'replay',
      [
        buildClassified({ text: 'المجاري طافحة عند البيت', network: 'x', lang: 'ar' }, { primaryDomain: 'roads', intent: 'complaint' }),
        buildClassified({ text: 'Thanks for fixing the road', network: 'instagram', lang: 'en' }),
        buildClassified({ text: 'not corrected', network: 'x' }),
      ],
      null,
    );
    ids = inserted.map((m) => m.id);
    await store.corrections.correctClassification(ids[0], { domain: 'drainage', intent: 'complaint', by: 'user-a', at: '2026-11-20T10:00:00.000Z' });
    await store.corrections.correctClassification(ids[1], { domain: null, intent: 'praise', by: 'user-b', at: '2026-11-21T10:00:00.000Z' });
    await store.close();
  });
  afterEach(() => tmp.remove());

  const readLines = (file: string) => fs.readFileSync(file, 'utf8').trim().split('\n').map((l) => JSON.parse(l));

  it('writes one JSON line per corrected mention, oldest correction first, to data/corrections/corrections.jsonl by default', async () => {
    const r = await exportCorrections([], env());
    const file = path.join(tmp.dir, 'corrections', 'corrections.jsonl');
    expect(r).toEqual({ count: 2, out: file });
    expect(readLines(file)).toEqual([
      { mentionId: ids[0], text: 'المجاري طافحة عند البيت', domain: 'drainage', intent: 'complaint', correctedBy: 'user-a', correctedAt: '2026-11-20T10:00:00.000Z', channel: 'x', lang: 'ar' },
      { mentionId: ids[1], text: 'Thanks for fixing the road', domain: 'none', intent: 'praise', correctedBy: 'user-b', correctedAt: '2026-11-21T10:00:00.000Z', channel: 'instagram', lang: 'en' },
    ]);
    expect(fs.existsSync(`${file}.partial`)).toBe(false);
  });

  it('keeps only corrections made at or after --since and writes to the --out file', async () => {
    const out = path.join(tmp.dir, 'elsewhere', 'week.jsonl');
    const r = await exportCorrections(['--out', out, '--since', '2026-11-21T00:00:00Z'], env());
    expect(r.count).toBe(1);
    expect(readLines(out).map((l) => l.mentionId)).toEqual([ids[1]]);
  });

  it('writes to stdout with --out -', async () => {
    const stdout = new PassThrough();
    const chunks: Buffer[] = [];
    stdout.on('data', (c: Buffer) => chunks.push(c));
    const r = await exportCorrections(['--out', '-'], env(), stdout);
    expect(r.count).toBe(2);
    const lines = Buffer.concat(chunks).toString('utf8').trim().split('\n').map((l) => JSON.parse(l));
    expect(lines.map((l) => l.mentionId)).toEqual([ids[0], ids[1]]);
  });

  it('refuses a --since that is not a time', async () => {
    await expect(exportCorrections(['--since', 'yesterday'], env())).rejects.toThrow(/--since must be an ISO 8601 time/);
  });
});
