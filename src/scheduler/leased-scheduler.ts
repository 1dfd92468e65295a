/**
 * The scheduler for several instances on one store: every job added runs through a LeasedJob, so
 * each poller, the sender and the other jobs run on one instance at a time. Used with MongoDB;
 * SQLite allows one process per file (src/store/sqlite/instance-lock.ts), so it keeps the plain
 * Scheduler and a restart never waits for a lease left by the crashed process.
 */
import type { LeaseStore } from './store/lease-store';
import type { Logger } from '../logger';
import type { Job } from './job';
import { LeasedJob, instanceHolderId, type JobLeaseOptions } from './job-lease';
import { Scheduler } from './scheduler';

export class LeasedScheduler extends Scheduler {
  private readonly leasedJobs = new Map<string, LeasedJob>();

  constructor(
    private readonly leaseLog: Logger,
    private readonly leaseOptions: Omit<JobLeaseOptions, 'log' | 'leaseName'>,
    timezone?: string,
  ) {
    super(leaseLog, timezone);
  }

  override add(job: Job): void {
    const leased = new LeasedJob(job, { ...this.leaseOptions, log: this.leaseLog });
    this.leasedJobs.set(job.name, leased);
    super.add(leased);
  }

  /** The wrapped job as the scheduler runs it. */
  leasedJob(jobName: string): LeasedJob | undefined {
    return this.leasedJobs.get(jobName);
  }

  /** True when the job's current run lost its lease to another instance (stop after this batch). */
  leaseLost(jobName: string): boolean {
    return this.leasedJobs.get(jobName)?.leaseLost ?? false;
  }

  /** Runs skipped per job because another instance held the lease. */
  skippedRuns(): Record<string, number> {
    return Object.fromEntries([...this.leasedJobs].map(([name, job]) => [name, job.skipped]));
  }
}

/** A LeasedScheduler on a MongoDB store (several instances possible), else the plain Scheduler. */
export function createScheduler(store: { readonly kind: 'sqlite' | 'mongodb'; readonly leases: LeaseStore }, log: Logger, opts: { ttlMs?: number; timezone?: string } = {}): Scheduler {
  if (store.kind !== 'mongodb') return new Scheduler(log, opts.timezone);
  const holder = instanceHolderId();
  log.info({ holder }, 'multi-instance scheduling: each job runs on one instance at a time (job leases)');
  return new LeasedScheduler(log, { leases: store.leases, holder, ttlMs: opts.ttlMs }, opts.timezone);
}
