/**
 * The console's channels page in a real headless Chromium against the real service, with the X
 * channel on and pointed at a local X API (bench/support/fake-x-api.ts) under a small monthly cap: once
 * new posts set the pace, the page says when the next poll is and why, in Arabic and English.
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server';
import { startFakeXApi, type FakeXApi } from '../../bench/support/fake-x-api';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium, screenshot, watchErrors } from './browser';
import { apiAt, signInAt, waitFor } from './console-kit';

jest.setTimeout(120_000);

interface ChannelItem {
  name: string;
  configured: boolean;
  paced?: { until: string; reason: string; message: string };
  state: { lastSuccessAt?: string };
}

let server: RunningServer;
let fake: FakeXApi;
let browser: Browser;
let removeDir: () => void;
let url = '';
let admin = '';
const api = apiAt(() => url);
const xItem = async () => (await api<{ items: ChannelItem[] }>(admin, 'GET', '/api/channels')).body.items.find((i) => i.name === 'x');

beforeAll(async () => {
  fake = await startFakeXApi({ userBearer: 'user-token' });
  const { dir, remove } = makeTempDir('rasid-console-channels-');
  removeDir = remove;
  server = await startServer({
    PORT: '0',
    HOST: '127.0.0.1',
    DATA_DIR: dir,
    DEMO: 'false',
    LOG_LEVEL: 'silent',
    X_USER_TOKEN: 'user-token',
    X_API_BASE_URL: fake.url,
    X_ACCOUNT_ID: fake.accountId,
    X_MONTHLY_POST_CAP: '1000',
    X_SCHEDULE: '*/2 * * * * *',
  });
  url = `http://127.0.0.1:${server.address.port}`;
  admin = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
  browser = await launchChromium();
});

afterAll(async () => {
  await browser?.close();
  await server?.stop();
  await fake?.close();
  removeDir?.();
});

describe('channels page', () => {
  it('says when X will poll next and why while the monthly budget paces it', async () => {
    await waitFor('a first X poll', async () => (await xItem())?.state.lastSuccessAt);
    fake.addPosts(5, { text: '@MOWBahrain حفرة في الشارع', mentionsAccount: true });
    const x = await waitFor('X paced by its budget', async () => ((await xItem())?.paced ? xItem() : undefined));
    expect(x?.paced).toMatchObject({ reason: 'budget', message: expect.stringMatching(/^paced: next poll at /) });
    expect(Date.parse(x!.paced!.until) - Date.now()).toBeGreaterThan(50 * 60_000);

    const context = await browser.newContext({ viewport: { width: 1280, height: 860 } });
    const page = await signInAt(url, context, admin);
    const errors = watchErrors(page);
    await page.getByRole('link', { name: 'القنوات' }).click();
    const notice = page.locator('[data-testid=channel-card][data-channel=x]').getByTestId('channel-paced');
    await notice.waitFor();
    expect(await notice.textContent()).toMatch(/^الجلب مُبطَّأ: الجلب التالي .+، لأن الجلب كل ثانيتين كان سيقرأ نحو .+ منشور قبل .+، أكثر من الحصة الشهرية البالغة 1,000/);
    await screenshot(page, 'channels-paced');

    await page.getByRole('button', { name: 'English' }).click();
    await page.getByRole('heading', { name: 'Channel health' }).waitFor();
    expect(await notice.textContent()).toMatch(/^Paced: next poll at .+, because polling every 2 seconds would read about .+ posts by .+, over the monthly cap of 1,000/);
    expect(errors).toEqual([]);
    await context.close();
  });
});
