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
import { CASE_STATUS_VALUES, DOMAIN_CHANGED, isStatusMove, OPEN_CASE_STATUSES, SLA_RESTARTED, UNIT_ASSIGNED, type CaseHistoryStep } from './case-history-rules';

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
  /** The case's id, when it comes from a case store (MemorySummaryStore.putCase replaces by it). */
  id?: string;
  openedAt: string;
  resolvedAt?: string;
  closedAt?: string;
  /** The current due time (a reopen replaces it: the history's `sla_restarted` keeps the earlier ones). */
  slaDueAt?: string;
  /** The current unit and domain (the history's `unit_assigned` and `domain_changed` keep the earlier ones). */
  unit: string | null;
  domain: string | null;
  area?: string | null;
  /**
   * The case's history as written (Case.history), which the figures read (case-history-rules.ts).
   * Absent: made from openedAt, resolvedAt and closedAt (opened, then resolved and closed then).
   */
  history?: CaseHistoryStep[];
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

/** The case's history as written (made from its times when it has none). */
const writtenHistory = (c: MemoryCase): CaseHistoryStep[] =>
  c.history ?? [
    { at: c.openedAt, action: 'opened', to: 'open' },
    ...(c.resolvedAt ? [{ at: c.resolvedAt, action: 'status_changed', to: 'resolved' }] : []),
    ...(c.closedAt ? [{ at: c.closedAt, action: 'status_changed', to: 'closed' }] : []),
  ];

/** The history entries the case figures read: moves to a status, SLA restarts, unit and domain changes (for the source marks). */
export const caseFigureEntries = (c: MemoryCase): CaseHistoryStep[] =>
  writtenHistory(c).filter((h) => (h.to !== undefined && (CASE_STATUS_VALUES as readonly string[]).includes(h.to)) || [SLA_RESTARTED, UNIT_ASSIGNED, DOMAIN_CHANGED].includes(h.action));

/** The history as the figures read it: in (at, order written) order. */
function orderedHistory(c: MemoryCase): CaseHistoryStep[] {
  return writtenHistory(c)
    .map((h, seq) => ({ h, seq }))
    .sort((a, b) => (a.h.at < b.h.at ? -1 : a.h.at > b.h.at ? 1 : a.seq - b.seq))
    .map(({ h }) => h);
}

/**
 * A case as the figures of window `w` see it (rules in case-history-rules.ts): opened in it (with
 * the unit and domain it was opened with), its last resolution in it (with the unit and due time in
 * force then), closed in it, open and overdue at its end.
 */
function caseInWindow(c: MemoryCase, w: { start: string; end: string }) {
  const history = orderedHistory(c);
  const last = <T>(xs: T[]) => (xs.length ? xs[xs.length - 1] : undefined);
  /** The value an action's entries move (unit, domain, due time) as it stood just after history[i] (-1: at the start). */
  const inForce = (action: string, current: string | null | undefined, i: number) => {
    const entries = history.map((h, j) => ({ h, j })).filter(({ h }) => h.action === action);
    return last(entries.filter(({ j }) => j <= i))?.h.to ?? entries[0]?.h.from ?? current ?? null;
  };
  const moves = history.map((h, i) => ({ h, i })).filter(({ h }) => isStatusMove(h));
  const resolution = last(moves.filter(({ h }) => h.to === 'resolved' && inWindow(h.at, w)));
  const beforeEnd = history.filter((h) => h.at < w.end).length - 1;
  const statusAtEnd = last(moves.filter(({ h }) => h.at < w.end))?.h.to;
  const openAtEnd = c.openedAt < w.end && (statusAtEnd === undefined || (OPEN_CASE_STATUSES as readonly string[]).includes(statusAtEnd));
  const dueAtEnd = inForce(SLA_RESTARTED, c.slaDueAt, beforeEnd);
  const dueAtResolution = resolution ? inForce(SLA_RESTARTED, c.slaDueAt, resolution.i) : null;
  return {
    opened: inWindow(c.openedAt, w),
    openedUnit: inForce(UNIT_ASSIGNED, c.unit, -1),
    openedDomain: inForce(DOMAIN_CHANGED, c.domain, -1),
    resolvedAt: resolution?.h.at,
    resolvedUnit: resolution ? inForce(UNIT_ASSIGNED, c.unit, resolution.i) : null,
    resolvedWithinSla: resolution !== undefined && dueAtResolution !== null && resolution.h.at <= dueAtResolution,
    closed: moves.some(({ h }) => h.to === 'closed' && inWindow(h.at, w)),
    openAtEnd,
    overdueAtEnd: openAtEnd && dueAtEnd !== null && dueAtEnd < w.end,
  };
}

export function caseCountsOf(cases: MemoryCase[], w: SummaryWindow): CaseCounts {
  const seen = cases.map((c) => ({ c, at: caseInWindow(c, w) }));
  const opened = seen.filter((s) => s.at.opened);
  const resolved = seen.filter((s) => s.at.resolvedAt !== undefined);
  const open = seen.filter((s) => s.at.openAtEnd);
  return {
    available: true,
    opened: opened.length,
    resolved: resolved.length,
    closed: seen.filter((s) => s.at.closed).length,
    openAtEnd: open.length,
    overdueAtEnd: open.filter((s) => s.at.overdueAtEnd).length,
    timeToResolve: durationStats(resolved.map((s) => Math.max(0, seconds(s.at.resolvedAt as string) - seconds(s.c.openedAt)))),
    resolvedWithinSla: resolved.filter((s) => s.at.resolvedWithinSla).length,
    openedByUnit: countBy(opened, (s) => s.at.openedUnit),
    openedByDomain: countBy(opened, (s) => s.at.openedDomain),
    resolvedByUnit: countBy(resolved, (s) => s.at.resolvedUnit),
    openedByArea: countBy(opened, (s) => s.c.area ?? null),
  };
}
