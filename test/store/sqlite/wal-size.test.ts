/**
 * The SQLite write-ahead log after a large ingest: checkpointed and truncated once the writer
 * thread is idle, instead of staying at the size the ingest grew it to.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createSqliteStores, type SqliteStores } from '../../../src/stores/sqlite-stores';
import { waitFor } from '../../support/service-process';
import { buildClassified } from '../../support/builders';
import { makeTempDir } from '../../support/temp-dir';

jest.setTimeout(60_000);

const walBytes = (file: string) => (fs.existsSync(`${file}-wal`) ? fs.statSync(`${file}-wal`).size : 0);
const BOUND = 4 * 1024 * 1024;

describe('SQLite write-ahead log', () => {
  it('is small again shortly after a large ingest through the writer thread, with every mention readable', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'rasid.db');
    const store = createSqliteStores(file, { ingestThread: true });
    try {
      let peak = 0;
      for (let p = 0; p < 12; p++) {
        const page = Array.from({ length: 1000 }, (_, i) =>
          buildClassified({ externalId: `m-${p}-${i}`, text: `طفح مجاري في مجمع ${i} طريق ${p} `.repeat(8), createdAt: new Date(Date.UTC(2026, 10, 20, i % 24)).toISOString() }),
        );
        await store.mentions.ingestBatch('x', page, `c${p}`);
        peak = Math.max(peak, walBytes(file));
      }
      // The ingest really grew the log past the bound, so the bound below says something.
      expect(peak).toBeGreaterThan(BOUND);
      const settled = await waitFor(async () => (walBytes(file) < BOUND ? { size: walBytes(file) } : undefined), 5_000).catch(() => ({ size: walBytes(file) }));
      expect(settled.size).toBeLessThan(BOUND);
      expect(await store.mentions.countMentions()).toBe(12_000);
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});
