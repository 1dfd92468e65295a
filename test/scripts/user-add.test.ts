import { spawnSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { addUser } from '../../scripts/user-add';
import { hashToken } from '../../src/auth/token';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { makeTempDir } from '../support/temp-dir';

describe('npm run user:add', () => {
  it('creates a user and returns a token of which only the hash is stored', async () => {
    const tmp = makeTempDir('rasid-useradd-');
    try {
      // the store the service created at its first start
      await createSqliteStores(path.join(tmp.dir, 'rasid.db')).close();
      const r = await addUser(['--name', 'Layla', '--role', 'supervisor', '--trainee'], { DATA_DIR: tmp.dir, DEMO: 'false' });
      expect(r).toMatchObject({ name: 'Layla', role: 'supervisor' });
      const store = createSqliteStores(path.join(tmp.dir, 'rasid.db'));
      expect(await store.users.findUserByTokenHash(hashToken(r.token))).toMatchObject({ name: 'Layla', trainee: true });
      const raw = store.db.prepare('SELECT * FROM users').all();
      expect(JSON.stringify(raw)).not.toContain(r.token);
      await store.close();
    } finally {
      tmp.remove();
    }
  });

  it('refuses a DATA_DIR that holds no store (a typo): exit 2, one line, nothing created, no token', async () => {
    const tmp = makeTempDir('rasid-useradd-typo-');
    const typo = path.join(tmp.dir, 'dta');
    try {
      await expect(addUser(['--name', 'Maryam', '--role', 'agent'], { DATA_DIR: typo, DEMO: 'false' })).rejects.toThrow(
        `no Rasid store in ${typo} (DATA_DIR): start the service once there, or fix DATA_DIR`,
      );
      const script = path.resolve(__dirname, '../../scripts/user-add.ts');
      const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', script, '--name', 'Maryam', '--role', 'agent'], { encoding: 'utf8', env: { ...process.env, DATA_DIR: typo, DEMO: 'false' } });
      expect(run.stderr).toBe(`no Rasid store in ${typo} (DATA_DIR): start the service once there, or fix DATA_DIR\n`);
      expect(run.stdout).toBe('');
      expect(run.status).toBe(2);
      expect(fs.existsSync(typo)).toBe(false);
    } finally {
      tmp.remove();
    }
  }, 30_000);

  it('refuses an unknown role with the usage line', async () => {
    await expect(addUser(['--name', 'x', '--role', 'root'], { DATA_DIR: '/nonexistent' })).rejects.toThrow(/--role must be one of/);
  });

  it('names an unknown option and gives the usage line; --help prints it and exits 0, a wrong command line exits 2', async () => {
    await expect(addUser(['--nme', 'x'], { DATA_DIR: '/nonexistent' })).rejects.toThrow(/Unknown option '--nme'[\s\S]*usage: npm run user:add/);
    const script = path.resolve(__dirname, '../../scripts/user-add.ts');
    const run = (args: string[]) => spawnSync(process.execPath, ['--require', 'tsx/cjs', script, ...args], { encoding: 'utf8', env: { ...process.env, DATA_DIR: '/nonexistent' } });
    const help = run(['--help']);
    expect(help.status).toBe(0);
    expect(help.stdout).toMatch(/^usage: npm run user:add -- --name <name> --role agent\|supervisor\|admin/);
    const wrong = run(['--nme', 'x']);
    expect(wrong.status).toBe(2);
    expect(wrong.stderr).toContain('usage: npm run user:add');
  }, 30_000);
});

describe('npm run user:add beside a running service', () => {
  it('adds a user whose token the running service accepts at once', async () => {
    const tmp = makeTempDir('rasid-useradd-live-');
    const { startServiceProcess } = await import('../support/service-process');
    const svc = await startServiceProcess({ DATA_DIR: tmp.dir, DEMO: 'false' });
    try {
      const r = await addUser(['--name', 'Huda', '--role', 'agent'], { DATA_DIR: tmp.dir, DEMO: 'false' });
      const me = await fetch(`${svc.url}/api/me`, { headers: { authorization: `Bearer ${r.token}` } });
      expect(me.status).toBe(200);
      expect(await me.json()).toMatchObject({ name: 'Huda', role: 'agent' });
    } finally {
      await svc.kill('SIGTERM');
      tmp.remove();
    }
  });
});
