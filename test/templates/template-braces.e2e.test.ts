/**
 * A placeholder whose brace is lost ("{case_number بخصوص") is refused when the template is saved
 * (422 naming the field and the position), and a template saved before that check never reaches
 * a citizen: agents' replies and previews are refused, automatic replies skipped.
 */
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

const UNCLOSED_AR = 'مرحبا {name}، بلاغك {case_number بخصوص {domain}';

describe('template bodies with a stray brace', () => {
  it('refuses the tester’s Arabic body with 422 naming bodies.ar and the position of the unclosed “{”', async () => {
    const res = await request(t.app)
      .post('/api/templates')
      .set(bearer(t.tokens.supervisor))
      .send({ key: 'unclosed', name: 'Unclosed', bodies: { ar: UNCLOSED_AR, en: 'Hello {name}' } })
      .expect(422);
    expect(res.body.error).toMatchObject({
      code: 'template_brace_unbalanced',
      details: { field: 'bodies.ar', position: 21, problems: { ar: { kind: 'unclosed', char: '{', index: 20, position: 21 } } },
    });
    expect(res.body.error.message).toContain('bodies.ar');
    expect(res.body.error.message).toContain('21');
    expect(res.body.error.details.problems.en).toBeUndefined();
    expect(await t.store.templates.getTemplateByKey('unclosed')).toBeNull();
  });

  it.each([
    ['a “}” with no “{”', 'Hello name}', { kind: 'unopened', char: '}', position: 11 }],
    ['a doubled “{{”', 'Hello {{name}}', { kind: 'unclosed', char: '{', position: 7 }],
    ['a “{” at the end', 'Case {case_number} {', { kind: 'unclosed', char: '{', position: 20 }],
  ])('refuses %s in the English body, on create and on edit', async (_what, body, problem) => {
    const created = await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'stray', name: 'S', bodies: { en: body } }).expect(422);
    expect(created.body.error).toMatchObject({ code: 'template_brace_unbalanced', details: { field: 'bodies.en', problems: { en: problem } } });

    const ack = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const edited = await request(t.app).patch(`/api/templates/${ack.id}`).set(bearer(t.tokens.admin)).send({ bodies: { ar: ack.bodies.ar, en: body } }).expect(422);
    expect(edited.body.error).toMatchObject({ code: 'template_brace_unbalanced', details: { field: 'bodies.en', position: problem.position } });
    expect((await t.store.templates.getTemplate(ack.id))?.bodies).toEqual(ack.bodies);
  });

  it('still accepts balanced bodies and reports unknown variables as before', async () => {
    await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'fine', name: 'F', bodies: { ar: 'مرحبا {name}، بلاغك {case_number} بخصوص {domain}' } }).expect(201);
    const bad = await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'typo', name: 'T', bodies: { ar: 'بلاغك {case_numer}' } }).expect(422);
    expect(bad.body.error.code).toBe('unknown_template_variable');
  });

  it('never sends a template saved before the check: the reply and its preview are refused, an automatic reply is skipped', async () => {
    // As if saved by an older version: straight into the store.
    const seeded = (await t.store.templates.getTemplateByKey('case_in_progress'))!;
    const old = (await t.store.templates.updateTemplate(seeded.id, { name: 'Old', bodies: { ar: UNCLOSED_AR }, updatedBy: 'system' }))!;
    const m = await t.mention({ author: { id: '7', handle: 'hussain', name: 'حسين' }, lang: 'ar' }, { primaryDomain: 'roads' });
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    const body = { templateId: old.id, variables: { case_number: 'MOW-2026-000049' }, lang: 'ar' };

    const preview = await request(t.app).post(`/api/mentions/${m.id}/replies/preview`).set(bearer(t.tokens.agent)).send(body).expect(422);
    expect(preview.body.error).toMatchObject({ code: 'template_brace_unbalanced', details: { field: 'bodies.ar', position: 21 } });
    const sent = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send(body).expect(422);
    expect(sent.body.error.code).toBe('template_brace_unbalanced');
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);

    const auto = await t.feature.replies.enqueueSystemReply({ mentionId: m.id, templateKey: 'case_in_progress', variables: { case_number: 'MOW-2026-000049' }, purpose: 'case_status', status: 'in_progress' });
    expect(auto).toMatchObject({ outcome: 'skipped', reason: 'render_failed' });
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);
  });
});
