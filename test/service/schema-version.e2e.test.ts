/**
 * The store's schema version at start, on the real service process: the start that migrates says
 * so in one log line, and a data folder a newer release wrote is refused (exit 3, one line) before
 * anything runs, where it used to run every job and report 503 migrations_pending.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { LATEST_SCHEMA_VERSION } from '../../src/store/sqlite/migrations';
import { runServiceToExit, startServiceProcess, type ServiceProcess } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';

const migratedLines = (output: string) => output.split('\n').filter((l) => l.includes('store schema migrated'));

/** Started, and answering: its SIGTERM handler is in place (it is set just after the "listening" line). */
async function startReady(env: Record<string, string>): Promise<ServiceProcess> {
  const svc = await startServiceProcess(env);
  expect((await fetch(`${svc.url}/readyz`)).status).toBe(200);
  return svc;
}

describe('the schema version at start', () => {
  it('logs the migration once, then refuses with exit 3 a data folder a newer Rasid wrote', async () => {
    const tmp = makeTempDir('rasid-schema-');
    const env = { DATA_DIR: tmp.dir, DEMO: 'false' };
    try {
      const first = await startReady(env);
      expect(await first.kill('SIGTERM')).toBe(0);
      const [line, ...more] = migratedLines(first.output());
      expect(more).toEqual([]);
      expect(JSON.parse(line)).toMatchObject({ level: 30, store: 'sqlite', from: 0, to: LATEST_SCHEMA_VERSION, msg: `store schema migrated 0 → ${LATEST_SCHEMA_VERSION}` });

      const second = await startReady(env);
      expect(await second.kill('SIGTERM')).toBe(0);
      expect(migratedLines(second.output())).toEqual([]);

      const db = new Database(path.join(tmp.dir, 'rasid.db'));
      db.prepare('INSERT INTO schema_migrations (version, name, applied_at) VALUES (?, ?, ?)').run(LATEST_SCHEMA_VERSION + 1, 'x', '2026-12-09T00:00:00Z');
      db.close();
      const { code, output } = await runServiceToExit({ ...env, PORT: '0' });
      expect(output.trim().split('\n')).toEqual([
        `Cannot open the store (store_too_new): the data folder ${tmp.dir} was written by a newer Rasid (schema ${LATEST_SCHEMA_VERSION + 1}; this release knows up to ${LATEST_SCHEMA_VERSION}): run that release, or restore a backup`,
      ]);
      expect(code).toBe(3);
      // the lock is released, and the folder is as that release left it
      expect(fs.existsSync(path.join(tmp.dir, 'rasid.db.lock'))).toBe(false);
      const after = new Database(path.join(tmp.dir, 'rasid.db'), { readonly: true });
      expect(after.prepare('SELECT MAX(version) AS v FROM schema_migrations').get()).toEqual({ v: LATEST_SCHEMA_VERSION + 1 });
      after.close();
    } finally {
      tmp.remove();
    }
  }, 90_000);
});
