import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from './reply-app';

let t: ReplyApp;
/** Every write to a mention needs the writer's claim. */
const claim = (token: string, mentionId: string) => request(t.app).post(`/api/mentions/${mentionId}/claim`).set(bearer(token)).expect(200);
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

describe('reply queue API', () => {
  it('lists mentions needing a reply in priority order with counts per domain', async () => {
    const low = await t.mention({ createdAt: '2026-11-20T08:00:00.000Z' }, { urgency: 'low', primaryDomain: 'drainage' });
    const high = await t.mention({ createdAt: '2026-11-20T09:00:00.000Z' }, { urgency: 'high' });
    const res = await request(t.app).get('/api/queue').set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.items.map((m: { id: string }) => m.id)).toEqual([high.id, low.id]);
    expect(res.body.counts).toEqual({ byDomain: { roads: 1, drainage: 1 }, total: 2 });
  });

  it('finds mentions by Arabic text whatever the alef and taa marbuta forms', async () => {
    const m = await t.mention({ text: 'إنارة الشارع مطفأة منذ أسبوع' });
    await t.mention({ text: 'حفرة عميقة' });
    const res = await request(t.app).get('/api/queue').query({ q: 'اناره' }).set(bearer(t.tokens.agent)).expect(200);
    expect(res.body.items.map((x: { id: string }) => x.id)).toEqual([m.id]);
  });

  it("finds a post by its pasted address, and refuses a search with nothing to look for rather than listing every post", async () => {
    const ig = await t.mention({ url: 'https://www.instagram.com/p/Cx9aB12/', text: 'حفرة كبيرة' });
    const x = await t.mention({ externalId: '1790000000000000001', url: 'https://twitter.com/i/web/status/1790000000000000001', text: 'مجاري طافحة' });
    await t.mention({ text: 'حفرة صغيرة' });
    const search = (q: string) => request(t.app).get('/api/queue').query({ q }).set(bearer(t.tokens.agent));
    const igFound = await search('https://www.instagram.com/p/Cx9aB12/?igsh=MWQ1').expect(200);
    expect(igFound.body.items.map((m: { id: string }) => m.id)).toEqual([ig.id]);
    expect(igFound.body.counts.total).toBe(1);
    expect((await search('https://x.com/citizen/status/1790000000000000001?s=20').expect(200)).body.items.map((m: { id: string }) => m.id)).toEqual([x.id]);
    // Whatever the post's status (answered, left out of the queue): the agent has the link, not the status.
    await t.store.queue.setMentionStatus(ig.id, 'replied');
    const replied = await search('https://www.instagram.com/p/Cx9aB12/').expect(200);
    expect(replied.body.items.map((m: { id: string; status: string }) => [m.id, m.status])).toEqual([[ig.id, 'replied']]);
    expect(replied.body.counts.total).toBe(1);
    // A site's address without a post's id or code is no post's link.
    expect((await search('https://www.instagram.com/p').expect(400)).body.error.code).toBe('search_without_words');
    for (const q of ['😤', '#', '@', '...']) {
      const res = await search(q).expect(400);
      expect(res.body.error).toMatchObject({ code: 'search_without_words', details: { q } });
    }
  });

  it('rejects an unknown filter with 400 naming it', async () => {
    const res = await request(t.app).get('/api/queue?colour=red').set(bearer(t.tokens.agent)).expect(400);
    expect(res.body.error.details).toEqual({ colour: 'unknown parameter' });
  });

  it('gives a claim to one agent and answers 409 with the holder to another', async () => {
    const m = await t.mention();
    const won = await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    expect(won.body.claim.by).toBe(t.users.agent.id);
    const lost = await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent2)).expect(409);
    expect(lost.body.error).toMatchObject({ code: 'claimed_by_other', details: { claim: { by: t.users.agent.id, byName: 'ali' } } });
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    const mine = await request(t.app).get('/api/queue?assignee=me').set(bearer(t.tokens.agent)).expect(200);
    expect(mine.body.items).toHaveLength(1);
  });

  it('renews the holder\'s claim without a second audit entry; a claim taken again after it ran out is audited again', async () => {
    await t.cleanup();
    let clock = Date.parse('2026-11-20T10:00:00.000Z');
    t = await setupReplyApp({ now: () => new Date(clock) });
    const m = await t.mention();
    const first = await claim(t.tokens.agent, m.id);
    clock += 6 * 60_000;
    const renewed = await claim(t.tokens.agent, m.id);
    expect(Date.parse(renewed.body.claim.until) - Date.parse(first.body.claim.until)).toBe(6 * 60_000);
    const claims = async () => (await t.store.audit.listAudit({ subject: `mention:${m.id}`, limit: 10 })).items.filter((e) => e.action === 'mention.claimed');
    expect(await claims()).toHaveLength(1);
    clock = Date.parse(renewed.body.claim.until) + 60_000;
    await claim(t.tokens.agent, m.id);
    expect(await claims()).toHaveLength(2);
  });

  it('lets a colleague take over a post claimed by an account that was then disabled, audited with the claim it replaced', async () => {
    const m = await t.mention();
    const held = await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(200);
    const taken = await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent2)).expect(200);
    expect(taken.body.claim.by).toBe(t.users.agent2.id);
    const [entry] = (await t.store.audit.listAudit({ subject: `mention:${m.id}`, limit: 1 })).items;
    expect(entry).toMatchObject({ actor: t.users.agent2.id, action: 'mention.claimed', before: { by: t.users.agent.id, until: held.body.claim.until }, after: { by: t.users.agent2.id } });
    // An enabled holder still keeps it.
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.trainee)).expect(409);
  });

  it('lets exactly one of two agents claiming at the same instant win', async () => {
    for (let round = 0; round < 5; round++) {
      const m = await t.mention();
      const results = await Promise.all(
        [t.tokens.agent, t.tokens.agent2, t.tokens.trainee].map((tok) => request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(tok))),
      );
      expect(results.map((r) => r.status).sort()).toEqual([200, 409, 409]);
    }
  });

  it('releases a claim for its holder, refuses another agent, and lets a supervisor reassign', async () => {
    const m = await t.mention();
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    await request(t.app).post(`/api/mentions/${m.id}/release`).set(bearer(t.tokens.agent2)).expect(403);
    await request(t.app).post(`/api/mentions/${m.id}/assign`).set(bearer(t.tokens.agent)).send({ userId: t.users.agent2.id }).expect(403);
    const re = await request(t.app).post(`/api/mentions/${m.id}/assign`).set(bearer(t.tokens.supervisor)).send({ userId: t.users.agent2.id }).expect(200);
    expect(re.body.claim.by).toBe(t.users.agent2.id);
    await request(t.app).post(`/api/mentions/${m.id}/release`).set(bearer(t.tokens.agent2)).expect(204);
    expect((await t.store.mentions.getMention(m.id))?.claim).toBeUndefined();
    const audit = await t.store.audit.listAudit({ subject: `mention:${m.id}`, limit: 10 });
    expect(audit.items.map((e) => e.action)).toEqual(['mention.released', 'mention.reassigned', 'mention.claimed']);
  });

  it('closes a mention as spam with a reason, audited, and refuses to close a replied one', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    const res = await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'spam', reason: 'advert' }).expect(200);
    expect(res.body.status).toBe('spam');
    const [entry] = (await t.store.audit.listAudit({ subject: `mention:${m.id}`, limit: 1 })).items;
    expect(entry).toMatchObject({ actor: t.users.agent.id, action: 'mention.status_changed', before: { status: 'needs_reply' }, after: { status: 'spam', reason: 'advert' } });
    await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'replied', reason: 'x' }).expect(400);
    await t.store.queue.setMentionStatus(m.id, 'replied');
    await claim(t.tokens.agent, m.id);
    await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'no_action', reason: 'x' }).expect(409);
  });
});

describe('replies API', () => {
  it('queues an agent reply, sends it once through the replay channel and marks the mention replied', async () => {
    const m = await t.mention({ externalId: 'tweet-1' });
    await claim(t.tokens.agent, m.id);
    const created = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا لتواصلك، تم إبلاغ الفريق' }).expect(201);
    expect(created.body).toMatchObject({ state: 'queued', author: t.users.agent.id, attempts: 0 });
    await t.feature.sender.perform();
    await t.feature.sender.perform();
    const sent = t.sentLines();
    expect(sent).toHaveLength(1);
    expect(sent[0]).toMatchObject({ inReplyTo: 'tweet-1', idempotencyKey: created.body.idempotencyKey });
    const reply = await request(t.app).get(`/api/replies/${created.body.id}`).set(bearer(t.tokens.agent)).expect(200);
    expect(reply.body).toMatchObject({ state: 'sent', externalId: `replay-reply-${created.body.idempotencyKey}`, attempts: 1 });
    expect((await t.store.mentions.getMention(m.id))?.status).toBe('replied');
  });

  it('renders a template with the mention author and the given case number', async () => {
    const m = await t.mention({ author: { id: '9', handle: 'fatima', name: 'فاطمة' } });
    await claim(t.tokens.agent, m.id);
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const res = await request(t.app)
      .post(`/api/mentions/${m.id}/replies`)
      .set(bearer(t.tokens.agent))
      .send({ templateId: tpl.id, variables: { case_number: 'MOW-2026-000001' } })
      .expect(201);
    expect(res.body.text).toContain('فاطمة');
    expect(res.body.text).toContain('MOW-2026-000001');
    expect(res.body.text).toContain('الطرق');
    expect(res.body.templateId).toBe(tpl.id);
  });

  it('sends a template only with the text its author saw: edited meanwhile, 409 reply_text_changed with the new text and nothing queued', async () => {
    const m = await t.mention({ author: { id: '9', handle: 'fatima', name: 'فاطمة' } });
    await claim(t.tokens.agent, m.id);
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const variables = { case_number: 'MOW-2026-000001' };
    const seen = await request(t.app).post(`/api/mentions/${m.id}/replies/preview`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, variables }).expect(200);
    await request(t.app).patch(`/api/templates/${tpl.id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { ar: 'أهلًا {name}، بلاغك {case_number} قيد الدراسة.' } }).expect(200);
    const refused = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, variables, expectedText: seen.body.text }).expect(409);
    expect(refused.body.error).toMatchObject({ code: 'reply_text_changed', details: { text: 'أهلًا فاطمة، بلاغك MOW-2026-000001 قيد الدراسة.' } });
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toHaveLength(0);
    const sent = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id, variables, expectedText: refused.body.error.details.text }).expect(201);
    expect(sent.body.text).toBe('أهلًا فاطمة، بلاغك MOW-2026-000001 قيد الدراسة.');
    // expectedText belongs to a template reply.
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'x', expectedText: 'x' }).expect(400);
  });

  it('refuses a template reply with a missing variable (422) and a body with both text and templateId (400)', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const r = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ templateId: tpl.id }).expect(422);
    expect(r.body.error).toMatchObject({ code: 'missing_template_variable', details: { missing: ['case_number'] } });
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'x', templateId: tpl.id }).expect(400);
  });

  it('refuses a reply whose body is not UTF-8, queueing nothing', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    const bytes = Buffer.concat([Buffer.from('{"text":"'), Buffer.from([0xff, 0xfe]), Buffer.from('"}')]);
    const res = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).set('content-type', 'application/json').serialize((b: Buffer) => b as unknown as string).send(bytes).expect(400);
    expect(res.body.error.code).toBe('invalid_encoding');
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);
  });

  it('refuses a free-text reply that still holds a placeholder, queueing nothing', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    for (const [text, placeholder] of [['شكرًا، بلاغك {case_number} قيد المتابعة', '{case_number}'], ['شكرًا { name ، نتابع', '{ name']]) {
      const res = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text }).expect(422);
      expect(res.body.error).toMatchObject({ code: 'reply_unfilled_placeholder', details: { placeholder } });
    }
    expect((await request(t.app).get(`/api/replies?mentionId=${m.id}`).set(bearer(t.tokens.agent)).expect(200)).body.items).toEqual([]);
    // A brace that is no placeholder is fine in free text.
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا :-} نتابع بلاغك' }).expect(201);
  });

  it("refuses a reply longer than X's weighted 280 before queueing it", async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    // Emoji weigh 2 on X: 270 letters + space + 5 emoji = 281 weighted, though only 276 code points.
    const text = 'ب'.repeat(270) + ' ' + '🙂'.repeat(5);
    const res = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'reply_too_long', details: { length: 281, max: 280 } });
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: text.slice(0, -2) }).expect(201);
  });

  it('refuses a reply or a status change from an agent who has not claimed the mention, and from one whose colleague holds it', async () => {
    const m = await t.mention();
    const reply = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'مرحبا' }).expect(409);
    expect(reply.body.error.code).toBe('claim_required');
    const status = await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.supervisor)).send({ status: 'spam', reason: 'ad' }).expect(409);
    expect(status.body.error.code).toBe('claim_required');
    await claim(t.tokens.agent2, m.id);
    const other = await request(t.app).post(`/api/mentions/${m.id}/status`).set(bearer(t.tokens.agent)).send({ status: 'no_action', reason: 'x' }).expect(409);
    // Named, as a refused claim names the holder: the agent knows whom to ask.
    expect(other.body.error).toMatchObject({ code: 'claimed_by_other', details: { claim: { by: t.users.agent2.id, byName: t.users.agent2.name } } });
    expect(other.body.error.message).toBe(`${t.users.agent2.name} is working on this mention`);
    const replyOther = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'مرحبا' }).expect(409);
    expect(replyOther.body.error.details.claim.byName).toBe(t.users.agent2.name);
    expect((await t.store.mentions.getMention(m.id))?.status).toBe('needs_reply');
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toHaveLength(0);
  });

  it('says a news item cannot be answered in-channel, in words an agent understands', async () => {
    const m = await t.mention({ kind: 'news', replyable: false });
    await claim(t.tokens.agent, m.id);
    const r = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا' }).expect(422);
    expect(r.body.error).toMatchObject({ code: 'not_replyable', message: 'news items cannot be answered in-channel' });
  });

  it('refuses to reply while another agent holds the claim', async () => {
    const m = await t.mention();
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent2)).expect(200);
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'مرحبا' }).expect(409);
  });

  it('holds high-urgency and trainee replies for approval; a supervisor approves, the author cannot', async () => {
    const urgent = await t.mention({}, { urgency: 'high' });
    const calm = await t.mention({}, { urgency: 'low' });
    const urgent2 = await t.mention({}, { urgency: 'high' });
    await claim(t.tokens.agent, urgent.id);
    await claim(t.tokens.trainee, calm.id);
    await claim(t.tokens.supervisor, urgent2.id);
    const a = await request(t.app).post(`/api/mentions/${urgent.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'نعمل على ذلك' }).expect(201);
    const b = await request(t.app).post(`/api/mentions/${calm.id}/replies`).set(bearer(t.tokens.trainee)).send({ text: 'شكرًا' }).expect(201);
    const s = await request(t.app).post(`/api/mentions/${urgent2.id}/replies`).set(bearer(t.tokens.supervisor)).send({ text: 'الفريق في الطريق' }).expect(201);
    expect([a.body.state, b.body.state, s.body.state]).toEqual(['awaiting_approval', 'awaiting_approval', 'queued']);
    // The audit entry names the rule as a code the console words in its language.
    const created = async (id: string) => (await t.store.audit.listAudit({ subject: `reply:${id}`, limit: 5 })).items.find((e) => e.action === 'reply.created')?.after as { approvalReason?: string } | undefined;
    expect(await created(a.body.id)).toMatchObject({ approvalReason: 'urgency' });
    expect(await created(b.body.id)).toMatchObject({ approvalReason: 'trainee' });
    expect((await created(s.body.id))?.approvalReason).toBeUndefined();

    const list = await request(t.app).get('/api/replies?state=awaiting_approval').set(bearer(t.tokens.supervisor)).expect(200);
    expect(list.body.items.map((r: { id: string }) => r.id).sort()).toEqual([a.body.id, b.body.id].sort());

    await request(t.app).post(`/api/replies/${a.body.id}/approve`).set(bearer(t.tokens.agent)).expect(403);
    const ok = await request(t.app).post(`/api/replies/${a.body.id}/approve`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(ok.body).toMatchObject({ state: 'queued', approvedBy: t.users.supervisor.id });
    await request(t.app).post(`/api/replies/${a.body.id}/approve`).set(bearer(t.tokens.supervisor)).expect(409);
    const no = await request(t.app).post(`/api/replies/${b.body.id}/reject`).set(bearer(t.tokens.admin)).send({ reason: 'tone' }).expect(200);
    expect(no.body).toMatchObject({ state: 'rejected', error: 'tone' });

    await t.feature.sender.perform();
    expect(t.sentLines().map((l) => l.text).sort()).toEqual(['الفريق في الطريق', 'نعمل على ذلك'].sort());
  });

  it('lets a supervisor resolve an unknown send as sent, and never resends it by itself', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    const r = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا' }).expect(201);
    await t.store.replies.takeNextOutboxReply(new Date().toISOString());
    await t.feature.sender.recoverInterrupted();
    await t.feature.sender.perform();
    expect(t.sentLines()).toHaveLength(0);
    const unknown = await request(t.app).get('/api/replies?state=unknown').set(bearer(t.tokens.supervisor)).expect(200);
    expect(unknown.body.items.map((x: { id: string }) => x.id)).toEqual([r.body.id]);
    await request(t.app).post(`/api/replies/${r.body.id}/resolve`).set(bearer(t.tokens.agent)).send({ outcome: 'failed', reason: 'x' }).expect(403);
    const done = await request(t.app).post(`/api/replies/${r.body.id}/resolve`).set(bearer(t.tokens.supervisor)).send({ outcome: 'sent', externalId: '1888' }).expect(200);
    expect(done.body).toMatchObject({ state: 'sent', externalId: '1888' });
    expect((await t.store.mentions.getMention(m.id))?.status).toBe('replied');
  });

  it('requeues an unknown send only when a supervisor says resend', async () => {
    const m = await t.mention();
    await claim(t.tokens.agent, m.id);
    const r = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'شكرًا' }).expect(201);
    await t.store.replies.takeNextOutboxReply(new Date().toISOString());
    await t.feature.sender.recoverInterrupted();
    await request(t.app).post(`/api/replies/${r.body.id}/resolve`).set(bearer(t.tokens.supervisor)).send({ outcome: 'resend' }).expect(200);
    await t.feature.sender.perform();
    expect(t.sentLines()).toHaveLength(1);
  });

  it('answers 404 for an unknown mention or reply', async () => {
    await request(t.app).post('/api/mentions/nope/replies').set(bearer(t.tokens.agent)).send({ text: 'x' }).expect(404);
    await request(t.app).get('/api/replies/nope').set(bearer(t.tokens.agent)).expect(404);
    await request(t.app).post('/api/mentions/nope/claim').set(bearer(t.tokens.agent)).expect(404);
  });
});
