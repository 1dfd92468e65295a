/**
 * The single documents the summary pipelines (summary-pipelines.ts) return, read as the port's
 * counts. No ordering or totals here: the feature works those out for every store (src/summaries/figures/).
 */
import {
  RESPONSE_TIME_BUCKETS,
  type CaseCounts,
  type DurationStats,
  type EngagedMention,
  type KeyedCount,
  type MentionCounts,
  type OwnPostCounts,
  type OwnPostSummary,
  type OwnPostTotals,
  type ReplyActivityCounts,
  type ResponseCounts,
  type ResponseGroup,
  type SummaryQueryOptions,
  type SummaryWindow,
} from '../summary-store';

interface GroupRow {
  _id: string | null;
  count: number;
}

interface MentionFacets {
  total: { n: number }[];
  relevant: { n: number }[];
  uniqueAuthors: { n: number }[];
  byChannel: GroupRow[];
  byDomain: GroupRow[];
  byIntent: GroupRow[];
  byUrgency: GroupRow[];
  bySentiment: GroupRow[];
  byDay: { _id: string; count: number }[];
  complaintsByArea: GroupRow[];
  complaintsByBlock: GroupRow[];
  mostEngaged: { _id: string; network: string; url?: string; authorHandle: string; text: string; createdAt: string; engagement: number; primaryDomain: string | null }[];
}

const keyed = (rows: GroupRow[]): KeyedCount[] => rows.map((r) => ({ key: r._id ?? null, count: r.count }));
const first = (rows: { n: number }[]) => rows[0]?.n ?? 0;

export function toMentionCounts(f: MentionFacets | undefined, w: SummaryWindow, opts: SummaryQueryOptions): MentionCounts {
  const byDay = new Array<number>(w.dayStarts.length - 1).fill(0);
  for (const b of f?.byDay ?? []) {
    const i = w.dayStarts.indexOf(b._id);
    if (i >= 0 && i < byDay.length) byDay[i] = b.count;
  }
  return {
    total: first(f?.total ?? []),
    relevant: first(f?.relevant ?? []),
    uniqueAuthors: first(f?.uniqueAuthors ?? []),
    byChannel: keyed(f?.byChannel ?? []),
    byDomain: keyed(f?.byDomain ?? []),
    byIntent: keyed(f?.byIntent ?? []),
    byUrgency: keyed(f?.byUrgency ?? []),
    bySentiment: keyed(f?.bySentiment ?? []),
    byDay,
    complaintsByArea: keyed(f?.complaintsByArea ?? []),
    complaintsByBlock: keyed(f?.complaintsByBlock ?? []),
    mostEngaged: (f?.mostEngaged ?? []).slice(0, opts.topN).map(
      (m): EngagedMention => ({
        id: m._id,
        network: m.network,
        ...(m.url ? { url: m.url } : {}),
        authorHandle: m.authorHandle,
        text: m.text,
        createdAt: m.createdAt,
        engagement: m.engagement,
        domain: m.primaryDomain ?? null,
      }),
    ),
  };
}


type StatsRow = { _id: string | null; needingReply: number; answered: number; withinSla: number } & DurationStats;

interface ResponseFacets {
  all: StatsRow[];
  byChannel: StatsRow[];
  byDomain: StatsRow[];
  distribution: { _id: number; count: number }[];
}

const toGroup = (r: StatsRow): ResponseGroup => ({
  key: r._id ?? null,
  needingReply: r.needingReply,
  answered: r.answered,
  withinSla: r.withinSla,
  count: r.count,
  medianSeconds: r.medianSeconds ?? null,
  p90Seconds: r.p90Seconds ?? null,
});

export function toResponseCounts(f: ResponseFacets | undefined): ResponseCounts {
  const all = f?.all[0];
  const answeredByBucket = new Array<number>(RESPONSE_TIME_BUCKETS.length + 1).fill(0);
  for (const b of f?.distribution ?? []) answeredByBucket[b._id] = b.count;
  return {
    available: true,
    all: all ? toGroup(all) : null,
    byChannel: (f?.byChannel ?? []).map(toGroup),
    byDomain: (f?.byDomain ?? []).map(toGroup),
    answeredByBucket,
  };
}


interface CaseFacets {
  totals: { opened: number; resolved: number; closed: number; openAtEnd: number; overdueAtEnd: number; resolvedWithinSla: number }[];
  timeToResolve: DurationStats[];
  openedByUnit: GroupRow[];
  openedByDomain: GroupRow[];
  resolvedByUnit: GroupRow[];
  openedByArea: GroupRow[];
}

export function toCaseCounts(f: CaseFacets | undefined): CaseCounts {
  const t = f?.totals[0];
  const r = f?.timeToResolve[0];
  return {
    available: true,
    opened: t?.opened ?? 0,
    resolved: t?.resolved ?? 0,
    closed: t?.closed ?? 0,
    openAtEnd: t?.openAtEnd ?? 0,
    overdueAtEnd: t?.overdueAtEnd ?? 0,
    timeToResolve: { count: r?.count ?? 0, medianSeconds: r?.medianSeconds ?? null, p90Seconds: r?.p90Seconds ?? null },
    resolvedWithinSla: t?.resolvedWithinSla ?? 0,
    openedByUnit: keyed(f?.openedByUnit ?? []),
    openedByDomain: keyed(f?.openedByDomain ?? []),
    resolvedByUnit: keyed(f?.resolvedByUnit ?? []),
    openedByArea: keyed(f?.openedByArea ?? []),
  };
}


interface NamedRow {
  _id: string | null;
  count: number;
  name?: string;
}

export function toReplyActivityCounts(f: { byAgent: NamedRow[]; byTemplate: NamedRow[] } | undefined): ReplyActivityCounts {
  const withName = (r: NamedRow) => (r.name ? { key: r._id ?? null, count: r.count, name: r.name } : { key: r._id ?? null, count: r.count });
  return { available: true, byAgent: (f?.byAgent ?? []).map(withName), byTemplate: (f?.byTemplate ?? []).map(withName) };
}


type ChannelTotalsRow = Omit<OwnPostTotals, 'key'> & { _id: string };
interface OwnPostRow {
  channel: string;
  externalId: string;
  url?: string;
  text: string;
  createdAt: string;
  likes: number;
  replies: number;
  reposts: number;
  impressions: number;
}

export function toOwnPostCounts(f: { byChannel: ChannelTotalsRow[]; best: OwnPostRow[] } | undefined, opts: SummaryQueryOptions): OwnPostCounts {
  const byChannel: OwnPostTotals[] = (f?.byChannel ?? []).map(({ _id, ...t }) => ({ key: _id, ...t }));
  const best = (f?.best ?? []).slice(0, opts.topN).map(
    (p): OwnPostSummary => ({
      channel: p.channel,
      externalId: p.externalId,
      ...(p.url ? { url: p.url } : {}),
      text: p.text,
      createdAt: p.createdAt,
      likes: p.likes,
      replies: p.replies,
      reposts: p.reposts,
      impressions: p.impressions,
    }),
  );
  return { byChannel, best };
}

export type { MentionFacets, ResponseFacets, CaseFacets };
