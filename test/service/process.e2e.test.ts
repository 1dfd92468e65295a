/**
 * The real service as a child process: demo start, restart without loss, SIGKILL at random
 * moments during a large replay, and bad config.
 */
import fs from 'node:fs';
import path from 'node:path';
import Database from 'better-sqlite3';
import { makeTempDir } from '../support/temp-dir';
import { runServiceToExit, startServiceProcess, waitFor } from '../support/service-process';

jest.setTimeout(120_000);

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

  it('continues the replay where it stopped after a restart, with nothing duplicated or skipped', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'replay.jsonl');
    writeReplayFile(file, 3000);
    const env = { DATA_DIR: tmp.dir, DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_BATCH_SIZE: '20', REPLAY_SCHEDULE: '* * * * * *' };
    let svc = await startServiceProcess(env);
    await waitFor(async () => (storedCountsSafe(tmp.dir)?.rows ?? 0) >= 500, 20_000, 5);
    expect(await svc.kill('SIGTERM')).toBe(0);
    const partial = storedCounts(tmp.dir);
    // Stopped mid-replay: graceful shutdown finishes the page in flight and stops there.
    expect(partial.rows).toBeGreaterThan(0);
    expect(partial.rows).toBeLessThan(3000);
    expect(partial.cursorLine).toBe(partial.rows);
    svc = await startServiceProcess(env);
    try {
      await waitFor(async () => storedCountsSafe(tmp.dir)?.rows === 3000, 60_000);
    } finally {
      await svc.kill('SIGTERM');
    }
    const final = storedCounts(tmp.dir);
    expect(final).toEqual({ rows: 3000, distinct: 3000, cursorLine: 3000 });
    tmp.remove();
  });

  it('loses and duplicates nothing when killed with SIGKILL at random moments during a large replay', async () => {
    const tmp = makeTempDir();
    const file = path.join(tmp.dir, 'replay.jsonl');
    const total = 20_000;
    writeReplayFile(file, total);
    const env = { DATA_DIR: tmp.dir, DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_BATCH_SIZE: '100', REPLAY_SCHEDULE: '* * * * * *' };
    // Kill points: random progress marks, so each SIGKILL lands in the middle of ingesting.
    const marks = Array.from({ length: 5 }, () => Math.floor(Math.random() * total * 0.9)).sort((a, b) => a - b);
    const storedAtKill: number[] = [];
    for (const mark of marks) {
      const svc = await startServiceProcess(env);
      await waitFor(async () => (storedCountsSafe(tmp.dir)?.rows ?? 0) >= mark, 60_000, 5);
      await svc.kill('SIGKILL');
      storedAtKill.push(storedCountsSafe(tmp.dir)?.rows ?? 0);
    }
    expect(storedAtKill.every((n) => n < total)).toBe(true);
    const svc = await startServiceProcess(env);
    try {
      await waitFor(async () => storedCountsSafe(tmp.dir)?.cursorLine === total, 90_000, 250);
    } finally {
      await svc.kill('SIGTERM');
    }
    expect(storedCounts(tmp.dir)).toEqual({ rows: total, distinct: total, cursorLine: total });
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

function storedCountsSafe(dataDir: string): ReturnType<typeof storedCounts> | undefined {
  try {
    return storedCounts(dataDir);
  } catch {
    return undefined;
  }
}
