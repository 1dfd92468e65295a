/**
 * A citizen is answered once unless a person means to answer again, over HTTP on the real app:
 * a reply on a post that a person's reply already answers (queued or sent) is refused with the
 * approval path's 409 mention_already_answered unless it says `"second": true`; a draft that would
 * wait for approval is refused even then (approving it would be). And a template whose
 * {case_number} has no value (a post without a case) is refused with the rest of its text filled.
 */
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from './reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

const claim = (token: string, mentionId: string) => request(t.app).post(`/api/mentions/${mentionId}/claim`).set(bearer(token)).expect(200);
const write = (token: string, mentionId: string, body: Record<string, unknown>) => request(t.app).post(`/api/mentions/${mentionId}/replies`).set(bearer(token)).send(body);
const repliesOf = async (mentionId: string) => (await request(t.app).get(`/api/replies?mentionId=${mentionId}`).set(bearer(t.tokens.supervisor)).expect(200)).body.items as { id: string; state: string }[];

describe('a second reply on a post a person already answered', () => {
  it('is refused without "second": true (409 naming the reply, queued then sent), and written with it', async () => {
    const m = await t.mention({}, { urgency: 'low' });
    await claim(t.tokens.agent, m.id);
    const first = await write(t.tokens.agent, m.id, { text: 'نتابع بلاغك مع الفريق المختص.' }).expect(201);
    expect(first.body.state).toBe('queued');

    // A colleague takes the post over and, not knowing, writes again.
    await request(t.app).post(`/api/mentions/${m.id}/assign`).set(bearer(t.tokens.supervisor)).send({ userId: t.users.agent2.id }).expect(200);
    const refused = await write(t.tokens.agent2, m.id, { text: 'شكرًا لتواصلك.' }).expect(409);
    expect(refused.body.error).toMatchObject({
      code: 'mention_already_answered',
      details: { mentionId: m.id, replyId: first.body.id, state: 'queued', author: t.users.agent.id },
    });
    expect(await repliesOf(m.id)).toHaveLength(1);

    await t.feature.sender.perform();
    await claim(t.tokens.agent2, m.id);
    const afterSent = await write(t.tokens.agent2, m.id, { text: 'شكرًا لتواصلك.', second: false }).expect(409);
    expect(afterSent.body.error.details).toMatchObject({ replyId: first.body.id, state: 'sent' });

    const second = await write(t.tokens.agent2, m.id, { text: 'تصحيح: الزيارة غدًا صباحًا.', second: true }).expect(201);
    expect(second.body.state).toBe('queued');
    await t.feature.sender.perform();
    expect(t.sentLines().map((l) => l.text)).toEqual(['نتابع بلاغك مع الفريق المختص.', 'تصحيح: الزيارة غدًا صباحًا.']);
  });

  it("keeps a double submit of the same text one reply (200), while the author's other text needs the flag", async () => {
    const m = await t.mention({}, { urgency: 'low' });
    await claim(t.tokens.agent, m.id);
    const first = await write(t.tokens.agent, m.id, { text: 'نعمل على ذلك' }).expect(201);
    const again = await write(t.tokens.agent, m.id, { text: 'نعمل على ذلك' }).expect(200);
    expect(again.body.id).toBe(first.body.id);
    const other = await write(t.tokens.agent, m.id, { text: 'وسنزوركم غدًا' }).expect(409);
    expect(other.body.error.code).toBe('mention_already_answered');
  });

  it('is not needed after an automatic acknowledgement, which answers nobody', async () => {
    const m = await t.mention({}, { urgency: 'low' });
    await t.store.replies.createReply({ mentionId: m.id, text: 'رقم بلاغك MOW-2026-000001', author: 'system', state: 'queued', purpose: 'case_ack', dedupeKey: `${m.id}:case_ack:` });
    await t.feature.sender.perform();
    await claim(t.tokens.agent, m.id);
    await write(t.tokens.agent, m.id, { text: 'الفريق في الطريق' }).expect(201);
  });

  it("refuses a trainee's draft even with the flag, since approving it would be refused", async () => {
    const m = await t.mention({}, { urgency: 'low' });
    await claim(t.tokens.agent, m.id);
    const first = await write(t.tokens.agent, m.id, { text: 'نتابع بلاغك' }).expect(201);
    await request(t.app).post(`/api/mentions/${m.id}/assign`).set(bearer(t.tokens.supervisor)).send({ userId: t.users.trainee.id }).expect(200);
    const res = await write(t.tokens.trainee, m.id, { text: 'شكرًا', second: true }).expect(409);
    expect(res.body.error).toMatchObject({ code: 'mention_already_answered', details: { replyId: first.body.id } });
    expect((await repliesOf(m.id)).map((r) => r.id)).toEqual([first.body.id]);
  });
});

describe('a template whose {case_number} has no value (the post has no case)', () => {
  it('previews with the other variables filled and only {case_number} left, named as missing; the reply itself is refused (422)', async () => {
    const m = await t.mention({ author: { id: '9', handle: 'fatima', name: 'فاطمة' } });
    await claim(t.tokens.agent, m.id);
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const filled = tpl.bodies.ar!.replace('{name}', 'فاطمة').replace('{domain}', 'الطرق');
    const preview = await request(t.app).post(`/api/mentions/${m.id}/replies/preview`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, lang: 'ar' }).expect(200);
    expect(preview.body).toEqual({ text: filled, lang: 'ar', templateId: tpl.id, variables: { name: 'فاطمة', domain: 'الطرق' }, missing: ['case_number'] });
    expect(filled).toContain('{case_number}');
    const res = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, lang: 'ar' }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'missing_template_variable', details: { missing: ['case_number'], text: filled, lang: 'ar', variables: { name: 'فاطمة', domain: 'الطرق' } } });
    // Given a value, the preview is complete.
    const given = await request(t.app).post(`/api/mentions/${m.id}/replies/preview`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, lang: 'ar', variables: { case_number: 'MOW-2026-000042' } }).expect(200);
    expect(given.body.missing).toEqual([]);
    expect(given.body.text).toContain('MOW-2026-000042');
    expect(await repliesOf(m.id)).toEqual([]);
  });
});
