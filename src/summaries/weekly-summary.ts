/**
 * Builds the weekly summary record: asks the store for this week's and last week's counts
 * (computed in the store, shaped into figures by figures/), adds top terms (from the store's term counts of both weeks, or from a
 * bounded text sample when it keeps none), and pairs every figure with its previous-week value.
 * The use case behind the job, the API and the CLI.
 */
import { SummaryFigures } from './figures/summary-figures';
import type { CaseFigures, MentionFigures, OwnPostFigures, ReplyActivityFigures, ResponseFigures } from './figures/figure-types';
import type { DurationStats, OwnPostTotals, ResponseGroup, SummaryQueryOptions, SummaryStore } from './store/summary-store';
import { buildComplaintMap, type ComplaintMap } from '../map/map-data';
import { bahrainPlaces } from '../map/place-index';
import { change, compareKeys, keyedChanges, ratio, type Change, type KeyedChange } from './change';
import { unitNames } from './group-labels';
import { SUMMARY_SCHEMA_VERSION, type ResponseGroupChange, type WeekRef, type WeeklySummary } from './summary-record';
import type { SummarySettings } from './summary-settings';
import { summarySourcesOf } from './summary-sources';
import { isCountedTerm } from '../../classifiers/terms/term-tokens';
import { candidateCount, rankTerms, topTerms, type TopTerm } from './top-terms';
import { previousWeek, toSummaryWindow, type ReportWeek } from './week';
import type { SummaryWindow } from '../domain/summary-week';

export interface BuildOptions {
  now?: Date;
  /** Called after each store query: done of total steps, and what ran. */
  onProgress?: (done: number, total: number, step: string) => void;
}

interface WeekFigures {
  mentions: MentionFigures;
  responses: ResponseFigures;
  cases: CaseFigures;
  replies: ReplyActivityFigures;
  ownPosts: OwnPostFigures;
}

interface TermFigures {
  terms: TopTerm[];
  /** Counted over every relevant mention of both weeks (false: over a sample of their texts). */
  complete: boolean;
  documents: number;
  previousDocuments: number;
}

const STEPS_PER_WEEK = 5;

export async function buildWeeklySummary(
  store: SummaryStore,
  week: ReportWeek,
  settings: SummarySettings,
  opts: BuildOptions = {},
): Promise<WeeklySummary> {
  const now = opts.now ?? new Date();
  const prev = previousWeek(week, settings);
  // Both weeks' figures, top terms, the complaints map.
  const total = STEPS_PER_WEEK * 2 + 2;
  let done = 0;
  const step = (name: string) => opts.onProgress?.(++done, total, name);
  // Read first: what changes while the figures are read makes the summary stale, never unseen.
  const sources = await summarySourcesOf(store, week, prev);
  const figures = new SummaryFigures(store);
  const cur = await figuresOf(figures, week, settings, now, (n) => step(`${week.id} ${n}`));
  const old = await figuresOf(figures, prev, settings, now, (n) => step(`${prev.id} ${n}`));
  const terms = await termFigures(store, week, prev, settings);
  step('top terms');
  // Block numbers are national (one block, one area): the map's busiest blocks are the summary's,
  // and the store only names the areas of those.
  const topBlocks = cur.mentions.complaintsByBlock.slice(0, settings.topGroups).flatMap((b) => (b.key ? [b.key] : []));
  const places = await figures.complaintPlaces(toSummaryWindow(week), topBlocks);
  const map = buildComplaintMap(places.byAreaDomain, bahrainPlaces(), { topBlocks: settings.topGroups, blockRows: places.byBlockArea });
  step('complaints map');
  return { ...assemble(week, prev, cur, old, terms, map, settings, now), sources };
}

/** From the store's term counts of both weeks when it keeps them, else from a sample of their texts. */
async function termFigures(store: SummaryStore, week: ReportWeek, prev: ReportWeek, s: SummarySettings): Promise<TermFigures> {
  const [w, p] = [toSummaryWindow(week), toSummaryWindow(prev)];
  const counted = await store.weekTermCounts?.(w, p, candidateCount(s.topTerms));
  if (counted) {
    const { documents, previousDocuments } = counted;
    const candidates = counted.candidates.filter((c) => isCountedTerm(c.term));
    return { terms: rankTerms(candidates, documents, s.topTerms), complete: true, documents, previousDocuments };
  }
  const [texts, previousTexts] = [await store.sampleMentionTexts(w, s.termSample), await store.sampleMentionTexts(p, s.termSample)];
  return { terms: topTerms(texts, previousTexts, s.topTerms), complete: false, documents: texts.length, previousDocuments: previousTexts.length };
}

async function figuresOf(figures: SummaryFigures, week: ReportWeek, s: SummarySettings, now: Date, step: (n: string) => void): Promise<WeekFigures> {
  const w = toSummaryWindow(week);
  const q: SummaryQueryOptions = {
    topN: s.topN,
    responseSlaSeconds: {
      high: s.responseSlaMinutes.high * 60,
      medium: s.responseSlaMinutes.medium * 60,
      low: s.responseSlaMinutes.low * 60,
    },
  };
  const mentions = await figures.mentions(w, q);
  step('mentions');
  const responses = await figures.responses(w, q);
  step('responses');
  const cases = await figures.cases(upToNow(w, now));
  step('cases');
  const replies = await figures.replies(w);
  step('replies');
  const ownPosts = await figures.ownPosts(w, q);
  step('own posts');
  return { mentions, responses, cases, replies, ownPosts };
}

/**
 * A week still running is counted up to now: its cases open and overdue «at the end» are those
 * open and overdue now, not those whose due time falls later in the week (a case due tonight is
 * not late yet). Nothing else in a week depends on where it ends: what is to come is not stored.
 */
function upToNow(w: SummaryWindow, now: Date): SummaryWindow {
  // The window's end is exclusive: what happened at this very moment is in.
  const at = new Date(now.getTime() + 1).toISOString();
  if (at >= w.end) return w;
  return { start: w.start, end: at < w.start ? w.start : at, dayStarts: w.dayStarts };
}

const ref = (w: ReportWeek): WeekRef => ({ id: w.id, start: w.start, end: w.end, firstDate: w.firstDate, lastDate: w.lastDate });

function durationChanges(c: DurationStats, p: DurationStats) {
  return { count: change(c.count, p.count), medianSeconds: change(c.medianSeconds, p.medianSeconds), p90Seconds: change(c.p90Seconds, p.p90Seconds) };
}

function groupChanges(cur: ResponseGroup[], prev: ResponseGroup[]): ResponseGroupChange[] {
  const empty = (key: string | null): ResponseGroup => ({ key, needingReply: 0, answered: 0, withinSla: 0, count: 0, medianSeconds: null, p90Seconds: null });
  const keys = [...new Set([...cur.map((g) => g.key), ...prev.map((g) => g.key)])];
  return keys.map((key) => {
    const c = cur.find((g) => g.key === key) ?? empty(key);
    const p = prev.find((g) => g.key === key) ?? empty(key);
    return {
      key,
      needingReply: change(c.needingReply, p.needingReply),
      answered: change(c.answered, p.answered),
      responseRate: change(ratio(c.answered, c.needingReply), ratio(p.answered, p.needingReply)),
      withinSlaShare: change(ratio(c.withinSla, c.needingReply), ratio(p.withinSla, p.needingReply)),
      medianSeconds: change(c.medianSeconds, p.medianSeconds),
      p90Seconds: change(c.p90Seconds, p.p90Seconds),
    };
  }).sort((a, b) => (b.needingReply.value ?? 0) - (a.needingReply.value ?? 0) || compareKeys(a.key, b.key));
}

const engagementOf = (t: OwnPostTotals) => t.likes + t.replies + t.reposts;

function assemble(
  week: ReportWeek,
  prev: ReportWeek,
  cur: WeekFigures,
  old: WeekFigures,
  terms: TermFigures,
  complaintMap: ComplaintMap,
  s: SummarySettings,
  now: Date,
): Omit<WeeklySummary, 'sources'> {
  const m = cur.mentions;
  const pm = old.mentions;
  const r = cur.responses;
  const pr = old.responses;
  const c = cur.cases;
  const pc = old.cases;
  const o = cur.ownPosts.totals;
  const po = old.ownPosts.totals;
  const top = <T>(list: T[]) => list.slice(0, s.topGroups);
  const cf = (get: (f: WeekFigures) => number | null): Change => change(get(cur), get(old));
  const units = unitNames(s.units);
  const unitLabelled = (rows: KeyedChange[]) => rows.map((r) => (r.key !== null && units[r.key] ? { ...r, label: units[r.key] } : r));
  return {
    schemaVersion: SUMMARY_SCHEMA_VERSION,
    week: { ...ref(week), timeZone: week.timeZone, days: week.days.map((d) => ({ date: d.date, weekday: d.weekday })) },
    previousWeek: ref(prev),
    generatedAt: now.toISOString(),
    partial: now.getTime() < Date.parse(week.end),
    empty: m.total === 0 && cur.replies.sent === 0 && c.opened === 0 && c.resolved === 0 && o.posts === 0,
    settings: { responseSlaMinutes: { ...s.responseSlaMinutes }, slaTarget: s.slaTarget },
    mentions: {
      total: change(m.total, pm.total),
      relevant: change(m.relevant, pm.relevant),
      notRelevant: change(m.total - m.relevant, pm.total - pm.relevant),
      uniqueAuthors: change(m.uniqueAuthors, pm.uniqueAuthors),
      byChannel: keyedChanges(m.byChannel, pm.byChannel),
      byDomain: keyedChanges(m.byDomain, pm.byDomain),
      byIntent: keyedChanges(m.byIntent, pm.byIntent),
      byUrgency: keyedChanges(m.byUrgency, pm.byUrgency),
      bySentiment: keyedChanges(m.bySentiment, pm.bySentiment),
      byDay: week.days.map((d, i) => ({ date: d.date, weekday: d.weekday, ...change(m.byDay[i] ?? 0, pm.byDay[i] ?? 0) })),
      topAreas: top(keyedChanges(m.complaintsByArea, pm.complaintsByArea).filter((k) => (k.value ?? 0) > 0)),
      topBlocks: top(keyedChanges(m.complaintsByBlock, pm.complaintsByBlock).filter((k) => (k.value ?? 0) > 0)),
      mostEngaged: m.mostEngaged,
    },
    responses: {
      available: r.available,
      needingReply: change(r.needingReply, pr.needingReply),
      answered: change(r.answered, pr.answered),
      responseRate: change(ratio(r.answered, r.needingReply), ratio(pr.answered, pr.needingReply)),
      withinSla: change(r.withinSla, pr.withinSla),
      withinSlaShare: change(ratio(r.withinSla, r.needingReply), ratio(pr.withinSla, pr.needingReply)),
      repliesSent: cf((f) => (f.replies.available ? f.replies.sent : null)),
      firstResponse: durationChanges(r.firstResponse, pr.firstResponse),
      byChannel: groupChanges(r.byChannel, pr.byChannel),
      byDomain: groupChanges(r.byDomain, pr.byDomain),
      distribution: r.distribution.map((b, i) => ({ fromSeconds: b.fromSeconds, toSeconds: b.toSeconds, ...change(b.count, pr.distribution[i]?.count ?? 0) })),
    },
    cases: {
      available: c.available,
      opened: change(c.opened, pc.opened),
      resolved: change(c.resolved, pc.resolved),
      closed: change(c.closed, pc.closed),
      openAtEnd: change(c.openAtEnd, pc.openAtEnd),
      overdueAtEnd: change(c.overdueAtEnd, pc.overdueAtEnd),
      resolvedWithinSlaShare: change(ratio(c.resolvedWithinSla, c.resolved), ratio(pc.resolvedWithinSla, pc.resolved)),
      medianSecondsToResolve: change(c.timeToResolve.medianSeconds, pc.timeToResolve.medianSeconds),
      p90SecondsToResolve: change(c.timeToResolve.p90Seconds, pc.timeToResolve.p90Seconds),
      openedByUnit: unitLabelled(top(keyedChanges(c.openedByUnit, pc.openedByUnit))),
      openedByDomain: keyedChanges(c.openedByDomain, pc.openedByDomain),
      resolvedByUnit: unitLabelled(top(keyedChanges(c.resolvedByUnit, pc.resolvedByUnit))),
      openedByArea: top(keyedChanges(c.openedByArea, pc.openedByArea).filter((k) => (k.value ?? 0) > 0)),
    },
    replies: {
      available: cur.replies.available,
      sent: cf((f) => (f.replies.available ? f.replies.sent : null)),
      byAgent: top(keyedChanges(cur.replies.byAgent, old.replies.byAgent)),
      byTemplate: top(keyedChanges(cur.replies.byTemplate, old.replies.byTemplate)),
    },
    ownPosts: {
      posts: change(o.posts, po.posts),
      likes: change(o.likes, po.likes),
      replies: change(o.replies, po.replies),
      reposts: change(o.reposts, po.reposts),
      impressions: change(o.impressions, po.impressions),
      engagementRate: change(ratio(o.engagementWithImpressions, o.impressions), ratio(po.engagementWithImpressions, po.impressions)),
      byChannel: [...new Set([...cur.ownPosts.byChannel, ...old.ownPosts.byChannel].map((t) => t.key))].map((key) => {
        const a = cur.ownPosts.byChannel.find((t) => t.key === key);
        const b = old.ownPosts.byChannel.find((t) => t.key === key);
        return {
          key,
          posts: change(a?.posts ?? 0, b?.posts ?? 0),
          engagement: change(a ? engagementOf(a) : 0, b ? engagementOf(b) : 0),
          impressions: change(a?.impressions ?? 0, b?.impressions ?? 0),
        };
      }),
      best: cur.ownPosts.best,
    },
    topTerms: { sampled: !terms.complete, sampleSize: terms.documents, previousSampleSize: terms.previousDocuments, terms: terms.terms },
    complaintMap,
  };
}
