/**
 * The weekly summary use cases shared by the job, the API and the CLI: resolve a week argument,
 * build a summary, store it in the history, and fetch one (stored, else computed on request).
 */
import type { StoredSummary, SummaryListItem, SummaryStore } from './store/summary-store';
import { headlineOf, SUMMARY_SCHEMA_VERSION, type WeeklySummary } from './summary-record';
import type { SummarySettings } from './summary-settings';
import { availableWeeks, type AvailableWeeks } from './summary-weeks';
import { sameSources, summarySourcesOf } from './summary-sources';
import { parseWeek, previousWeek, type ReportWeek } from './week';
import { buildWeeklySummary, type BuildOptions } from './weekly-summary';

export interface SummaryServiceDeps {
  store: SummaryStore;
  settings: SummarySettings;
  now?: () => Date;
}

export class SummaryService {
  private readonly now: () => Date;

  constructor(private readonly deps: SummaryServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  get settings(): SummarySettings {
    return this.deps.settings;
  }

  /** `last` (default), `current`, an ISO week id or a date; throws WeekParseError. */
  resolveWeek(arg?: string): ReportWeek {
    return parseWeek(arg, this.now(), this.deps.settings);
  }

  build(week: ReportWeek, opts: Omit<BuildOptions, 'now'> = {}): Promise<WeeklySummary> {
    return buildWeeklySummary(this.deps.store, week, this.deps.settings, { ...opts, now: this.now() });
  }

  /** Builds the week's summary and keeps it in the history (replacing an older one). */
  async generateAndStore(week: ReportWeek, opts: Omit<BuildOptions, 'now'> = {}): Promise<WeeklySummary> {
    const before = await this.deps.store.getSummary(week.id);
    const built = await this.build(week, opts);
    // Made again: it says since when the week's summary exists, so a reader holding the e-mailed
    // copy knows why the figures moved.
    const first = before ? ((before.record as Partial<WeeklySummary>).firstGeneratedAt ?? before.generatedAt) : undefined;
    const summary: WeeklySummary = first ? { ...built, firstGeneratedAt: first } : built;
    await this.deps.store.saveSummary({
      weekId: week.id,
      start: week.start,
      end: week.end,
      generatedAt: summary.generatedAt,
      schemaVersion: SUMMARY_SCHEMA_VERSION,
      headline: headlineOf(summary),
      record: summary,
    });
    return summary;
  }

  /**
   * The stored summary of the week when there is one in the current layout and nothing it counted
   * has changed since; otherwise computed now: a stale stored one is made again and kept, one in
   * another layout is not stored (only the job writes the history, so a summary in progress is
   * never kept).
   */
  async get(week: ReportWeek): Promise<{ summary: WeeklySummary; stored: boolean }> {
    const stored = await this.deps.store.getSummary(week.id);
    if (!stored || stored.schemaVersion !== SUMMARY_SCHEMA_VERSION) return { summary: await this.build(week), stored: false };
    if (await this.isStale(stored, week)) return { summary: await this.generateAndStore(week), stored: true };
    return { summary: stored.record as WeeklySummary, stored: true };
  }

  /**
   * True when something the stored summary counted, in its week or the previous one, changed
   * after it was made: mentions that arrived or changed status (a first start's demo replay, a
   * channel catching up, the queue), replies sent, cases opened (a complaint captured late) or a
   * case history entry dated inside or before the week, own posts' metrics. The case figures
   * describe the week as it happened, so a case reopened, rerouted or given a new SLA after the
   * week leaves them and the summary as they are. The store's source marks of both weeks against
   * those kept in the record: a few indexed reads, cheap enough for every read.
   */
  async isStale(stored: StoredSummary, week: ReportWeek): Promise<boolean> {
    if (stored.schemaVersion !== SUMMARY_SCHEMA_VERSION) return true;
    const kept = (stored.record as Partial<WeeklySummary>).sources;
    return !sameSources(kept, await summarySourcesOf(this.deps.store, week, previousWeek(week, this.deps.settings)));
  }

  list(limit = 52): Promise<SummaryListItem[]> {
    return this.deps.store.listSummaries(limit);
  }

  /** The current week and `count - 1` before it, plus older stored ones, newest first. */
  async weeks(count: number): Promise<AvailableWeeks> {
    return availableWeeks(this.now(), this.deps.settings, await this.list(520), count);
  }
}
