import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { bearer, setupReplyApp, type ReplyApp } from '../replies/reply-app';

let t: ReplyApp;
afterEach(async () => t.cleanup());

describe('authentication', () => {
  beforeEach(async () => {
    t = await setupReplyApp();
  });

  it('requires a token on every /api route but not on health checks', async () => {
    await request(t.app).get('/healthz').expect(200);
    await request(t.app).get('/readyz').expect(200);
    for (const p of ['/api/queue', '/api/mentions', '/api/channels', '/api/openapi.json', '/api/docs', '/api/nowhere']) {
      const res = await request(t.app).get(p).expect(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    await request(t.app).get('/api/queue').set(bearer(t.tokens.agent)).expect(200);
  });

  it('refuses a wrong token and a disabled user', async () => {
    await request(t.app).get('/api/me').set(bearer('rsd_' + 'x'.repeat(43))).expect(401);
    await request(t.app).get('/api/me').set('Authorization', 'Basic abc').expect(401);
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(200);
    // Its holder is told why (not «invalid token»), on the API as at the console's sign-in.
    for (const [method, path] of [['get', '/api/me'], ['post', '/api/session']] as const) {
      const res = await request(t.app)[method](path).set(bearer(t.tokens.agent)).expect(403);
      expect(res.body.error).toMatchObject({ code: 'account_disabled', message: expect.stringContaining('disabled') });
    }
  });

  it('does not count a disabled account\'s right token as a failed sign-in', async () => {
    await t.cleanup();
    t = await setupReplyApp({ failedLoginLimit: 2 });
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(200);
    for (let i = 0; i < 4; i++) await request(t.app).get('/api/me').set(bearer(t.tokens.agent)).expect(403);
    await request(t.app).get('/api/me').set(bearer('rsd_wrongwrongwrongwrong')).expect(401);
  });

  it('answers 429 after too many failed sign-ins while valid tokens keep working', async () => {
    await t.cleanup();
    t = await setupReplyApp({ failedLoginLimit: 3 });
    for (let i = 0; i < 3; i++) await request(t.app).get('/api/me').set(bearer('rsd_wrongwrongwrongwrong')).expect(401);
    const limited = await request(t.app).get('/api/me').set(bearer('rsd_wrongwrongwrongwrong')).expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    await request(t.app).get('/api/me').set(bearer(t.tokens.agent)).expect(200);
  });

  it('does not count requests without credentials as failed sign-ins: they keep answering 401', async () => {
    await t.cleanup();
    t = await setupReplyApp({ failedLoginLimit: 3 });
    for (let i = 0; i < 10; i++) {
      const res = await request(t.app).get('/api/queue').expect(401);
      expect(res.body.error.code).toBe('unauthorized');
    }
    await request(t.app).post('/api/session').send({}).expect(401);
  });

  it('still signs in with a valid token sent with a JSON body after many requests without credentials', async () => {
    await t.cleanup();
    t = await setupReplyApp({ failedLoginLimit: 3 });
    for (let i = 0; i < 10; i++) await request(t.app).get('/api/me').expect(401);
    const res = await request(t.app).post('/api/session').set(bearer(t.tokens.agent)).send({}).expect(201);
    expect(res.body.user.name).toBe('ali');
  });

  it('limits wrong tokens even when requests without credentials come in between', async () => {
    await t.cleanup();
    t = await setupReplyApp({ failedLoginLimit: 3 });
    for (let i = 0; i < 3; i++) {
      await request(t.app).get('/api/me').set(bearer('rsd_wrongwrongwrongwrong')).expect(401);
      await request(t.app).get('/api/me').expect(401);
    }
    const limited = await request(t.app).post('/api/session').set(bearer('rsd_wrongwrongwrongwrong')).send({}).expect(429);
    expect(limited.body.error.code).toBe('rate_limited');
    await request(t.app).post('/api/session').set(bearer(t.tokens.agent)).send({}).expect(201);
  });

  it('answers 413 with the JSON error shape for a body past the limit', async () => {
    const m = await t.mention();
    const res = await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'x'.repeat(200_000) }).expect(413);
    expect(res.body.error.code).toBe('payload_too_large');
  });
});

describe('console sessions', () => {
  beforeEach(async () => {
    t = await setupReplyApp();
  });

  async function signIn() {
    const res = await request(t.app).post('/api/session').set(bearer(t.tokens.agent)).expect(201);
    const cookie = (res.headers['set-cookie'] as unknown as string[])[0];
    return { cookie: cookie.split(';')[0], raw: cookie, csrf: res.body.csrfToken as string };
  }

  it('sets an HttpOnly SameSite=Strict cookie that authenticates reads', async () => {
    const { cookie, raw } = await signIn();
    expect(raw).toMatch(/HttpOnly/);
    expect(raw).toMatch(/SameSite=Strict/);
    const me = await request(t.app).get('/api/session').set('Cookie', cookie).expect(200);
    expect(me.body).toMatchObject({ user: { name: 'ali' }, via: 'session' });
    await request(t.app).get('/api/queue').set('Cookie', cookie).expect(200);
  });

  it('refuses a state change with the cookie but without the CSRF token', async () => {
    const { cookie, csrf } = await signIn();
    const m = await t.mention();
    const res = await request(t.app).post(`/api/mentions/${m.id}/claim`).set('Cookie', cookie).expect(403);
    expect(res.body.error.code).toBe('forbidden');
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set('Cookie', cookie).set('X-CSRF-Token', 'nope').expect(403);
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(200);
  });

  it("tells an open console of a disabled account why (403 account_disabled, not «session expired»), and ends it once the account is enabled again", async () => {
    const s = await signIn();
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(200);
    const refused = await request(t.app).get('/api/queue').set('Cookie', s.cookie).expect(403);
    expect(refused.body.error.code).toBe('account_disabled');
    await request(t.app).post('/api/mentions/x/claim').set('Cookie', s.cookie).set('X-CSRF-Token', s.csrf).expect(403);
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.admin)).send({ disabled: false }).expect(200);
    // Enabled again: that old session is over (sign in afresh), the token works.
    expect((await request(t.app).get('/api/queue').set('Cookie', s.cookie).expect(401)).body.error.code).toBe('unauthorized');
    await request(t.app).get('/api/queue').set(bearer(t.tokens.agent)).expect(200);
  });

  it('ends the session on sign-out', async () => {
    const { cookie, csrf } = await signIn();
    await request(t.app).delete('/api/session').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(204);
    await request(t.app).get('/api/queue').set('Cookie', cookie).expect(401);
  });

  it('opens a session only from a bearer token', async () => {
    const { cookie, csrf } = await signIn();
    const res = await request(t.app).post('/api/session').set('Cookie', cookie).set('X-CSRF-Token', csrf).expect(422);
    expect(res.body.error.code).toBe('token_required');
  });
});

describe('users', () => {
  beforeEach(async () => {
    t = await setupReplyApp();
  });

  it('writes the first admin token to a 0600 file and logs only its path', async () => {
    const file = path.join(t.dir, 'initial-admin-token');
    expect(fs.statSync(file).mode & 0o777).toBe(0o600);
    const logged = JSON.stringify(t.log());
    expect(logged).toContain(file);
    expect(logged).not.toContain(t.tokens.admin);
  });

  it('lets an admin create a user whose token works at once, shown only in the answer', async () => {
    const res = await request(t.app).post('/api/users').set(bearer(t.tokens.admin)).send({ name: 'noor', role: 'supervisor' }).expect(201);
    expect(res.body.user).toMatchObject({ name: 'noor', role: 'supervisor', trainee: false });
    await request(t.app).get('/api/users').set(bearer(res.body.token)).expect(200);
    const list = await request(t.app).get('/api/users').set(bearer(t.tokens.admin)).expect(200);
    expect(JSON.stringify(list.body)).not.toContain(res.body.token);
    await request(t.app).post('/api/users').set(bearer(t.tokens.admin)).send({ name: 'NOOR', role: 'agent' }).expect(409);
  });

  it('forbids agents and supervisors from managing users', async () => {
    await request(t.app).get('/api/users').set(bearer(t.tokens.agent)).expect(403);
    await request(t.app).post('/api/users').set(bearer(t.tokens.supervisor)).send({ name: 'x', role: 'agent' }).expect(403);
    await request(t.app).patch(`/api/users/${t.users.agent.id}`).set(bearer(t.tokens.supervisor)).send({ disabled: true }).expect(403);
    await request(t.app).post(`/api/users/${t.users.agent.id}/token`).set(bearer(t.tokens.agent)).expect(403);
  });

  it('rotates a token: the old one stops working', async () => {
    const res = await request(t.app).post(`/api/users/${t.users.agent.id}/token`).set(bearer(t.tokens.admin)).expect(200);
    await request(t.app).get('/api/me').set(bearer(t.tokens.agent)).expect(401);
    await request(t.app).get('/api/me').set(bearer(res.body.token)).expect(200);
  });

  it('keeps an admin from disabling their own account', async () => {
    const res = await request(t.app).patch(`/api/users/${t.users.admin.id}`).set(bearer(t.tokens.admin)).send({ disabled: true }).expect(409);
    expect(res.body.error.code).toBe('cannot_demote_self');
  });
});
