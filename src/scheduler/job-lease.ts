/**
 * Runs a Job on exactly one instance at a time when several instances share one store: each run
 * first takes the lease `job:<name>` (skipping the run when another instance holds it), renews it
 * while the job works, and releases it at the end. When a holder dies, its lease expires after
 * ttlMs and the next instance whose timer fires takes over.
 *
 * A holder that stalls longer than ttlMs (GC pause, frozen VM) can lose its lease while still
 * running; `leaseLost` turns true on the next renewal and the job should stop at its next batch
 * boundary (pollers pass it into their shouldStop). Sends stay safe regardless: the outbox moves a
 * reply to `sending` with a conditional update, so a second instance cannot send it again.
 */
import { randomUUID } from 'node:crypto';
import os from 'node:os';
import type { LeaseStore } from './store/lease-store';
import type { Job } from './job';

export interface JobLeaseLog {
  debug(obj: Record<string, unknown>, msg: string): void;
  warn(obj: Record<string, unknown>, msg: string): void;
}

export interface JobLeaseOptions {
  leases: LeaseStore;
  /** This instance's identity, the same for all its jobs (see instanceHolderId()). */
  holder: string;
  /** How long a lease lasts without renewal; also the takeover delay after a crash. Default 60 s. */
  ttlMs?: number;
  /** How often a running job renews its lease. Default ttlMs / 3. */
  renewEveryMs?: number;
  /** Lease name; default `job:<job name>`, so instances running the same job share it. */
  leaseName?: string;
  log: JobLeaseLog;
}

export const DEFAULT_LEASE_TTL_MS = 60_000;

/** A holder id that tells operators which instance holds a lease: host, pid and a random tail. */
export function instanceHolderId(): string {
  return `${os.hostname()}/${process.pid}/${randomUUID().slice(0, 8)}`;
}

export class LeasedJob implements Job {
  readonly name: string;
  readonly schedule: string;
  readonly runAtStart?: boolean;
  readonly leaseName: string;
  private readonly ttlMs: number;
  private readonly renewEveryMs: number;
  private lost = false;
  private active = false;
  private renewing = false;
  private lastRenewedAt = 0;
  /** Runs skipped because another instance held the lease (shown next to the scheduler's stats). */
  skipped = 0;

  constructor(
    private readonly job: Job,
    private readonly opts: JobLeaseOptions,
  ) {
    this.name = job.name;
    this.schedule = job.schedule;
    this.runAtStart = job.runAtStart;
    this.leaseName = opts.leaseName ?? `job:${job.name}`;
    this.ttlMs = opts.ttlMs ?? DEFAULT_LEASE_TTL_MS;
    this.renewEveryMs = opts.renewEveryMs ?? Math.max(1, Math.floor(this.ttlMs / 3));
  }

  /** True once the current run lost its lease to another instance: stop at the next batch. */
  get leaseLost(): boolean {
    return this.lost;
  }

  async run(): Promise<void> {
    const { leases, holder, log } = this.opts;
    if (!(await leases.acquireLease(this.leaseName, holder, this.ttlMs))) {
      this.skipped++;
      log.debug({ job: this.name, lease: this.leaseName }, `job ${this.name} skipped: another instance holds its lease`);
      return;
    }
    this.lost = false;
    this.active = true;
    this.lastRenewedAt = Date.now();
    const timer = setInterval(() => void this.renew(timer), this.renewEveryMs);
    timer.unref?.();
    try {
      await this.job.run();
    } finally {
      clearInterval(timer);
      this.active = false;
      if (!this.lost) await this.release();
    }
  }

  private async renew(timer: NodeJS.Timeout): Promise<void> {
    if (this.renewing || this.lost) return;
    this.renewing = true;
    const { leases, holder, log } = this.opts;
    try {
      const renewed = await leases.renewLease(this.leaseName, holder, this.ttlMs);
      if (!this.active) return; // the run ended (and released) while this renewal was in flight
      if (renewed) {
        this.lastRenewedAt = Date.now();
      } else {
        this.markLost(timer, 'another instance took it over');
      }
    } catch (err) {
      // Store briefly unreachable: keep trying until the lease would have expired anyway.
      log.warn({ job: this.name, err: (err as Error).message }, `job ${this.name}: lease renewal failed`);
      if (Date.now() - this.lastRenewedAt >= this.ttlMs) this.markLost(timer, 'could not renew it before expiry');
    } finally {
      this.renewing = false;
    }
  }

  private markLost(timer: NodeJS.Timeout, why: string): void {
    this.lost = true;
    clearInterval(timer);
    this.opts.log.warn({ job: this.name, lease: this.leaseName }, `job ${this.name} lost its lease (${why}); stopping after this batch`);
  }

  private async release(): Promise<void> {
    try {
      await this.opts.leases.releaseLease(this.leaseName, this.opts.holder);
    } catch (err) {
      // Not fatal: the lease expires on its own after ttlMs.
      this.opts.log.warn({ job: this.name, err: (err as Error).message }, `job ${this.name}: lease release failed`);
    }
  }
}
