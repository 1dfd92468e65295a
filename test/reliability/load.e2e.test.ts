/**
 * Load: 64 concurrent API clients (autocannon) against a real service process while its replay
 * poller ingests a file of realistic mentions. Every answer must be 2xx with no connection error
 * or timeout, the poller must keep ingesting under the load, and at the end the store holds
 * exactly one row per line of the file. Latency percentiles are reported, not asserted (timing
 * goals belong to the benchmarks). 8 s in npm test, 60 s under npm run test:reliability.
 */
import fs from 'node:fs';
import path from 'node:path';
import autocannon from 'autocannon';
import Database from 'better-sqlite3';
import { startServiceProcess, waitFor } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';
import { writeRealisticReplayFile } from './replay-file';
import { reportFigures, suiteSize } from './suite-size';

const SIZE = suiteSize({ bounded: { seconds: 8, mentions: 6_000 }, full: { seconds: 60, mentions: 30_000 } });
jest.setTimeout(suiteSize({ bounded: 300_000, full: 1_200_000 }));

/** Rows and distinct external ids, read from the SQLite file next to the running service (WAL). */
function stored(dataDir: string): { rows: number; distinct: number } {
  const db = new Database(path.join(dataDir, 'rasid.db'), { readonly: true, fileMustExist: true });
  try {
    const r = db.prepare('SELECT COUNT(*) AS n, COUNT(DISTINCT external_id) AS uniq FROM mentions').get() as { n: number; uniq: number };
    return { rows: r.n, distinct: r.uniq };
  } finally {
    db.close();
  }
}

describe('load', () => {
  it('answers 64 concurrent clients with only 2xx while the poller ingests, and loses no mention', async () => {
    const tmp = makeTempDir('rasid-load-');
    const file = path.join(tmp.dir, 'replay.jsonl');
    writeRealisticReplayFile(file, SIZE.mentions, 64);
    const svc = await startServiceProcess(
      { DATA_DIR: tmp.dir, DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_BATCH_SIZE: '50', REPLAY_SCHEDULE: '* * * * * *' },
      120_000,
    ).catch(async (err) => {
      tmp.remove();
      throw err;
    });
    try {
      const token = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
      const headers = { authorization: `Bearer ${token}` };
      await waitFor(async () => stored(tmp.dir).rows > 0, 60_000, 50);
      const before = stored(tmp.dir).rows;

      // What the console does all day: the queue, mention lists and details, channels, cases, health.
      const result = await autocannon({
        url: svc.url,
        connections: 64,
        duration: SIZE.seconds,
        timeout: 10,
        requests: [
          { method: 'GET', path: '/api/queue', headers },
          { method: 'GET', path: '/api/mentions?limit=20', headers },
          { method: 'GET', path: '/api/channels', headers },
          { method: 'GET', path: '/api/cases?limit=20', headers },
          { method: 'GET', path: '/api/queue?domain=roads', headers },
          { method: 'GET', path: '/healthz' },
        ],
      });
      const during = stored(tmp.dir).rows - before;

      await waitFor(async () => stored(tmp.dir).rows === SIZE.mentions, 600_000, 250);
      expect(svc.child.exitCode).toBeNull();
      const final = stored(tmp.dir);
      const figures = {
        connections: 64,
        seconds: SIZE.seconds,
        requests: result.requests.total,
        reqPerSec: Math.round(result.requests.average),
        latencyMs: { p50: result.latency.p50, p90: result.latency.p90, p99: result.latency.p99, max: result.latency.max },
        errors: result.errors,
        timeouts: result.timeouts,
        non2xx: result.non2xx,
        mentionsIngestedDuringLoad: during,
        mentionsInFile: SIZE.mentions,
        stored: final.rows,
        lost: SIZE.mentions - final.distinct,
        duplicated: final.rows - final.distinct,
      };
      reportFigures('load', figures);
      expect({ errors: result.errors, timeouts: result.timeouts, non2xx: result.non2xx }).toEqual({ errors: 0, timeouts: 0, non2xx: 0 });
      expect(result.requests.total).toBeGreaterThan(0);
      expect(during).toBeGreaterThan(0);
      expect(final).toEqual({ rows: SIZE.mentions, distinct: SIZE.mentions });
    } finally {
      await svc.kill('SIGTERM');
      tmp.remove();
    }
  });
});
