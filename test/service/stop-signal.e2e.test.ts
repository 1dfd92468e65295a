/**
 * `npm start` under a process manager: SIGTERM goes to the process the manager started (npm), or
 * to npm's child when the manager tracks the service's main pid. Either way the service must stop
 * within its 5 s limit, with no process of the tree left holding the port or the database lock.
 */
import { spawn } from 'node:child_process';
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { childrenOf, isRunning, processTree } from '../support/process-tree';
import { startWithNpm, waitFor, type ServiceProcess } from '../support/service-process';

jest.setTimeout(90_000);

/** True when nothing listens on the port any more (binding it succeeds). */
function portIsFree(host: string, port: number): Promise<boolean> {
  return new Promise((resolve) => {
    const probe = net.createServer();
    probe.once('error', () => resolve(false));
    probe.listen(port, host, () => probe.close(() => resolve(true)));
  });
}

async function startReady(dataDir: string): Promise<{ svc: ServiceProcess; host: string; port: number }> {
  const svc = await startWithNpm({ DATA_DIR: dataDir, DEMO: 'false' });
  await waitFor(async () => (await fetch(`${svc.url}/readyz`)).status === 200, 15_000);
  const url = new URL(svc.url);
  return { svc, host: url.hostname, port: Number(url.port) };
}

describe('stopping the service started with npm start', () => {
  const cleanups: Array<() => void> = [];
  afterEach(() => {
    for (const cleanup of cleanups.splice(0)) cleanup();
  });

  /** Starts the service, sends SIGTERM to the chosen pid, and checks what is left 6 s later at most. */
  async function expectCleanStopAfterSigterm(pickTarget: (npmPid: number) => number): Promise<void> {
    const tmp = makeTempDir();
    const { svc, host, port } = await startReady(tmp.dir);
    const tree = processTree(svc.child.pid!);
    cleanups.push(() => {
      for (const pid of tree) if (isRunning(pid)) process.kill(pid, 'SIGKILL');
      tmp.remove();
    });
    expect(fs.existsSync(path.join(tmp.dir, 'rasid.db.lock'))).toBe(true);

    process.kill(pickTarget(svc.child.pid!), 'SIGTERM');

    const stopped = await waitFor(async () => tree.every((pid) => !isRunning(pid)), 6_000).catch(() => false);
    expect({ stopped, stillRunning: tree.filter(isRunning) }).toEqual({ stopped: true, stillRunning: [] });
    expect(await portIsFree(host, port)).toBe(true);
    expect(fs.existsSync(path.join(tmp.dir, 'rasid.db.lock'))).toBe(false);
    expect(svc.output()).toContain('"signal":"SIGTERM"');
  }

  it('stops every process and frees the port and the database lock when SIGTERM reaches the process npm started', async () => {
    await expectCleanStopAfterSigterm((npmPid) => {
      const children = childrenOf(npmPid);
      expect(children).toHaveLength(1);
      return children[0];
    });
  });

  it('stops every process and frees the port and the database lock when SIGTERM reaches npm itself', async () => {
    await expectCleanStopAfterSigterm((npmPid) => npmPid);
  });
});

describe('a SIGTERM while the service is still starting', () => {
  it('stops it cleanly once up (exit 0, the database lock released) rather than killing it mid-start', async () => {
    const tmp = makeTempDir();
    const child = spawn(process.execPath, ['--require', 'tsx/cjs', 'src/server.ts'], {
      cwd: path.join(__dirname, '../..'),
      env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', DATA_DIR: tmp.dir, DEMO: 'false', PORT: '0', HOST: '127.0.0.1' },
      stdio: ['ignore', 'pipe', 'pipe'],
    });
    let output = '';
    child.stdout.on('data', (d) => (output += d));
    child.stderr.on('data', (d) => (output += d));
    const exited = new Promise<{ code: number | null; signal: NodeJS.Signals | null }>((resolve) => child.on('exit', (code, signal) => resolve({ code, signal })));
    // The store is being opened (its lock taken) and the service is not listening yet.
    await waitFor(async () => fs.existsSync(path.join(tmp.dir, 'rasid.db.lock')), 20_000, 2);
    expect(output).not.toContain('Rasid is listening');
    child.kill('SIGTERM');
    expect(await exited).toEqual({ code: 0, signal: null });
    expect(output).toContain('"signal":"SIGTERM"');
    expect(fs.existsSync(path.join(tmp.dir, 'rasid.db.lock'))).toBe(false);
    tmp.remove();
  });
});
