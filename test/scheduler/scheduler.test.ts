/** The scheduler's timers: a job that hangs is not started again, and nothing it says bypasses the JSON log. */
import { Scheduler } from '../../src/scheduler/scheduler';
import { memoryLogger } from '../support/silent-log';

jest.setTimeout(20_000);

describe('Scheduler', () => {
  it('skips the ticks of a job that is still running without writing plain text to the console, and runs it again once it ends', async () => {
    const { log, lines } = memoryLogger('debug');
    const scheduler = new Scheduler(log);
    let release!: () => void;
    const hanging = new Promise<void>((resolve) => (release = resolve));
    let runs = 0;
    scheduler.add({ name: 'send:replies', schedule: '* * * * * *', run: async () => (++runs === 1 ? hanging : undefined) });

    const printed: string[] = [];
    const spies = (['log', 'info', 'warn', 'error', 'debug'] as const).map((m) =>
      jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))),
    );
    const stderr = jest.spyOn(process.stderr, 'write').mockImplementation((chunk: string | Uint8Array) => (printed.push(String(chunk)), true));
    try {
      await scheduler.start();
      await new Promise((r) => setTimeout(r, 3_500));
      expect(runs).toBe(1);
      release();
      await new Promise((r) => setTimeout(r, 1_500));
      expect(runs).toBeGreaterThanOrEqual(2);
    } finally {
      await scheduler.stop();
      for (const spy of spies) spy.mockRestore();
      stderr.mockRestore();
    }

    expect(printed).toEqual([]);
    const skipped = lines().filter((l) => l.job === 'send:replies' && l.level === 20 && /still running/.test(String(l.msg)));
    expect(skipped.length).toBeGreaterThanOrEqual(2);
    expect(lines().filter((l) => (l.level as number) >= 40)).toEqual([]);
  });

  it("logs node-cron's own warnings, such as ticks missed while the event loop was blocked, as JSON lines with the job's name", async () => {
    const { log, lines } = memoryLogger('debug');
    const scheduler = new Scheduler(log);
    scheduler.add({ name: 'poll:replay', schedule: '* * * * * *', run: async () => undefined });
    const printed: string[] = [];
    const spies = (['warn', 'error'] as const).map((m) => jest.spyOn(console, m).mockImplementation((...args: unknown[]) => void printed.push(args.map(String).join(' '))));
    try {
      await scheduler.start();
      await new Promise((r) => setTimeout(r, 1_100));
      const until = Date.now() + 2_500;
      while (Date.now() < until); // blocks the event loop past two ticks
      await new Promise((r) => setTimeout(r, 1_500));
    } finally {
      await scheduler.stop();
      for (const spy of spies) spy.mockRestore();
    }
    expect(printed).toEqual([]);
    const missed = lines().filter((l) => l.source === 'node-cron' && l.job === 'poll:replay' && /missed execution/.test(String(l.msg)));
    expect(missed.length).toBeGreaterThanOrEqual(1);
    expect(missed[0].level).toBe(40);
  });
});
