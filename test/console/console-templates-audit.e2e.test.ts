/**
 * Templates, the composer, the audit log and notices, in Chromium against the service on demo data (Arabic UI):
 * a template body with a lost "}" refused beside its field, with the position; a system template
 * keeps {case_number}, and a language emptied in the editor is removed; the composer
 * neither fills an Arabic-only template into an English reply nor sends a placeholder; the audit
 * log's Action is a list of labelled actions, its Subject takes a bare case number, case numbers
 * stay whole, and a change names its fields and units in Arabic; notices on the users page and
 * the sign-in page belong to what they are about.
 */
import type { Page } from 'playwright-core';
import type { AuditEntry } from '../../src/audit/store/audit-store';
import type { Mention } from '../../src/domain';
import type { Template } from '../../src/templates/store/template-store';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(240_000);

const demo = demoConsole('walk13');
const UNCLOSED_AR = 'مرحبا {name}، بلاغك {case_number بخصوص {domain}';

beforeAll(async () => {
  await waitFor('demo mentions in the queue', async () => (await demo.api<{ items: unknown[] }>(demo.admin, 'GET', '/api/queue?limit=1')).body.items?.length);
});

async function adminPage(): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  return { page, errors: watchErrors(page), close: () => ctx.close() };
}

describe('templates, composer, audit log and notices', () => {
  it('refuses a template whose placeholder lost its “}”, beside the Arabic body, with the position', async () => {
    const { page, errors, close } = await adminPage();
    await page.goto(`${demo.url}/#/templates/new`);
    await page.getByTestId('template-editor').waitFor();
    await page.fill('#tpl-key', 'unclosed_test');
    await page.fill('#tpl-name', 'قالب بقوس ناقص');
    await page.fill('#tpl-body-ar', UNCLOSED_AR);
    // Said while typing, before saving.
    expect(await page.getByTestId('body-ar-brace-hint').textContent()).toContain('21');
    await page.getByTestId('save-template').click();
    const err = page.getByTestId('body-ar-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('القوس «{» في الموضع 21 لا يُغلقه «}». أكمل اسم المتغير أو احذف القوس.');
    await page.waitForFunction(() => document.activeElement?.id === 'tpl-body-ar', undefined, { timeout: 5_000 });
    // The stray brace is selected, ready to fix.
    expect(await page.evaluate(() => { const a = document.activeElement as HTMLTextAreaElement; return a.value.slice(a.selectionStart, a.selectionEnd); })).toBe('{');
    await screenshot(page, 'templates-audit-template-unclosed');
    const list = await demo.api<{ items: Template[] }>(demo.admin, 'GET', '/api/templates');
    expect(list.body.items.map((t) => t.key)).not.toContain('unclosed_test');
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });

  it('keeps {case_number} in a system template, beside the body that lost it, and removes a language emptied in the editor', async () => {
    const { page, errors, close } = await adminPage();
    const templates = async () => (await demo.api<{ items: Template[] }>(demo.admin, 'GET', '/api/templates')).body.items;
    const ack = (await templates()).find((t) => t.key === 'case_ack')!;
    await page.goto(`${demo.url}/#/templates/${ack.id}`);
    await page.getByTestId('template-editor').waitFor();
    await page.fill('#tpl-body-en', 'Thank you {name}, we have your report.');
    await page.getByTestId('save-template').click();
    const err = page.getByTestId('body-en-error');
    await err.waitFor();
    expect(await err.textContent()).toBe('قالب النظام يُبلغ المواطن برقم بلاغه: أبقِ {case_number} في النص.');
    expect(await page.getByTestId('body-ar-error').count()).toBe(0);
    await screenshot(page, 'templates-system-case-number');
    expect((await templates()).find((t) => t.key === 'case_ack')!.bodies).toEqual(ack.bodies);

    // An ordinary template made through the API while the page is open (its link opens it: the list is read again),
    // then emptying its English body in the editor removes that language (the PATCH sends it as "").
    const created = await demo.api<Template>(demo.admin, 'POST', '/api/templates', { key: 'two_langs', name: 'لغتان', bodies: { ar: 'شكرًا {name}', en: 'Thanks {name}' } });
    expect(created.status).toBe(201);
    await page.goto(`${demo.url}/#/templates/${created.body.id}`);
    await page.getByTestId('template-editor').waitFor();
    await waitFor('the English body loaded', async () => (await page.inputValue('#tpl-body-en')) === 'Thanks {name}');
    await page.fill('#tpl-body-en', '');
    await page.getByTestId('save-template').click();
    await waitFor('the English body removed', async () => (await templates()).find((t) => t.key === 'two_langs')?.bodies.en === undefined);
    expect((await templates()).find((t) => t.key === 'two_langs')!.bodies).toEqual({ ar: 'شكرًا {name}' });
    // A template that does not exist is said to be gone, after the list was read again.
    await page.goto(`${demo.url}/#/templates/no-such-template`);
    await page.getByText('لم يُعثر على القالب، ربما حُذف.').waitFor();
    expect(errors.filter((e) => !e.includes('status of 422'))).toEqual([]);
    await close();
  });

  it('fills no Arabic into an English reply, says so, and never lets a placeholder go out', async () => {
    const created = await demo.api<Template>(demo.admin, 'POST', '/api/templates', { key: 'only_ar', name: 'عربي فقط', bodies: { ar: 'شكرًا {name}، نتابع بلاغك.' } });
    expect(created.status).toBe(201);
    const q = await demo.api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?channel=x&limit=5');
    const mention = q.body.items[0];
    expect((await demo.api(demo.admin, 'POST', `/api/mentions/${mention.id}/claim`)).status).toBe(200);

    const { page, close } = await adminPage();
    await page.goto(`${demo.url}/#/queue?m=${encodeURIComponent(mention.id)}`);
    await page.getByTestId('composer').waitFor();
    await page.selectOption('#reply-lang', 'en');
    // The list says which templates lack the reply's language.
    await waitFor('the template offered', async () => (await page.locator('#reply-template option').allTextContents()).includes('عربي فقط (عربي فقط)'));
    await page.selectOption('#reply-template', created.body.id);
    const notice = page.getByTestId('template-no-text');
    await notice.waitFor();
    expect(await notice.textContent()).toContain('ليس لقالب «عربي فقط» نص إنجليزي، فلم يُملأ الرد');
    await page.waitForTimeout(400); // past the composer's fill delay: still nothing filled in
    expect(await page.inputValue('#reply-text')).toBe('');
    expect(await page.getByTestId('send-reply').isDisabled()).toBe(true);
    await page.getByTestId('composer').scrollIntoViewIfNeeded();
    await screenshot(page, 'templates-audit-composer-no-english');

    // One click uses the Arabic text instead, and says which language the reply is in.
    await page.getByTestId('use-other-lang').click();
    await waitFor('the Arabic text filled in', async () => (await page.inputValue('#reply-text')).startsWith('شكرًا '));
    expect(await page.inputValue('#reply-lang')).toBe('ar');
    expect(await notice.count()).toBe(0);

    // A placeholder typed or left in the text, closed or not, blocks sending and says why.
    await page.fill('#reply-text', 'مرحبا حسين، بلاغك {case_number بخصوص الطرق');
    const left = page.getByTestId('placeholder-left');
    await left.waitFor();
    expect(await left.textContent()).toContain('{case_number');
    expect(await page.getByTestId('send-reply').isDisabled()).toBe(true);
    await page.getByTestId('composer').scrollIntoViewIfNeeded();
    await screenshot(page, 'templates-audit-composer-placeholder');
    await page.fill('#reply-text', 'مرحبا حسين، بلاغك MOW-2026-000049 بخصوص الطرق');
    await left.waitFor({ state: 'detached' });
    expect(await page.getByTestId('send-reply').isDisabled()).toBe(false);
    await close();
  });

  it('filters the audit log by a labelled action and a bare case number, keeps case numbers whole, and names fields and units in Arabic', async () => {
    const opened = await demo.api<{ items: AuditEntry[] }>(demo.admin, 'GET', '/api/audit?action=case.opened&limit=1');
    const entry = opened.body.items[0];
    expect(entry).toBeDefined();
    const number = entry.subject.replace('case:', '');

    const { page, errors, close } = await adminPage();
    await page.goto(`${demo.url}/#/audit`);
    await page.getByTestId('audit-row').first().waitFor();

    // Action: the labels the column shows, not internal codes to type.
    expect(await page.locator('#a-action').evaluate((el) => el.tagName)).toBe('SELECT');
    await page.selectOption('#a-action', { label: 'فتح بلاغ' });
    await page.waitForFunction(() => location.hash.includes('action=case.opened'));
    await waitFor('only case.opened rows', async () => (await page.locator('[data-testid=audit-row]').count()) > 0 && (await page.locator('[data-testid=audit-row]:not([data-action="case.opened"])').count()) === 0);

    // Subject: the case number as shown on the case page.
    await page.fill('#a-subject', number);
    await page.getByTestId('audit-apply').click();
    await page.waitForFunction((n) => decodeURIComponent(location.hash).includes(`subject=case:${n}`), number);
    const row = page.locator(`[data-testid=audit-row][data-subject="case:${number}"]`).first();
    await row.waitFor();
    await waitFor('only that case', async () => (await page.locator(`[data-testid=audit-row]:not([data-subject="case:${number}"])`).count()) === 0);

    // The case number is one left-to-right line.
    const ref = row.locator('bdi.case-ref');
    expect(await ref.getAttribute('dir')).toBe('ltr');
    expect(await ref.textContent()).toBe(number);
    expect(await ref.evaluate((el) => el.getClientRects().length)).toBe(1);
    // Field names and the unit in Arabic; no English field names or unit names left.
    const change = row.locator('.cell-change');
    const text = (await change.textContent()) as string;
    expect(text).toContain('الوحدة');
    expect(text).toContain('إدارة');
    expect(text).not.toMatch(/\bunit\b|\bsource\b|Directorate|Operations|Maintenance/);
    await screenshot(page, 'templates-audit-audit-case');

    // Narrow enough to wrap everything else, the case number still does not break.
    await page.setViewportSize({ width: 900, height: 860 });
    await page.goto(`${demo.url}/#/audit?action=case.opened`);
    await page.getByTestId('audit-row').first().waitFor();
    const lines = await page.locator('bdi.case-ref').evaluateAll((els) => els.map((e) => e.getClientRects().length));
    expect(lines.length).toBeGreaterThan(0);
    expect(lines.every((n) => n === 1)).toBe(true);
    await screenshot(page, 'templates-audit-audit-narrow');
    expect(errors).toEqual([]);
    await close();
  });

  it('clears a user notice on opening another account, and shows only the sign-in error after a failed attempt', async () => {
    const { page, close } = await adminPage();
    await page.goto(`${demo.url}/#/users`);
    await page.getByTestId('new-user-form').waitFor();
    await page.getByLabel('الاسم', { exact: true }).fill('Noura');
    await page.getByTestId('create-user').click();
    const createdNotice = page.getByText('أُنشئ حساب Noura.');
    await createdNotice.waitFor();
    const noura = (await demo.api<{ items: { id: string; name: string }[] }>(demo.admin, 'GET', '/api/users')).body.items.find((u) => u.name === 'Noura')!;
    const token = await page.getByTestId('new-token').inputValue();
    await page.getByTestId('token-done').click();

    // Managing another account: Noura's notice is gone.
    const other = page.locator('[data-testid=user-row]:not([data-user-id="' + noura.id + '"]) a').first();
    await other.click();
    await page.getByTestId('manage-user').waitFor();
    expect(await createdNotice.count()).toBe(0);
    // A change there gets its own notice, gone again when that account is closed.
    await page.locator('[data-testid=user-row][data-user-id="' + noura.id + '"] a').click();
    await page.waitForFunction((id) => location.hash === `#/users/${id}`, noura.id);
    await page.locator('#mu-role').selectOption('supervisor');
    await page.getByTestId('save-user').click();
    const saved = page.getByText('حُفظت التغييرات على حساب Noura.');
    await saved.waitFor();
    await other.click();
    await page.getByTestId('manage-user').waitFor();
    await waitFor('the saved notice gone', async () => (await saved.count()) === 0);
    expect(await page.getByTestId('manage-user').textContent()).not.toContain('Noura');
    await screenshot(page, 'templates-audit-users-other');
    await close();

    // Noura signs in, is disabled, and is sent back to sign-in, told the account is disabled...
    const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 860 } });
    const nouraPage = await signInAt(demo.url, ctx, token);
    expect((await demo.api(demo.admin, 'PATCH', `/api/users/${noura.id}`, { disabled: true })).status).toBe(200);
    // Any request now answers 403 account_disabled (a route change asks for its page; a poll may come first).
    await nouraPage.evaluate(() => (location.hash = '#/cases'));
    const expired = nouraPage.getByText('هذا الحساب موقوف. يستطيع المسؤول إعادة تفعيله.');
    await expired.waitFor();
    expect(await nouraPage.getByText('انتهت الجلسة، سجّل الدخول من جديد.').count()).toBe(0);
    await nouraPage.locator('#token').waitFor();
    // ...and signing in again says the account is disabled, that error only.
    await nouraPage.locator('#token').fill(token);
    await nouraPage.getByRole('button', { name: 'دخول' }).click();
    await nouraPage.getByText('هذا الحساب موقوف. يستطيع المسؤول إعادة تفعيله.').waitFor();
    expect(await expired.count()).toBe(1); // the attempt's error only, not the notice beside it
    // A token that is nobody's still reads as a wrong token.
    await nouraPage.locator('#token').fill('rsd_' + 'q'.repeat(43));
    await nouraPage.getByRole('button', { name: 'دخول' }).click();
    await nouraPage.getByText('رمز الدخول غير صحيح أو لم يعد صالحًا.').waitFor();
    await screenshot(nouraPage, 'templates-audit-signin-failed');
    await ctx.close();
  });

  it('offers no delete for a system template and says why; an ordinary template can still be deleted', async () => {
    const { page, errors, close } = await adminPage();
    const all = (await demo.api<{ items: Template[] }>(demo.admin, 'GET', '/api/templates')).body.items;
    const system = all.filter((t) => t.key === 'case_ack' || /^case_(open|in_progress|resolved|closed)$/.test(t.key));
    expect(system.map((t) => t.key)).toEqual(expect.arrayContaining(['case_ack', 'case_resolved', 'case_in_progress', 'case_closed']));
    for (const tpl of system) {
      await page.goto(`${demo.url}/#/templates/${tpl.id}`);
      const help = page.getByTestId('system-template-help');
      await help.waitFor();
      expect(await help.textContent()).toBe('تستخدمه الردود الآلية للبلاغات، فيمكن تعديل نصه ولا يمكن حذفه، ومفتاحه ثابت.');
      expect(await page.getByTestId('delete-template').count()).toBe(0);
      expect(await page.getByText('حذف القالب').count()).toBe(0);
    }
    await page.getByTestId('save-template').scrollIntoViewIfNeeded(); // the foot of the editor, where a delete would be
    await screenshot(page, 'templates-system-no-delete-ar');

    await page.getByRole('button', { name: 'Switch the console to English' }).click();
    await waitFor('the English help', async () => (await page.getByTestId('system-template-help').textContent()) === 'Automatic case replies use it: its text can be edited, but it cannot be deleted, and its key is fixed.');
    expect(await page.getByTestId('delete-template').count()).toBe(0);
    await page.getByTestId('save-template').scrollIntoViewIfNeeded(); // the foot of the editor, where a delete would be
    await screenshot(page, 'templates-system-no-delete-en');
    await page.getByRole('button', { name: 'التبديل إلى العربية' }).click();

    // An ordinary template keeps its delete, and no system help.
    const plain = await demo.api<Template>(demo.admin, 'POST', '/api/templates', { key: 'plain_thanks', name: 'شكر عام', bodies: { ar: 'شكرًا {name}' } });
    expect(plain.status).toBe(201);
    await page.goto(`${demo.url}/#/templates/${plain.body.id}`);
    await page.getByTestId('delete-template').waitFor();
    expect(await page.getByTestId('system-template-help').count()).toBe(0);
    expect(errors).toEqual([]);
    await close();
  });

  it('leaves the automatic status notices out of the composer, and keeps the acknowledgement', async () => {
    // case_open is not seeded: made here, it must stay out of the composer too.
    const open = await demo.api<Template>(demo.admin, 'POST', '/api/templates', { key: 'case_open', name: 'إشعار فتح البلاغ', bodies: { ar: 'فُتح بلاغك رقم {case_number}.' } });
    expect(open.status).toBe(201);
    const all = (await demo.api<{ items: Template[] }>(demo.admin, 'GET', '/api/templates')).body.items;
    const nameOf = (key: string) => all.find((t) => t.key === key)?.name as string;
    const notices = ['case_open', 'case_in_progress', 'case_resolved', 'case_closed'].map(nameOf);
    expect(notices.every(Boolean)).toBe(true);
    expect(notices.some((n) => n.startsWith('إشعار معالجة البلاغ'))).toBe(true);

    const q = await demo.api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&limit=50');
    const mention = q.body.items.find((m) => m.caseId) ?? q.body.items[0];
    const { page, errors, close } = await adminPage();
    await page.goto(`${demo.url}/#/mentions/${encodeURIComponent(mention.id)}`);
    await page.getByTestId('composer').waitFor();
    const options = page.locator('#reply-template option');
    await waitFor('the templates offered', async () => (await options.count()) > 1);
    const offered = (await options.allTextContents()).map((o) => o.trim());
    expect(offered.some((o) => o.startsWith(nameOf('case_ack')))).toBe(true);
    // Everything else is offered: one option per template but the four notices, after «بدون قالب».
    expect(offered.length - 1).toBe(all.length - notices.length);
    for (const name of notices) expect(offered.filter((o) => o.startsWith(name))).toEqual([]);
    await page.getByTestId('composer').scrollIntoViewIfNeeded();
    await page.locator('#reply-template').focus();
    await screenshot(page, 'composer-templates-no-status-notices');
    expect(errors).toEqual([]);
    await close();
  });
});
