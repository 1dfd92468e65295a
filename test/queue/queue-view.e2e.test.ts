import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import request from 'supertest';
import { openApiDocument } from '../../src/openapi-document';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

/** Validates a body against a schema of the served OpenAPI document (its $refs resolved). */
function validator(schemaName: string) {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema({ $id: 'openapi.json', components: openApiDocument().components }, 'openapi.json');
  return ajv.compile({ $ref: `openapi.json#/components/schemas/${schemaName}` });
}

describe('GET /api/queue views', () => {
  it('lists queue items that match the documented QueueItem schema, without evidence', async () => {
    const m = await t.mention({ title: 'عنوان' }, { urgency: 'high' });
    await t.mention({}, { primaryDomain: null, location: {} });
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    const res = await request(t.app).get('/api/queue').set(bearer(t.tokens.agent)).expect(200);
    const valid = validator('QueueItem');
    for (const item of res.body.items) expect({ item, errors: valid(item) ? null : valid.errors }).toEqual({ item, errors: null });
    expect(res.body.items[0]).toMatchObject({ id: m.id, title: 'عنوان', claim: { by: t.users.agent.id }, classification: { urgency: 'high', location: { area: 'المحرق' } } });
    expect(res.body.items[0].classification).not.toHaveProperty('domains');
    expect(res.body.counts).toEqual({ byDomain: { roads: 1, none: 1 }, total: 2 });
  });

  it('gives whole Mentions with evidence for view=full, with cursors that work in either view', async () => {
    for (let i = 0; i < 3; i++) await t.mention();
    const full = await request(t.app).get('/api/queue?view=full&limit=2').set(bearer(t.tokens.agent)).expect(200);
    const validMention = validator('Mention');
    expect(full.body.items.every((m: unknown) => validMention(m))).toBe(true);
    expect(full.body.items[0].classification.domains[0].evidence).toEqual([{ term: 'حفرة', start: 0, end: 4 }]);
    const rest = await request(t.app).get('/api/queue').query({ limit: 2, cursor: full.body.nextCursor }).set(bearer(t.tokens.agent)).expect(200);
    const all = await request(t.app).get('/api/queue?limit=3').set(bearer(t.tokens.agent)).expect(200);
    expect([...full.body.items, ...rest.body.items].map((x: { id: string }) => x.id)).toEqual(all.body.items.map((x: { id: string }) => x.id));
  });

  it('rejects an unknown view with 400', async () => {
    const res = await request(t.app).get('/api/queue?view=everything').set(bearer(t.tokens.agent)).expect(400);
    expect(res.body.error.details).toHaveProperty('view');
  });
});
