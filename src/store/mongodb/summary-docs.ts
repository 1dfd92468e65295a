/**
 * The summary history on MongoDB: one document per week id, its indexes and its mapping (shared by
 * the summaries adapter and store:copy), and the index the week figures add to the mentions.
 */
import type { IndexDescription } from 'mongodb';
import type { StoredSummary, SummaryListItem } from '../../domain';

export const SUMMARIES_COLLECTION = 'summaries';

export interface SummaryDoc {
  /** The week id, e.g. 2026-W48. */
  _id: string;
  start: string;
  end: string;
  generatedAt: string;
  schemaVersion: number;
  headline: Record<string, number | null>;
  /** The reports layer's record as JSON text: opaque to the store, kept byte for byte like on SQLite. */
  recordJson: string;
  deliveredAt?: string;
}

export const SUMMARY_INDEXES: IndexDescription[] = [{ key: { start: -1 }, name: 'start' }];

/** Indexes the week figures add to the mentions collection (the window match, then its groups). */
export const SUMMARY_MENTION_INDEXES: IndexDescription[] = [{ key: { createdAt: 1, relevant: 1, replyable: 1 }, name: 'week' }];

export function docToSummaryItem(doc: Omit<SummaryDoc, 'recordJson'>): SummaryListItem {
  return {
    weekId: doc._id,
    start: doc.start,
    end: doc.end,
    generatedAt: doc.generatedAt,
    schemaVersion: doc.schemaVersion,
    headline: doc.headline,
    ...(doc.deliveredAt ? { deliveredAt: doc.deliveredAt } : {}),
  };
}

/** Replaces the week's summary but keeps deliveredAt unless the new one has it. */
export function saveSummaryUpdate(s: StoredSummary) {
  const $set: Omit<SummaryDoc, '_id'> = {
    start: s.start,
    end: s.end,
    generatedAt: s.generatedAt,
    schemaVersion: s.schemaVersion,
    headline: s.headline,
    recordJson: JSON.stringify(s.record ?? null),
  };
  if (s.deliveredAt) $set.deliveredAt = s.deliveredAt;
  return { $set };
}
