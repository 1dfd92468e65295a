/**
 * The real service as a child process: demo start, restart without loss, SIGKILL at random
 * moments during a large replay, and bad config.
 */
import { spawn, type ChildProcess } from 'node:child_process';
import fs from 'node:fs';
import http from 'node:http';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '../support/temp-dir';
import { runServiceToExit, startServiceProcess, waitFor } from '../support/service-process';
import { reportFigures, suiteSize } from '../reliability/suite-size';
import { writeRealisticReplayFile } from '../reliability/replay-file';

jest.setTimeout(suiteSize({ bounded: 600_000, full: 1_800_000 }));

function writeReplayFile(file: string, count: number): void {
  const lines: string[] = [];
  for (let i = 0; i < count; i++) {
    lines.push(
      JSON.stringify({
        externalId: `load-${i}`,
        channel: i % 3 === 0 ? 'instagram' : 'x',
        text: i % 2 ? `حفرة في شارع ${i} مجمع ${i % 900}` : `Street light out on road ${i}`,
        minutesAgo: i % 20000,
        author: { id: `a${i % 500}`, handle: `citizen${i % 500}`, followers: i % 1000 },
      }),
    );
  }
  fs.writeFileSync(file, lines.join('\n') + '\n');
}

/** Reads the stored counts straight from the SQLite file (the service is stopped). */
function storedCounts(dataDir: string): { rows: number; distinct: number; cursorLine: number } {
  const db = new Database(path.join(dataDir, 'rasid.db'), { readonly: true });
  try {
    const rows = (db.prepare('SELECT COUNT(*) n FROM mentions').get() as { n: number }).n;
    const distinct = (db.prepare('SELECT COUNT(DISTINCT external_id) n FROM mentions').get() as { n: number }).n;
    const state = db.prepare("SELECT cursor FROM channel_state WHERE channel = 'replay'").get() as { cursor: string } | undefined;
    return { rows, distinct, cursorLine: state ? JSON.parse(state.cursor).line : 0 };
  } finally {
    db.close();
  }
}

/** The replay cursor's byte offset: at the end it must be the file's size. */
function storedCursorByte(dataDir: string): number {
  const db = new Database(path.join(dataDir, 'rasid.db'), { readonly: true });
  try {
    const state = db.prepare("SELECT cursor FROM channel_state WHERE channel = 'replay'").get() as { cursor: string };
    return JSON.parse(state.cursor).byte;
  } finally {
    db.close();
  }
}

function authHeaders(dataDir: string): Record<string, string> {
  const tokenFile = path.join(dataDir, 'initial-admin-token');
  return fs.existsSync(tokenFile) ? { authorization: `Bearer ${fs.readFileSync(tokenFile, 'utf8').trim()}` } : {};
}

async function getJson(url: string, headers: Record<string, string> = {}): Promise<{ status: number; body: any }> {
  const res = await fetch(url, { headers });
  return { status: res.status, body: await res.json() };
}

describe('the service process', () => {
  it('starts on demo data with no credentials and serves classified mentions', async () => {
    const tmp = makeTempDir();
    const svc = await startServiceProcess({ DATA_DIR: tmp.dir });
    try {
      const ready = await waitFor(async () => (await getJson(`${svc.url}/readyz`)).status === 200, 10_000);
      expect(ready).toBe(true);
      const mentions = await waitFor(async () => {
        const r = await getJson(`${svc.url}/api/mentions?limit=100`, authHeaders(tmp.dir));
        return r.status === 200 && r.body.items.length >= 20 ? r.body.items : undefined;
      }, 30_000);
      expect(mentions.length).toBeGreaterThanOrEqual(20);
      for (const m of mentions) expect(m.classification).toEqual(expect.objectContaining({ intent: expect.any(String), domains: expect.any(Array) }));
    } finally {
      expect(await svc.kill('SIGTERM')).toBe(0);
      tmp.remove();
    }
  });

  it('stops cleanly (exit 0, so within its 5 s limit) while a console holds the queue event stream open', async () => {
    const tmp = makeTempDir();
    const svc = await startServiceProcess({ DATA_DIR: tmp.dir });
    try {
      const stream = await new Promise<{ text: () => string; ended: Promise<void> }>((resolve, reject) => {
        http.get(`${svc.url}/api/queue/events`, { headers: authHeaders(tmp.dir) }, (res) => {
          let text = '';
          res.setEncoding('utf8');
          res.on('data', (c: string) => (text += c));
          resolve({ text: () => text, ended: new Promise<void>((done) => res.on('close', () => done())) });
        }).on('error', reject);
      });
      await waitFor(async () => stream.text().startsWith('retry:'), 5_000);
      expect(await svc.kill('SIGTERM')).toBe(0);
      await stream.ended;
    } finally {
      await svc.kill('SIGKILL');
      tmp.remove();
    }
  });

  it('continues the replay where it stopped after a restart, with nothing duplicated or skipped', async () => {
    // Large enough that the replay cannot finish before the SIGTERM lands, however fast the machine.
    const TOTAL = 12_000;
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'replay.jsonl');
    writeReplayFile(file, TOTAL);
    const env = { DATA_DIR: tmp.dir, DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_BATCH_SIZE: '20', REPLAY_SCHEDULE: '* * * * * *' };
    let svc = await startServiceProcess(env);
    await waitFor(async () => (storedCountsSafe(tmp.dir)?.rows ?? 0) >= 500, 20_000, 5);
    expect(await svc.kill('SIGTERM')).toBe(0);
    const partial = storedCounts(tmp.dir);
    // Stopped mid-replay: graceful shutdown finishes the page in flight and stops there.
    expect(partial.rows).toBeGreaterThan(0);
    expect(partial.rows).toBeLessThan(TOTAL);
    expect(partial.cursorLine).toBe(partial.rows);
    svc = await startServiceProcess(env);
    try {
      await waitFor(async () => storedCountsSafe(tmp.dir)?.rows === TOTAL, 120_000);
    } finally {
      await svc.kill('SIGTERM');
    }
    const final = storedCounts(tmp.dir);
    expect(final).toEqual({ rows: TOTAL, distinct: TOTAL, cursorLine: TOTAL });
    tmp.remove();
  });

  it('loses and duplicates nothing when killed with SIGKILL at random moments during a large replay', async () => {
    // Bounded in npm test; 20 kills during 50,000 mentions under npm run test:reliability.
    const { total, kills } = suiteSize({ bounded: { total: 20_000, kills: 5 }, full: { total: 50_000, kills: 20 } });
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'replay.jsonl');
    // Realistic mentions (about half are complaints that open or join cases), so each kill can
    // also land inside case capture.
    writeRealisticReplayFile(file, total);
    const env = { DATA_DIR: tmp.dir, DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_BATCH_SIZE: '100', REPLAY_SCHEDULE: '* * * * * *' };
    // Kill points: random progress marks, each past what the previous run had stored (so every
    // restart ingests before it is killed, and each SIGKILL lands in the middle of ingesting) and
    // spread so the last one still leaves work to do.
    const storedAtKill: number[] = [];
    let before = 0;
    for (let k = 0; k < kills; k++) {
      const share = (total - before) / (kills - k + 1);
      const target = Math.min(total - 1_000, before + 1 + Math.floor(Math.random() * share * 1.5));
      // Progress is watched in the store, not over HTTP: the kill does not wait for the service
      // to announce itself, it lands when the committed rows pass the mark.
      const child = spawnService(env);
      try {
        await waitFor(async () => (storedCountsSafe(tmp.dir)?.rows ?? 0) >= target, 120_000, 5);
      } finally {
        await killNow(child);
      }
      before = storedCountsSafe(tmp.dir)?.rows ?? 0;
      storedAtKill.push(before);
    }
    expect(storedAtKill.every((n) => n < total)).toBe(true);
    const svc = await startServiceProcess(env, 120_000);
    try {
      await waitFor(async () => storedCountsSafe(tmp.dir)?.cursorLine === total, suiteSize({ bounded: 240_000, full: 600_000 }), 250);
    } finally {
      await svc.kill('SIGTERM');
    }
    const final = storedCounts(tmp.dir);
    expect(final).toEqual({ rows: total, distinct: total, cursorLine: total });
    expect(storedCursorByte(tmp.dir)).toBe(fs.statSync(file).size);
    reportFigures('crash during ingest', { mentions: total, sigkills: kills, storedAtKill, stored: final.rows, distinct: final.distinct, cursorLine: final.cursorLine, lost: total - final.distinct, duplicated: final.rows - final.distinct });
    tmp.remove();
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ STORE: 'postgres' }, 'STORE'],
    [{ TZ_DISPLAY: 'Mars/Olympus' }, 'TZ_DISPLAY'],
    [{ REPLAY_SCHEDULE: 'every minute' }, 'REPLAY_SCHEDULE'],
  ])('exits with code 2 and names the variable for bad config %j', async (env, variable) => {
    const tmp = makeTempDir();
    const { code, output } = await runServiceToExit({ DATA_DIR: tmp.dir, ...env });
    expect(code).toBe(2);
    expect(output).toContain(variable);
    expect(output.trim().split('\n')).toHaveLength(1);
    tmp.remove();
  });
});

/** The service as `npm start` runs it, without waiting for it to listen. */
function spawnService(env: Record<string, string>): ChildProcess {
  return spawn(process.execPath, ['--require', 'tsx/cjs', 'src/server.ts'], {
    cwd: path.resolve(__dirname, '../..'),
    env: { PATH: process.env.PATH ?? '', HOME: process.env.HOME ?? '', PORT: '0', LOG_LEVEL: 'warn', ...env },
    stdio: 'ignore',
  });
}

function killNow(child: ChildProcess): Promise<void> {
  if (child.exitCode !== null || child.signalCode !== null) return Promise.resolve();
  return new Promise((resolve) => {
    child.once('exit', () => resolve());
    child.kill('SIGKILL');
  });
}

function storedCountsSafe(dataDir: string): ReturnType<typeof storedCounts> | undefined {
  try {
    return storedCounts(dataDir);
  } catch {
    return undefined;
  }
}
