/**
 * The MongoDB answer to SummaryStore.sourceMarks (definitions in summary-store.ts): one small
 * `$group` per collection over the window's index range (mentions and own posts by createdAt,
 * sent replies by sentAt, cases by openedAt with their history), the same figures as the SQLite
 * adapter (the case history's last entry named by its time rather than its seq).
 */
import type { Db, Document } from 'mongodb';
import { CASES_COLLECTION, MENTIONS_COLLECTION, OWN_POSTS_COLLECTION } from '../../../store/mongodb/collection-names';
import { REPLIES_COLLECTION } from '../../../store/mongodb/reply-doc';
import type { SummarySourceMarks, SummaryWindow } from '../summary-store';
import { CASE_STATUS_VALUES, DOMAIN_CHANGED, SLA_RESTARTED, UNIT_ASSIGNED } from '../case-history-rules';

interface Marks {
  n: number;
  last?: string | number | null;
  /** Cases: the history entries counted. */
  entries?: number;
}

/** A history entry $$e the case figures read (case-history-rules.ts): a move to a status, an SLA restart, a unit or domain change. */
const figureEntry = {
  $or: [{ $in: [{ $ifNull: ['$$e.to', null] }, [...CASE_STATUS_VALUES]] }, { $in: ['$$e.action', [SLA_RESTARTED, UNIT_ASSIGNED, DOMAIN_CHANGED]] }],
};

const countAndLatest = (last: unknown): Document => ({ $group: { _id: null, n: { $sum: 1 }, last: { $max: last } } });

export function sourceMarksPipelines(w: SummaryWindow, mentionsCollection = MENTIONS_COLLECTION): Record<'mentions' | 'replies' | 'cases' | 'ownPosts', Document[]> {
  const range = { $gte: w.start, $lt: w.end };
  return {
    mentions: [{ $match: { createdAt: range } }, countAndLatest('$statusChangedAt')],
    // A reply to a mention of the window counts whenever it is sent, never before the mention was posted.
    replies: [
      { $match: { state: 'sent', sentAt: { $gte: w.start } } },
      { $lookup: { from: mentionsCollection, localField: 'mentionId', foreignField: '_id', as: 'mention' } },
      { $match: { $or: [{ sentAt: { $lt: w.end } }, { 'mention.createdAt': range }] } },
      countAndLatest('$sentAt'),
    ],
    // The cases the figures read, and the history entries they read dated before the end: a change
    // dated after the window (a reopen, a new unit or SLA later) leaves the marks as they are.
    cases: [
      { $match: { openedAt: { $lt: w.end } } },
      { $project: { entries: { $filter: { input: '$history', as: 'e', cond: { $and: [{ $lt: ['$$e.at', w.end] }, figureEntry] } } } } },
      { $group: { _id: null, n: { $sum: 1 }, entries: { $sum: { $size: '$entries' } }, last: { $max: { $max: '$entries.at' } } } },
    ],
    // Metrics, not the update time: every poll rewrites that, changed or not.
    ownPosts: [
      { $match: { createdAt: range } },
      { $group: { _id: null, n: { $sum: 1 }, last: { $sum: { $add: [{ $ifNull: ['$likes', 0] }, { $ifNull: ['$replies', 0] }, { $ifNull: ['$reposts', 0] }, { $ifNull: ['$impressions', 0] }] } } } },
    ],
  };
}

export async function mongoSourceMarks(db: Db, w: SummaryWindow): Promise<SummarySourceMarks> {
  const p = sourceMarksPipelines(w);
  const one = async (collection: string, pipeline: Document[]): Promise<Marks> =>
    (await db.collection(collection).aggregate<Marks>(pipeline).toArray())[0] ?? { n: 0, last: null };
  const [mentions, replies, cases, own] = await Promise.all([
    one(MENTIONS_COLLECTION, p.mentions),
    one(REPLIES_COLLECTION, p.replies),
    one(CASES_COLLECTION, p.cases),
    one(OWN_POSTS_COLLECTION, p.ownPosts),
  ]);
  const text = (m: Marks) => (typeof m.last === 'string' ? m.last : null);
  return {
    mentions: mentions.n,
    lastMentionChangeAt: text(mentions),
    repliesSent: replies.n,
    lastReplySentAt: text(replies),
    cases: cases.n,
    lastCaseChangeAt: cases.entries ? `history:${cases.entries}:${text(cases)}` : null,
    ownPosts: own.n,
    ownPostMetrics: Number(own.last ?? 0),
  };
}
