/**
 * A headless Chromium for PDFs and browser tests that needs nothing installed by hand: Debian's
 * package when it is there, else the build that @sparticuz/chromium ships inside node_modules
 * (unpacked into the temp folder on first use, about 2 s).
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { Browser, BrowserContext, LaunchOptions } from 'playwright-core';

export const DEBIAN_CHROMIUM = '/usr/bin/chromium';

/**
 * Flags for a closed network: without the background-networking ones Chromium keeps trying to
 * reach Google's hosts. No sandbox because the service and CI run as root.
 */
export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
  '--no-first-run',
];

/** Written after a complete unpack: a partial binary left by a killed process is never launched. */
const UNPACKED_MARK = path.join(os.tmpdir(), 'rasid-chromium-unpacked');
const UNPACK_LOCK = path.join(os.tmpdir(), 'rasid-chromium-unpack.lock');
const LOCK_STALE_MS = 120_000;

export async function chromiumExecutable(): Promise<string> {
  if (fs.existsSync(DEBIAN_CHROMIUM)) return DEBIAN_CHROMIUM;
  return withUnpackLock(async () => {
    const bundled = (await import('@sparticuz/chromium')).default;
    if (!fs.existsSync(UNPACKED_MARK)) {
      // sparticuz reuses whatever is at /tmp/chromium, complete or not: start from nothing.
      for (const leftover of ['chromium', 'fonts', 'swiftshader']) fs.rmSync(path.join(os.tmpdir(), leftover), { recursive: true, force: true });
      const executable = await bundled.executablePath();
      fs.writeFileSync(UNPACKED_MARK, executable);
      return executable;
    }
    return bundled.executablePath();
  });
}

export async function launchChromium(options: LaunchOptions = {}): Promise<Browser> {
  const { chromium } = await import('playwright-core');
  return chromium.launch({ headless: true, ...options, executablePath: await chromiumExecutable(), args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}

export async function launchChromiumProfile(profileDir: string, options: Parameters<typeof import('playwright-core').chromium.launchPersistentContext>[1] = {}): Promise<BrowserContext> {
  const { chromium } = await import('playwright-core');
  return chromium.launchPersistentContext(profileDir, { headless: true, ...options, executablePath: await chromiumExecutable(), args: [...CHROMIUM_ARGS, ...(options.args ?? [])] });
}

/** Two test workers (or a test and `npm run summary`) may ask at once; only one unpacks. */
async function withUnpackLock<T>(work: () => Promise<T>): Promise<T> {
  const deadline = Date.now() + LOCK_STALE_MS;
  for (;;) {
    try {
      fs.mkdirSync(UNPACK_LOCK);
      break;
    } catch (err) {
      if ((err as NodeJS.ErrnoException).code !== 'EEXIST') throw err;
      const lock = fs.statSync(UNPACK_LOCK, { throwIfNoEntry: false });
      if (!lock) continue;
      if (Date.now() - lock.mtimeMs > LOCK_STALE_MS || Date.now() > deadline) fs.rmSync(UNPACK_LOCK, { recursive: true, force: true });
      else await new Promise((r) => setTimeout(r, 100));
    }
  }
  try {
    return await work();
  } finally {
    fs.rmSync(UNPACK_LOCK, { recursive: true, force: true });
  }
}
