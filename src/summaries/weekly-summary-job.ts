/**
 * The weekly summary job: on its schedule (default Sunday 08:00 in TZ_DISPLAY) it builds the last
 * complete week's summary, keeps it in the history and e-mails it when mail is configured. It
 * also runs at start: a week whose summary is missing (the service was down on Sunday) or was not
 * delivered is caught up then, and a stored one made before something it counts changed (mentions
 * arrived, replies sent, cases opened or resolved; SummaryService.isStale) is made again (not
 * e-mailed again). Running twice is harmless: a stored, delivered, up-to-date
 * week is skipped.
 */
import type { SummaryStore } from './store/summary-store';
import type { Logger } from '../logger';
import type { Job } from '../scheduler/job';
import type { SummaryMailer } from './summary-mailer';
import type { WeeklySummary } from './summary-record';
import type { SummaryService } from './summary-service';
import { lastCompleteWeek } from './week';

export interface WeeklySummaryJobDeps {
  service: SummaryService;
  store: SummaryStore;
  log: Pick<Logger, 'info' | 'error'>;
  /** node-cron expression, read in the scheduler's time zone (TZ_DISPLAY). */
  schedule: string;
  /** Absent when SMTP_URL or SUMMARY_RECIPIENTS is not set. */
  mailer?: SummaryMailer;
  now?: () => Date;
}

export interface WeeklySummaryOutcome {
  weekId: string;
  generated: boolean;
  delivered: boolean;
}

export interface WeeklySummaryJob extends Job {
  perform(): Promise<WeeklySummaryOutcome>;
}

export function createWeeklySummaryJob(deps: WeeklySummaryJobDeps): WeeklySummaryJob {
  const now = deps.now ?? (() => new Date());
  const perform = async (): Promise<WeeklySummaryOutcome> => {
    const week = lastCompleteWeek(now(), deps.service.settings);
    const existing = await deps.store.getSummary(week.id);
    const generated = !existing || (await deps.service.isStale(existing, week));
    const summary = generated ? await deps.service.generateAndStore(week) : (existing.record as WeeklySummary);
    if (generated) {
      deps.log.info({ week: week.id, mentions: summary.mentions.total.value }, `weekly summary ${week.id} ${existing ? 'regenerated: what it counts changed since it was made' : 'generated'}`);
    }
    if (!deps.mailer || existing?.deliveredAt) return { weekId: week.id, generated, delivered: false };
    const sent = await deps.mailer.send(summary);
    await deps.store.markSummaryDelivered(week.id, now().toISOString());
    deps.log.info({ week: week.id, recipients: sent.accepted.length }, `weekly summary ${week.id} e-mailed`);
    return { weekId: week.id, generated, delivered: true };
  };
  return {
    name: 'weekly-summary',
    schedule: deps.schedule,
    runAtStart: true,
    perform,
    run: async () => {
      await perform();
    },
  };
}
