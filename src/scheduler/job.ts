/** A scheduled job: a name, a cron schedule and one async run; the scheduler owns the timers. */
export interface Job {
  name: string;
  /** node-cron expression (6 fields with seconds allowed). */
  schedule: string;
  /** Run once as soon as the scheduler starts (pollers, missed weekly summaries). */
  runAtStart?: boolean;
  run(): Promise<void>;
}

export interface JobStats {
  name: string;
  schedule: string;
  running: boolean;
  runs: number;
  failures: number;
  consecutiveFailures: number;
  lastStartedAt?: string;
  lastSuccessAt?: string;
  lastError?: { at: string; message: string };
}
