/** How a correction changes a stored mention, shared by the SQLite and MongoDB adapters. */
import type { Classification, Mention } from '../../domain';
import type { CorrectionInput } from './correction-store';

/** Statuses that say the post is not a citizen's real message: no case, whatever it is about. */
const NO_CASE_STATUSES = new Set<Mention['status']>(['spam', 'duplicate']);

/** The corrected values in place; the machine's first values stay in `correction.from` across re-corrections. */
export function correctedClassification(c: Classification, input: CorrectionInput): Classification {
  const from = c.correction?.from ?? { domain: c.primaryDomain, intent: c.intent };
  const correction = { by: input.by, at: input.at, from, ...(input.note ? { note: input.note } : {}) };
  return { ...c, primaryDomain: input.domain, intent: input.intent, correction };
}

/** Ingest's capture rule (a works complaint) applied after a correction, for a mention without a case. */
export function pendingAfterCorrection(m: Pick<Mention, 'caseId' | 'status'>, c: Classification): boolean {
  return c.intent === 'complaint' && c.primaryDomain !== null && !m.caseId && !NO_CASE_STATUSES.has(m.status);
}
