/** POST /api/mentions/:id/classification over HTTP: claim enforced, stored beside the machine's values, audited. */
import request from 'supertest';
import { bearer, setupCaseApp, type CaseApp } from '../cases/case-app';

describe('correcting a classification from the console', () => {
  let t: CaseApp;
  beforeEach(async () => {
    t = await setupCaseApp();
  });
  afterEach(async () => t?.cleanup());

  const correct = (token: string, id: string, body: object) => request(t.app).post(`/api/mentions/${id}/classification`).set(bearer(token)).send(body);
  const claim = (token: string, id: string) => request(t.app).post(`/api/mentions/${id}/claim`).set(bearer(token)).expect(200);

  it('refuses a correction without the claim with 409 claim_required and changes nothing', async () => {
    const m = await t.ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    const res = await correct(t.tokens.agent, m.id, { domain: 'drainage', intent: 'complaint' }).expect(409);
    expect(res.body.error.code).toBe('claim_required');
    expect((await t.store.mentions.getMention(m.id))?.classification).toMatchObject({ primaryDomain: 'roads', intent: 'complaint' });
    expect((await t.store.mentions.getMention(m.id))?.classification.correction).toBeUndefined();
  });

  it("refuses a correction while a colleague holds the claim with 409 claimed_by_other, even for a supervisor", async () => {
    const m = await t.ingest();
    await claim(t.tokens.agent2, m.id);
    const res = await correct(t.tokens.supervisor, m.id, { domain: 'none', intent: 'other' }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'claimed_by_other', details: { claim: { by: t.users.agent2.id, byName: t.users.agent2.name } } });
  });

  it('stores the correction, shows it in GET /api/mentions/:id with the machine values, and writes a mention.reclassified audit entry', async () => {
    const m = await t.ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    await claim(t.tokens.agent, m.id);
    const res = await correct(t.tokens.agent, m.id, { domain: 'drainage', intent: 'inquiry', note: 'asks about a drain' }).expect(200);
    expect(res.body.mention.classification).toMatchObject({ primaryDomain: 'drainage', intent: 'inquiry' });

    const got = await request(t.app).get(`/api/mentions/${m.id}`).set(bearer(t.tokens.agent)).expect(200);
    expect(got.body.classification).toMatchObject({
      primaryDomain: 'drainage',
      intent: 'inquiry',
      correction: { by: t.users.agent.id, at: t.now().toISOString(), from: { domain: 'roads', intent: 'complaint' }, note: 'asks about a drain' },
    });

    const audit = await request(t.app).get(`/api/audit?action=mention.reclassified&subject=mention:${m.id}`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items).toHaveLength(1);
    expect(audit.body.items[0]).toMatchObject({
      actor: t.users.agent.id,
      action: 'mention.reclassified',
      subject: `mention:${m.id}`,
      before: { domain: 'roads', intent: 'complaint' },
      after: { domain: 'drainage', intent: 'inquiry', note: 'asks about a drain' },
    });
  });

  it('spells "no works domain" as none in the request and stores it as a null primary domain', async () => {
    const m = await t.ingest({}, { primaryDomain: 'buildings', intent: 'praise' });
    await claim(t.tokens.admin, m.id);
    await correct(t.tokens.admin, m.id, { domain: 'none', intent: 'other' }).expect(200);
    expect((await t.store.mentions.getMention(m.id))?.classification).toMatchObject({ primaryDomain: null, intent: 'other', correction: { from: { domain: 'buildings', intent: 'praise' } } });
  });

  it('answers 400 for an unknown domain, intent or extra field, and 404 for an unknown mention', async () => {
    const m = await t.ingest();
    await claim(t.tokens.agent, m.id);
    for (const body of [{ domain: 'parks', intent: 'complaint' }, { domain: 'roads', intent: 'rant' }, { domain: 'roads' }, { domain: 'roads', intent: 'other', urgency: 'high' }]) {
      const res = await correct(t.tokens.agent, m.id, body).expect(400);
      expect(res.body.error.code).toBe('validation_failed');
    }
    const missing = await correct(t.tokens.agent, 'no-such-mention', { domain: 'roads', intent: 'complaint' }).expect(404);
    expect(missing.body.error.code).toBe('not_found');
  });

  it('needs a signed-in user', async () => {
    const m = await t.ingest();
    await request(t.app).post(`/api/mentions/${m.id}/classification`).send({ domain: 'roads', intent: 'complaint' }).expect(401);
  });
});
