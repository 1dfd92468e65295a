/**
 * Posts a person closed (spam, no action, duplicate) and the cases' automatic replies, over HTTP:
 * marking spam takes the post out of its case (closed as not_a_complaint, or unlinked), no
 * notice goes to a closed post, and an automatic reply sent changes the post only as its purpose
 * says (acknowledgement: nothing; status notice: a waiting post becomes replied).
 */
import request from 'supertest';
import type { Case, Mention } from '../../src/domain';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

describe('closed posts and their cases', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const claim = (id: string) => request(t.app).post(`/api/mentions/${id}/claim`).set(bearer(t.tokens.agent)).expect(200);
  const mark = (id: string, status: string) =>
    request(t.app).post(`/api/mentions/${id}/status`).set(bearer(t.tokens.agent)).send({ status, reason: 'checked' }).expect(200);
  const moveCase = (number: string, status: string) => request(t.app).patch(`/api/cases/${number}`).set(bearer(t.tokens.supervisor)).send({ status }).expect(200);
  const caseOf = async (m: Mention) => (await t.store.cases.getCaseById(m.caseId as string)) as Case;
  const repliesOf = async (id: string) => (await t.store.replies.listReplies({ mentionId: id, limit: 20 })).items;

  describe('marking a post spam', () => {
    beforeEach(async () => {
      t = await setupCaseApp();
    });

    it('closes the case it opened by itself as not_a_complaint, audited, and the citizen is told nothing', async () => {
      const m = await t.complain({ author: { id: 's1', handle: 's1' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const opened = await caseOf(m);
      await claim(m.id);
      const res = await mark(m.id, 'spam');
      expect(res.body).toMatchObject({ id: m.id, status: 'spam', case: { number: opened.number, change: 'closed' } });

      const got = (await request(t.app).get(`/api/cases/${opened.number}`).set(bearer(t.tokens.agent)).expect(200)).body;
      expect(got).toMatchObject({ status: 'closed', closedAt: t.now().toISOString(), mentionIds: [m.id] });
      expect(got.history.at(-1)).toMatchObject({ actor: t.users.agent.id, action: 'closed_not_a_complaint', from: 'open', to: 'closed', note: 'not_a_complaint' });
      const audit = await request(t.app).get(`/api/audit?subject=case:${opened.number}&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ actor: t.users.agent.id, after: { status: 'closed', reason: 'not_a_complaint', mentionId: m.id } });

      expect(await t.store.caseOutbox.listOutbox({ topic: 'citizen_reply', subject: opened.number, limit: 10 })).toEqual([]);
      await t.feature.outbox.perform();
      expect(await repliesOf(m.id)).toEqual([]);
    });

    it('only takes the post out of a case shared with other posts', async () => {
      const first = await t.complain({ author: { id: 'same', handle: 'same' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const second = await t.complain({ author: { id: 'same', handle: 'same' } }, { primaryDomain: 'roads', intent: 'complaint' });
      expect(second.caseId).toBe(first.caseId);
      const { number } = await caseOf(first);
      await claim(first.id);
      const res = await mark(first.id, 'spam');
      expect(res.body.case).toEqual({ number, change: 'unlinked' });
      expect(res.body.caseId).toBeUndefined();
      const after = (await t.store.cases.getCase(number)) as Case;
      expect(after).toMatchObject({ status: 'open', mentionIds: [second.id] });
      expect(after.history.at(-1)).toMatchObject({ action: 'mention_unlinked', from: first.id, note: 'not_a_complaint' });
      expect((await t.store.mentions.getMention(first.id))?.caseId).toBeUndefined();
    });

    it.each(['no_action', 'duplicate'])('leaves the case alone when the post is marked %s', async (status) => {
      const m = await t.complain({}, { primaryDomain: 'roads', intent: 'complaint' });
      await claim(m.id);
      const res = await mark(m.id, status);
      expect(res.body).toMatchObject({ status, case: null, caseId: m.caseId });
      expect((await caseOf(m)).status).toBe('open');
    });

    it('answers case: null for a post without a case, and leaves a case closed another way when the post is set back', async () => {
      const plain = await t.ingest({}, { primaryDomain: null, intent: 'other' });
      await claim(plain.id);
      expect((await mark(plain.id, 'spam')).body.case).toBeNull();

      // Marked no action, its case stays open; closed by a supervisor afterwards, setting the post back reopens nothing.
      const m = await t.complain({}, { primaryDomain: 'drainage', intent: 'complaint' });
      await claim(m.id);
      expect((await mark(m.id, 'no_action')).body.case).toBeNull();
      const number = (await caseOf(m)).number;
      await moveCase(number, 'in_progress');
      await moveCase(number, 'resolved');
      await moveCase(number, 'closed');
      await claim(m.id);
      const back = await mark(m.id, 'needs_reply');
      expect(back.body).toMatchObject({ status: 'needs_reply', case: null });
      expect((await caseOf(m)).status).toBe('closed');
    });

    it('reopens the case a spam mark closed when the post is set back to the reply queue, with a fresh SLA', async () => {
      const m = await t.complain({ author: { id: 's9', handle: 's9' } }, { primaryDomain: 'roads', intent: 'complaint', urgency: 'medium' });
      const opened = await caseOf(m);
      await claim(m.id);
      expect((await mark(m.id, 'spam')).body.case).toEqual({ number: opened.number, change: 'closed' });
      t.advance(3 * 24 * 3600_000);
      await claim(m.id);
      const back = await mark(m.id, 'needs_reply');
      expect(back.body).toMatchObject({ status: 'needs_reply', caseId: opened.id, case: { number: opened.number, change: 'reopened' } });
      const again = await caseOf(m);
      expect(again.status).toBe('open');
      expect(again.history.map((h) => h.action)).toContain('reopened');
      // A fresh due time from now (medium: 24 h by default), not the old one, long passed.
      expect(Date.parse(again.slaDueAt)).toBe(t.now().getTime() + 24 * 3600_000);
      const audit = await request(t.app).get(`/api/audit?subject=case:${opened.number}&action=case.status_changed`).set(bearer(t.tokens.supervisor)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ actor: t.users.agent.id, after: { status: 'open', reason: 'post_back_in_queue', mentionId: m.id } });
      // The citizen is not told of the reopening.
      await t.feature.outbox.perform();
      expect(await repliesOf(m.id)).toEqual([]);
    });
  });

  describe('setting a post back to the reply queue', () => {
    beforeEach(async () => {
      t = await setupCaseApp();
    });

    it('puts a post a spam mark took out of a shared case back into it (capture, while the case is open)', async () => {
      const first = await t.complain({ author: { id: 'sh', handle: 'sh' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const second = await t.complain({ author: { id: 'sh', handle: 'sh' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const { number } = await caseOf(first);
      await claim(first.id);
      expect((await mark(first.id, 'spam')).body.case).toEqual({ number, change: 'unlinked' });
      await claim(first.id);
      const back = await mark(first.id, 'needs_reply');
      expect(back.body).toMatchObject({ status: 'needs_reply', caseId: second.caseId, case: { number, change: 'linked' } });
      const after = (await t.store.cases.getCase(number)) as Case;
      expect(after.mentionIds.sort()).toEqual([first.id, second.id].sort());
      // The case's timeline ends with the post coming back, by the agent, now (not at the post's own time).
      expect(after.history.at(-1)).toMatchObject({ action: 'mention_linked', to: first.id, actor: t.users.agent.id, at: t.now().toISOString() });
      const audit = await request(t.app).get(`/api/audit?subject=case:${number}&action=case.mention_linked`).set(bearer(t.tokens.supervisor)).expect(200);
      expect(audit.body.items[0]).toMatchObject({ actor: t.users.agent.id, after: { mentionId: first.id } });
    });

    it("names each post's case in the queue list, the case page's number", async () => {
      const withCase = await t.complain({ author: { id: 'qn', handle: 'qn' } }, { primaryDomain: 'roads', intent: 'complaint' });
      const without = await t.ingest({ author: { id: 'qn2', handle: 'qn2' } }, { primaryDomain: null, intent: 'other' });
      const { number } = await caseOf(withCase);
      for (let i = 0; i < 2; i++) {
        const res = await request(t.app).get('/api/queue?status=needs_reply').set(bearer(t.tokens.agent)).expect(200);
        const items = res.body.items as { id: string; caseId?: string; caseNumber?: string }[];
        expect(items.find((x) => x.id === withCase.id)).toMatchObject({ caseId: withCase.caseId, caseNumber: number });
        expect(items.find((x) => x.id === without.id)?.caseNumber).toBeUndefined();
      }
    });

    it('opens a case for a works complaint closed before capture, and leaves the capture to the sweep after a crash', async () => {
      const m = await t.ingest({ author: { id: 'nc', handle: 'nc' } }, { primaryDomain: 'drainage', intent: 'complaint', confidence: 0.9 });
      await claim(m.id);
      await mark(m.id, 'no_action');
      expect(await t.store.cases.listCapturePending(10)).toEqual([]);
      await claim(m.id);
      const back = await mark(m.id, 'needs_reply');
      expect(back.body.case).toMatchObject({ change: 'opened' });
      expect((await t.store.cases.getCase(back.body.case.number))?.mentionIds).toEqual([m.id]);

      // The store marks it pending with the status: a crash before capture leaves it to the sweep.
      const other = await t.ingest({ author: { id: 'nc2', handle: 'nc2' } }, { primaryDomain: 'roads', intent: 'complaint', confidence: 0.9 });
      await t.store.queue.setMentionStatus(other.id, 'duplicate');
      await t.store.queue.setMentionStatus(other.id, 'needs_reply');
      expect((await t.store.cases.listCapturePending(10)).map((x) => x.id)).toEqual([other.id]);
      await t.feature.capture.captureLeftovers();
      expect((await t.store.mentions.getMention(other.id))?.caseId).toBeDefined();
    });
  });

  describe('automatic replies to closed posts', () => {
    it.each(['spam', 'no_action', 'duplicate'] as const)('sends no status notice to a post marked %s, and logs why', async (status) => {
      t = await setupCaseApp();
      const m = await t.complain();
      const { number } = await caseOf(m);
      // straight in the store: a post closed whatever its case did (for spam, as before the case followed)
      await t.store.queue.setMentionStatus(m.id, status);
      await moveCase(number, 'in_progress');
      await moveCase(number, 'resolved');
      await t.feature.outbox.perform();
      expect(await repliesOf(m.id)).toEqual([]);
      expect((await t.store.mentions.getMention(m.id))?.status).toBe(status);
      const skipped = t.log().filter((l) => l.msg === 'citizen reply skipped');
      expect(skipped).toEqual([expect.objectContaining({ level: 30, caseNumber: number, mentionId: m.id, skipped: 'mention_closed' })]);
      expect(String(skipped[0].reason)).toContain(status);
      // delivered: an answer, not a failure to retry
      expect(await t.store.caseOutbox.listOutbox({ topic: 'citizen_reply', subject: number, state: 'pending', limit: 10 })).toEqual([]);
    });

    it('still tells the other citizens of the case', async () => {
      t = await setupCaseApp();
      const loc = { block: '204' };
      const a = await t.complain({ author: { id: 'a', handle: 'a' } }, { location: loc });
      const b = await t.complain({ author: { id: 'b', handle: 'b' } }, { location: loc });
      const { number, mentionIds } = await caseOf(a);
      expect(mentionIds).toEqual([a.id, b.id]);
      await claim(a.id);
      await mark(a.id, 'no_action');
      await moveCase(number, 'in_progress');
      await moveCase(number, 'resolved');
      await t.feature.outbox.perform();
      expect(await repliesOf(a.id)).toEqual([]);
      expect((await repliesOf(b.id)).map((r) => r.purpose)).toEqual(['case_status']);
    });
  });

  describe('what a sent automatic reply does to its post', () => {
    it('leaves the post waiting, claim and all, when the acknowledgement is sent', async () => {
      t = await setupCaseApp({ autoAck: true });
      const m = await t.complain();
      await claim(m.id);
      await t.feature.outbox.perform();
      await t.replyFeature.sender.perform();
      expect((await repliesOf(m.id)).map((r) => [r.purpose, r.state])).toEqual([['case_ack', 'sent']]);
      const after = (await t.store.mentions.getMention(m.id)) as Mention;
      expect(after.status).toBe('needs_reply');
      expect(after.claim?.by).toBe(t.users.agent.id);
      const queue = await request(t.app).get('/api/queue?status=needs_reply').set(bearer(t.tokens.agent)).expect(200);
      expect(queue.body.items.map((i: { id: string }) => i.id)).toContain(m.id);
    });

    it('marks a waiting post replied when the resolved notice is sent, keeping the claim of the agent on it', async () => {
      t = await setupCaseApp();
      const m = await t.complain();
      const { number } = await caseOf(m);
      await claim(m.id);
      await moveCase(number, 'in_progress');
      await moveCase(number, 'resolved');
      await t.feature.outbox.perform();
      await t.replyFeature.sender.perform();
      expect((await repliesOf(m.id)).map((r) => [r.purpose, r.state])).toEqual([['case_status', 'sent']]);
      const after = (await t.store.mentions.getMention(m.id)) as Mention;
      expect(after.status).toBe('replied');
      expect(after.claim?.by).toBe(t.users.agent.id);
    });
  });
});
