/**
 * Approving a draft never answers a citizen twice: over HTTP on the real app, a draft whose post
 * was answered by a colleague or closed is refused (409 with a code the console words), may still
 * be rejected, and says so in the approvals list; a double submit makes one draft; the menu's
 * count of drafts awaiting approval.
 */
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from './reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

const claim = (token: string, mentionId: string) => request(t.app).post(`/api/mentions/${mentionId}/claim`).set(bearer(token)).expect(200);
const write = (token: string, mentionId: string, text: string) => request(t.app).post(`/api/mentions/${mentionId}/replies`).set(bearer(token)).send({ text });
const approve = (replyId: string) => request(t.app).post(`/api/replies/${replyId}/approve`).set(bearer(t.tokens.supervisor));
const reject = (replyId: string) => request(t.app).post(`/api/replies/${replyId}/reject`).set(bearer(t.tokens.supervisor)).send({ reason: 'answered already' });
const awaiting = async () => (await request(t.app).get('/api/replies?state=awaiting_approval').set(bearer(t.tokens.supervisor)).expect(200)).body.items as { id: string; approvalBlock?: Record<string, unknown> }[];

/** A trainee's draft waiting for approval on a fresh post the trainee holds. */
async function traineeDraft(text = 'شكرًا لتواصلك، نتابع البلاغ') {
  const m = await t.mention({}, { urgency: 'low' });
  await claim(t.tokens.trainee, m.id);
  const draft = await write(t.tokens.trainee, m.id, text).expect(201);
  expect(draft.body.state).toBe('awaiting_approval');
  return { mention: m, draft: draft.body as { id: string } };
}

describe('approving a draft whose post is already answered or closed', () => {
  it('answers a double submit of the same draft with the first one (200), so only one waits and only one is sent', async () => {
    const { mention, draft } = await traineeDraft();
    const again = await write(t.tokens.trainee, mention.id, '  شكرًا لتواصلك، نتابع البلاغ ').expect(200);
    expect(again.body.id).toBe(draft.id);
    expect((await awaiting()).map((r) => r.id)).toEqual([draft.id]);
    const created = (await t.store.audit.listAudit({ subject: `reply:${draft.id}`, limit: 10 })).items.filter((e) => e.action === 'reply.created');
    expect(created).toHaveLength(1);
    // Other text is another draft; the same text after a rejection is a new one.
    await write(t.tokens.trainee, mention.id, 'نص آخر').expect(201);
    await reject(draft.id).expect(200);
    const resent = await write(t.tokens.trainee, mention.id, 'شكرًا لتواصلك، نتابع البلاغ').expect(201);
    expect(resent.body.id).not.toBe(draft.id);
  });

  it('also answers two submits at the same instant with one draft', async () => {
    const m = await t.mention({}, { urgency: 'low' });
    await claim(t.tokens.trainee, m.id);
    const [a, b] = await Promise.all([write(t.tokens.trainee, m.id, 'مرحبًا'), write(t.tokens.trainee, m.id, 'مرحبًا')]);
    expect([a.status, b.status].sort()).toEqual([200, 201]);
    expect(a.body.id).toBe(b.body.id);
  });

  it('refuses a draft when a colleague has replied meanwhile (409 mention_already_answered, queued then sent), and still lets it be rejected', async () => {
    const { mention, draft } = await traineeDraft();
    await request(t.app).post(`/api/mentions/${mention.id}/assign`).set(bearer(t.tokens.supervisor)).send({ userId: t.users.agent.id }).expect(200);
    const colleague = await write(t.tokens.agent, mention.id, 'تم التواصل مع الفريق').expect(201);
    expect(colleague.body.state).toBe('queued');

    const queued = await approve(draft.id).expect(409);
    expect(queued.body.error).toMatchObject({
      code: 'mention_already_answered',
      details: { mentionId: mention.id, replyId: colleague.body.id, state: 'queued', author: t.users.agent.id },
    });
    expect((await awaiting()).find((r) => r.id === draft.id)?.approvalBlock).toMatchObject({ code: 'mention_already_answered', state: 'queued' });

    await t.feature.sender.perform();
    const sent = await approve(draft.id).expect(409);
    expect(sent.body.error).toMatchObject({ code: 'mention_already_answered', details: { state: 'sent' } });
    expect((await t.store.replies.getReply(draft.id))?.state).toBe('awaiting_approval');

    await reject(draft.id).expect(200);
    await t.feature.sender.perform();
    expect(t.sentLines().map((l) => l.text)).toEqual(['تم التواصل مع الفريق']);
  });

  it('refuses a draft on a post marked spam (409 mention_closed), leaves the post spam and sends nothing', async () => {
    const { mention, draft } = await traineeDraft();
    await request(t.app).post(`/api/mentions/${mention.id}/status`).set(bearer(t.tokens.trainee)).send({ status: 'spam', reason: 'advert' }).expect(200);
    const res = await approve(draft.id).expect(409);
    expect(res.body.error).toMatchObject({ code: 'mention_closed', details: { mentionId: mention.id, status: 'spam' } });
    expect(typeof res.body.error.message).toBe('string');
    expect((await awaiting())[0].approvalBlock).toEqual({ code: 'mention_closed', mentionId: mention.id, status: 'spam' });
    await t.feature.sender.perform();
    expect(t.sentLines()).toEqual([]);
    expect((await t.store.mentions.getMention(mention.id))?.status).toBe('spam');
    await reject(draft.id).expect(200);
  });

  it('approves only one of two drafts of one post approved at the same instant', async () => {
    const { mention, draft } = await traineeDraft('الرد الأول');
    const second = await write(t.tokens.trainee, mention.id, 'الرد الثاني').expect(201);
    const [a, b] = await Promise.all([approve(draft.id), request(t.app).post(`/api/replies/${second.body.id}/approve`).set(bearer(t.tokens.admin))]);
    expect([a.status, b.status].sort()).toEqual([200, 409]);
    expect([a, b].find((r) => r.status === 409)?.body.error.code).toBe('mention_already_answered');
    await t.feature.sender.perform();
    await t.feature.sender.perform();
    expect(t.sentLines()).toHaveLength(1);
  });

  it('still approves a draft when only an automatic acknowledgement went out, and keeps the approved reply exactly-once', async () => {
    const { mention, draft } = await traineeDraft();
    await t.store.replies.createReply({ mentionId: mention.id, text: 'رقم بلاغك MOW-2026-000001', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: `${mention.id}:case_ack:` });
    await t.feature.sender.perform();
    const ok = await approve(draft.id).expect(200);
    expect(ok.body).toMatchObject({ state: 'queued', approvedBy: t.users.supervisor.id, idempotencyKey: expect.any(String) });
    await t.feature.sender.perform();
    await t.feature.sender.perform();
    expect(t.sentLines().filter((l) => l.idempotencyKey === ok.body.idempotencyKey)).toHaveLength(1);
  });
});

describe('the count of replies in a state', () => {
  it('counts drafts awaiting approval, and is not taken for a reply id', async () => {
    const count = async () => (await request(t.app).get('/api/replies/count?state=awaiting_approval').set(bearer(t.tokens.supervisor)).expect(200)).body;
    expect(await count()).toEqual({ state: 'awaiting_approval', count: 0 });
    const { draft } = await traineeDraft();
    await traineeDraft('رد آخر');
    expect(await count()).toEqual({ state: 'awaiting_approval', count: 2 });
    await reject(draft.id).expect(200);
    expect((await count()).count).toBe(1);
    const bad = await request(t.app).get('/api/replies/count').set(bearer(t.tokens.supervisor)).expect(400);
    expect(bad.body.error.code).toBe('validation_failed');
  });
});
