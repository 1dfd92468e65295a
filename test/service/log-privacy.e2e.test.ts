/**
 * Secrets and citizens' phone numbers never reach the log: the whole service runs at debug level
 * on the demo data (which holds a phone number in Latin and in Arabic-Indic digits), serves
 * authenticated requests, and its entire output is searched.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createLogger } from '../../src/logger';
import { memoryLogger } from '../support/silent-log';
import { startServiceProcess, waitFor } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';

jest.setTimeout(60_000);

describe('log privacy', () => {
  it('redacts tokens, passwords, authorization headers and phone numbers in any field', () => {
    const { log, lines } = memoryLogger('debug');
    log.info({ req: { headers: { authorization: 'Bearer abc.def' } }, token: 'tok-123', password: 'hunter2', channel: { secret: 's1', accessToken: 'at-9' } }, 'login');
    log.info({ text: 'اتصلوا علي 33123456 أو +973 3912 3456 أو ٣٣١٢٣٤٥٦', note: 'block 338 road 2410' }, 'mention from 36661234');
    const out = JSON.stringify(lines());
    for (const secret of ['abc.def', 'tok-123', 'hunter2', 's1"', 'at-9', '33123456', '3912 3456', '٣٣١٢٣٤٥٦', '36661234']) {
      expect(out).not.toContain(secret);
    }
    expect(out).toContain('[redacted]');
    expect(out).toContain('[phone]');
    expect(out).toContain('block 338 road 2410');
  });

  it('keeps a redacting logger even when created directly', () => {
    const chunks: string[] = [];
    const log = createLogger({ level: 'info', destination: { write: (s: string) => chunks.push(s) } });
    log.warn({ authorization: 'Basic dXNlcjpwYXNz' }, 'x');
    expect(chunks.join('')).not.toContain('dXNlcjpwYXNz');
  });

  it('writes no token or phone number anywhere in the running service output', async () => {
    const tmp = makeTempDir();
    const svc = await startServiceProcess({ DATA_DIR: tmp.dir, LOG_LEVEL: 'debug' });
    try {
      const tokenFile = path.join(tmp.dir, 'initial-admin-token');
      const token = fs.existsSync(tokenFile) ? fs.readFileSync(tokenFile, 'utf8').trim() : 'no-token-issued';
      const headers = { authorization: `Bearer ${token}` };
      await waitFor(async () => {
        const r = await fetch(`${svc.url}/api/mentions?limit=200`, { headers });
        const body = await r.json();
        return r.ok && body.items.some((m: { text: string }) => m.text.includes('33123456'));
      }, 30_000);
      await fetch(`${svc.url}/api/mentions?limit=1`, { headers: { authorization: 'Bearer wrong-token-value-777' } });
      await svc.kill('SIGTERM');
      const output = svc.output();
      expect(output.length).toBeGreaterThan(0);
      for (const needle of [token, 'wrong-token-value-777', '33123456', '٣٣١٢٣٤٥٦']) expect(output).not.toContain(needle);
    } finally {
      await svc.kill('SIGKILL');
      tmp.remove();
    }
  });
});
