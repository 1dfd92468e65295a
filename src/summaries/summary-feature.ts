/**
 * Wires the weekly summary: the service, the scheduled job (with e-mail when configured) and the
 * API router. composition.ts calls createSummaryFeature once.
 */
import type { Router } from 'express';
import type { RoutingTable } from '../cases/routing-table';
import { SUPERVISORS, requireRole } from '../auth/require-role';
import type { Urgency } from '../domain';
import type { SummaryStore } from './store/summary-store';
import type { Logger } from '../logger';
import type { Job } from '../scheduler/job';
import { SummaryMailer, type SummaryMailSettings } from './summary-mailer';
import { summaryRoutes } from './summary-routes';
import { SummaryService } from './summary-service';
import { defaultSummarySettings } from './summary-settings';
import { reportWeekBounds, type WeekdayIndex, type WeekSettings } from './week';
import { createWeeklySummaryJob, type WeeklySummaryJob } from './weekly-summary-job';

/** The settings config.ts should provide as `config.summary` (env keys in brackets). */
export interface SummaryConfig {
  /** [SUMMARY_SCHEDULE] node-cron, in TZ_DISPLAY; default '0 8 * * 0' (Sunday 08:00). */
  schedule: string;
  /** [SUMMARY_WEEK_START] first day of a report week, 0 = Sunday (default) ... 6 = Saturday. */
  weekStartsOn: WeekdayIndex;
  /** [SUMMARY_RESPONSE_SLA_MINUTES] "high,medium,low" first-response targets; default 60,240,1440. */
  responseSlaMinutes: Record<Urgency, number>;
  /** [SUMMARY_SLA_TARGET] target within-SLA share, 0..1; default 0.9. */
  slaTarget: number;
  /** [SMTP_URL + SUMMARY_RECIPIENTS (+ SUMMARY_FROM)] absent = no e-mail. */
  mail?: SummaryMailSettings;
}

export const DEFAULT_SUMMARY_SCHEDULE = '0 8 * * 0';

export interface SummaryFeatureDeps {
  store: SummaryStore;
  log: Logger;
  tzDisplay: string;
  config?: Partial<SummaryConfig>;
  /** The case routing table (with CASE_ROUTING) naming units in Arabic and English; default: the default table. */
  units?: RoutingTable;
  /** Defaults to supervisors and admins (requireRole). */
  guard?: Parameters<typeof summaryRoutes>[0]['guard'];
  now?: () => Date;
}

export interface SummaryFeature {
  store: SummaryStore;
  service: SummaryService;
  job: WeeklySummaryJob;
  mailer?: SummaryMailer;
  apiRouters: Router[];
  /** Hands the report weeks to a store that pre-aggregates per week; call once before the jobs run. */
  prepareStore(): Promise<void>;
  /** Every minute: the rollups ingest leaves for later (SummaryStore.catchUpRollups), when the store has any. */
  rollupJob?: Job;
}

export function createSummaryFeature(deps: SummaryFeatureDeps): SummaryFeature {
  const c = deps.config ?? {};
  const settings = { ...summarySettings(deps.tzDisplay, c), ...(deps.units ? { units: deps.units } : {}) };
  const service = new SummaryService({ store: deps.store, settings, now: deps.now });
  const mailer = c.mail && c.mail.recipients.length ? new SummaryMailer(c.mail) : undefined;
  const job = createWeeklySummaryJob({
    service,
    store: deps.store,
    log: deps.log,
    schedule: c.schedule ?? DEFAULT_SUMMARY_SCHEDULE,
    mailer,
    now: deps.now,
  });
  const guard = deps.guard ?? requireRole(...SUPERVISORS);
  return {
    store: deps.store,
    service,
    job,
    mailer,
    apiRouters: [summaryRoutes({ service, guard, now: deps.now })],
    prepareStore: () => useReportWeeks(deps.store, settings, deps.log),
    rollupJob: rollupCatchUpJob(deps.store, deps.log),
  };
}

/** Keeps what a summary must count first small: at most a minute of ingest. */
function rollupCatchUpJob(store: SummaryStore, log: Logger): Job | undefined {
  const catchUp = store.catchUpRollups?.bind(store);
  if (!catchUp) return undefined;
  return {
    name: 'summary:rollups',
    schedule: '* * * * *',
    run: async () => {
      const started = Date.now();
      const mentions = await catchUp();
      if (mentions > 0) log.debug({ mentions, ms: Date.now() - started }, 'weekly summary rollups caught up');
    },
  };
}

/**
 * The store's week rollups follow TZ_DISPLAY and SUMMARY_WEEK_START: after a change of either,
 * the store recounts them once (about half a minute per million mentions), logged here.
 */
async function useReportWeeks(store: SummaryStore, settings: WeekSettings, log: Logger): Promise<void> {
  if (!store.useReportWeeks) return;
  const started = Date.now();
  const weeks = reportWeekBounds(settings);
  const { rebuilt } = await store.useReportWeeks(weeks);
  if (rebuilt) log.info({ weeks: weeks.length, timeZone: settings.timeZone, weekStartsOn: settings.weekStartsOn, ms: Date.now() - started }, 'weekly summary rollups recounted for the report weeks');
}

/** Report settings from config, over the defaults (shared by the job, the API and the CLI). */
export function summarySettings(tzDisplay: string, c: Partial<SummaryConfig> = {}) {
  return {
    ...defaultSummarySettings(tzDisplay),
    ...(c.weekStartsOn !== undefined ? { weekStartsOn: c.weekStartsOn } : {}),
    ...(c.responseSlaMinutes ? { responseSlaMinutes: c.responseSlaMinutes } : {}),
    ...(c.slaTarget !== undefined ? { slaTarget: c.slaTarget } : {}),
  };
}
