/**
 * Store faults: an unwritable data directory or a database locked by another process stops the
 * service at start with a clear message and exit code 3; a full disk during work becomes a 503
 * JSON error (the request loses nothing already stored) and a clear store_full error.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { StoreError } from '../../src/store/store-error';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';
import { runServiceToExit } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';
import { reportFigures } from './suite-size';

jest.setTimeout(60_000);

const survived: string[] = [];
afterAll(() => reportFigures('store faults', { faultsInjected: 3, survived, lostAlreadyStored: 0 }));

describe('store faults', () => {
  it('exits with code 3 and a clear message when the data directory cannot be written', async () => {
    const tmp = makeTempDir();
    const notADir = path.join(tmp.dir, 'plain-file');
    fs.writeFileSync(notADir, 'x');
    const { code, output } = await runServiceToExit({ DATA_DIR: path.join(notADir, 'data'), PORT: '0' });
    expect(code).toBe(3);
    expect(output).toMatch(/Cannot open the store \(store_unwritable\).*not writable/);
    survived.push('unwritable data dir: exit 3, store_unwritable');
    tmp.remove();
  });

  it('exits with code 3 and says the file is locked when another process holds the database', async () => {
    const tmp = makeTempDir();
    createSqliteStores(path.join(tmp.dir, 'rasid.db')).db.close();
    const holder = new Database(path.join(tmp.dir, 'rasid.db'));
    holder.pragma('journal_mode = DELETE');
    holder.exec('BEGIN EXCLUSIVE');
    try {
      const { code, output } = await runServiceToExit({ DATA_DIR: tmp.dir, PORT: '0' });
      expect(code).toBe(3);
      expect(output).toMatch(/store_locked|locked/);
      survived.push('file locked by another process: exit 3, store_locked');
    } finally {
      holder.exec('ROLLBACK');
      holder.close();
      tmp.remove();
    }
  });

  it('turns a full disk into store_full, keeps what was stored, and answers the API with 503', async () => {
    const tmp = makeTempDir();
    const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
    await store.mentions.ingestBatch('x', [buildClassified({ externalId: 'kept' })], 'c1');
    // SQLite reports "database or disk is full" once the file may not grow any further.
    const pages = store.db.pragma('page_count', { simple: true }) as number;
    store.db.pragma(`max_page_count = ${pages}`);
    const big = Array.from({ length: 500 }, (_, i) => buildClassified({ externalId: `big-${i}`, text: 'نص طويل '.repeat(200) }));
    await expect(store.mentions.ingestBatch('x', big, 'c2')).rejects.toMatchObject({ code: 'store_full' });
    await expect(store.mentions.ingestBatch('x', big, 'c2')).rejects.toBeInstanceOf(StoreError);
    expect(await store.mentions.countMentions()).toBe(1);
    expect((await store.channelStates.getChannelState('x'))?.cursor).toBe('c1');

    const { log } = memoryLogger();
    const app = buildApp({ store, log, channels: [], jobStats: () => [] });
    const failing = { ...store, mentions: Object.assign(Object.create(store.mentions), { listMentions: async () => { throw new StoreError('store_full', 'disk full'); } }) };
    const app503 = buildApp({ store: failing as unknown as SqliteStores, log, channels: [], jobStats: () => [] });
    const res = await request(app503).get('/api/mentions').expect(503);
    expect(res.body.error).toMatchObject({ code: 'store_full' });
    const notReady = await request(app).get('/readyz').expect(503);
    expect(notReady.body).toMatchObject({ status: 'store_full', writable: false });
    store.db.pragma('max_page_count = 1073741823');
    await new Promise((r) => setTimeout(r, 1_100)); // readiness probes the disk at most once a second
    await request(app).get('/readyz').expect(200);
    survived.push('disk full: store_full, 503, /readyz 503 until space is back, stored row and cursor kept');
    await store.close();
    tmp.remove();
  });
});
