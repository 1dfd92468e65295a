/**
 * A channel's poll backoff held in memory beside the one in its stored health. When the store
 * refuses writes (disk full) the failure cannot be recorded there, and without this copy every
 * scheduler tick would poll again at once and fail again, logging an error each time.
 * One instance per channel, kept for the life of the service.
 */
export class PollBackoffMemory {
  private until: Date | undefined;
  private failureCount = 0;
  private polled = false;

  /** This process has polled the channel (failed or not) since it started. */
  get attempted(): boolean {
    return this.polled;
  }

  /** Consecutive failed polls seen by this process since the last success. */
  get failures(): number {
    return this.failureCount;
  }

  /** True while a backoff decided by this process still runs. */
  holds(now: Date): boolean {
    return this.until !== undefined && this.until > now;
  }

  failed(failures: number, until: Date): void {
    this.polled = true;
    this.failureCount = failures;
    this.until = until;
  }

  succeeded(): void {
    this.polled = true;
    this.failureCount = 0;
    this.until = undefined;
  }
}
