/** Settings of the weekly summary (from config: the SUMMARY_* env keys, listed in .env.example). */
import type { RoutingTable } from '../cases/routing-table';
import type { Urgency } from '../domain';
import type { WeekSettings } from './week';

export interface SummarySettings extends WeekSettings {
  /** First-response target per urgency, in minutes (within-SLA share). */
  responseSlaMinutes: Record<Urgency, number>;
  /** Target share of mentions answered within the SLA (the gauge's mark), 0..1. */
  slaTarget: number;
  /** Items in ranked lists (most-engaged mentions, best own posts). */
  topN: number;
  /** Lines in the area / unit / agent tables. */
  topGroups: number;
  /** At most this many mention texts per week feed the top terms. */
  termSample: number;
  topTerms: number;
  /** The case routing table (CASE_ROUTING over the default) naming units in Arabic and English; default: the default table. */
  units?: RoutingTable;
}

export const DEFAULT_RESPONSE_SLA_MINUTES: Record<Urgency, number> = { high: 60, medium: 240, low: 1440 };

export function defaultSummarySettings(timeZone = 'Asia/Bahrain'): SummarySettings {
  return {
    timeZone,
    weekStartsOn: 0,
    responseSlaMinutes: { ...DEFAULT_RESPONSE_SLA_MINUTES },
    slaTarget: 0.9,
    topN: 5,
    topGroups: 10,
    termSample: 2000,
    topTerms: 15,
  };
}
