/**
 * The audit log in Chromium on the demo data (Arabic UI): a user added with `npm run user:add`
 * shows its actor in words and can be filtered on; the service's own entries read «النظام (آلي)»;
 * the demo's case steps name their time «وقت الحدث» and show it as a time, not a key and an ISO string.
 */
import type { Page } from 'playwright-core';
import { addUser } from '../../scripts/user-add';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(180_000);

const demo = demoConsole('audit-actors');

beforeAll(async () => {
  await demo.server.services.demo?.ready;
  // The script itself, beside the running service, as an operator would.
  await addUser(['--name', 'خالد', '--role', 'supervisor'], { DATA_DIR: demo.server.services.config.storage.dataDir, DEMO: 'false' });
});

async function auditPage(hash = ''): Promise<{ page: Page; errors: string[]; close: () => Promise<void> }> {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  await page.goto(`${demo.url}/#/audit${hash}`);
  await page.getByTestId('audit-row').first().waitFor();
  return { page, errors: watchErrors(page), close: () => ctx.close() };
}

const actorsShown = (page: Page) => page.getByTestId('audit-actor').allTextContents();

describe('the audit log names every actor and field', () => {
  it('offers the command line in the actor filter, and shows user:add entries under it, never «cli»', async () => {
    const { page, errors, close } = await auditPage();
    const options = await page.locator('#a-actor option').evaluateAll((els) => els.map((e) => [(e as HTMLOptionElement).value, e.textContent]));
    expect(options).toEqual(expect.arrayContaining([['system', 'النظام (آلي)'], ['cli', 'سطر الأوامر على الخادم']]));
    await page.selectOption('#a-actor', 'cli');
    await page.waitForFunction(() => location.hash.includes('actor=cli'));
    await waitFor('only the command line\'s entries', async () => {
      const actors = await actorsShown(page);
      return actors.length > 0 && actors.every((a) => a === 'سطر الأوامر على الخادم');
    });
    const created = page.locator('[data-testid=audit-row][data-action="user.created"]');
    expect(await created.count()).toBe(1);
    expect(await created.textContent()).toContain('خالد');
    expect(await page.getByTestId('audit-table').innerText()).not.toMatch(/\bcli\b/);
    await screenshot(page, 'audit-actor-cli');
    expect(errors).toEqual([]);
    await close();
  });

  it("shows the service's own entries as «النظام (آلي)»", async () => {
    const { page, errors, close } = await auditPage('?actor=system');
    await waitFor('the system\'s entries', async () => {
      const actors = await actorsShown(page);
      return actors.length > 0 && actors.every((a) => a === 'النظام (آلي)');
    });
    expect(errors).toEqual([]);
    await close();
  });

  it('tells two posts of one poll apart (their ids share the stored time at the start)', async () => {
    const queue = await demo.api<{ items: { id: string }[] }>(demo.admin, 'GET', '/api/queue?limit=2');
    const ids = queue.body.items.map((m) => m.id);
    expect(ids).toHaveLength(2);
    for (const id of ids) expect((await demo.api(demo.admin, 'POST', `/api/mentions/${id}/claim`)).status).toBe(200);
    const { page, errors, close } = await auditPage('?action=mention.claimed');
    const subjects = ids.map((id) => page.locator(`[data-testid=audit-row][data-subject="mention:${id}"] .audit-subject a`));
    for (const s of subjects) await s.waitFor();
    const shown = await Promise.all(subjects.map((s) => s.textContent()));
    expect(new Set(shown).size).toBe(2);
    shown.forEach((text, i) => expect(ids[i].endsWith((text ?? '').replace('…', ''))).toBe(true));
    expect(errors).toEqual([]);
    await close();
  });

  it('names a demo case step\'s time «وقت الحدث» and shows it as a time', async () => {
    const { page, errors, close } = await auditPage('?action=case.status_changed');
    const field = page.locator('[data-testid=audit-row] [data-field="happenedAt"]').first();
    await field.waitFor();
    expect(await field.textContent()).toBe('وقت الحدث:');
    const value = (await field.locator('xpath=..').locator('ins').textContent()) as string;
    expect(value).not.toMatch(/\d{4}-\d{2}-\d{2}T/);
    expect(value).toMatch(/\d{1,2}:\d{2}/);
    expect(await page.getByTestId('audit-table').innerText()).not.toContain('happenedAt');
    await screenshot(page, 'audit-happened-at');
    expect(errors).toEqual([]);
    await close();
  });
});
