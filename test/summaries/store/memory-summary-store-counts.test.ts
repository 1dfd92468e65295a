/**
 * The in-memory store's reply- and case-based counts on the hand-computed week of
 * test/summaries/store/mongodb/summary-pipelines.test.ts (same data, same expected figures), read
 * through the feature's figures: it answers what the SQL and the pipelines answer.
 */
import type { ClassifiedMention } from '../../../src/domain';
import { MemorySummaryStore } from '../../../src/summaries/store/memory-summary-store';
import { SummaryFigures } from '../../../src/summaries/figures/summary-figures';
import type { SummaryQueryOptions, SummaryWindow } from '../../../src/summaries/store/summary-store';
import { buildClassified } from '../../support/builders';

const DAY = 86_400_000;
const HOUR = 3_600_000;
const START = Date.parse('2026-11-21T21:00:00.000Z');
const iso = (ms: number) => new Date(ms).toISOString();
const WEEK: SummaryWindow = { start: iso(START), end: iso(START + 7 * DAY), dayStarts: Array.from({ length: 8 }, (_, i) => iso(START + i * DAY)) };
const OPTS: SummaryQueryOptions = { topN: 3, responseSlaSeconds: { high: 3600, medium: 4 * 3600, low: 24 * 3600 } };
const T0 = START + 2 * DAY;

type Spec = { at: number; net?: string; domain?: 'roads' | 'drainage' | null; urgency?: 'high' | 'medium' | 'low'; status?: ClassifiedMention['status']; relevant?: boolean; replyable?: boolean };

function mention(s: Spec): ClassifiedMention {
  const m = buildClassified(
    { createdAt: iso(s.at), network: s.net ?? 'x', replyable: s.replyable ?? true },
    { primaryDomain: s.domain === undefined ? 'roads' : s.domain, urgency: s.urgency ?? 'high', relevant: s.relevant ?? true },
  );
  return { ...m, status: s.status ?? 'needs_reply' };
}

describe('MemorySummaryStore counts (hand-computed)', () => {
  it('counts who needed a reply, first responses in whole seconds, SLA shares, median, p90 and buckets', async () => {
    const store = new MemorySummaryStore();
    const specs: Spec[] = [
      { at: T0, urgency: 'high' }, // m1: first reply after 600 s (a second one later)
      { at: T0 + HOUR, domain: 'drainage', urgency: 'medium' }, // m2: 3600 s, within 4 h
      { at: T0 + 2 * HOUR, net: 'instagram', urgency: 'low' }, // m3: 108000 s, beyond 24 h
      { at: T0 + 3 * HOUR, net: 'instagram', domain: null, urgency: 'medium' }, // m4: unanswered
      { at: T0 + 4 * HOUR + 900, status: 'new' }, // m5: status new but answered: 5 s (10:00:00.900 → 10:00:05.100)
      { at: T0 + 5 * HOUR, status: 'no_action' }, // not needing a reply
      { at: T0 + 6 * HOUR, relevant: false }, // not relevant
      { at: T0 + 7 * HOUR, replyable: false }, // news: cannot be answered
      { at: T0 + 8 * HOUR, domain: 'drainage' }, // m9: no sent reply → unanswered
      { at: START - HOUR }, // the week before
    ];
    const ids = store.addMentions('x', specs.map(mention));
    const sent = (i: number, at: number) => store.addSentReply({ mentionId: ids[i], author: 'agent-a', templateId: null, sentAt: iso(at) });
    sent(0, T0 + 600_000);
    sent(0, T0 + 1800_000);
    sent(1, T0 + HOUR + 3600_000);
    sent(2, T0 + 2 * HOUR + 108_000_000);
    sent(4, T0 + 4 * HOUR + 5100);

    const r = await new SummaryFigures(store).responses(WEEK, OPTS);
    expect(r).toMatchObject({ available: true, needingReply: 6, answered: 4, withinSla: 3 });
    expect(r.firstResponse).toEqual({ count: 4, medianSeconds: 2100, p90Seconds: 108_000 });
    expect(r.byChannel).toEqual([
      { key: 'x', needingReply: 4, answered: 3, withinSla: 3, count: 3, medianSeconds: 600, p90Seconds: 3600 },
      { key: 'instagram', needingReply: 2, answered: 1, withinSla: 0, count: 1, medianSeconds: 108_000, p90Seconds: 108_000 },
    ]);
    expect(r.byDomain).toEqual([
      { key: 'roads', needingReply: 3, answered: 3, withinSla: 2, count: 3, medianSeconds: 600, p90Seconds: 108_000 },
      { key: 'drainage', needingReply: 2, answered: 1, withinSla: 1, count: 1, medianSeconds: 3600, p90Seconds: 3600 },
      { key: null, needingReply: 1, answered: 0, withinSla: 0, count: 0, medianSeconds: null, p90Seconds: null },
    ]);
    // bounds 15 min, 1 h, 4 h, 24 h, 72 h: 5 s and 600 s, then 3600 s (not below 1 h), then 30 h
    expect(r.distribution.map((b) => b.count)).toEqual([2, 0, 1, 0, 1, 0]);
    const replies = await new SummaryFigures(store).replies(WEEK);
    expect(replies).toMatchObject({ available: true, sent: 5, byAgent: [{ key: 'agent-a', count: 5 }], byTemplate: [{ key: null, count: 5 }] });
  });

  it('counts opened, resolved, closed, open and overdue at the end, and the time to resolve', async () => {
    const store = new MemorySummaryStore();
    const end = START + 7 * DAY;
    const add = (opened: number, sla: number, extra: { unit?: string; domain?: string; area?: string; resolvedAt?: number; closedAt?: number } = {}) =>
      store.addCase({
        openedAt: iso(opened),
        slaDueAt: iso(sla),
        unit: extra.unit ?? 'U1',
        domain: extra.domain ?? 'roads',
        area: extra.area ?? 'المحرق',
        ...(extra.resolvedAt ? { resolvedAt: iso(extra.resolvedAt) } : {}),
        ...(extra.closedAt ? { closedAt: iso(extra.closedAt) } : {}),
      });
    add(START + DAY, START + 2 * DAY, { resolvedAt: START + DAY + 2 * HOUR }); // c1: 7200 s, within SLA
    add(START - 3 * DAY, START - 2 * DAY, { unit: 'U2', resolvedAt: START + 3 * DAY }); // c2: 6 days, late
    add(START + 2 * DAY, START + 2 * DAY + 4 * HOUR); // c3: open, overdue at the end
    add(START + 4 * DAY, end + DAY, { unit: 'U2', domain: 'drainage', area: 'سترة', closedAt: START + 5 * DAY }); // c4
    add(START - 10 * DAY, START - 9 * DAY); // c5: open since before the week, overdue
    add(end + HOUR, end + DAY); // c6: next week
    add(START + 3 * DAY, end + 2 * DAY, { unit: 'U3', resolvedAt: end + HOUR }); // c7: resolved after the end

    const f = await new SummaryFigures(store).cases(WEEK);
    expect(f).toMatchObject({ available: true, opened: 4, resolved: 2, closed: 1, openAtEnd: 3, overdueAtEnd: 2, resolvedWithinSla: 1 });
    expect(f.timeToResolve).toEqual({ count: 2, medianSeconds: (7200 + 518_400) / 2, p90Seconds: 518_400 });
    expect(f.openedByUnit).toEqual([{ key: 'U1', count: 2 }, { key: 'U2', count: 1 }, { key: 'U3', count: 1 }]);
    expect(f.openedByDomain).toEqual([{ key: 'roads', count: 3 }, { key: 'drainage', count: 1 }]);
    expect(f.resolvedByUnit).toEqual([{ key: 'U1', count: 1 }, { key: 'U2', count: 1 }]);
    expect(f.openedByArea).toEqual([{ key: 'المحرق', count: 3 }, { key: 'سترة', count: 1 }]);
  });
});
