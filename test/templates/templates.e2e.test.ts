import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

let t: ReplyApp;
beforeEach(async () => {
  t = await setupReplyApp();
});
afterEach(async () => t.cleanup());

describe('templates API', () => {
  it('seeds the acknowledgement and status notice templates in Arabic and English on first start, each with the case number', async () => {
    const res = await request(t.app).get('/api/templates').set(bearer(t.tokens.agent)).expect(200);
    const keys = res.body.items.map((x: { key: string }) => x.key);
    expect(keys).toEqual(expect.arrayContaining(['case_ack', 'case_resolved', 'case_in_progress', 'case_closed']));
    for (const tpl of res.body.items) expect(`${tpl.bodies.ar} ${tpl.bodies.en}`.match(/\{case_number\}/g)).toHaveLength(2);
    for (const tpl of res.body.items) expect(tpl.bodies.ar && tpl.bodies.en).toBeTruthy();
    expect(await t.feature.templates.seedDefaults()).toBe(0);
  });

  it('lets a supervisor create, edit and delete a template, each change audited', async () => {
    const created = await request(t.app)
      .post('/api/templates')
      .set(bearer(t.tokens.supervisor))
      .send({ key: 'flood_info', name: 'Flood info', bodies: { ar: 'مرحبا {name}، فرق {domain} في الموقع', en: 'Hello {name}' } })
      .expect(201);
    const id = created.body.id;
    await request(t.app).get(`/api/templates/${id}`).set(bearer(t.tokens.agent)).expect(200);
    const edited = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.admin)).send({ bodies: { ar: 'أهلا {name}' } }).expect(200);
    expect(edited.body.bodies).toEqual({ ar: 'أهلا {name}', en: 'Hello {name}' });
    await request(t.app).delete(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).expect(204);
    await request(t.app).get(`/api/templates/${id}`).set(bearer(t.tokens.agent)).expect(404);
    const audit = await request(t.app).get('/api/audit').query({ subject: `template:${id}` }).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['template.deleted', 'template.updated', 'template.created']);
  });

  it.each([
    ['{case_numer}', ['case_numer']],
    ['{ name }', [' name ']],
    ['{phone} and {case_number}', ['phone']],
  ])('refuses a body using %s with 422 naming the unknown variables', async (body, unknown) => {
    const res = await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'bad', name: 'Bad', bodies: { en: body } }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'unknown_template_variable', details: { unknown: { en: unknown } } });
  });

  it('keeps a language a PATCH leaves out, and removes one sent as null or empty', async () => {
    const created = await request(t.app)
      .post('/api/templates')
      .set(bearer(t.tokens.supervisor))
      .send({ key: 'road_works', name: 'Road works', bodies: { ar: 'أعمال طرق يا {name}', en: 'Road works, {name}' } })
      .expect(201);
    const id = created.body.id as string;
    const enOnly = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { en: 'Roadworks, {name}' } }).expect(200);
    expect(enOnly.body.bodies).toEqual({ ar: 'أعمال طرق يا {name}', en: 'Roadworks, {name}' });
    const nameOnly = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({ name: 'Roadworks' }).expect(200);
    expect(nameOnly.body).toMatchObject({ name: 'Roadworks', bodies: { ar: 'أعمال طرق يا {name}', en: 'Roadworks, {name}' } });
    const noEnglish = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { en: null } }).expect(200);
    expect(noEnglish.body.bodies).toEqual({ ar: 'أعمال طرق يا {name}' });
    const emptied = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { ar: '  ' } }).expect(422);
    expect(emptied.body.error.code).toBe('template_body_required');
    expect((await request(t.app).get(`/api/templates/${id}`).set(bearer(t.tokens.agent)).expect(200)).body.bodies).toEqual({ ar: 'أعمال طرق يا {name}' });
  });

  it('refuses an empty PATCH, and writes nothing (no new version, no audit entry) for one that changes nothing', async () => {
    const created = await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'same', name: 'Same', bodies: { ar: 'مرحبا {name}' } }).expect(201);
    const id = created.body.id as string;
    const empty = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({}).expect(400);
    expect(empty.body.error.details).toEqual({ body: 'give name or bodies (or both)' });
    const same = await request(t.app).patch(`/api/templates/${id}`).set(bearer(t.tokens.supervisor)).send({ name: 'Same', bodies: { ar: 'مرحبا {name}' } }).expect(200);
    expect(same.body.updatedAt).toBe(created.body.updatedAt);
    const audit = await request(t.app).get('/api/audit').query({ subject: `template:${id}` }).set(bearer(t.tokens.supervisor)).expect(200);
    expect(audit.body.items.map((e: { action: string }) => e.action)).toEqual(['template.created']);
  });

  it('keeps {case_number} in every body of the templates automatic case replies send', async () => {
    const ack = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const res = await request(t.app).patch(`/api/templates/${ack.id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { en: 'Thanks, {name}' } }).expect(422);
    expect(res.body.error).toMatchObject({ code: 'template_case_number_required', details: { key: 'case_ack', fields: ['bodies.en'] } });
    expect((await t.store.templates.getTemplateByKey('case_ack'))!.bodies).toEqual(ack.bodies);
    // an edit that keeps it is fine, and so is a status notice created with it
    await request(t.app).patch(`/api/templates/${ack.id}`).set(bearer(t.tokens.supervisor)).send({ bodies: { en: 'Thanks, {name}: case {case_number}.' } }).expect(200);
    const reopened = await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'case_open', name: 'Reopened', bodies: { ar: 'أُعيد فتح البلاغ' } }).expect(422);
    expect(reopened.body.error).toMatchObject({ code: 'template_case_number_required', details: { fields: ['bodies.ar'] } });
    await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'case_open', name: 'Reopened', bodies: { ar: 'أُعيد فتح البلاغ {case_number}' } }).expect(201);
    // other templates need not name a case
    await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'greeting', name: 'Hi', bodies: { ar: 'أهلا {name}' } }).expect(201);
  });

  it('refuses a template with no body and a duplicate key', async () => {
    await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'empty', name: 'E', bodies: {} }).expect(422);
    await request(t.app).post('/api/templates').set(bearer(t.tokens.supervisor)).send({ key: 'case_ack', name: 'again', bodies: { ar: 'x' } }).expect(409);
  });

  it('refuses to delete a template automatic replies depend on, with 409 template_in_use', async () => {
    const ack = (await t.store.templates.getTemplateByKey('case_ack'))!;
    const res = await request(t.app).delete(`/api/templates/${ack.id}`).set(bearer(t.tokens.admin)).expect(409);
    expect(res.body.error).toMatchObject({ code: 'template_in_use', details: { key: 'case_ack' } });
    await request(t.app).get(`/api/templates/${ack.id}`).set(bearer(t.tokens.agent)).expect(200);
  });

  it('forbids agents from changing templates', async () => {
    const tpl = (await t.store.templates.getTemplateByKey('case_ack'))!;
    await request(t.app).post('/api/templates').set(bearer(t.tokens.agent)).send({ key: 'mine', name: 'M', bodies: { ar: 'x' } }).expect(403);
    await request(t.app).patch(`/api/templates/${tpl.id}`).set(bearer(t.tokens.agent)).send({ name: 'y' }).expect(403);
    await request(t.app).delete(`/api/templates/${tpl.id}`).set(bearer(t.tokens.trainee)).expect(403);
  });
});

describe('audit API', () => {
  it('is for supervisors and admins only', async () => {
    await request(t.app).get('/api/audit').set(bearer(t.tokens.agent)).expect(403);
    const res = await request(t.app).get('/api/audit?action=user.created').set(bearer(t.tokens.admin)).expect(200);
    expect(res.body.items.length).toBeGreaterThanOrEqual(5);
    expect(res.body.items.every((e: { action: string }) => e.action === 'user.created')).toBe(true);
  });
});
