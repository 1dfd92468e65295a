/** GET /api/channels: every channel with its state, pacing and job figures. */
import request from 'supertest';
import { buildApp } from '../../src/app';
import { knownChannels } from '../../src/channel-catalog';
import { loadConfig } from '../../src/config';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { memoryLogger } from '../support/silent-log';

function setup() {
  const store = createSqliteStores(':memory:');
  const { log } = memoryLogger();
  const app = buildApp({ store, log, channels: [{ name: 'x', schedule: '*/5 * * * *', canReply: true }], jobStats: () => [] });
  return { store, app };
}

describe('GET /api/channels', () => {
  it('shows why and until when a channel paces itself while that time is ahead, and nothing once it has passed', async () => {
    const { store, app } = setup();
    const until = new Date(Date.now() + 40 * 60_000).toISOString();
    const paced = { until, reason: 'budget', message: `paced: next poll at ${until}, because …`, used: 9_010, cap: 10_000, baseIntervalMs: 300_000 };
    await store.channelStates.saveChannelHealth('x', { health: 'ok', consecutiveFailures: 0, backoffUntil: until, info: { paced } });

    const res = await request(app).get('/api/channels').expect(200);
    expect(res.body.items[0]).toMatchObject({ name: 'x', paced });
    expect(res.body.items[0].state.health).toBe('ok');

    const past = new Date(Date.now() - 60_000).toISOString();
    await store.channelStates.saveChannelHealth('x', { health: 'ok', consecutiveFailures: 0, info: { paced: { ...paced, until: past } } });
    const later = await request(app).get('/api/channels').expect(200);
    expect(later.body.items[0].paced).toBeUndefined();
  });

  it("shows a feed's key in its cursor and last error as ***", async () => {
    const { store, app } = setup();
    const feed = 'http://127.0.0.1:3109/rss?key=RssKeySecret';
    await store.mentions.ingestBatch('x', [], JSON.stringify({ feeds: { [feed]: { etag: '"v1"' } } }));
    await store.channelStates.saveChannelHealth('x', { health: 'failing', consecutiveFailures: 1, lastError: { at: '2026-12-08T00:00:00.000Z', message: `feed ${feed}: HTTP 404` } });
    const res = await request(app).get('/api/channels').expect(200);
    expect(res.text).not.toContain('RssKeySecret');
    expect(res.body.items[0].state.lastError.message).toBe('feed http://127.0.0.1:3109/rss?key=***: HTTP 404');
  });

  it('lists every known channel, those that are off with configured false and the environment variables they still need', async () => {
    const store = createSqliteStores(':memory:');
    const { log } = memoryLogger();
    const config = loadConfig({ DATA_DIR: '/tmp/rasid-channels', DEMO: 'false', RSS_FEEDS: 'الوطن|http://127.0.0.1:9/feed.xml', IG_USERNAME: 'ministry', IG_GRAPH_ENABLED: 'false' });
    const app = buildApp({ store, log, channels: [{ name: 'rss', schedule: '*/15 * * * *', canReply: false }], knownChannels: knownChannels(config), jobStats: () => [] });

    const res = await request(app).get('/api/channels').expect(200);

    const byName = Object.fromEntries(res.body.items.map((i: { name: string }) => [i.name, i]));
    expect(Object.keys(byName).sort()).toEqual(['instagram', 'instagram_graph', 'rss', 'x']);
    expect(byName.rss).toMatchObject({ configured: true, enabled: true, missing: [], schedule: '*/15 * * * *' });
    expect(byName.x).toMatchObject({ configured: false, enabled: false, missing: ['X_USER_TOKEN'], orInstead: ['X_APP_KEY', 'X_APP_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'], schedule: '*/5 * * * *', canReply: true, state: { health: 'disabled' } });
    expect(byName.instagram).toMatchObject({ configured: false, missing: ['IG_PASSWORD'] });
    expect(byName.instagram_graph).toMatchObject({ configured: false, missing: ['IG_GRAPH_TOKEN', 'IG_GRAPH_USER_ID'], switchedOffBy: 'IG_GRAPH_ENABLED' });
    expect(byName.x.switchedOffBy).toBeUndefined();
  });
});
