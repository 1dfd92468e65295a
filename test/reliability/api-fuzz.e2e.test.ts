/**
 * Bad input everywhere, on every route: the routes are read from the real app (createServices),
 * so new ones are fuzzed automatically. Random JSON with the API's field names, wrong types,
 * huge strings, invalid UTF-8, deep nesting, wrong Content-Types, truncated JSON, broken
 * percent-encoding in paths and queries; with the admin token, with none and with a junk one.
 * Only 2xx–4xx answers, never 5xx: first in-process (many inputs), then against a real service
 * process, which must still be healthy and stop cleanly afterwards.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { AddressInfo } from 'node:net';
import fc from 'fast-check';
import { createServices, type Services } from '../../src/composition';
import { loadConfig } from '../../src/config';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';
import { startServiceProcess, waitFor } from '../support/service-process';
import { appRoutes, type AppRoute } from './app-routes';
import { fuzzCase, type FuzzCase } from './fuzz-inputs';
import { rawClient, type RawRequest, type RawResponse } from './raw-http';
import { reportFigures, suiteSize } from './suite-size';

const SIZE = suiteSize({ bounded: { inProcess: 60, realProcess: 6 }, full: { inProcess: 300, realProcess: 60 } });
jest.setTimeout(suiteSize({ bounded: 240_000, full: 1_800_000 }));

const DEMO_FILE = path.resolve(__dirname, '../../data/demo/mentions.jsonl');
type Send = (r: RawRequest) => Promise<RawResponse>;

async function getJson(send: Send, p: string, token: string): Promise<any> {
  const res = await send({ method: 'GET', path: p, headers: { authorization: `Bearer ${token}` } });
  return res.status === 200 ? JSON.parse(res.body) : undefined;
}

/** Real ids for every path param, gathered over HTTP once the demo data has made cases. */
async function knownIds(send: Send, token: string): Promise<Record<string, string[]>> {
  const cases = await waitFor(async () => {
    const r = await getJson(send, '/api/cases', token);
    return r?.items?.length > 0 ? r.items : undefined;
  }, 60_000, 200);
  const mentions = (await getJson(send, '/api/mentions?limit=50', token)).items as { id: string }[];
  let replyId = '';
  for (const m of mentions) {
    await send({ method: 'POST', path: `/api/mentions/${m.id}/claim`, headers: { authorization: `Bearer ${token}` } });
    const r = await send({ method: 'POST', path: `/api/mentions/${m.id}/replies`, headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ text: 'شكرًا، وصلنا بلاغك' })) });
    if (r.status === 201) {
      replyId = JSON.parse(r.body).id;
      break;
    }
  }
  const templates = (await getJson(send, '/api/templates', token)).items as { id: string }[];
  const created = await send({ method: 'POST', path: '/api/users', headers: { authorization: `Bearer ${token}`, 'content-type': 'application/json' }, body: Buffer.from(JSON.stringify({ name: 'fuzz agent', role: 'agent' })) });
  const userId = JSON.parse(created.body).user?.id ?? JSON.parse(created.body).id;
  const requests = JSON.parse((await send({ method: 'GET', path: '/open311/v2/requests.json', headers: {} })).body) as { service_request_id: string }[];
  const services = JSON.parse((await send({ method: 'GET', path: '/open311/v2/services.json', headers: {} })).body) as { service_code: string }[];
  const caseNumbers = cases.map((c: { number: string }) => c.number);
  return {
    id: [mentions[0].id, replyId, templates[0].id, userId, ...caseNumbers.slice(0, 2), ...requests.slice(0, 2).map((r) => r.service_request_id)].filter(Boolean),
    number: caseNumbers,
    week: ['2026-W47', '2026-W48', '1999-W01'],
    format: ['json', 'xml'],
    code: services.map((s) => s.service_code),
    name: ['app.js', 'app.css', 'font.woff2'],
  };
}

interface Tally {
  requests: number;
  byStatus: Record<string, number>;
  byBodyKind: Record<string, number>;
  byAuth: Record<string, number>;
  routes: number;
}

/** numRuns random requests per route; any answer outside 2xx–4xx fails with the request that caused it. */
async function fuzzRoutes(routes: AppRoute[], known: Record<string, string[]>, token: string, send: Send, numRuns: number): Promise<Tally> {
  const tally: Tally = { requests: 0, byStatus: {}, byBodyKind: {}, byAuth: {}, routes: routes.length };
  for (const route of routes) {
    await fc.assert(
      fc.asyncProperty(fuzzCase(route, known, token), async (c: FuzzCase) => {
        const res = await send(c.request);
        tally.requests++;
        tally.byStatus[res.status] = (tally.byStatus[res.status] ?? 0) + 1;
        tally.byBodyKind[c.bodyKind] = (tally.byBodyKind[c.bodyKind] ?? 0) + 1;
        tally.byAuth[c.auth] = (tally.byAuth[c.auth] ?? 0) + 1;
        if (res.status < 200 || res.status >= 500) {
          const body = c.request.body ? c.request.body.subarray(0, 300).toString('latin1') : '';
          throw new Error(`${route.method} ${route.path}: ${c.request.method} ${c.request.path.slice(0, 300)} [${c.bodyKind}, auth ${c.auth}] ${body} → ${res.status} ${res.body.slice(0, 300)}`);
        }
      }),
      { numRuns },
    );
  }
  return tally;
}

const tmp = makeTempDir('rasid-fuzz-');
afterAll(() => tmp.remove());

describe('bad input on every API route', () => {
  let routes: AppRoute[] = [];

  it('never answers 5xx in-process, with the admin token, none or a junk one', async () => {
    const dir = path.join(tmp.dir, 'in-process');
    fs.mkdirSync(dir);
    const { log, lines } = memoryLogger('error');
    // A high failed-login limit here, so unauthenticated input reaches the 401 path rather than
    // the limiter's 429 (the real process below keeps the default limit).
    const config = loadConfig({ DATA_DIR: dir, DEMO: 'true', DEMO_FILE, REPLAY_SCHEDULE: '* * * * * *', AUTH_FAIL_LIMIT: '100000' });
    const services: Services = await createServices(config, log);
    await services.scheduler.start();
    const server = services.app.listen(0, '127.0.0.1');
    await new Promise((r) => server.once('listening', r));
    const client = rawClient(`http://127.0.0.1:${(server.address() as AddressInfo).port}`);
    try {
      const token = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
      const known = await knownIds(client.send, token);
      await services.scheduler.stop();
      routes = appRoutes(services.app);
      expect(routes.length).toBeGreaterThan(40);
      const tally = await fuzzRoutes(routes, known, token, client.send, SIZE.inProcess);
      expect(tally.requests).toBe(routes.length * SIZE.inProcess);
      const serverErrors = lines().filter((l) => l.msg === 'request failed' || l.code === 'internal_error');
      expect(serverErrors).toEqual([]);
      reportFigures('bad input, in-process API fuzz', { ...tally, fiveHundreds: 0 });
    } finally {
      client.close();
      server.closeAllConnections();
      await new Promise((r) => server.close(r));
      await services.scheduler.stop();
      await services.store.close();
    }
  });

  it('never answers 5xx from a real service process, which stays up and stops cleanly', async () => {
    expect(routes.length).toBeGreaterThan(40);
    const dir = path.join(tmp.dir, 'process');
    fs.mkdirSync(dir);
    const svc = await startServiceProcess({ DATA_DIR: dir, DEMO: 'true', DEMO_FILE, REPLAY_SCHEDULE: '* * * * * *' }, 60_000);
    const client = rawClient(svc.url);
    try {
      const token = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
      const known = await knownIds(client.send, token);
      const tally = await fuzzRoutes(routes, known, token, client.send, SIZE.realProcess);
      expect(svc.child.exitCode).toBeNull();
      expect((await client.send({ method: 'GET', path: '/healthz', headers: {} })).status).toBe(200);
      expect((await client.send({ method: 'GET', path: '/readyz', headers: {} })).status).toBe(200);
      expect(svc.output()).not.toMatch(/"level":(50|60)/);
      reportFigures('bad input, real-process API fuzz', { ...tally, fiveHundreds: 0, processStayedUp: true });
    } finally {
      client.close();
    }
    expect(await svc.kill('SIGTERM')).toBe(0);
  });
});
