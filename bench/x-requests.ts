/**
 * X channel request economy, measured from the fake X API's request log on a simulated clock:
 * API requests per new mention in steady state (goal ≤ 0.02 with 100 posts per page), and the
 * busiest sliding 15-minute window of each endpoint against X's documented limit.
 *
 * Run: npx tsx bench/x-requests.ts
 */
import { createXChannel } from '../channels/x';
import type { ChannelKv, PollContext } from '../channels/channel';
import { startFakeXApi, type FakeXApi, type XEndpoint } from './support/fake-x-api';

const INTERVAL_MS = 5 * 60_000;
const HOURS = 24;

interface Scenario {
  name: string;
  /** New posts per interval in mentions and in each query. */
  mentionsPerInterval: number;
  queries: { q: string; perInterval: number }[];
}

const SCENARIOS: Scenario[] = [
  { name: 'mentions 120/5min', mentionsPerInterval: 120, queries: [] },
  { name: 'mentions 100/5min', mentionsPerInterval: 100, queries: [] },
  { name: 'mentions 250/5min', mentionsPerInterval: 250, queries: [] },
  { name: 'mentions 60 + 2 queries 60/5min', mentionsPerInterval: 60, queries: [{ q: 'a', perInterval: 60 }, { q: 'b', perInterval: 60 }] },
  { name: 'quiet: mentions 10/5min', mentionsPerInterval: 10, queries: [] },
];

function memoryKv(): ChannelKv {
  const m = new Map<string, string>();
  return { get: async (k) => m.get(k), set: async (k, v) => void m.set(k, v) };
}

/** Max requests of each endpoint in any 15-minute sliding window of the log. */
function busiestWindows(fake: FakeXApi): Map<string, number> {
  const byEndpoint = new Map<string, number[]>();
  for (const r of fake.requests) byEndpoint.set(r.endpoint, [...(byEndpoint.get(r.endpoint) ?? []), r.at]);
  const out = new Map<string, number>();
  for (const [ep, times] of byEndpoint) {
    times.sort((a, b) => a - b);
    let best = 0;
    for (let i = 0, j = 0; i < times.length; i++) {
      while (times[i] - times[j] >= 15 * 60_000) j++;
      best = Math.max(best, i - j + 1);
    }
    out.set(ep, best);
  }
  return out;
}

async function run(s: Scenario) {
  let now = Date.parse('2026-03-10T00:00:00Z');
  const fake = await startFakeXApi({ appBearer: 'app', oauth1ConsumerKey: 'ck', now: () => now });
  const channel = createXChannel({
    apiBaseUrl: fake.url,
    bearerToken: 'app',
    oauth1: { appKey: 'ck', appSecret: 's', accessToken: 't', accessSecret: 's' },
    accountId: fake.accountId,
    queries: s.queries.map((q) => q.q),
    monthlyPostCap: 50_000_000,
    pollIntervalMs: INTERVAL_MS,
    now: () => new Date(now),
  });
  const ctx: PollContext = { kv: memoryKv(), log: { info() {}, warn() {} }, now: () => new Date(now) };
  let cursor: string | null = null;
  const seen = new Set<string>();
  let duplicates = 0;
  const tick = async () => {
    for (let pages = 0; pages < 50; pages++) {
      const r = await channel.poll(cursor, ctx);
      for (const m of r.mentions) (seen.has(m.externalId) ? duplicates++ : seen.add(m.externalId));
      cursor = r.cursor; // committed after "storing", like the runner
      if (!r.hasMore) break;
    }
  };
  await tick(); // prime: first contact reads only the newest page
  const warmRequests = fake.requests.length;
  const warmSeen = seen.size;
  const seeded: string[] = [];
  for (let i = 0; i < (HOURS * 3_600_000) / INTERVAL_MS; i++) {
    now += INTERVAL_MS;
    seeded.push(...fake.addPosts(s.mentionsPerInterval, { text: 'بلاغ', mentionsAccount: true }).map((p) => p.id));
    for (const q of s.queries) seeded.push(...fake.addPosts(q.perInterval, { text: 'hit', queries: [q.q] }).map((p) => p.id));
    await tick();
  }
  const requests = fake.requests.length - warmRequests;
  const newMentions = seen.size - warmSeen;
  const missing = seeded.filter((id) => !seen.has(id)).length;
  const windows = busiestWindows(fake);
  await channel.close?.();
  await fake.close();
  return { requests, newMentions, missing, duplicates, windows, fake };
}

async function main() {
  const rows = [];
  const windowRows = [];
  for (const s of SCENARIOS) {
    const r = await run(s);
    rows.push({
      scenario: s.name,
      'requests (24 h)': r.requests,
      'new mentions': r.newMentions,
      'requests / new mention': Number((r.requests / r.newMentions).toFixed(4)),
      'goal ≤ 0.02': r.requests / r.newMentions <= 0.02 ? 'met' : 'not met',
      missing: r.missing,
      duplicates: r.duplicates,
    });
    for (const [ep, max] of r.windows) {
      const limit = r.fake.limitOf(ep as XEndpoint).limit;
      windowRows.push({ scenario: s.name, endpoint: ep, 'busiest 15-min window': max, 'documented limit': limit, ok: max <= limit ? 'yes' : 'EXCEEDED' });
    }
  }
  console.log(`X channel requests per new mention, ${HOURS} h simulated, poll every ${INTERVAL_MS / 60_000} min, 100 posts/page`);
  console.table(rows);
  console.log('Busiest sliding 15-minute window per endpoint (from the fake request log)');
  console.table(windowRows);
}

main().catch((err) => {
  console.error(err);
  process.exit(1);
});
