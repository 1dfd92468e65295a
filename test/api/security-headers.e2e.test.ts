/** Helmet's headers on the running service, as configured for HTTPS (default) or plain HTTP. */
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';

jest.setTimeout(60_000);

async function cspOfConsole(env: Record<string, string>): Promise<string> {
  const tmp = makeTempDir();
  let running: RunningServer | undefined;
  try {
    running = await startServer({ DATA_DIR: tmp.dir, PORT: '0', LOG_LEVEL: 'silent', DEMO: 'false', ...env });
    const res = await fetch(`http://127.0.0.1:${running.address.port}/`);
    expect(res.status).toBe(200);
    return res.headers.get('content-security-policy') ?? '';
  } finally {
    await running?.stop();
    tmp.remove();
  }
}

describe('security headers of the console', () => {
  it('leave upgrade-insecure-requests out of the CSP when the service is configured for plain HTTP', async () => {
    const csp = await cspOfConsole({ SESSION_COOKIE_SECURE: 'false' });
    expect(csp).toContain("script-src 'self'");
    expect(csp).not.toContain('upgrade-insecure-requests');
  });

  it('keep upgrade-insecure-requests in the CSP when the service is served over HTTPS (the default)', async () => {
    const csp = await cspOfConsole({});
    expect(csp).toContain("script-src 'self'");
    expect(csp).toContain('upgrade-insecure-requests');
  });
});
