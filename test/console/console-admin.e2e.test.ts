/**
 * The console's admin pages (templates, users, audit log) in a real headless Chromium against the
 * real service (in-process, port 0, temp SQLite store, demo data through the replay channel): an
 * admin creates an agent and reads its token once; the agent finds no admin pages and the API
 * refuses them; a supervisor's template with an unknown variable is refused beside its field,
 * fixed, offered in the reply composer, and found in the audit log under the supervisor's name.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import type { Mention } from '../../src/domain';
import type { AuditEntry } from '../../src/audit/store/audit-store';
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium, screenshot, watchErrors } from './browser';
import { apiAt, signInAt, waitFor } from './console-kit';
import type { Template } from '../../src/templates/store/template-store';

jest.setTimeout(240_000);

interface Harness {
  server: RunningServer;
  url: string;
  removeDir: () => void;
  browser: Browser;
  admin: string;
  supervisor: { token: string; id: string; name: string };
}

let h: Harness;
const api = apiAt(() => h.url);
const signIn = (context: BrowserContext, token: string): Promise<Page> => signInAt(h.url, context, token);

/** The browser's session cookie and its CSRF token, to call the API as that browser would. */
async function sessionOf(context: BrowserContext): Promise<{ cookie: string; csrf: string }> {
  const c = (await context.cookies()).find((x) => x.name === 'rasid_session');
  if (!c) throw new Error('no session cookie');
  const cookie = `rasid_session=${c.value}`;
  const s = await api<{ csrfToken: string }>({ cookie }, 'GET', '/api/session');
  return { cookie, csrf: s.body.csrfToken };
}

const navLinks = (page: Page) => page.getByRole('navigation', { name: 'القائمة الرئيسية' }).getByRole('link');

beforeAll(async () => {
  const { dir, remove } = makeTempDir('rasid-console-admin-');
  const server = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DEMO: 'true', LOG_LEVEL: 'silent' });
  const url = `http://127.0.0.1:${server.address.port}`;
  const admin = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
  h = { server, url, removeDir: remove, browser: undefined as unknown as Browser, admin, supervisor: undefined as never };
  const sup = await api<{ user: { id: string; name: string }; token: string }>(admin, 'POST', '/api/users', { name: 'خالد المشرف', role: 'supervisor' });
  expect(sup.status).toBe(201);
  h.supervisor = { token: sup.body.token, id: sup.body.user.id, name: sup.body.user.name };
  h.browser = await launchChromium();
  // The replay channel delivers the demo data on its first poll.
  await waitFor('demo mentions in the queue', async () => (await api<{ items: unknown[] }>(admin, 'GET', '/api/queue?limit=1')).body.items?.length);
});

afterAll(async () => {
  await h?.browser?.close();
  await h?.server?.stop();
  h?.removeDir();
});

describe('web console admin pages', () => {
  it('lets an admin create an agent whose token is shown once, hides and refuses the admin pages to that agent, and lets the admin manage the account', async () => {
    const adminCtx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    await adminCtx.grantPermissions(['clipboard-read', 'clipboard-write'], { origin: h.url });
    const admin = await signIn(adminCtx, h.admin);
    const adminErrors = watchErrors(admin);
    const adminNav = await navLinks(admin).allTextContents();
    expect(adminNav).toEqual(expect.arrayContaining(['القوالب', 'المستخدمون', 'سجل التدقيق']));

    // Create the agent from the Users page.
    await admin.getByRole('link', { name: 'المستخدمون' }).click();
    await admin.getByTestId('new-user-form').waitFor();
    await admin.getByLabel('الاسم', { exact: true }).fill('سارة الموظفة');
    await admin.getByLabel('الدور').selectOption('agent');
    await admin.getByLabel('متدرب').check();
    await admin.getByTestId('create-user').click();

    // The token, once: a warning, focus on the panel, and a copy button that really copies.
    const reveal = admin.getByTestId('token-reveal');
    await reveal.waitFor();
    expect(await reveal.textContent()).toContain('يظهر هذا الرمز مرة واحدة فقط');
    expect(await admin.evaluate(() => document.activeElement?.getAttribute('data-testid'))).toBe('token-reveal');
    const token = await admin.getByTestId('new-token').inputValue();
    expect(token.length).toBeGreaterThan(30);
    await admin.getByTestId('copy-token').click();
    await admin.getByText('نُسخ الرمز.').waitFor();
    expect(await admin.evaluate(() => navigator.clipboard.readText())).toBe(token);
    const row = admin.locator('[data-testid=user-row]', { hasText: 'سارة الموظفة' });
    await row.waitFor();
    expect(await row.textContent()).toContain('موظف تواصل');
    expect(await row.textContent()).toContain('نعم'); // trainee
    await screenshot(admin, 'users-token-once');

    // Hidden, it is gone for good: not in the page, not after a reload, not in the API.
    await admin.getByTestId('token-done').click();
    await reveal.waitFor({ state: 'detached' });
    expect(await admin.content()).not.toContain(token);
    await admin.reload();
    await row.waitFor();
    expect(await admin.content()).not.toContain(token);
    const listed = await api<{ items: { id: string; name: string }[] }>(h.admin, 'GET', '/api/users');
    expect(JSON.stringify(listed.body)).not.toContain(token);
    const agentId = listed.body.items.find((u) => u.name === 'سارة الموظفة')?.id as string;
    expect(agentId).toBeDefined();

    // The agent signs in with it in another browser: no templates, users or audit in the nav.
    const agentCtx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const agent = await signIn(agentCtx, token);
    const agentErrors = watchErrors(agent);
    const agentNav = await navLinks(agent).allTextContents();
    expect(agentNav).toContain('قائمة الردود');
    for (const hidden of ['القوالب', 'المستخدمون', 'سجل التدقيق', 'الموافقات']) expect(agentNav).not.toContain(hidden);
    // Typed into the address bar, the page says it is not for agents (and calls no API).
    await agent.goto(`${h.url}/#/audit`);
    await agent.getByText('هذه الصفحة للمشرفين فقط.').waitFor();
    expect(await agent.getByTestId('audit-table').count()).toBe(0);
    await screenshot(agent, 'agent-nav');

    // And the server refuses the agent's session, CSRF token and all: 403 for the role.
    const session = await sessionOf(agentCtx);
    const refused = [
      await api(session, 'GET', '/api/users'),
      await api(session, 'GET', '/api/audit'),
      await api(session, 'POST', '/api/templates', { key: 'agent_try', name: 'x', bodies: { ar: 'نص' } }),
      await api(session, 'PATCH', `/api/users/${agentId}`, { role: 'admin' }),
      await api(session, 'POST', `/api/users/${agentId}/token`, {}),
    ];
    for (const r of refused) expect(r).toMatchObject({ status: 403, body: { error: { code: 'forbidden', details: { role: 'agent' } } } });
    // Reading templates stays open to agents: the reply composer needs them.
    expect((await api(session, 'GET', '/api/templates')).status).toBe(200);

    expect(agentErrors).toEqual([]);
    await agentCtx.close();

    // Managing the account: the trainee flag off, then a new token, which ends the old one and its sessions.
    await row.getByRole('link', { name: /إدارة/ }).click();
    const manage = admin.getByTestId('manage-user');
    await manage.waitFor();
    await manage.getByLabel('متدرب').uncheck();
    await manage.getByTestId('save-user').click();
    await admin.getByText('حُفظت التغييرات على حساب سارة الموظفة.').waitFor();
    await waitFor('the trainee flag off', async () => (await row.locator('td').nth(1).textContent()) === 'لا');
    expect((await api<{ trainee: boolean }>(token, 'GET', '/api/me')).body.trainee).toBe(false);

    await admin.getByTestId('rotate-token').click();
    // The safe choice has the focus until the admin confirms.
    await waitFor('focus on cancel', async () => (await admin.evaluate(() => document.activeElement?.textContent)) === 'إلغاء');
    await admin.getByTestId('rotate-token-confirm').click();
    await reveal.waitFor();
    const newToken = await admin.getByTestId('new-token').inputValue();
    expect(newToken).not.toBe(token);
    expect((await api(token, 'GET', '/api/me')).status).toBe(401);
    expect((await api(session, 'GET', '/api/queue?limit=1')).status).toBe(401);
    expect((await api(newToken, 'GET', '/api/me')).status).toBe(200);
    await admin.getByTestId('token-done').click();

    // Disabled, the account cannot sign in; enabled again, it can.
    await admin.getByTestId('disable-user').click();
    await admin.getByTestId('disable-user-confirm').click();
    await admin.getByText('أُوقف حساب سارة الموظفة.').waitFor();
    await waitFor('the disabled state', async () => (await row.textContent())?.includes('موقوف'));
    await screenshot(admin, 'user-manage');
    // Told why: the account is disabled (not a wrong token).
    const disabledAnswer = await api<{ error: { code: string } }>(newToken, 'GET', '/api/me');
    expect([disabledAnswer.status, disabledAnswer.body.error.code]).toEqual([403, 'account_disabled']);
    await admin.getByTestId('enable-user').click();
    await admin.getByText('أُعيد تفعيل حساب سارة الموظفة.').waitFor();
    expect((await api(newToken, 'GET', '/api/me')).status).toBe(200);

    // An admin cannot demote or disable themself (the server would refuse with 409).
    await admin.locator('[data-testid=user-row]', { hasText: 'admin' }).getByRole('link', { name: /إدارة/ }).click();
    await admin.getByRole('heading', { name: 'إدارة حساب admin' }).waitFor();
    expect(await manage.getByLabel('الدور').isDisabled()).toBe(true);
    expect(await manage.getByTestId('disable-user').isDisabled()).toBe(true);

    expect(adminErrors).toEqual([]);
    await adminCtx.close();
  });

  it("refuses a supervisor's template with an unknown variable beside its field, then offers the fixed one in the composer and logs it under the supervisor's name", async () => {
    // The browser's own zone is far from Bahrain, so a time shown in it would be caught.
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 860 }, timezoneId: 'America/Los_Angeles' });
    const sup = await signIn(ctx, h.supervisor.token);
    const errors = watchErrors(sup);

    await sup.getByRole('link', { name: 'القوالب' }).click();
    await sup.getByTestId('template-item').first().waitFor();
    await sup.getByTestId('new-template').click();
    await sup.getByTestId('template-editor').waitFor();
    await sup.fill('#tpl-key', 'road_followup');
    await sup.fill('#tpl-name', 'متابعة أعمال الطرق');
    await sup.fill('#tpl-body-ar', 'شكرًا {name}، نتابع بلاغك {case_numbr} بشأن {domain}.');
    await sup.fill('#tpl-body-en', 'Thank you {name}, we are following up {case_number} about {domain}.');
    // The live preview fills the known variables and flags the unknown one before saving.
    const previewAr = sup.getByTestId('preview-ar');
    expect(await previewAr.locator('mark.var-unknown').allTextContents()).toEqual(['{case_numbr}']);
    expect(await sup.getByTestId('preview-en').textContent()).toContain('MOW-2026-000123');

    // The server refuses it (422) and the console says so next to the Arabic body, with focus there.
    await sup.getByTestId('save-template').click();
    const arError = sup.getByTestId('body-ar-error');
    await arError.waitFor();
    expect(await arError.textContent()).toContain('{case_numbr}');
    expect(await sup.getByTestId('body-en-error').count()).toBe(0);
    expect(await sup.locator('#tpl-body-ar').getAttribute('aria-invalid')).toBe('true');
    expect(await sup.locator('#tpl-body-ar').getAttribute('aria-describedby')).toBe('tpl-body-ar-error');
    // Focus moves in an effect after the error renders: wait for it (fails after the timeout).
    await sup.waitForFunction(() => document.activeElement?.id === 'tpl-body-ar', undefined, { timeout: 5_000 });
    const none = await api<{ items: Template[] }>(h.admin, 'GET', '/api/templates');
    expect(none.body.items.map((t) => t.key)).not.toContain('road_followup');
    await screenshot(sup, 'template-error');

    // Fixed, it saves; the key is then fixed too.
    await sup.fill('#tpl-body-ar', 'شكرًا {name}، نتابع بلاغك {case_number} بشأن {domain}.');
    await sup.getByTestId('save-template').click();
    await sup.getByText('أُنشئ القالب «متابعة أعمال الطرق».').waitFor();
    const saved = await waitFor('the saved template', async () => (await api<{ items: Template[] }>(h.admin, 'GET', '/api/templates')).body.items.find((t) => t.key === 'road_followup'));
    expect(saved.bodies).toEqual({ ar: 'شكرًا {name}، نتابع بلاغك {case_number} بشأن {domain}.', en: 'Thank you {name}, we are following up {case_number} about {domain}.' });
    await sup.waitForFunction((id) => location.hash === `#/templates/${id}`, saved.id);
    await sup.locator('[data-testid=template-item][data-key=road_followup][aria-current=true]').waitFor();
    expect(await sup.locator('#tpl-key').getAttribute('readonly')).not.toBeNull();
    expect(await sup.getByTestId('body-ar-error').count()).toBe(0);
    await screenshot(sup, 'templates');

    // The reply composer offers it on a mention.
    const q = await api<{ items: Mention[] }>(h.admin, 'GET', '/api/queue?channel=x&limit=5');
    const mention = q.body.items[0];
    expect(mention).toBeDefined();
    await sup.goto(`${h.url}/#/queue?m=${encodeURIComponent(mention.id)}`);
    await sup.getByTestId('composer').waitFor();
    await waitFor('the new template in the composer', async () => (await sup.locator('#reply-template option').allTextContents()).includes('متابعة أعمال الطرق'));
    await sup.selectOption('#reply-template', { label: 'متابعة أعمال الطرق' });
    await sup.selectOption('#reply-lang', 'en');
    await waitFor('the template filled in', async () => (await sup.inputValue('#reply-text')).startsWith('Thank you '));

    // The audit log: newest first, and the creation under the supervisor's name.
    await sup.getByRole('link', { name: 'سجل التدقيق' }).click();
    const rows = sup.getByTestId('audit-row');
    await rows.first().waitFor();
    const firstPage = await rows.count();
    expect(firstPage).toBe(50);
    await screenshot(sup, 'audit');
    await sup.getByTestId('audit-more').click();
    await waitFor('the next page of entries', async () => (await rows.count()) > firstPage);
    const times = await sup.locator('[data-testid=audit-row] time').evaluateAll((els) => els.map((e) => e.getAttribute('datetime') as string));
    expect(times).toEqual([...times].sort().reverse());

    await sup.selectOption('#a-action', 'template.created');
    await sup.waitForFunction(() => location.hash.includes('action=template.created'));
    const created = sup.locator(`[data-testid=audit-row][data-subject="template:${saved.id}"]`);
    await created.waitFor();
    await waitFor('only template.created rows', async () => (await sup.locator('[data-testid=audit-row]:not([data-action="template.created"])').count()) === 0);
    expect(await created.getByTestId('audit-actor').textContent()).toBe(h.supervisor.name);
    expect(await created.textContent()).toContain('road_followup');
    expect(await created.textContent()).toContain('متابعة أعمال الطرق');

    // Its time is shown in Asia/Bahrain (TZ_DISPLAY), not the browser's zone.
    const entry = (await api<{ items: AuditEntry[] }>(h.admin, 'GET', `/api/audit?subject=template:${saved.id}`)).body.items[0];
    const time = created.locator('time');
    expect(await time.getAttribute('datetime')).toBe(entry.at);
    const shown = (await time.textContent()) as string;
    const inZone = (tz: string) =>
      sup.evaluate(([at, zone]) => new Intl.DateTimeFormat('ar-BH-u-nu-latn', { timeZone: zone, dateStyle: 'medium', timeStyle: 'short' }).format(new Date(at)), [entry.at, tz]);
    expect(shown).toBe(await inZone('Asia/Bahrain'));
    expect(shown).not.toBe(await inZone('America/Los_Angeles'));

    // "Only this" narrows the log to one subject.
    await created.getByRole('link', { name: /عرض سجل هذا العنصر فقط/ }).click();
    await sup.waitForFunction(() => decodeURIComponent(location.hash).includes('subject=template:'));
    await waitFor('the one subject', async () => {
      const subjects = await sup.locator('[data-testid=audit-row]').evaluateAll((els) => els.map((e) => e.getAttribute('data-subject')));
      return subjects.length > 0 && subjects.every((s) => s === `template:${saved.id}`);
    });
    await screenshot(sup, 'audit-filtered');

    // A template automatic replies use offers no delete and says why; an ordinary one asks first, then is gone.
    await sup.getByRole('link', { name: 'القوالب' }).click();
    await sup.locator('[data-testid=template-item][data-key=case_ack]').click();
    expect(await sup.getByTestId('system-template-help').textContent()).toContain('ولا يمكن حذفه');
    expect(await sup.getByTestId('delete-template').count()).toBe(0);
    await sup.locator('[data-testid=template-item][data-key=road_followup]').click();
    await sup.waitForFunction((id) => location.hash === `#/templates/${id}`, saved.id);
    await sup.getByTestId('delete-template').click();
    expect(await sup.getByRole('group', { name: 'حذف القالب' }).textContent()).toContain('حذف «متابعة أعمال الطرق» نهائيًا؟');
    await sup.getByTestId('delete-template-confirm').click();
    await sup.getByText('حُذف القالب «متابعة أعمال الطرق».').waitFor();
    await sup.locator('[data-testid=template-item][data-key=road_followup]').waitFor({ state: 'detached' });
    const left = await api<{ items: Template[] }>(h.admin, 'GET', '/api/templates');
    expect(left.body.items.map((t) => t.key).sort()).toEqual(['case_ack', 'case_closed', 'case_in_progress', 'case_resolved']);

    // The only error the browser reported is the expected 422 for the refused template.
    expect(errors.filter((e) => !(e.includes('status of 422') && e.endsWith('/api/templates')))).toEqual([]);
    expect(errors.filter((e) => e.includes('status of 422'))).toHaveLength(1);
    await ctx.close();
  });

  it('works at phone width, by keyboard, and in English', async () => {
    const ctx = await h.browser.newContext({ viewport: { width: 375, height: 780 }, isMobile: true, hasTouch: true });
    const page = await ctx.newPage();
    const errors = watchErrors(page);
    await page.goto(`${h.url}/`);
    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await page.locator('#token').fill(h.admin);
    await page.getByRole('button', { name: 'Sign in' }).click();
    await page.getByRole('navigation', { name: 'Main menu' }).waitFor();
    await page.waitForFunction(() => document.documentElement.dir === 'ltr');

    // Every section an admin may use is on screen: the nav wraps rather than scrolling sideways.
    for (const name of ['Templates', 'Users', 'Audit log']) {
      const box = await page.getByRole('link', { name }).boundingBox();
      expect(box).not.toBeNull();
      expect(box!.x).toBeGreaterThanOrEqual(0);
      expect(box!.x + box!.width).toBeLessThanOrEqual(375);
    }

    // Templates: the list, then one template on its own.
    await page.getByRole('link', { name: 'Templates' }).click();
    await page.locator('[data-testid=template-item][data-key=case_ack]').click();
    const editor = page.getByTestId('template-editor');
    await editor.waitFor();
    expect(await page.locator('.admin-list').isVisible()).toBe(false);
    expect(await editor.textContent()).toContain('System template');
    expect(await page.locator('#tpl-key').getAttribute('readonly')).not.toBeNull();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'template-phone-en');

    // Keyboard: from the English body, Tab reaches the variable buttons; Enter inserts at the
    // caret and hands focus back to the text, and the focused button shows a focus ring.
    const body = page.locator('#tpl-body-en');
    await body.focus();
    await page.keyboard.press('Control+End');
    const before = await body.inputValue();
    await page.keyboard.press('Tab');
    expect(await page.evaluate(() => document.activeElement?.textContent)).toBe('+ {name}');
    expect(await page.evaluate(() => getComputedStyle(document.activeElement as Element).outlineStyle)).not.toBe('none');
    await page.keyboard.press('Enter');
    await waitFor('the variable inserted', async () => (await body.inputValue()) === `${before}{name}`);
    await waitFor('focus back in the text', async () => (await page.evaluate(() => document.activeElement?.id)) === 'tpl-body-en');

    // Users and the audit log fit the screen too.
    await page.getByRole('link', { name: 'Users' }).click();
    await page.getByTestId('user-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'users-phone-en');
    await page.locator('[data-testid=user-row]', { hasText: 'خالد المشرف' }).getByRole('link', { name: /Manage/ }).click();
    await page.getByTestId('manage-user').waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'user-manage-phone-en');
    await page.getByRole('link', { name: 'Audit log' }).click();
    await page.getByTestId('audit-row').first().waitFor();
    expect(await page.evaluate(() => document.documentElement.scrollWidth)).toBeLessThanOrEqual(375);
    await screenshot(page, 'audit-phone-en');

    // At 1280 px the longer English labels still leave every section in view.
    await page.setViewportSize({ width: 1280, height: 860 });
    const audit = await page.getByRole('link', { name: 'Audit log' }).boundingBox();
    expect(audit!.x + audit!.width).toBeLessThanOrEqual(1280);
    expect(await page.locator('.mainnav ul').evaluate((ul) => ul.scrollWidth <= ul.clientWidth)).toBe(true);

    expect(errors).toEqual([]);
    await ctx.close();
  });
  it('shows an admin the new token of their own account and keeps them signed in with it', async () => {
    const second = await api<{ user: { id: string }; token: string }>(h.admin, 'POST', '/api/users', { name: 'منى المسؤولة', role: 'admin' });
    expect(second.status).toBe(201);
    const ctx = await h.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await signIn(ctx, second.body.token);
    const errors = watchErrors(page);
    await page.goto(`${h.url}/#/users/${second.body.user.id}`);
    await page.getByRole('heading', { name: 'إدارة حساب منى المسؤولة' }).waitFor();
    await page.getByTestId('rotate-token').click();
    await page.getByTestId('rotate-token-confirm').click();
    // The new token is shown (a new token ends every session of its user, this browser's too).
    await page.getByTestId('new-token').waitFor();
    const newToken = await page.getByTestId('new-token').inputValue();
    expect(newToken).not.toBe(second.body.token);
    expect((await api(second.body.token, 'GET', '/api/me')).status).toBe(401);
    expect((await api(newToken, 'GET', '/api/me')).status).toBe(200);
    await screenshot(page, 'user-own-token');
    await page.getByTestId('token-done').click();
    // Still signed in: the page works on, and the browser's session is a live one.
    await page.getByRole('link', { name: 'قائمة الردود' }).click();
    await page.locator('.mention-card').first().waitFor();
    expect(await page.getByLabel(/رمز الدخول/).count()).toBe(0);
    expect((await api(await sessionOf(ctx), 'GET', '/api/me')).status).toBe(200);
    expect(errors).toEqual([]);
    await ctx.close();
  });
});
