/**
 * An operator's import (REPLAY_FILE) in a real headless Chromium: the channels page says how many
 * lines were left out and why (the last few), not only the service log; a repeated externalId
 * keeps the first post. Screenshot to test-artifacts/console/ for a look.
 */
import fs from 'node:fs';
import path from 'node:path';
import { makeTempDir } from '../support/temp-dir';
import { screenshot, watchErrors } from './browser';
import { demoConsole, signInAt, waitFor } from './console-kit';

jest.setTimeout(120_000);

const post = (id: string, text: string, extra: Record<string, unknown> = {}) =>
  JSON.stringify({ externalId: id, channel: 'x', text, minutesAgo: 30, author: { id: `a-${id}`, handle: `citizen_${id}` }, ...extra });

// Written before the service starts (demoConsole's beforeAll reads the env).
const dir = makeTempDir('rasid-import-file-');
const file = path.join(dir.dir, 'import.jsonl');
fs.writeFileSync(
  file,
  [
    post('imp-1', 'حفرة كبيرة في شارع 45 في مجمع 338 @MOWBahrain'),
    '{not json',
    post('imp-3', 'المجاري طافحة في مجمع 604', { channel: 'instagram', url: 'https://www.instagram.com/p/Cx9aB12/' }),
    JSON.stringify({ externalId: 'imp-4', author: { id: 'a4', handle: 'c4' } }),
    post('imp-5', 'Street light out on road 2403', { channel: 'tiktok' }),
    post('imp-1', 'duplicate id of line 1'),
    post('imp-7', 'شكرا لوزارة الأشغال على سرعة الإصلاح'),
  ].join('\n') + '\n',
);
const demo = demoConsole('console-import', { DEMO: 'false', REPLAY_ENABLED: 'true', REPLAY_FILE: file, REPLAY_SCHEDULE: '* * * * * *' });
afterAll(() => dir.remove());

it('shows the lines an import left out on the channels page, and keeps the first of two posts with one id', async () => {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  const errors = watchErrors(page);
  await page.goto(`${demo.url}/#/channels`);
  const card = page.locator('[data-channel="replay"]');
  await waitFor('the file read to its end', async () => ((await card.getByTestId('replay-file').textContent().catch(() => '')) ?? '').includes('7'));
  const skipped = card.getByTestId('replay-skipped');
  await skipped.waitFor();
  const text = (await skipped.innerText()).replace(/\s+/g, ' ');
  expect(text).toContain('أسطر تُركت');
  expect(text).toMatch(/\b4\b/);
  // In Arabic, with the file's own field names and ids as written.
  for (const why of [
    'السطر 2: ليس JSON صالحًا',
    'السطر 4: ينقصه الحقل text',
    'السطر 5: قيمة غير مقبولة في الحقل channel: must be x, instagram, rss or replay',
    'السطر 6: يكرر معرّف السطر 1 (externalId)، فبقي الأول: imp-1',
  ])
    expect(text).toContain(why);
  expect(text).not.toContain('line 2');
  await card.scrollIntoViewIfNeeded();
  await screenshot(page, 'channels-import-skipped');

  const found = await demo.api<{ items: { externalId: string; text: string }[] }>(demo.admin, 'GET', '/api/mentions?limit=50');
  expect(found.body.items.map((m) => m.externalId).sort()).toEqual(['imp-1', 'imp-3', 'imp-7']);
  expect(found.body.items.find((m) => m.externalId === 'imp-1')?.text).toContain('حفرة كبيرة في شارع 45');
  expect(errors).toEqual([]);
  await ctx.close();
});

it('says on the channel\'s card that it refused the last reply, and why, until a reply goes out again', async () => {
  // As the sender records it after an X 401 on a reply (send-replies-job.ts).
  await demo.server.services.store.channelStates.saveChannelHealth('replay', { replyError: { at: new Date().toISOString(), message: 'X 401: Unauthorized (check X_USER_TOKEN)', code: 'auth_failed' } });
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  await page.goto(`${demo.url}/#/channels`);
  const refused = page.locator('[data-channel="replay"]').getByTestId('channel-reply-error');
  await refused.waitFor();
  expect(await refused.innerText()).toContain('رفضت القناة آخر رد، فالردود تنتظر حتى يُصلح ذلك');
  expect(await page.locator('[data-channel="replay"]').getByTestId('channel-reply-error-message').innerText()).toBe('X 401: Unauthorized (check X_USER_TOKEN)');
  await ctx.close();
});

it("finds a post by the link an agent pastes into the queue's search, and says a search of emoji only has nothing to look for", async () => {
  const ctx = await demo.browser.newContext({ viewport: { width: 1280, height: 900 } });
  const page = await signInAt(demo.url, ctx, demo.admin);
  await page.goto(`${demo.url}/#/queue`);
  await page.locator('.mention-list').waitFor();
  await page.locator('#f-q').fill('https://www.instagram.com/p/Cx9aB12/?igsh=MWQ1');
  await waitFor('only the linked post listed', async () => (await page.locator('.mention-list > li').count()) === 1);
  expect(await page.locator('.mention-list').innerText()).toContain('المجاري طافحة في مجمع 604');
  await screenshot(page, 'queue-search-link');
  await page.locator('#f-q').fill('😤');
  await page.getByText('لا حروف ولا أرقام في البحث. اكتب كلمة من المنشور، أو الصق رابطه.').waitFor();
  await ctx.close();
});
