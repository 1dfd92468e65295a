/**
 * A stored summary is made again when anything it counted changed after it was made (a reply
 * sent, a case resolved, in its week or the previous one it compares with), so the console, its
 * CSV and JSON (SummaryService.get) and the CLI (a summary built now) agree; and it is served as
 * stored while nothing changed.
 */
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { createSqliteStores } from '../../src/stores/sqlite-stores';
import { SummaryService } from '../../src/summaries/summary-service';
import { defaultSummarySettings } from '../../src/summaries/summary-settings';
import { reportWeekBounds, weekById } from '../../src/summaries/week';
import { seedFixtureWeek } from './fixture-week';
import { renderHtml } from '../../src/summaries/html/render-html';

const settings = defaultSummarySettings('Asia/Bahrain');
const W48 = weekById('2026-W48', settings);

async function setup() {
  const dir = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-summary-service-'));
  const stores = createSqliteStores(path.join(dir, 'rasid.db'));
  await stores.summaries.useReportWeeks(reportWeekBounds(settings, 2026, 2027));
  const { agentA } = await seedFixtureWeek(stores);
  let now = new Date('2026-11-29T05:00:00.000Z');
  const service = new SummaryService({ store: stores.summaries, settings, now: () => now });
  const stored = await service.generateAndStore(W48);
  const mentionOf = (author: string) => (stores.db.prepare('SELECT id FROM mentions WHERE author_id = ?').get(author) as { id: string }).id;
  const sendReply = async (mentionId: string, sentAt: string) => {
    const { reply } = await stores.replies.createReply({ mentionId, text: 'تم التحويل', author: agentA, state: 'queued', purpose: 'agent' });
    await stores.replies.transitionReply(reply.id, ['queued'], { state: 'sent', sentAt, externalId: `ext-${reply.id}` });
  };
  const later = (iso: string) => (now = new Date(iso));
  return {
    stores,
    service,
    stored,
    mentionOf,
    sendReply,
    later,
    cleanup: async () => {
      await stores.close();
      fs.rmSync(dir, { recursive: true, force: true });
    },
  };
}

/** The figures, without when and from what they were made. */
const figures = ({ generatedAt: _g, firstGeneratedAt: _f, sources: _s, ...rest }: { generatedAt: string; firstGeneratedAt?: string; sources: unknown }) => rest;

describe('SummaryService.get', () => {
  let ctx: Awaited<ReturnType<typeof setup>>;
  beforeEach(async () => {
    ctx = await setup();
  });
  afterEach(() => ctx.cleanup());

  it('serves the stored summary as it is while nothing it counted changed', async () => {
    ctx.later('2026-11-30T09:00:00.000Z');
    const { summary, stored } = await ctx.service.get(W48);
    expect(stored).toBe(true);
    expect(summary.generatedAt).toBe(ctx.stored.generatedAt);
  });

  it('makes the summary again when a reply to one of its week\'s mentions is sent after it was made, as a summary built now says', async () => {
    ctx.later('2026-11-30T09:00:00.000Z');
    // E (buildings, Saturday's last second) had only a failed reply when the summary was made.
    await ctx.sendReply(ctx.mentionOf('a4'), '2026-11-30T08:00:00.000Z');
    const { summary, stored } = await ctx.service.get(W48);
    expect(stored).toBe(true);
    expect(summary.responses.answered.value).toBe((ctx.stored.responses.answered.value ?? 0) + 1);
    expect(figures(summary)).toEqual(figures(await ctx.service.build(W48)));
    expect((await ctx.stores.summaries.getSummary(W48.id))?.generatedAt).toBe('2026-11-30T09:00:00.000Z');
  });

  it('says, once made again, when the week\'s summary was first made (an e-mailed copy may differ), in its record and its HTML', async () => {
    expect(ctx.stored.firstGeneratedAt).toBeUndefined();
    expect(renderHtml(ctx.stored)).not.toContain('data-remade');
    ctx.later('2026-11-30T09:00:00.000Z');
    await ctx.sendReply(ctx.mentionOf('a4'), '2026-11-30T08:00:00.000Z');
    const remade = (await ctx.service.get(W48)).summary;
    expect(remade.firstGeneratedAt).toBe(ctx.stored.generatedAt);
    // Made a third time: still the first time it was made.
    ctx.later('2026-12-01T09:00:00.000Z');
    await ctx.sendReply(ctx.mentionOf('b2'), '2026-12-01T08:00:00.000Z');
    const again = (await ctx.service.get(W48)).summary;
    expect([again.generatedAt, again.firstGeneratedAt]).toEqual(['2026-12-01T09:00:00.000Z', ctx.stored.generatedAt]);
    const html = renderHtml(again);
    expect(html).toContain('data-remade="true"');
    expect(html).toContain('أُعدّ هذا الملخص أول مرة في');
  });

  it('makes the summary again when a mention of the previous week it compares with is answered', async () => {
    ctx.later('2026-11-30T09:00:00.000Z');
    await ctx.sendReply(ctx.mentionOf('b2'), '2026-11-30T08:00:00.000Z');
    const { summary } = await ctx.service.get(W48);
    expect(summary.responses.answered.previous).toBe((ctx.stored.responses.answered.previous ?? 0) + 1);
  });

  it('makes the summary again when a case it counted as open is resolved within its week', async () => {
    ctx.later('2026-11-30T09:00:00.000Z');
    const open = ctx.stores.db.prepare(`SELECT number FROM cases WHERE resolved_at IS NULL`).get() as { number: string };
    await ctx.stores.cases.updateCase(open.number, { status: 'resolved', actor: 'sup', at: '2026-11-27T10:00:00.000Z' });
    const { summary } = await ctx.service.get(W48);
    expect(summary.cases.resolved.value).toBe((ctx.stored.cases.resolved.value ?? 0) + 1);
    expect(figures(summary)).toEqual(figures(await ctx.service.build(W48)));
  });

  it('serves the stored summary when a reply answers a mention of another week', async () => {
    ctx.later('2026-12-07T09:00:00.000Z');
    await ctx.sendReply(ctx.mentionOf('a5'), '2026-12-07T08:00:00.000Z'); // G: posted in the next week
    expect((await ctx.service.get(W48)).summary.generatedAt).toBe(ctx.stored.generatedAt);
  });

  it('makes a summary stored without what it counted (an older layout) again', async () => {
    const { sources: _sources, ...withoutSources } = ctx.stored;
    await ctx.stores.summaries.saveSummary({ weekId: W48.id, start: W48.start, end: W48.end, generatedAt: ctx.stored.generatedAt, schemaVersion: ctx.stored.schemaVersion, headline: {}, record: withoutSources });
    ctx.later('2026-11-30T09:00:00.000Z');
    expect((await ctx.service.get(W48)).summary.generatedAt).toBe('2026-11-30T09:00:00.000Z');
  });
});
