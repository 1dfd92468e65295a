/** Cases follow a classification correction (src/cases/case-correction.ts), driven over HTTP. */
import request from 'supertest';
import type { Case } from '../../src/domain';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

describe('cases after a classification correction', () => {
  let t: CaseApp;
  beforeEach(async () => {
    t = await setupCaseApp();
  });
  afterEach(async () => t?.cleanup());

  async function claimAndCorrect(id: string, body: object) {
    await request(t.app).post(`/api/mentions/${id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    const res = await request(t.app).post(`/api/mentions/${id}/classification`).set(bearer(t.tokens.agent)).send(body).expect(200);
    return res.body as { case: { number: string; change: string } | null };
  }

  it('closes the case a complaint opened, with reason not_a_complaint in its history and the audit log, when it turns out not to be a complaint', async () => {
    const m = await t.complain({ author: { id: 'a1', handle: 'a1' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const opened = (await t.store.cases.getCaseById(m.caseId as string)) as Case;
    expect(opened.status).toBe('open');

    const r = await claimAndCorrect(m.id, { domain: 'roads', intent: 'praise' });
    expect(r.case).toEqual({ number: opened.number, change: 'closed' });

    const got = await request(t.app).get(`/api/cases/${opened.number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(got.body.status).toBe('closed');
    expect(got.body.closedAt).toBe(t.now().toISOString());
    expect(got.body.mentionIds).toEqual([m.id]);
    expect(got.body.history.at(-1)).toMatchObject({ actor: t.users.agent.id, action: 'closed_not_a_complaint', from: 'open', to: 'closed', note: 'not_a_complaint' });
    const audit = await request(t.app).get(`/api/audit?subject=case:${opened.number}&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actor: t.users.agent.id, before: { status: 'open' }, after: { status: 'closed', reason: 'not_a_complaint', mentionId: m.id } });
  });

  it('closes the case when the domain is corrected to none', async () => {
    const m = await t.complain({}, { primaryDomain: 'drainage', intent: 'complaint' });
    const r = await claimAndCorrect(m.id, { domain: 'none', intent: 'complaint' });
    expect(r.case?.change).toBe('closed');
    expect((await t.store.cases.getCaseById(m.caseId as string))?.status).toBe('closed');
  });

  it('only unlinks the mention, with a history note, when the case also holds other complaints', async () => {
    const first = await t.complain({ author: { id: 'same', handle: 'same' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const second = await t.complain({ author: { id: 'same', handle: 'same' } }, { primaryDomain: 'roads', intent: 'complaint' });
    expect(second.caseId).toBe(first.caseId);
    const number = ((await t.store.cases.getCaseById(first.caseId as string)) as Case).number;

    const r = await claimAndCorrect(first.id, { domain: 'roads', intent: 'inquiry' });
    expect(r.case).toEqual({ number, change: 'unlinked' });
    const after = (await t.store.cases.getCase(number)) as Case;
    expect(after.status).toBe('open');
    expect(after.mentionIds).toEqual([second.id]);
    expect(after.history.at(-1)).toMatchObject({ action: 'mention_unlinked', from: first.id, note: 'not_a_complaint' });
    expect((await t.store.mentions.getMention(first.id))?.caseId).toBeUndefined();
    const audit = await request(t.app).get(`/api/audit?subject=case:${number}&action=case.mention_unlinked`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actor: t.users.agent.id, before: { mentionId: first.id }, after: { reason: 'not_a_complaint' } });
  });

  it('leaves the case alone when the correction keeps the works domain', async () => {
    const m = await t.complain({}, { primaryDomain: 'roads', intent: 'complaint', urgency: 'low' });
    const r = await claimAndCorrect(m.id, { domain: 'roads', intent: 'complaint' });
    expect(r.case).toBeNull();
    const c = (await t.store.cases.getCaseById(m.caseId as string)) as Case;
    expect(c).toMatchObject({ status: 'open', domain: 'roads', unit: 'Roads Maintenance Directorate' });
  });

  it("moves the case it opened alone to the new domain's unit when a complaint is corrected to another works domain", async () => {
    const m = await t.complain({}, { primaryDomain: 'roads', intent: 'complaint' });
    const opened = (await t.store.cases.getCaseById(m.caseId as string)) as Case;

    const r = await claimAndCorrect(m.id, { domain: 'drainage', intent: 'complaint' });
    expect(r.case).toEqual({ number: opened.number, change: 'rerouted' });
    const got = await request(t.app).get(`/api/cases/${opened.number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(got.body).toMatchObject({ status: 'open', domain: 'drainage', unit: 'Sanitary Engineering Operations' });
    expect(got.body.history.slice(-2)).toMatchObject([
      { action: 'domain_changed', from: 'roads', to: 'drainage', actor: t.users.agent.id },
      { action: 'unit_assigned', from: 'Roads Maintenance Directorate', to: 'Sanitary Engineering Operations' },
    ]);
    const audit = await request(t.app).get(`/api/audit?subject=case:${opened.number}&action=case.updated`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items[0]).toMatchObject({
      actor: t.users.agent.id,
      before: { domain: 'roads', unit: 'Roads Maintenance Directorate' },
      after: { domain: 'drainage', unit: 'Sanitary Engineering Operations', reason: 'domain_corrected', mentionId: m.id },
    });
  });

  it('leaves the domain and unit of a case a supervisor routed by hand, one in progress, or one shared with other posts', async () => {
    const routed = await t.complain({ author: { id: 'r', handle: 'r' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const routedNumber = ((await t.store.cases.getCaseById(routed.caseId as string)) as Case).number;
    await request(t.app).patch(`/api/cases/${routedNumber}`).set(bearer(t.tokens.supervisor)).send({ unit: 'Construction Projects / Building Maintenance' }).expect(200);
    expect((await claimAndCorrect(routed.id, { domain: 'drainage', intent: 'complaint' })).case).toBeNull();
    expect(await t.store.cases.getCase(routedNumber)).toMatchObject({ domain: 'roads', unit: 'Construction Projects / Building Maintenance' });

    const busy = await t.complain({ author: { id: 'b', handle: 'b' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const busyNumber = ((await t.store.cases.getCaseById(busy.caseId as string)) as Case).number;
    await request(t.app).patch(`/api/cases/${busyNumber}`).set(bearer(t.tokens.supervisor)).send({ status: 'in_progress' }).expect(200);
    expect((await claimAndCorrect(busy.id, { domain: 'buildings', intent: 'complaint' })).case).toBeNull();
    expect(await t.store.cases.getCase(busyNumber)).toMatchObject({ domain: 'roads', unit: 'Roads Maintenance Directorate' });

    const first = await t.complain({ author: { id: 's', handle: 's' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const second = await t.complain({ author: { id: 's', handle: 's' } }, { primaryDomain: 'roads', intent: 'complaint' });
    expect(second.caseId).toBe(first.caseId);
    expect((await claimAndCorrect(first.id, { domain: 'drainage', intent: 'complaint' })).case).toBeNull();
    expect(await t.store.cases.getCaseById(first.caseId as string)).toMatchObject({ domain: 'roads', mentionIds: [first.id, second.id] });
  });

  it('reopens, with a fresh SLA, the case a correction closed when the post is corrected back into a works complaint', async () => {
    const m = await t.complain({}, { primaryDomain: 'roads', intent: 'complaint', urgency: 'high' });
    const number = ((await t.store.cases.getCaseById(m.caseId as string)) as Case).number;
    expect((await claimAndCorrect(m.id, { domain: 'roads', intent: 'praise' })).case).toEqual({ number, change: 'closed' });

    t.advance(3_600_000);
    const back = await request(t.app).post(`/api/mentions/${m.id}/classification`).set(bearer(t.tokens.agent)).send({ domain: 'roads', intent: 'complaint' }).expect(200);
    expect(back.body.case).toEqual({ number, change: 'reopened' });
    const got = await request(t.app).get(`/api/cases/${number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(got.body.status).toBe('open');
    expect(got.body.closedAt).toBeUndefined();
    expect(got.body.slaDueAt).toBe(new Date(t.now().getTime() + 4 * 3_600_000).toISOString());
    expect(got.body.history.find((h: { action: string }) => h.action === 'reopened')).toMatchObject({ from: 'closed', to: 'open', note: 'corrected_to_complaint', actor: t.users.agent.id });
    const audit = await request(t.app).get(`/api/audit?subject=case:${number}&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ before: { status: 'closed' }, after: { status: 'open', reason: 'corrected_to_complaint', mentionId: m.id } });
  });

  it('opens a routed, numbered case with its SLA through case capture when a mention is corrected into a works complaint', async () => {
    const m = await t.complain({}, { primaryDomain: null, intent: 'other', urgency: 'high', confidence: 0.1 });
    expect(m.caseId).toBeUndefined();

    const r = await claimAndCorrect(m.id, { domain: 'drainage', intent: 'complaint' });
    expect(r.case).toEqual({ number: 'MOW-2026-000001', change: 'opened' });
    const kase = (await t.store.cases.getCase('MOW-2026-000001')) as Case;
    expect(kase).toMatchObject({ domain: 'drainage', unit: 'Sanitary Engineering Operations', urgency: 'high', status: 'open', mentionIds: [m.id], source: 'ingest' });
    // high urgency: 4 h from the post, as for any captured complaint
    expect(kase.slaDueAt).toBe(new Date(Date.parse(m.createdAt) + 4 * 3_600_000).toISOString());
    expect((await t.store.mentions.getMention(m.id))?.caseId).toBe(kase.id);
    expect(await t.store.cases.listCapturePending(10)).toEqual([]);
  });

  it('opens the case of a works complaint that stayed under the case threshold when a person confirms it unchanged', async () => {
    const m = await t.complain({}, { primaryDomain: 'roads', intent: 'complaint', urgency: 'high', confidence: 0.05 });
    expect(m.caseId).toBeUndefined();

    const r = await claimAndCorrect(m.id, { domain: 'roads', intent: 'complaint' });
    expect(r.case).toEqual({ number: 'MOW-2026-000001', change: 'opened' });
    expect((await t.store.cases.getCase('MOW-2026-000001')) as Case).toMatchObject({ domain: 'roads', urgency: 'high', mentionIds: [m.id] });
    // The confirmation is kept as a person's word (an example for training), the values unchanged.
    expect((await t.store.mentions.getMention(m.id))?.classification).toMatchObject({ primaryDomain: 'roads', intent: 'complaint', correction: { by: t.users.agent.id, from: { domain: 'roads', intent: 'complaint' } } });
  });

  it("joins the author's open case by the de-dup rules instead of opening another", async () => {
    const open = await t.complain({ author: { id: 'dup', handle: 'dup' } }, { primaryDomain: 'roads', intent: 'complaint' });
    const m = await t.complain({ author: { id: 'dup', handle: 'dup' } }, { primaryDomain: null, intent: 'inquiry' });
    const r = await claimAndCorrect(m.id, { domain: 'roads', intent: 'complaint' });
    const number = ((await t.store.cases.getCaseById(open.caseId as string)) as Case).number;
    expect(r.case).toEqual({ number, change: 'linked' });
    expect(((await t.store.cases.getCase(number)) as Case).mentionIds.sort()).toEqual([open.id, m.id].sort());
  });

  describe('after a crash between the post\'s change and its case\'s', () => {
    const repair = () => (t.feature.jobs.find((j) => j.name === 'repair-case-links') as { run(): Promise<void>; runAtStart?: boolean }).run();

    it('runs at start', () => {
      expect(t.feature.jobs.find((j) => j.name === 'repair-case-links')?.runAtStart).toBe(true);
    });

    it('closes as not a complaint the case of a post stored as spam (or corrected) whose case step never ran, and takes a post out of a shared case', async () => {
      const spam = await t.complain({ author: { id: 'p1', handle: 'p1' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const corrected = await t.complain({ author: { id: 'p2', handle: 'p2' } }, { primaryDomain: 'drainage', intent: 'complaint' });
      const shared = await t.complain({ author: { id: 'p3', handle: 'p3' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const sibling = await t.complain({ author: { id: 'p3', handle: 'p3' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const intact = await t.complain({ author: { id: 'p4', handle: 'p4' } }, { primaryDomain: 'roads', intent: 'complaint' });
      // what the request stored before the process died: the post's change, not its case's
      await t.store.queue.setMentionStatus(spam.id, 'spam');
      await t.store.corrections.correctClassification(corrected.id, { domain: 'drainage', intent: 'inquiry', by: t.users.agent.id, at: t.now().toISOString() });
      await t.store.queue.setMentionStatus(shared.id, 'spam');

      await repair();
      const caseOf = async (m: { caseId?: string }) => t.store.cases.getCaseById(m.caseId as string);
      expect(await caseOf(spam)).toMatchObject({ status: 'closed', history: expect.arrayContaining([expect.objectContaining({ action: 'closed_not_a_complaint', actor: 'system', note: 'not_a_complaint' })]) });
      expect((await caseOf(corrected))?.status).toBe('closed');
      expect(await caseOf(sibling)).toMatchObject({ status: 'open', mentionIds: [sibling.id] });
      expect((await caseOf(intact))?.status).toBe('open');
      const audit = await request(t.app).get(`/api/audit?actor=system&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
      expect(audit.body.items.map((e: { after: { mentionId: string } }) => e.after.mentionId).sort()).toEqual([spam.id, corrected.id].sort());
      expect(t.log().filter((l) => String(l.msg).includes('its post had changed without it'))).toHaveLength(3);

      await repair();
      const again = await request(t.app).get(`/api/audit?actor=system&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
      expect(again.body.items).toHaveLength(2);
    });

    it('reopens the case of a post set back to the queue, or corrected back, when the reopening never ran', async () => {
      const back = await t.complain({ author: { id: 'q1', handle: 'q1' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const fixed = await t.complain({ author: { id: 'q2', handle: 'q2' } }, { primaryDomain: 'roads', intent: 'complaint' });
      await request(t.app).post(`/api/mentions/${back.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
      await request(t.app).post(`/api/mentions/${back.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'spam', reason: 'advert' }).expect(200);
      await claimAndCorrect(fixed.id, { domain: 'roads', intent: 'praise' });
      t.advance(60_000);
      await t.store.queue.setMentionStatus(back.id, 'needs_reply');
      await t.store.corrections.correctClassification(fixed.id, { domain: 'roads', intent: 'complaint', by: t.users.agent.id, at: t.now().toISOString() });

      await repair();
      const backCase = await t.store.cases.getCaseById(back.caseId as string);
      const fixedCase = await t.store.cases.getCaseById(fixed.caseId as string);
      expect(backCase?.status).toBe('open');
      expect(backCase?.history.at(-2)).toMatchObject({ action: 'reopened', actor: 'system', note: 'post_back_in_queue' });
      expect(fixedCase?.status).toBe('open');
      expect(fixedCase?.history.at(-2)).toMatchObject({ action: 'reopened', actor: 'system', note: 'corrected_to_complaint' });
    });
  });
});
