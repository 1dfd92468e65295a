/** Shared by the console's browser tests: the service and a browser, API calls with a token or the session cookie, polling, sign-in. */
import fs from 'node:fs';
import path from 'node:path';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';
import { launchChromium } from './browser';
import type { Mention } from '../../src/domain';

/** A Bearer token, or the console's session cookie (with its CSRF token for changes). */
export type Auth = string | { cookie: string; csrf?: string };

export type ApiCall = <T>(auth: Auth, method: string, path: string, body?: unknown) => Promise<{ status: number; body: T }>;

/** An API client for the server at `baseUrl()` (read at each call: the server starts later). */
export function apiAt(baseUrl: () => string): ApiCall {
  return async <T>(auth: Auth, method: string, p: string, body?: unknown) => {
    const headers: Record<string, string> = { accept: 'application/json' };
    if (typeof auth === 'string') headers.authorization = `Bearer ${auth}`;
    else {
      headers.cookie = auth.cookie;
      if (auth.csrf) headers['x-csrf-token'] = auth.csrf;
    }
    if (body !== undefined) headers['content-type'] = 'application/json';
    const res = await fetch(`${baseUrl()}${p}`, { method, headers, body: body === undefined ? undefined : JSON.stringify(body) });
    const text = await res.text();
    return { status: res.status, body: (text ? JSON.parse(text) : undefined) as T };
  };
}

export async function waitFor<T>(what: string, fn: () => Promise<T | undefined | null | false>, timeoutMs = 30_000): Promise<T> {
  const until = Date.now() + timeoutMs;
  for (;;) {
    const v = await fn();
    if (v) return v;
    if (Date.now() > until) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 250));
  }
}

/** Signs in through the Arabic sign-in form and waits for the main navigation. */
export async function signInAt(baseUrl: string, context: BrowserContext, token: string): Promise<Page> {
  const page = await context.newPage();
  await page.goto(`${baseUrl}/`);
  await page.getByLabel(/رمز الدخول/).first().fill(token);
  await page.getByRole('button', { name: 'دخول' }).click();
  await page.getByRole('navigation', { name: 'القائمة الرئيسية' }).waitFor();
  return page;
}

/** The real service on the demo data, with its admin token, and a headless Chromium. */
export interface DemoConsole {
  url: string;
  admin: string;
  browser: Browser;
  server: RunningServer;
  api: ApiCall;
}

/**
 * Starts the service (in a temp folder, on the demo data, `env` added) and Chromium in the calling
 * file's beforeAll and stops both in its afterAll: the fields are there once beforeAll has run.
 */
export function demoConsole(name: string, env: Record<string, string> = {}): DemoConsole {
  const demo = {} as DemoConsole;
  demo.api = apiAt(() => demo.url);
  let removeDir: (() => void) | undefined;
  beforeAll(async () => {
    const { dir, remove } = makeTempDir(`rasid-${name}-`);
    removeDir = remove;
    demo.server = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: dir, DEMO: 'true', LOG_LEVEL: 'silent', ...env });
    demo.url = `http://127.0.0.1:${demo.server.address.port}`;
    demo.admin = fs.readFileSync(path.join(dir, 'initial-admin-token'), 'utf8').trim();
    demo.browser = await launchChromium();
  });
  afterAll(async () => {
    await demo.browser?.close();
    await demo.server?.stop();
    removeDir?.();
  });
  return demo;
}

/** Opens a case's page at `baseUrl` and waits for its heading and timeline; the same address again is reloaded (a hash change alone would not load it afresh). */
export async function openCaseAt(baseUrl: string, page: Page, number: string): Promise<void> {
  const url = `${baseUrl}/#/cases/${number}`;
  if (page.url() === url) await page.reload();
  else await page.goto(url);
  await page.getByRole('heading', { name: number }).waitFor();
  await page.getByTestId('timeline').waitFor();
}

/** A user made for a test, with the token to act as them. */
export interface Account {
  id: string;
  token: string;
  name: string;
}

/** Creates a user through the API, as an admin would. */
export async function createAccount(demo: DemoConsole, name: string, role: string, trainee = false): Promise<Account> {
  const r = await demo.api<{ user: { id: string }; token: string }>(demo.admin, 'POST', '/api/users', { name, role, trainee });
  expect(r.status).toBe(201);
  return { id: r.body.user.id, token: r.body.token, name };
}

/**
 * Waiting demo posts on X that can be answered and nobody holds, one each call: a file's tests
 * each take their own, so none sees another's changes.
 */
export function freePosts(demo: DemoConsole): () => Promise<Mention> {
  const taken = new Set<string>();
  return () =>
    waitFor('a free waiting demo post', async () => {
      const page = await demo.api<{ items: Mention[] }>(demo.admin, 'GET', '/api/queue?status=needs_reply&channel=x&limit=200');
      const m = (page.body.items ?? []).find((x) => x.replyable !== false && x.kind !== 'news' && !x.claim && !taken.has(x.id));
      if (m) taken.add(m.id);
      return m;
    });
}
