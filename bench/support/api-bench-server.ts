/**
 * Child process for `npm run bench:api`: serves the real app (authenticate + reply queue) on the
 * given SQLite file, and a bare Express route on a second port, and reports its peak RSS and the
 * CPU time it has used over IPC. A separate process so the load generator does not share the
 * server's event loop; its CPU time per request is a figure other load on the machine barely moves.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { buildApp } from '../../src/app';
import { DEFAULT_APPROVAL_RULES } from '../../src/replies/approval-policy';
import { createReplyFeature } from '../../src/replies/reply-feature';
import { createLogger } from '../../src/logger';
import { SqliteStore } from '../../src/store/sqlite';

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2);
  const store = new SqliteStore(file);
  const log = createLogger({ level: 'warn' });
  const feature = createReplyFeature({
    store,
    log,
    channels: () => undefined,
    dataDir,
    auth: { failedLoginLimit: 20, failedLoginWindowMs: 900_000, sessionTtlMs: 3_600_000, sessionCookieSecure: true },
    replies: { claimLeaseMs: 600_000, approval: DEFAULT_APPROVAL_RULES, senderSchedule: '* * * * *', maxAttempts: 8, retryBaseMs: 30_000, retryMaxMs: 3_600_000, testCrashAfterSend: false },
  });
  const app = buildApp({ store, log, channels: [], jobStats: () => [], authenticate: feature.authenticate, apiRouters: feature.apiRouters });
  const bare = express();
  bare.get('/bare', (_req, res) => {
    res.json({ ok: true });
  });
  const listen = (a: express.Express) => new Promise<number>((resolve) => {
    const s = a.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
  const [apiPort, barePort] = await Promise.all([listen(app), listen(bare)]);
  let peak = process.memoryUsage().rss;
  setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 50).unref();
  process.on('message', (msg: string) => {
    if (msg === 'reset-peak') {
      peak = process.memoryUsage().rss;
      process.send?.({ reset: true });
    }
    if (msg === 'rss') process.send?.({ peakRssMb: Math.max(peak, process.memoryUsage().rss) / 1024 / 1024 });
    if (msg === 'cpu') {
      const { user, system } = process.cpuUsage();
      process.send?.({ cpuMicros: user + system });
    }
    if (msg === 'exit') void store.close().then(() => process.exit(0));
  });
  process.send?.({ apiPort, barePort });
}

void main();
