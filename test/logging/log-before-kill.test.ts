/**
 * The lines logged before a kill -9 are in the log: the operator reads them to learn what the
 * service was doing. pino's default destination buffers, and a SIGKILL lost most of them.
 */
import { spawnSync } from 'node:child_process';
import path from 'node:path';

it('writes every line logged before the process is killed with SIGKILL', () => {
  const run = spawnSync(process.execPath, ['--require', 'tsx/cjs', path.join(__dirname, 'log-then-kill.ts')], { encoding: 'utf8', timeout: 30_000 });
  expect(run.signal).toBe('SIGKILL');
  const lines = run.stdout.trim().split('\n').map((l) => JSON.parse(l) as { line: number });
  expect(lines.map((l) => l.line)).toEqual([1, 2, 3, 4, 5]);
});
