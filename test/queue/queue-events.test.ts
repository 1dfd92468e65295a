/**
 * GET /api/queue/events over real sockets: consoles are told `changed` after a write, idle
 * streams get keep-alive comments, a store without a change stamp answers 204, shutdown ends the
 * streams, and a client that leaves is forgotten.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import express from 'express';
import { QueueEvents } from '../../src/queue/queue-events';
import { setupReplyApp, type ReplyApp } from '../replies/reply-app';

interface Stream {
  status: number;
  contentType: string | undefined;
  /** Everything received so far. */
  text: () => string;
  /** Resolves once the received text matches (rejects after timeoutMs). */
  until: (pattern: RegExp, timeoutMs?: number) => Promise<void>;
  ended: Promise<void>;
  close: () => void;
}

function listen(app: express.Express): Promise<{ url: string; server: http.Server }> {
  return new Promise((resolve) => {
    const server = app.listen(0, '127.0.0.1', () => resolve({ url: `http://127.0.0.1:${(server.address() as AddressInfo).port}`, server }));
  });
}

function openStream(url: string, headers: Record<string, string> = {}): Promise<Stream> {
  return new Promise((resolve, reject) => {
    const req = http.get(url, { headers }, (res) => {
      let received = '';
      const waiters: (() => void)[] = [];
      res.setEncoding('utf8');
      res.on('data', (chunk: string) => {
        received += chunk;
        for (const w of waiters.splice(0)) w();
      });
      const ended = new Promise<void>((done) => res.on('end', () => done()));
      resolve({
        status: res.statusCode ?? 0,
        contentType: res.headers['content-type'],
        text: () => received,
        until: (pattern, timeoutMs = 5_000) =>
          new Promise<void>((ok, fail) => {
            const timer = setTimeout(() => fail(new Error(`no ${pattern} in ${timeoutMs} ms; got ${JSON.stringify(received)}`)), timeoutMs);
            const test = () => (pattern.test(received) ? (clearTimeout(timer), ok()) : waiters.push(test));
            test();
          }),
        ended,
        close: () => req.destroy(),
      });
    });
    req.on('error', reject);
  });
}

describe('GET /api/queue/events on the reply app (SQLite)', () => {
  let t: ReplyApp;
  let url: string;
  let server: http.Server;
  beforeEach(async () => {
    t = await setupReplyApp();
    ({ url, server } = await listen(t.app));
  });
  afterEach(async () => {
    t.feature.queueEvents.close();
    server.closeAllConnections();
    await new Promise((r) => server.close(r));
    await t.cleanup();
  });

  it('streams `changed` after a write, for each connected console', async () => {
    const auth = { Authorization: `Bearer ${t.tokens.agent}` };
    const [a, b] = await Promise.all([openStream(`${url}/api/queue/events`, auth), openStream(`${url}/api/queue/events`, auth)]);
    expect([a.status, b.status]).toEqual([200, 200]);
    expect(a.contentType).toMatch(/^text\/event-stream/);
    await a.until(/^retry: 5000\n\n/);
    expect(a.text()).not.toContain('event: changed');
    await t.mention();
    await Promise.all([a.until(/event: changed\ndata: \{\}\n\n/), b.until(/event: changed\n/)]);
    a.close();
    b.close();
  });

  it('needs a token like every API route', async () => {
    const res = await openStream(`${url}/api/queue/events`);
    expect(res.status).toBe(401);
    await res.ended;
    expect(JSON.parse(res.text()).error.code).toBe('unauthorized');
  });

  it('ends every stream on close() (shutdown) and forgets clients that leave', async () => {
    const auth = { Authorization: `Bearer ${t.tokens.agent}` };
    const leaving = await openStream(`${url}/api/queue/events`, auth);
    const staying = await openStream(`${url}/api/queue/events`, auth);
    await staying.until(/retry/);
    expect(t.feature.queueEvents.listening).toBe(2);
    leaving.close();
    await waitUntil(() => t.feature.queueEvents.listening === 1);
    t.feature.queueEvents.close();
    await staying.ended;
    expect(t.feature.queueEvents.listening).toBe(0);
  });
});

describe('QueueEvents', () => {
  it('sends keep-alive comments on an idle stream, and events only when the stamp moves', async () => {
    let stamp = 1;
    const events = new QueueEvents(() => String(stamp), { checkMs: 10, heartbeatMs: 40 });
    const app = express();
    app.get('/events', (req, res) => events.subscribe(req, res));
    const { url, server } = await listen(app);
    const s = await openStream(`${url}/events`);
    await s.until(/: keep-alive\n\n/);
    expect(s.text()).not.toContain('changed');
    stamp = 2;
    await s.until(/event: changed\n/);
    expect(s.text().match(/event: changed/g)).toHaveLength(1);
    events.close();
    await s.ended;
    await new Promise((r) => server.close(r));
  });

  it('answers 204 (EventSource stops reconnecting) when the store has no change stamp', async () => {
    const events = new QueueEvents(undefined);
    const app = express();
    app.get('/events', (req, res) => events.subscribe(req, res));
    const { url, server } = await listen(app);
    const s = await openStream(`${url}/events`);
    expect(s.status).toBe(204);
    await s.ended;
    expect(events.listening).toBe(0);
    await new Promise((r) => server.close(r));
  });
});

async function waitUntil(check: () => boolean, timeoutMs = 3_000): Promise<void> {
  const until = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > until) throw new Error('condition not met in time');
    await new Promise((r) => setTimeout(r, 10));
  }
}
