/**
 * A PORT or HOST that cannot be listened on is a configuration error (exit 2), told before the
 * store is touched: no database, no first admin and its token, no rollup recount (half a minute
 * on a large store) before the message.
 */
import fs from 'node:fs';
import net from 'node:net';
import path from 'node:path';
import { runServiceToExit } from '../support/service-process';
import { makeTempDir } from '../support/temp-dir';

/** What a start that could not listen left in DATA_DIR: nothing. */
const leftIn = (dir: string) => fs.readdirSync(dir);

describe('starting on a port that is already taken', () => {
  it('says which setting to change, exits with 2 and leaves no lock behind, so the next start works', async () => {
    const taken = net.createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as net.AddressInfo).port;
    const tmp = makeTempDir('rasid-busy-port-');
    try {
      const { code, output } = await runServiceToExit({ DATA_DIR: tmp.dir, PORT: String(port), HOST: '127.0.0.1', DEMO: 'false' }, 30_000);
      expect(code).toBe(2);
      expect(output).toContain(`Cannot listen: PORT: 127.0.0.1:${port} is already in use`);
      expect(output).not.toContain('TypeError');
      expect(fs.existsSync(path.join(tmp.dir, 'rasid.db.lock'))).toBe(false);
      // told before the store was opened: no database, no admin token
      expect(leftIn(tmp.dir)).toEqual([]);
    } finally {
      taken.close();
      tmp.remove();
    }
  }, 40_000);

  it.each(['999.1.1.1', 'no-such-host.invalid', '203.0.113.7'])('names HOST and exits with 2 when HOST=%s is not an address of this machine', async (host) => {
    const tmp = makeTempDir('rasid-bad-host-');
    try {
      const { code, output } = await runServiceToExit({ DATA_DIR: tmp.dir, PORT: '0', HOST: host, DEMO: 'false' }, 30_000);
      expect(code).toBe(2);
      expect(output).toContain(`Cannot listen: HOST: "${host}" is not an address of this machine`);
      expect(output).not.toMatch(/\n\s+at /); // no stack trace
      expect(leftIn(tmp.dir)).toEqual([]);
    } finally {
      tmp.remove();
    }
  }, 40_000);
});
