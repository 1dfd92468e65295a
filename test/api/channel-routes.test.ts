/** GET /api/channels: every channel with its state, pacing and job figures. */
import request from 'supertest';
import { buildApp } from '../../src/app';
import { SqliteStore } from '../../src/store/sqlite';
import { memoryLogger } from '../support/silent-log';

function setup() {
  const store = new SqliteStore(':memory:');
  const { log } = memoryLogger();
  const app = buildApp({ store, log, channels: [{ name: 'x', schedule: '*/5 * * * *', canReply: true }], jobStats: () => [] });
  return { store, app };
}

describe('GET /api/channels', () => {
  it('shows why and until when a channel paces itself while that time is ahead, and nothing once it has passed', async () => {
    const { store, app } = setup();
    const until = new Date(Date.now() + 40 * 60_000).toISOString();
    const paced = { until, reason: 'budget', message: `paced: next poll at ${until}, because …`, used: 9_010, cap: 10_000, baseIntervalMs: 300_000 };
    await store.saveChannelHealth('x', { health: 'ok', consecutiveFailures: 0, backoffUntil: until, info: { paced } });

    const res = await request(app).get('/api/channels').expect(200);
    expect(res.body.items[0]).toMatchObject({ name: 'x', paced });
    expect(res.body.items[0].state.health).toBe('ok');

    const past = new Date(Date.now() - 60_000).toISOString();
    await store.saveChannelHealth('x', { health: 'ok', consecutiveFailures: 0, info: { paced: { ...paced, until: past } } });
    const later = await request(app).get('/api/channels').expect(200);
    expect(later.body.items[0].paced).toBeUndefined();
  });
});
