/** A citizen's complaint turned into work for a unit. */
import type { Domain, Location, Urgency } from './classification';

export type CaseStatus = 'open' | 'in_progress' | 'resolved' | 'closed';
export const CASE_STATUSES: readonly CaseStatus[] = ['open', 'in_progress', 'resolved', 'closed'];

export interface CaseHistoryEntry {
  at: string;
  actor: string;
  action: string;
  from?: string;
  to?: string;
  note?: string;
}

/** The note of a case's `opened` entry names the unit it was routed to (English, as stored). */
const ROUTED_TO = 'routed to ';

export function routedToNote(unit: string): string {
  return `${ROUTED_TO}${unit}`;
}

/** The unit an `opened` history entry routed the case to, for display in the reader's language. */
export function routedUnitOf(entry: CaseHistoryEntry): string | undefined {
  return entry.action === 'opened' && entry.note?.startsWith(ROUTED_TO) ? entry.note.slice(ROUTED_TO.length) : undefined;
}

export interface Case {
  id: string;
  /** e.g. MOW-2026-000123, gap-free per year. */
  number: string;
  domain: Domain;
  unit: string;
  assignee?: string;
  status: CaseStatus;
  urgency: Urgency;
  location: Location;
  mentionIds: string[];
  citizen: { channel: string; handle: string };
  openedAt: string;
  slaDueAt: string;
  firstResponseAt?: string;
  resolvedAt?: string;
  closedAt?: string;
  externalRef?: string;
  history: CaseHistoryEntry[];
  /** Last change of any kind (UTC ISO); Open311 updated_datetime. */
  updatedAt?: string;
  /** Where the case came from: 'ingest' (a mention) or 'open311'. */
  source?: string;
  /** Free text for cases opened without a mention (Open311 description). */
  description?: string;
}
