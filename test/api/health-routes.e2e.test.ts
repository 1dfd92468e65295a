/** /readyz over HTTP: ready only while the store can also write. */
import path from 'node:path';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

describe('GET /readyz', () => {
  it('answers 503 with the reason while the store cannot write (disk full), and ready again once it can', async () => {
    const tmp = makeTempDir();
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
    try {
      await store.mentions.ingestBatch('x', [buildClassified({ externalId: 'kept' })], 'c1');
      const app = buildApp({ store, log: memoryLogger().log, channels: [], jobStats: () => [] });
      await request(app).get('/readyz').expect(200);

      // A disk that is full: the file may not grow by a page (no free pages left inside it either).
      store.db.exec('VACUUM');
      store.db.pragma(`max_page_count = ${store.db.pragma('page_count', { simple: true }) as number}`);
      const big = Array.from({ length: 200 }, (_, i) => buildClassified({ externalId: `big-${i}`, text: 'نص طويل '.repeat(200) }));
      await expect(store.mentions.ingestBatch('x', big, 'c2')).rejects.toMatchObject({ code: 'store_full' });

      const full = await request(app).get('/readyz').expect(503);
      expect(full.body).toMatchObject({ status: 'store_full', store: 'sqlite', writable: false });
      expect(full.body.reason).toMatch(/disk is full/);
      expect(full.body.reason).not.toContain(tmp.dir);
      await sleep(1_100);
      await request(app).get('/readyz').expect(503);

      store.db.pragma('max_page_count = 1073741823');
      await sleep(1_100);
      const ready = await request(app).get('/readyz').expect(200);
      expect(ready.body).toMatchObject({ status: 'ready', store: 'sqlite' });
      expect(ready.body.writable).not.toBe(false);
      await store.mentions.ingestBatch('x', big, 'c2');
      expect(await store.mentions.countMentions()).toBe(201);
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});

describe('GET /readyz and the schema version', () => {
  it('says schema_newer when the store was moved on by a newer release since this one started, migrations_pending when behind', async () => {
    const tmp = makeTempDir();
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
    try {
      const app = buildApp({ store, log: memoryLogger().log, channels: [], jobStats: () => [] });
      const { expectedSchemaVersion } = await store.status();
      store.db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(expectedSchemaVersion + 1, 'from a newer release', new Date().toISOString());
      const ahead = await request(app).get('/readyz').expect(503);
      expect(ahead.body).toMatchObject({ status: 'schema_newer', schemaVersion: expectedSchemaVersion + 1, expectedSchemaVersion });
      store.db.prepare('DELETE FROM schema_migrations WHERE version >= ?').run(expectedSchemaVersion);
      expect((await request(app).get('/readyz').expect(503)).body.status).toBe('migrations_pending');
    } finally {
      await store.close();
      tmp.remove();
    }
  });
});
