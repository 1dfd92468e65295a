import request from 'supertest';
import { buildApp } from '../../src/app';
import { createSqliteStores, type SqliteStores } from '../../src/stores/sqlite-stores';
import { buildClassified } from '../support/builders';
import { memoryLogger } from '../support/silent-log';

async function setup() {
  const store = createSqliteStores(':memory:');
  const { log } = memoryLogger();
  const app = buildApp({ store, log, channels: [{ name: 'x', schedule: '* * * * *', canReply: true }], jobStats: () => [] });
  return { store, app };
}

describe('mentions API', () => {
  it('answers liveness and readiness without a token', async () => {
    const { app } = await setup();
    await request(app).get('/healthz').expect(200, { status: 'ok' });
    const ready = await request(app).get('/readyz').expect(200);
    expect(ready.body).toMatchObject({ status: 'ready', store: 'sqlite' });
  });

  it('lists mentions newest first with a cursor that walks every page once', async () => {
    const { store, app } = await setup();
    const batch = Array.from({ length: 5 }, (_, i) => buildClassified({ createdAt: new Date(Date.UTC(2026, 10, 2, 9, i)).toISOString() }));
    await store.mentions.ingestBatch('x', batch, null);
    const first = await request(app).get('/api/mentions?limit=3').expect(200);
    expect(first.body.items).toHaveLength(3);
    const second = await request(app).get(`/api/mentions?limit=3&cursor=${first.body.nextCursor}`).expect(200);
    expect(second.body.items).toHaveLength(2);
    expect(second.body.nextCursor).toBeNull();
    const all = [...first.body.items, ...second.body.items].map((m: { externalId: string }) => m.externalId);
    expect(new Set(all).size).toBe(5);
    expect(first.body.items[0].classification.primaryDomain).toBe('roads');
  });

  it('returns one mention by id and a JSON 404 for an unknown id', async () => {
    const { store, app } = await setup();
    const { inserted } = await store.mentions.ingestBatch('x', [buildClassified()], null);
    const ok = await request(app).get(`/api/mentions/${inserted[0].id}`).expect(200);
    expect(ok.body.id).toBe(inserted[0].id);
    const missing = await request(app).get('/api/mentions/nope').expect(404);
    expect(missing.body.error).toMatchObject({ code: 'not_found', message: expect.stringContaining('nope') });
  });

  it.each([
    ['limit=0', 'limit'],
    ['limit=abc', 'limit'],
    ['domain=weather', 'domain'],
    ['status=done', 'status'],
    ['since=yesterday', 'since'],
    ['cursor=garbage', 'cursor'],
    ['colour=red', 'colour'],
  ])('rejects the bad query parameter %s with a 400 naming %s', async (query, name) => {
    const { app } = await setup();
    const res = await request(app).get(`/api/mentions?${query}`).expect(400);
    expect(res.body.error.code).toBe('validation_failed');
    expect(JSON.stringify(res.body.error)).toContain(name);
  });

  it('answers unknown routes and malformed JSON with the JSON error shape', async () => {
    const { app } = await setup();
    const nf = await request(app).get('/api/nothing-here').expect(404);
    expect(nf.body.error.code).toBe('not_found');
    const bad = await request(app).post('/api/mentions').set('content-type', 'application/json').send('{"a":').expect(400);
    expect(bad.body.error.code).toBe('invalid_json');
  });

  it.each([
    ['null', 'null'],
    ['42', 'number'],
    ['"text"', 'string'],
  ])('answers the valid JSON %s, which is not an object, as a validation error naming what came', async (body, received) => {
    const { app } = await setup();
    const res = await request(app).post('/api/mentions').set('content-type', 'application/json').send(body).expect(400);
    expect(res.body.error).toMatchObject({ code: 'validation_failed', message: `request body must be a JSON object, not ${received}`, details: { received } });
  });

  it('answers a body that is not JSON with 415 and what to send, and lets a POST without a body through', async () => {
    const { app } = await setup();
    for (const [type, body] of [['form', 'text=hi'], ['text/plain', 'hi']]) {
      const res = await request(app).post('/api/mentions').type(type).send(body).expect(415);
      expect(res.body.error).toMatchObject({ code: 'unsupported_media_type', message: 'send the request body as JSON, with Content-Type: application/json' });
      expect(res.body.error.details.contentType).toContain(type === 'form' ? 'application/x-www-form-urlencoded' : 'text/plain');
    }
    const bodiless = await request(app).post('/api/mentions').expect(404);
    expect(bodiless.body.error.code).toBe('not_found');
  });

  it('refuses a JSON body that is not UTF-8 (400 invalid_encoding) rather than reading it as «��»', async () => {
    const { app } = await setup();
    // supertest would send a Buffer as JSON ({"type":"Buffer",...}): these bytes go as they are.
    const asBytes = (b: Buffer) => b as unknown as string;
    const latin1 = Buffer.concat([Buffer.from('{"text":"caf'), Buffer.from([0xe9]), Buffer.from('"}')]);
    for (const type of ['application/json', 'application/json; charset=utf-8']) {
      const res = await request(app).post('/api/mentions').set('content-type', type).serialize(asBytes).send(latin1).expect(400);
      expect(res.body.error).toMatchObject({ code: 'invalid_encoding', message: expect.stringContaining('UTF-8') });
    }
    // The same text in UTF-8 gets past the body reader (to the 404 of a route that does not exist).
    await request(app).post('/api/mentions').set('content-type', 'application/json').serialize(asBytes).send(Buffer.from('{"text":"café"}')).expect(404);
  });

  it('shows each enabled channel with its stored state', async () => {
    const { store, app } = await setup();
    await store.mentions.ingestBatch('x', [], 'c-1');
    const res = await request(app).get('/api/channels').expect(200);
    expect(res.body.items).toEqual([expect.objectContaining({ name: 'x', enabled: true, state: expect.objectContaining({ cursor: 'c-1' }) })]);
  });

  it('shows a mention with its thread, oldest first, and the number of its linked case', async () => {
    const { store, app } = await setup();
    const at = (m: number) => new Date(Date.UTC(2026, 10, 3, 9, m)).toISOString();
    const { inserted } = await store.mentions.ingestBatch(
      'x',
      [
        buildClassified({ externalId: 'root', conversationId: 'root', createdAt: at(0) }),
        buildClassified({ externalId: 'r1', conversationId: 'root', inReplyTo: 'root', createdAt: at(5) }),
        buildClassified({ externalId: 'r2', conversationId: 'root', inReplyTo: 'r1', createdAt: at(9) }),
        buildClassified({ externalId: 'other', conversationId: 'other', createdAt: at(7) }),
      ],
      null,
    );
    const r1 = inserted[1];
    const before = await request(app).get(`/api/mentions/${r1.id}`).expect(200);
    expect(before.body.caseNumber).toBeNull();
    expect(before.body.context.map((m: { externalId: string }) => m.externalId)).toEqual(['root', 'r2']);

    const captured = await store.cases.captureMention({
      mentionId: r1.id,
      newCase: {
        domain: 'roads', unit: 'Roads Maintenance', urgency: 'medium', location: {}, citizen: { channel: 'x', handle: 'c' },
        openedAt: at(10), slaDueAt: at(600), prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system',
      },
      dedup: { sameAuthorMs: 0, samePlaceMs: 0 },
      onOpened: [],
    });
    expect(captured.outcome).toBe('opened');
    const after = await request(app).get(`/api/mentions/${r1.id}`).expect(200);
    expect(after.body.caseNumber).toMatch(/^MOW-2026-\d{6}$/);
    expect(after.body.linkedCase).toEqual({ number: after.body.caseNumber, status: 'open' });
    const standalone = await request(app).get(`/api/mentions/${inserted[3].id}`).expect(200);
    expect(standalone.body.context).toEqual([]);
    expect(standalone.body.linkedCase).toBeNull();

    // Resolved: the page says so and since when, so a later post is read as a follow-up.
    const number = after.body.caseNumber as string;
    await store.cases.updateCase(number, { status: 'in_progress', actor: 'u', at: at(20) });
    await store.cases.updateCase(number, { status: 'resolved', actor: 'u', at: at(30) });
    const resolved = await request(app).get(`/api/mentions/${r1.id}`).expect(200);
    expect(resolved.body.linkedCase).toEqual({ number, status: 'resolved', resolvedAt: at(30) });
  });

  it('links an X reply to the post it answers only when that post is not stored', async () => {
    const { store, app } = await setup();
    const { inserted } = await store.mentions.ingestBatch(
      'x',
      [
        buildClassified({ externalId: '1860000000000000001', conversationId: '1860000000000000001' }),
        buildClassified({ externalId: '1860000000000000002', conversationId: '1860000000000000001', inReplyTo: '1860000000000000001' }),
        buildClassified({ externalId: '1860000000000000004', conversationId: '1860000000000000003', inReplyTo: '1860000000000000003' }),
      ],
      null,
    );
    const heldParent = await request(app).get(`/api/mentions/${inserted[1].id}`).expect(200);
    expect(heldParent.body.context).toHaveLength(1);
    expect(heldParent.body).not.toHaveProperty('parentUrl');
    const unheldParent = await request(app).get(`/api/mentions/${inserted[2].id}`).expect(200);
    expect(unheldParent.body.context).toEqual([]);
    expect(unheldParent.body.parentUrl).toBe('https://x.com/i/web/status/1860000000000000003');
    const root = await request(app).get(`/api/mentions/${inserted[0].id}`).expect(200);
    expect(root.body).not.toHaveProperty('parentUrl');
  });

  it('shows the post a reply answers even when that post carries no conversation id', async () => {
    const { store, app } = await setup();
    const { inserted } = await store.mentions.ingestBatch(
      'x',
      [
        buildClassified({ externalId: '1860000000000000011', text: 'حفرة في طريق 4107' }),
        buildClassified({ externalId: '1860000000000000012', conversationId: '1860000000000000011', inReplyTo: '1860000000000000011' }),
      ],
      null,
    );
    const reply = await request(app).get(`/api/mentions/${inserted[1].id}`).expect(200);
    expect(reply.body.context.map((m: { externalId: string }) => m.externalId)).toEqual(['1860000000000000011']);
    expect(reply.body).not.toHaveProperty('parentUrl');
  });
});
