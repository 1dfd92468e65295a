/**
 * An in-memory SummaryStore for tests and for wiring without a database: mentions, sent replies,
 * cases and own posts held in arrays (added with the add* methods; cases also as a case store
 * holds them, history included, with putCase), counted on request by the
 * port's definitions (memory-summary-counts.ts), and the summary history in a map. It keeps no
 * rollups, so it has no useReportWeeks, catchUpRollups or weekTermCounts (top terms come from
 * the sampled texts, as on MongoDB).
 */
import type { Case, ClassifiedMention, OwnPost } from '../../domain';
import { caseCountsOf, caseFigureEntries, countBy, inWindow, responseCountsOf, type MemoryCase, type MemoryMention, type MemorySentReply } from './memory-summary-counts';
import type {
  CaseCounts,
  ComplaintPlaceCounts,
  MentionCounts,
  OwnPostCounts,
  OwnPostSummary,
  OwnPostTotals,
  ReplyActivityCounts,
  ResponseCounts,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummarySourceMarks,
  SummaryStore,
  SummaryWindow,
} from './summary-store';

export class MemorySummaryStore implements SummaryStore {
  private readonly mentions: MemoryMention[] = [];
  private readonly replies: MemorySentReply[] = [];
  private readonly cases: MemoryCase[] = [];
  private readonly ownPosts: OwnPostSummary[] = [];
  private readonly summaries = new Map<string, StoredSummary>();

  /** Adds classified mentions as ingest would store them (network defaults to the channel); returns their ids. */
  addMentions(channel: string, mentions: ClassifiedMention[]): string[] {
    const ids: string[] = [];
    for (const { raw, classification: c, status } of mentions) {
      ids.push(`${channel}:${raw.externalId}`);
      const m = raw.metrics;
      this.mentions.push({
        id: `${channel}:${raw.externalId}`,
        network: raw.network ?? channel,
        createdAt: raw.createdAt,
        authorId: raw.author.id,
        authorHandle: raw.author.handle,
        ...(raw.url ? { url: raw.url } : {}),
        text: raw.text,
        relevant: c.relevant,
        replyable: raw.replyable !== false,
        status,
        domain: c.primaryDomain,
        intent: c.intent,
        urgency: c.urgency,
        sentiment: c.sentiment,
        area: c.location.area ?? null,
        block: c.location.block ?? null,
        engagement: (m?.likes ?? 0) + (m?.replies ?? 0) + (m?.reposts ?? 0) + (m?.quotes ?? 0),
      });
    }
    return ids;
  }

  /** A reply sent for a mention (its id from addMentions). */
  addSentReply(reply: MemorySentReply): void {
    this.replies.push({ ...reply });
  }

  addCase(c: MemoryCase): void {
    this.cases.push({ ...c });
  }

  /** A case as a case store holds it (with its history): added, or put in place of its older state. */
  putCase(c: Case): void {
    const kept: MemoryCase = {
      id: c.id,
      openedAt: c.openedAt,
      ...(c.resolvedAt ? { resolvedAt: c.resolvedAt } : {}),
      ...(c.closedAt ? { closedAt: c.closedAt } : {}),
      slaDueAt: c.slaDueAt,
      unit: c.unit,
      domain: c.domain,
      area: c.location.area ?? null,
      history: structuredClone(c.history),
    };
    const at = this.cases.findIndex((k) => k.id === c.id);
    if (at < 0) this.cases.push(kept);
    else this.cases[at] = kept;
  }

  addOwnPosts(channel: string, posts: OwnPost[]): void {
    for (const p of posts) {
      const { likes = 0, replies = 0, reposts = 0, impressions = 0 } = p.metrics;
      this.ownPosts.push({ channel, externalId: p.externalId, ...(p.url ? { url: p.url } : {}), text: p.text, createdAt: p.createdAt, likes, replies, reposts, impressions });
    }
  }

  /** The fake's mentions never change status; its cases' marks are those of the case history the figures read. */
  async sourceMarks(w: SummaryWindow): Promise<SummarySourceMarks> {
    const mentionIds = new Set(this.mentions.filter((m) => inWindow(m.createdAt, w)).map((m) => m.id));
    const replies = this.replies.filter((r) => r.sentAt >= w.start && (r.sentAt < w.end || mentionIds.has(r.mentionId)));
    const cases = this.cases.filter((c) => c.openedAt < w.end);
    const entries = cases.flatMap((c) => caseFigureEntries(c)).filter((h) => h.at < w.end);
    const posts = this.ownPosts.filter((p) => inWindow(p.createdAt, w));
    const latest = (times: (string | undefined)[]) => times.reduce<string | null>((a, t) => (t !== undefined && (a === null || t > a) ? t : a), null);
    return {
      mentions: mentionIds.size,
      lastMentionChangeAt: null,
      repliesSent: replies.length,
      lastReplySentAt: latest(replies.map((r) => r.sentAt)),
      cases: cases.length,
      lastCaseChangeAt: entries.length ? `history:${entries.length}:${latest(entries.map((h) => h.at))}` : null,
      ownPosts: posts.length,
      ownPostMetrics: posts.reduce((sum, p) => sum + p.likes + p.replies + p.reposts + p.impressions, 0),
    };
  }

  async mentionCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionCounts> {
    const list = this.mentions.filter((m) => inWindow(m.createdAt, w));
    const complaints = list.filter((m) => m.intent === 'complaint');
    const named = (key: (m: MemoryMention) => string | null) => countBy(complaints.filter((m) => key(m)), key);
    return {
      total: list.length,
      relevant: list.filter((m) => m.relevant).length,
      uniqueAuthors: new Set(list.map((m) => `${m.network}\n${m.authorId}`)).size,
      byChannel: countBy(list, (m) => m.network),
      byDomain: countBy(list, (m) => m.domain),
      byIntent: countBy(list, (m) => m.intent),
      byUrgency: countBy(list, (m) => m.urgency),
      bySentiment: countBy(list, (m) => m.sentiment),
      byDay: w.dayStarts.slice(0, -1).map((start, i) => list.filter((m) => inWindow(m.createdAt, { start, end: w.dayStarts[i + 1] })).length),
      complaintsByArea: named((m) => m.area),
      complaintsByBlock: named((m) => m.block),
      mostEngaged: list
        .filter((m) => m.relevant && m.engagement > 0)
        .sort((a, b) => b.engagement - a.engagement || (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? 1 : -1))
        .slice(0, Math.max(0, opts.topN))
        .map((m) => ({ id: m.id, network: m.network, ...(m.url ? { url: m.url } : {}), authorHandle: m.authorHandle, text: m.text, createdAt: m.createdAt, engagement: m.engagement, domain: m.domain })),
    };
  }

  async responseCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseCounts> {
    return responseCountsOf(this.mentions, this.replies, w, opts);
  }

  async caseCounts(w: SummaryWindow): Promise<CaseCounts> {
    return caseCountsOf(this.cases, w);
  }

  async replyActivityCounts(w: SummaryWindow): Promise<ReplyActivityCounts> {
    const sent = this.replies.filter((r) => inWindow(r.sentAt, w));
    return { available: true, byAgent: countBy(sent, (r) => r.author), byTemplate: countBy(sent, (r) => r.templateId) };
  }

  async ownPostCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostCounts> {
    const posts = this.ownPosts.filter((p) => inWindow(p.createdAt, w));
    const score = (p: OwnPostSummary) => p.likes + p.replies + p.reposts;
    const byChannel = new Map<string, OwnPostTotals>();
    for (const p of posts) {
      const t = byChannel.get(p.channel) ?? { key: p.channel, posts: 0, likes: 0, replies: 0, reposts: 0, impressions: 0, engagementWithImpressions: 0 };
      Object.assign(t, { posts: t.posts + 1, likes: t.likes + p.likes, replies: t.replies + p.replies, reposts: t.reposts + p.reposts, impressions: t.impressions + p.impressions });
      if (p.impressions > 0) t.engagementWithImpressions += score(p);
      byChannel.set(p.channel, t);
    }
    const best = [...posts].sort((a, b) => score(b) - score(a) || (a.createdAt < b.createdAt ? 1 : a.createdAt > b.createdAt ? -1 : 0));
    return { byChannel: [...byChannel.values()], best: best.slice(0, Math.max(0, opts.topN)) };
  }

  /** Every relevant text of the window in time order, or `limit` of them evenly spread. */
  async sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    const texts = this.mentions.filter((m) => m.relevant && inWindow(m.createdAt, w)).sort((a, b) => (a.createdAt < b.createdAt ? -1 : a.createdAt > b.createdAt ? 1 : 0));
    if (limit <= 0) return [];
    if (texts.length <= limit) return texts.map((m) => m.text);
    return Array.from({ length: limit }, (_, i) => texts[Math.floor((i * texts.length) / limit)].text);
  }

  async complaintPlaceCounts(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaceCounts> {
    const complaints = this.mentions.filter((m) => m.intent === 'complaint' && inWindow(m.createdAt, w));
    const asked = complaints.filter((m) => m.block !== null && blocks.includes(m.block));
    return {
      byAreaDomain: complaints.map((m) => ({ area: m.area, domain: m.domain, count: 1 })),
      byBlockArea: asked.map((m) => ({ block: m.block as string, area: m.area, count: 1 })),
    };
  }

  async saveSummary(summary: StoredSummary): Promise<void> {
    const had = this.summaries.get(summary.weekId);
    const deliveredAt = summary.deliveredAt ?? had?.deliveredAt;
    this.summaries.set(summary.weekId, structuredClone({ ...summary, ...(deliveredAt ? { deliveredAt } : {}) }));
  }

  async getSummary(weekId: string): Promise<StoredSummary | null> {
    const s = this.summaries.get(weekId);
    return s ? structuredClone(s) : null;
  }

  async listSummaries(limit: number): Promise<SummaryListItem[]> {
    return [...this.summaries.values()]
      .sort((a, b) => (a.start < b.start ? 1 : a.start > b.start ? -1 : 0))
      .slice(0, limit)
      .map(({ record: _record, ...item }) => structuredClone(item));
  }

  async markSummaryDelivered(weekId: string, at: string): Promise<void> {
    const s = this.summaries.get(weekId);
    if (s) s.deliveredAt = at;
  }
}
