/**
 * The counts of the in-memory fake (memory-summary-store.ts), computed from plain arrays by the
 * port's definitions (summary-store.ts): what the SQL and the pipelines compute, written the
 * simplest way, so the contract suite can hold the real adapters and the fake to the same answers.
 */
import type { Urgency } from '../../domain/classification';
import {
  RESPONSE_TIME_BUCKETS,
  type CaseCounts,
  type DurationStats,
  type KeyedCount,
  type ResponseCounts,
  type ResponseGroup,
  type SummaryQueryOptions,
  type SummaryWindow,
} from './summary-store';

export interface MemoryMention {
  id: string;
  network: string;
  createdAt: string;
  authorId: string;
  authorHandle: string;
  url?: string;
  text: string;
  relevant: boolean;
  replyable: boolean;
  status: string;
  domain: string | null;
  intent: string;
  urgency: string;
  sentiment: string;
  area: string | null;
  block: string | null;
  engagement: number;
}

export interface MemorySentReply {
  mentionId: string;
  author: string;
  templateId: string | null;
  sentAt: string;
  /** Absent: a person's reply. Automatic notices (case_ack, case_status) answer nobody. */
  purpose?: 'agent' | 'case_ack' | 'case_status';
}

export interface MemoryCase {
  openedAt: string;
  resolvedAt?: string;
  closedAt?: string;
  slaDueAt?: string;
  unit: string | null;
  domain: string | null;
  area?: string | null;
}

export const inWindow = (at: string | undefined, w: { start: string; end: string }) => at !== undefined && at >= w.start && at < w.end;

/** Median (middle value or mean of the two middle ones) and p90 (nearest rank ceil(0.9 n)). */
export function durationStats(values: number[]): DurationStats {
  const v = [...values].sort((a, b) => a - b);
  const n = v.length;
  if (n === 0) return { count: 0, medianSeconds: null, p90Seconds: null };
  return { count: n, medianSeconds: (v[Math.floor((n - 1) / 2)] + v[Math.floor(n / 2)]) / 2, p90Seconds: v[Math.floor((9 * n + 9) / 10) - 1] };
}

/** Counts per key of the items, null keys included. */
export function countBy<T>(items: T[], key: (item: T) => string | null): KeyedCount[] {
  const counts = new Map<string | null, number>();
  for (const item of items) counts.set(key(item), (counts.get(key(item)) ?? 0) + 1);
  return [...counts].map(([k, count]) => ({ key: k, count }));
}

const seconds = (iso: string) => Math.floor(Date.parse(iso) / 1000);
const bucketOf = (secs: number) => {
  const i = RESPONSE_TIME_BUCKETS.findIndex((bound) => secs < bound);
  return i < 0 ? RESPONSE_TIME_BUCKETS.length : i;
};

export function responseCountsOf(mentions: MemoryMention[], replies: MemorySentReply[], w: SummaryWindow, opts: SummaryQueryOptions): ResponseCounts {
  const firstSent = new Map<string, string>();
  for (const r of replies.filter((r) => (r.purpose ?? 'agent') === 'agent')) if (!firstSent.has(r.mentionId) || r.sentAt < (firstSent.get(r.mentionId) as string)) firstSent.set(r.mentionId, r.sentAt);
  const needing = mentions
    .filter((m) => inWindow(m.createdAt, w) && m.relevant && m.replyable)
    .filter((m) => m.status === 'needs_reply' || m.status === 'replied' || firstSent.has(m.id))
    .map((m) => {
      const sent = firstSent.get(m.id);
      const secs = sent === undefined ? null : Math.max(0, seconds(sent) - seconds(m.createdAt));
      const sla = opts.responseSlaSeconds[(['high', 'medium'].includes(m.urgency) ? m.urgency : 'low') as Urgency];
      return { m, secs, withinSla: secs !== null && secs <= sla };
    });
  type Item = (typeof needing)[number];
  const group = (key: string | null, items: Item[]): ResponseGroup => {
    const times = items.flatMap((i) => (i.secs === null ? [] : [i.secs]));
    return { key, needingReply: items.length, answered: times.length, withinSla: items.filter((i) => i.withinSla).length, ...durationStats(times) };
  };
  const groups = (key: (m: MemoryMention) => string | null) =>
    [...new Set(needing.map((i) => key(i.m)))].map((k) => group(k, needing.filter((i) => key(i.m) === k)));
  const answeredByBucket = new Array<number>(RESPONSE_TIME_BUCKETS.length + 1).fill(0);
  for (const i of needing) if (i.secs !== null) answeredByBucket[bucketOf(i.secs)]++;
  return {
    available: true,
    all: needing.length ? group(null, needing) : null,
    byChannel: groups((m) => m.network),
    byDomain: groups((m) => m.domain),
    answeredByBucket,
  };
}

export function caseCountsOf(cases: MemoryCase[], w: SummaryWindow): CaseCounts {
  const openAtEnd = (c: MemoryCase) => c.openedAt < w.end && !(c.resolvedAt && c.resolvedAt < w.end) && !(c.closedAt && c.closedAt < w.end);
  const opened = cases.filter((c) => inWindow(c.openedAt, w));
  const resolved = cases.filter((c) => inWindow(c.resolvedAt, w));
  const open = cases.filter(openAtEnd);
  return {
    available: true,
    opened: opened.length,
    resolved: resolved.length,
    closed: cases.filter((c) => inWindow(c.closedAt, w)).length,
    openAtEnd: open.length,
    overdueAtEnd: open.filter((c) => c.slaDueAt !== undefined && c.slaDueAt < w.end).length,
    timeToResolve: durationStats(resolved.map((c) => Math.max(0, seconds(c.resolvedAt as string) - seconds(c.openedAt)))),
    resolvedWithinSla: resolved.filter((c) => c.slaDueAt !== undefined && (c.resolvedAt as string) <= c.slaDueAt).length,
    openedByUnit: countBy(opened, (c) => c.unit),
    openedByDomain: countBy(opened, (c) => c.domain),
    resolvedByUnit: countBy(resolved, (c) => c.unit),
    openedByArea: countBy(opened, (c) => c.area ?? null),
  };
}
