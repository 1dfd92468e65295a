/**
 * The only place that knows about timers. One node-cron task per job; a tick that finds the job
 * still running is skipped here (runOnce keeps one run per job), so a slow poll or a hanging send
 * never runs twice at once; run counts and failures are kept for the health view.
 * stop() stops the timers and waits for in-flight runs (each finishes its current batch).
 */
import cron, { type ScheduledTask } from 'node-cron';
import type { Logger } from '../logger';
import { cronLogger } from './cron-logger';
import type { Job, JobStats } from './job';

export class Scheduler {
  private readonly jobs = new Map<string, Job>();
  private readonly tasks = new Map<string, ScheduledTask>();
  private readonly stats = new Map<string, JobStats>();
  private readonly inFlight = new Map<string, Promise<void>>();
  private stopping = false;

  constructor(
    private readonly log: Logger,
    private readonly timezone?: string,
  ) {}

  add(job: Job): void {
    if (this.tasks.has(job.name)) throw new Error(`job ${job.name} already scheduled`);
    this.stats.set(job.name, { name: job.name, schedule: job.schedule, running: false, runs: 0, failures: 0, consecutiveFailures: 0 });
    // Not node-cron's noOverlap: it warns on every skipped tick (every second for a 1 s schedule
    // while a send hangs), and a skipped tick is expected, not a problem.
    const task = cron.createTask(job.schedule, () => this.onTick(job), {
      name: job.name,
      timezone: this.timezone,
      logger: cronLogger(this.log.child({ job: job.name })),
    });
    this.tasks.set(job.name, task);
    this.jobs.set(job.name, job);
  }

  async start(): Promise<void> {
    for (const [name, task] of this.tasks) {
      await task.start();
      const job = this.jobs.get(name) as Job;
      if (job.runAtStart) void this.runOnce(job);
    }
  }

  private onTick(job: Job): Promise<void> | undefined {
    if (this.inFlight.has(job.name)) {
      this.log.debug({ job: job.name }, `job ${job.name} still running; tick skipped`);
      return undefined;
    }
    return this.runOnce(job);
  }

  /** Runs a job now unless it is already running; resolves when that run ends. */
  async runOnce(job: Job): Promise<void> {
    if (this.stopping) return;
    const running = this.inFlight.get(job.name);
    if (running) return running;
    const run = this.execute(job).finally(() => this.inFlight.delete(job.name));
    this.inFlight.set(job.name, run);
    return run;
  }

  private async execute(job: Job): Promise<void> {
    const s = this.stats.get(job.name) as JobStats;
    s.running = true;
    s.runs++;
    s.lastStartedAt = new Date().toISOString();
    try {
      await job.run();
      s.consecutiveFailures = 0;
      s.lastSuccessAt = new Date().toISOString();
    } catch (err) {
      s.failures++;
      s.consecutiveFailures++;
      s.lastError = { at: new Date().toISOString(), message: (err as Error).message };
      this.log.error({ job: job.name, err: (err as Error).message }, `job ${job.name} failed`);
    } finally {
      s.running = false;
    }
  }

  jobStats(): JobStats[] {
    return [...this.stats.values()].map((s) => ({ ...s }));
  }

  /** Stops the timers, then waits (bounded) for runs in flight to finish their batch. */
  async stop(timeoutMs = 4_000): Promise<void> {
    this.stopping = true;
    for (const task of this.tasks.values()) await task.destroy();
    const all = Promise.allSettled([...this.inFlight.values()]);
    await Promise.race([all, new Promise((r) => setTimeout(r, timeoutMs).unref())]);
  }

  get isStopping(): boolean {
    return this.stopping;
  }
}
