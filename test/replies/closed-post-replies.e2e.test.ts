/**
 * No reply is written on a post marked spam, no action or duplicate: over HTTP, writing one (or
 * previewing it) is refused with the same 409 mention_closed an approval gets, until the post is
 * set back to needs_reply; nothing is queued, nothing is sent.
 */
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from './reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

const claim = (mentionId: string) => request(t.app).post(`/api/mentions/${mentionId}/claim`).set(bearer(t.tokens.agent)).expect(200);
const mark = (mentionId: string, status: string) =>
  request(t.app).post(`/api/mentions/${mentionId}/status`).set(bearer(t.tokens.agent)).send({ status, reason: 'checked' }).expect(200);
const write = (mentionId: string, path = 'replies') => request(t.app).post(`/api/mentions/${mentionId}/${path}`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا لتواصلك' });

describe('writing a reply on a closed post', () => {
  it.each(['spam', 'no_action', 'duplicate'])('refuses a reply and its preview on a post marked %s with 409 mention_closed, and sends nothing', async (status) => {
    const m = await t.mention();
    await claim(m.id);
    await mark(m.id, status);
    await claim(m.id);

    const refused = await write(m.id).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'mention_closed', details: { mentionId: m.id, status } });
    expect(refused.body.error.message).toContain('needs_reply');
    const preview = await write(m.id, 'replies/preview').expect(409);
    expect(preview.body.error).toMatchObject({ code: 'mention_closed', details: { mentionId: m.id, status } });

    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);
    await t.feature.sender.perform();
    expect(t.sentLines()).toEqual([]);
    expect((await t.store.mentions.getMention(m.id))?.status).toBe(status);
  });

  it('takes the reply once the post is set back to needs_reply', async () => {
    const m = await t.mention();
    await claim(m.id);
    await mark(m.id, 'spam');
    await claim(m.id);
    await write(m.id).expect(409);
    await mark(m.id, 'needs_reply');
    await write(m.id, 'replies/preview').expect(200);
    await write(m.id).expect(201);
    await t.feature.sender.perform();
    expect(t.sentLines()).toHaveLength(1);
    expect((await t.store.mentions.getMention(m.id))?.status).toBe('replied');
  });

  it.each(['spam', 'no_action', 'duplicate'])('withdraws, unsent, a reply queued before the post was marked %s (rejected, audited, counted)', async (status) => {
    const m = await t.mention();
    await claim(m.id);
    const queued = await write(m.id).expect(201);
    expect(queued.body.state).toBe('queued');
    await mark(m.id, status);

    const outcome = await t.feature.sender.perform();
    expect(outcome).toMatchObject({ sent: 0, withdrawn: 1 });
    expect(t.sentLines()).toEqual([]);
    const reply = await t.store.replies.getReply(queued.body.id);
    expect(reply).toMatchObject({ state: 'rejected', error: `not sent: the post was marked ${status} after this reply was queued` });
    const audit = await request(t.app).get(`/api/audit?subject=reply:${queued.body.id}&action=reply.rejected`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items[0]).toMatchObject({ actor: 'system', before: { state: 'sending' }, after: { state: 'rejected' } });
    expect((await t.store.mentions.getMention(m.id))?.status).toBe(status);
  });
});
