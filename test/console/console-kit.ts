/** Shared by the console's browser tests: API calls with a token or the session cookie, polling, sign-in. */
import type { BrowserContext, Page } from 'playwright-core';

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
