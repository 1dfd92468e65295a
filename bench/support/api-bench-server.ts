/**
 * Child process for `npm run bench:api`: serves the real app (authenticate + reply queue) on the
 * given SQLite file, the same app without the queue page cache on a second port, a bare Express
 * route on a third, writes in the background on request (claims, as a team does, or a flood of
 * new mentions through the real ingest path, flood-ingest.ts), and reports its peak RSS and the
 * CPU time it has used over IPC. A separate process so the load generator does not share the
 * server's event loop; its CPU time per request is a figure other load on the machine barely moves.
 */
import type { AddressInfo } from 'node:net';
import express from 'express';
import { buildApp } from '../../src/app';
import { DEFAULT_APPROVAL_RULES } from '../../src/replies/approval-policy';
import { createReplyFeature } from '../../src/replies/reply-feature';
import { createDefaultClassifier } from '../../src/composition';
import { createLogger } from '../../src/logger';
import { SqliteStore } from '../../src/store/sqlite';
import { FloodIngest } from './flood-ingest';

/** The flood-day row's ingest rate, mentions/s. */
const FLOOD_RATE = 500;

async function main(): Promise<void> {
  const [file, dataDir] = process.argv.slice(2);
  // Opened as the service opens it: ingest commits in the writer thread, on its own connection.
  const store = new SqliteStore(file, { ingestThread: true });
  const log = createLogger({ level: 'warn' });
  const featureOptions: Parameters<typeof createReplyFeature>[0] = {
    store,
    log,
    channels: () => undefined,
    dataDir,
    auth: { failedLoginLimit: 20, failedLoginWindowMs: 900_000, sessionTtlMs: 3_600_000, sessionCookieSecure: true },
    replies: { claimLeaseMs: 600_000, approval: DEFAULT_APPROVAL_RULES, senderSchedule: '* * * * *', maxAttempts: 8, retryBaseMs: 30_000, retryMaxMs: 3_600_000, testCrashAfterSend: false },
  };
  const feature = createReplyFeature(featureOptions);
  const app = buildApp({ store, log, channels: [], jobStats: () => [], authenticate: feature.authenticate, apiRouters: feature.apiRouters });
  // The same app without the queue page cache, for the uncached reference figure.
  const uncachedFeature = createReplyFeature({ ...featureOptions, queuePageCache: false });
  const uncached = buildApp({ store, log, channels: [], jobStats: () => [], authenticate: uncachedFeature.authenticate, apiRouters: uncachedFeature.apiRouters });
  const bare = express();
  bare.get('/bare', (_req, res) => {
    res.json({ ok: true });
  });
  const listen = (a: express.Express) => new Promise<number>((resolve) => {
    const s = a.listen(0, '127.0.0.1', () => resolve((s.address() as AddressInfo).port));
  });
  const [apiPort, uncachedPort, barePort] = await Promise.all([listen(app), listen(uncached), listen(bare)]);
  const writes = await backgroundWrites(store);
  // Queue pages read from the store (cache misses of the cached app, every request of the other).
  let pageReads = 0;
  const listQueueItems = store.listQueueItems.bind(store);
  store.listQueueItems = (query) => (pageReads++, listQueueItems(query));
  // Made at the first flood: the classifier's model would otherwise count in the other rows' RSS.
  let flood: FloodIngest | undefined;
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
    if (msg === 'writes-on') (writes.start(), process.send?.({ writes: true }));
    if (msg === 'writes-off') process.send?.({ writes: writes.stop() });
    if (msg === 'flood-on') {
      flood ??= new FloodIngest({ store, classifier: createDefaultClassifier(), log }, FLOOD_RATE);
      flood.start();
      pageReads = 0;
      process.send?.({ flood: true });
    }
    if (msg === 'flood-off') void flood?.stop().then((r) => process.send?.({ ...r, pageReads }));
    if (msg === 'exit') (writes.stop(), void store.close().then(() => process.exit(0)));
  });
  process.send?.({ apiPort, uncachedPort, barePort });
}

/**
 * A busy team's writes while the queue is read: every 100 ms an agent claims a queued mention
 * (first page, so the page really changes) and releases the previous one. Each commit changes
 * the store, so cached queue pages are read again after it.
 */
async function backgroundWrites(store: SqliteStore) {
  const ids = (await store.listQueueItems({ status: 'needs_reply', limit: 20, now: new Date().toISOString() })).items.map((i) => i.id);
  let timer: NodeJS.Timeout | undefined;
  let count = 0;
  let held: string | undefined;
  return {
    start() {
      timer = setInterval(() => {
        if (held) void store.releaseClaim(held, 'bench-writer');
        held = ids[count++ % ids.length];
        const now = Date.now();
        void store.claimMention(held, 'bench-writer', new Date(now + 60_000).toISOString(), new Date(now).toISOString());
      }, 100);
    },
    /** Stops and tells how many claims were written. */
    stop() {
      clearInterval(timer);
      return count;
    },
  };
}

void main();
