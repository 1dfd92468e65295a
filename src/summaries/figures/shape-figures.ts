/**
 * The figures of one window from the store's counts: keyed counts put in order, ranked lists cut
 * to topN, the response-time buckets laid out, the totals of own posts and sent replies added up,
 * and complaint places merged and ordered. Pure functions; every store's counts go through them.
 */
import {
  RESPONSE_TIME_BUCKETS,
  type CaseCounts,
  type ComplaintPlaceCounts,
  type MentionCounts,
  type OwnPostCounts,
  type OwnPostTotals,
  type ReplyActivityCounts,
  type ResponseCounts,
  type ResponseGroup,
  type SummaryQueryOptions,
} from '../store/summary-store';
import type { CaseFigures, ComplaintPlaces, DurationBucket, MentionFigures, OwnPostFigures, ReplyActivityFigures, ResponseFigures } from './figure-types';
import { compareCodeUnits, compareKeys, sortCounts, sortPlaces } from './keyed-order';

export function toMentionFigures(c: MentionCounts, opts: SummaryQueryOptions): MentionFigures {
  return {
    total: c.total,
    relevant: c.relevant,
    uniqueAuthors: c.uniqueAuthors,
    byChannel: sortCounts([...c.byChannel]),
    byDomain: sortCounts([...c.byDomain]),
    byIntent: sortCounts([...c.byIntent]),
    byUrgency: sortCounts([...c.byUrgency]),
    bySentiment: sortCounts([...c.bySentiment]),
    byDay: c.byDay,
    complaintsByArea: sortPlaces(c.complaintsByArea),
    complaintsByBlock: sortPlaces(c.complaintsByBlock),
    mostEngaged: c.mostEngaged.slice(0, Math.max(0, opts.topN)),
  };
}

const byNeed = (groups: ResponseGroup[]) => [...groups].sort((a, b) => b.needingReply - a.needingReply || compareKeys(a.key, b.key));

/** One bucket per RESPONSE_TIME_BUCKETS bound plus the open last one, with the answered counts. */
export function distributionOf(answeredByBucket: readonly number[]): DurationBucket[] {
  return [0, ...RESPONSE_TIME_BUCKETS].map((from, i) => ({ fromSeconds: from, toSeconds: RESPONSE_TIME_BUCKETS[i] ?? null, count: answeredByBucket[i] ?? 0 }));
}

export function toResponseFigures(c: ResponseCounts): ResponseFigures {
  const all = c.all;
  return {
    available: c.available,
    needingReply: all?.needingReply ?? 0,
    answered: all?.answered ?? 0,
    withinSla: all?.withinSla ?? 0,
    firstResponse: { count: all?.count ?? 0, medianSeconds: all?.medianSeconds ?? null, p90Seconds: all?.p90Seconds ?? null },
    byChannel: byNeed(c.byChannel),
    byDomain: byNeed(c.byDomain),
    distribution: distributionOf(c.answeredByBucket),
  };
}

export function toCaseFigures(c: CaseCounts): CaseFigures {
  return {
    ...c,
    openedByUnit: sortCounts([...c.openedByUnit]),
    openedByDomain: sortCounts([...c.openedByDomain]),
    resolvedByUnit: sortCounts([...c.resolvedByUnit]),
    openedByArea: sortCounts(c.openedByArea.filter((k) => k.key !== null && k.key !== '')),
  };
}

export function toReplyActivity(c: ReplyActivityCounts): ReplyActivityFigures {
  return {
    available: c.available,
    sent: c.byAgent.reduce((sum, a) => sum + a.count, 0),
    byAgent: sortCounts([...c.byAgent]),
    byTemplate: sortCounts([...c.byTemplate]),
  };
}

const TOTALLED = ['posts', 'likes', 'replies', 'reposts', 'impressions', 'engagementWithImpressions'] as const;

export function toOwnPostFigures(c: OwnPostCounts, opts: SummaryQueryOptions): OwnPostFigures {
  const totals: OwnPostTotals = { key: null, posts: 0, likes: 0, replies: 0, reposts: 0, impressions: 0, engagementWithImpressions: 0 };
  for (const channel of c.byChannel) for (const k of TOTALLED) totals[k] += channel[k];
  const byChannel = [...c.byChannel].sort((a, b) => b.posts - a.posts || compareCodeUnits(a.key ?? '', b.key ?? ''));
  return { totals, byChannel, best: c.best.slice(0, Math.max(0, opts.topN)) };
}

const orNull = (s: string | null | undefined) => (s ? s : null);

/** Sums rows that are the same place once '' reads as none, drops empty ones, largest first. */
function merged<R extends { count: number }>(rows: R[], key: (r: R) => string): R[] {
  const byKey = new Map<string, R>();
  for (const r of rows) {
    const had = byKey.get(key(r));
    if (had) had.count += r.count;
    else byKey.set(key(r), { ...r });
  }
  return [...byKey.values()].filter((r) => r.count > 0).sort((a, b) => b.count - a.count || compareCodeUnits(key(a), key(b)));
}

export function toComplaintPlaces(c: ComplaintPlaceCounts): ComplaintPlaces {
  const SEP = '\u001f';
  return {
    byAreaDomain: merged(
      c.byAreaDomain.map((r) => ({ area: orNull(r.area), domain: orNull(r.domain), count: r.count })),
      (r) => `${r.area ?? ''}${SEP}${r.domain ?? ''}`,
    ),
    byBlockArea: merged(
      c.byBlockArea.map((r) => ({ block: r.block, area: orNull(r.area), count: r.count })),
      (r) => `${r.block}${SEP}${r.area ?? ''}`,
    ),
  };
}
