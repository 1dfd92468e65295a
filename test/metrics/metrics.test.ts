import { Router, type RequestHandler } from 'express';
import request from 'supertest';
import { buildApp } from '../../src/app';
import { ConflictError, ForbiddenError, UnauthorizedError } from '../../src/errors';
import { testClassifier } from '../support/classifier';
import { pollChannel } from '../../src/ingest/poll-channel';
import { Metrics } from '../../src/metrics/metrics';
import { SqliteStore } from '../../src/store/sqlite';
import { RateLimited } from '../../src/domain/channel-errors';
import type { Channel } from '../../src/domain';
import { buildRaw } from '../support/builders';
import { memoryLogger } from '../support/silent-log';

function setup(metricsToken?: string) {
  const store = new SqliteStore(':memory:');
  const metrics = new Metrics({ queueByUrgency: async () => ({ high: 2, medium: 5, low: 1 }), overdueCases: async () => 3 });
  const { log } = memoryLogger();
  const app = buildApp({ store, log, channels: [], jobStats: () => [], metrics, metricsToken });
  return { store, metrics, log, app };
}

describe('GET /metrics', () => {
  it('exposes ingest, poll, queue and HTTP figures in the Prometheus format', async () => {
    const { store, metrics, log, app } = setup();
    const script = [{ mentions: [buildRaw({ text: 'pothole on road 1' }), buildRaw({ text: 'sewage overflow' })], cursor: 'c' }];
    const channel: Channel = { name: 'x', poll: async () => script.shift() ?? { mentions: [], cursor: 'c' } };
    await pollChannel({ store, classifier: testClassifier(), channel, log, metrics });
    const limited: Channel = { name: 'ig', poll: async () => { throw new RateLimited(new Date(Date.now() + 1000)); } };
    await pollChannel({ store, classifier: testClassifier(), channel: limited, log, metrics });
    await request(app).get('/healthz').expect(200);

    const res = await request(app).get('/metrics').expect(200);
    expect(res.headers['content-type']).toMatch(/text\/plain/);
    expect(res.text).toMatch(/rasid_mentions_ingested_total\{channel="x",domain="roads"\} 1/);
    expect(res.text).toMatch(/rasid_mentions_ingested_total\{channel="x",domain="drainage"\} 1/);
    expect(res.text).toMatch(/rasid_poll_failures_total\{channel="ig",kind="rate_limited"\} 1/);
    expect(res.text).toMatch(/rasid_rate_limit_waits_total\{channel="ig"\} 1/);
    expect(res.text).toMatch(/rasid_queue_length\{urgency="high"\} 2/);
    expect(res.text).toMatch(/rasid_cases_overdue 3/);
    expect(res.text).toMatch(/rasid_http_request_duration_seconds_count\{method="GET",route="\/healthz",status="200"\} 1/);
  });

  it('requires the metrics token when one is configured', async () => {
    const { app } = setup('s3cret-metrics');
    const denied = await request(app).get('/metrics').expect(401);
    expect(denied.body.error.code).toBe('unauthorized');
    await request(app).get('/metrics').set('authorization', 'Bearer wrong').expect(401);
    await request(app).get('/metrics').set('authorization', 'Bearer s3cret-metrics').expect(200);
  });

  it('labels each request once by its full route pattern, also when the route answers with an error or auth refuses it', async () => {
    const store = new SqliteStore(':memory:');
    const metrics = new Metrics({ queueByUrgency: async () => ({ high: 0, medium: 0, low: 0 }), overdueCases: async () => 0 });
    const { log } = memoryLogger();
    const authenticate: RequestHandler = (req, _res, next) => {
      if (req.get('authorization') === undefined) return next(new UnauthorizedError());
      if (req.get('x-csrf-token') === 'wrong') return next(new ForbiddenError('missing or wrong X-CSRF-Token'));
      next();
    };
    const mentions = Router();
    mentions.post('/mentions/:id/claim', (req, res) => {
      if (req.params.id === 'taken') throw new ConflictError('claimed', 'someone else holds the claim');
      res.json({ ok: true });
    });
    const app = buildApp({ store, log, channels: [], jobStats: () => [], metrics, authenticate, apiRouters: [mentions] });
    const auth = { authorization: 'Bearer t' };

    await request(app).post('/api/mentions/m1/claim').set(auth).expect(200);
    await request(app).post('/api/mentions/taken/claim').set(auth).expect(409);
    await request(app).post('/api/mentions/m2/claim').expect(401);
    await request(app).post('/api/mentions/m3/claim').set(auth).set('x-csrf-token', 'wrong').expect(403);
    await request(app).get('/api/nowhere').expect(401);
    await request(app).get('/nowhere').expect(404);

    const text = (await request(app).get('/metrics').expect(200)).text;
    const routes = [...text.matchAll(/^rasid_http_request_duration_seconds_count\{method="(\w+)",route="([^"]*)",status="(\d+)"\} (\d+)$/gm)]
      .map(([, method, route, status, n]) => `${method} ${route} ${status} ${n}`)
      .sort();
    expect(routes).toEqual([
      'GET unmatched 401 1',
      'GET unmatched 404 1',
      'POST /api/mentions/:id/claim 200 1',
      'POST /api/mentions/:id/claim 401 1',
      'POST /api/mentions/:id/claim 403 1',
      'POST /api/mentions/:id/claim 409 1',
    ]);
  });

  it('labels a refused request whose path has a malformed escape as unmatched instead of failing', async () => {
    const store = new SqliteStore(':memory:');
    const metrics = new Metrics({ queueByUrgency: async () => ({ high: 0, medium: 0, low: 0 }), overdueCases: async () => 0 });
    const { log } = memoryLogger();
    const authenticate: RequestHandler = (_req, _res, next) => next(new UnauthorizedError());
    const mentions = Router();
    mentions.post('/mentions/:id/claim', (_req, res) => res.json({ ok: true }));
    const app = buildApp({ store, log, channels: [], jobStats: () => [], metrics, authenticate, apiRouters: [mentions] });
    await request(app).post('/api/mentions/%FF%FE/claim').expect(401);
    const text = (await request(app).get('/metrics').expect(200)).text;
    expect(text).toMatch(/^rasid_http_request_duration_seconds_count\{method="POST",route="unmatched",status="401"\} 1$/m);
  });
});
