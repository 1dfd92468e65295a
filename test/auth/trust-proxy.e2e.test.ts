/**
 * The failed sign-in counter behind a reverse proxy: with TRUST_PROXY each client forwarded by the
 * proxy has its own counter; without it X-Forwarded-For is ignored, so a client cannot pick a
 * fresh counter by writing a new address into it.
 */
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';

jest.setTimeout(60_000);

const WRONG = { authorization: 'Bearer rsd_wrongwrongwrongwrong' };

describe('failed sign-ins behind a proxy', () => {
  let running: RunningServer | undefined;
  let tmp: ReturnType<typeof makeTempDir>;
  afterEach(async () => {
    await running?.stop();
    running = undefined;
    tmp.remove();
  });

  async function start(env: Record<string, string>): Promise<(forwardedFor: string) => Promise<number>> {
    tmp = makeTempDir();
    running = await startServer({ DATA_DIR: tmp.dir, PORT: '0', LOG_LEVEL: 'silent', DEMO: 'false', AUTH_FAIL_LIMIT: '3', ...env });
    const base = `http://127.0.0.1:${running.address.port}`;
    return async (forwardedFor) => (await fetch(`${base}/api/me`, { headers: { ...WRONG, 'x-forwarded-for': forwardedFor } })).status;
  }

  it('counts each forwarded client on its own when TRUST_PROXY trusts the proxy', async () => {
    const signInFrom = await start({ TRUST_PROXY: 'loopback' });
    for (let i = 0; i < 3; i++) expect(await signInFrom('203.0.113.7')).toBe(401);
    expect(await signInFrom('203.0.113.7')).toBe(429);
    expect(await signInFrom('198.51.100.20')).toBe(401);
  });

  it('counts by hops too: TRUST_PROXY=1 takes the address the one proxy in front saw', async () => {
    const signInFrom = await start({ TRUST_PROXY: '1' });
    for (let i = 0; i < 3; i++) expect(await signInFrom('203.0.113.7')).toBe(401);
    expect(await signInFrom('203.0.113.7')).toBe(429);
    // A client's own X-Forwarded-For entry sits left of what the proxy appends: it changes nothing.
    expect(await signInFrom('198.51.100.20, 203.0.113.7')).toBe(429);
    expect(await signInFrom('198.51.100.20')).toBe(401);
  });

  it('ignores X-Forwarded-For without TRUST_PROXY, so a new address does not reset the count, and prints nothing outside the JSON log about it', async () => {
    const consoleError = jest.spyOn(console, 'error').mockImplementation(() => undefined);
    const consoleWarn = jest.spyOn(console, 'warn').mockImplementation(() => undefined);
    try {
      const signInFrom = await start({});
      for (let i = 0; i < 3; i++) expect(await signInFrom(`203.0.113.${i}`)).toBe(401);
      expect(await signInFrom('198.51.100.20')).toBe(429);
      expect(consoleError).not.toHaveBeenCalled();
      expect(consoleWarn).not.toHaveBeenCalled();
    } finally {
      consoleError.mockRestore();
      consoleWarn.mockRestore();
    }
  });
});
