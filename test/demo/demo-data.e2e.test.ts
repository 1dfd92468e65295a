/**
 * The bundled demo as a first-time user meets it: a real service on a fresh data folder replays
 * data/demo (posts and their history), and the API then shows a realistic fortnight.
 */
import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import type { Case, Mention } from '../../src/domain';
import { SummaryService } from '../../src/summaries/summary-service';
import { summarySettings } from '../../src/summaries/summary-feature';
import type { WeeklySummary } from '../../src/summaries/summary-record';
import { startServer, type RunningServer } from '../../src/server';
import { makeTempDir } from '../support/temp-dir';

describe('the demo data on a fresh store', () => {
  const tmp = makeTempDir('rasid-demo-');
  let running: RunningServer;
  let base: string;
  let token: string;
  const get = (url: string) => request(base).get(url).set('Authorization', `Bearer ${token}`);

  beforeAll(async () => {
    running = await startServer({ PORT: '0', HOST: '127.0.0.1', DATA_DIR: tmp.dir, DEMO: 'true', LOG_LEVEL: 'silent' });
    base = `http://127.0.0.1:${running.address.port}`;
    token = fs.readFileSync(path.join(tmp.dir, 'initial-admin-token'), 'utf8').trim();
    await running.services.demo?.ready;
  }, 60_000);
  afterAll(async () => {
    await running?.stop();
    tmp.remove();
  });

  async function allCases(): Promise<(Case & { overdue: boolean })[]> {
    return (await get('/api/cases?limit=200').expect(200)).body.items;
  }

  it('opens each case at the time of its first complaint, with its due time after that', async () => {
    const cases = await allCases();
    expect(cases.length).toBeGreaterThan(30);
    for (const c of cases) {
      const detail = (await get(`/api/cases/${c.number}`).expect(200)).body as { mentions: Mention[] };
      const first = detail.mentions.map((m) => m.createdAt).sort()[0];
      expect(c.openedAt).toBe(first);
      expect(Date.parse(c.slaDueAt)).toBeGreaterThanOrEqual(Date.parse(c.openedAt));
    }
  });

  it('shows cases in every state, only some of them overdue', async () => {
    const cases = await allCases();
    const statuses = new Set(cases.map((c) => c.status));
    expect([...statuses].sort()).toEqual(['closed', 'in_progress', 'open', 'resolved']);
    const overdue = cases.filter((c) => c.overdue).length;
    expect(overdue).toBeGreaterThan(0);
    expect(overdue).toBeLessThan(cases.length / 2);
  });

  it('gives last week cases opened, a response rate between none and all, and answers both within and past the SLA', async () => {
    const s = (await get('/api/summaries/last').expect(200)).body as WeeklySummary;
    expect(s.cases.opened.value).toBeGreaterThan(0);
    expect(s.cases.resolved.value).toBeGreaterThan(0);
    expect(s.responses.responseRate.value).toBeGreaterThan(0);
    expect(s.responses.responseRate.value).toBeLessThan(1);
    expect(s.responses.withinSla.value).toBeGreaterThan(0);
    expect(s.responses.withinSla.value).toBeLessThan(s.responses.answered.value ?? 0);
    expect(s.previousWeek).toBeDefined();
  });

  it('names the agents who answered, and keeps their replies, approvals and case steps in the audit trail', async () => {
    const s = (await get('/api/summaries/last').expect(200)).body as WeeklySummary;
    expect(s.replies.byAgent.map((a) => (a as { name?: string }).name)).toEqual(expect.arrayContaining(['مريم الحداد']));
    for (const action of ['reply.created', 'reply.approved', 'reply.sent', 'case.status_changed']) {
      const page = (await get(`/api/audit?action=${action}&limit=5`).expect(200)).body as { items: { at: string }[] };
      expect(page.items.length).toBeGreaterThan(0);
    }
  });

  it('has told every citizen of each resolved case on their first post in it, once, so those posts no longer wait in the queue', async () => {
    const resolved = (await allCases()).filter((c) => c.status === 'resolved' || (c.status === 'closed' && c.history.some((h) => h.to === 'resolved')));
    expect(resolved.length).toBeGreaterThan(3);
    for (const c of resolved) {
      const posts = await Promise.all(c.mentionIds.map(async (id) => (await get(`/api/mentions/${id}`).expect(200)).body as Mention));
      const resolvedAt = Date.parse(c.history.find((h) => h.to === 'resolved')?.at as string);
      const firstPerAuthor = posts.filter((p, i) => posts.findIndex((q) => q.author.id === p.author.id) === i);
      for (const m of firstPerAuthor) {
        if (m.replyable === false || m.kind === 'news') continue;
        const replies = (await get(`/api/replies?mentionId=${m.id}&limit=50`).expect(200)).body.items as { purpose?: string; state: string; text: string }[];
        const notices = replies.filter((r) => r.purpose === 'case_status');
        // A citizen writing again after the case was resolved was not there to be told.
        if (Date.parse(m.createdAt) > resolvedAt) {
          expect({ case: c.number, post: m.id, notices }).toEqual({ case: c.number, post: m.id, notices: [] });
          continue;
        }
        expect({ case: c.number, notices: notices.map((r) => r.state) }).toEqual({ case: c.number, notices: ['sent'] });
        expect(notices[0].text).toContain(c.number);
        expect({ case: c.number, status: m.status }).toEqual({ case: c.number, status: 'replied' });
      }
    }
  });

  it('sends no reply, a person\'s or an automatic one, before the post it answers was written', async () => {
    const early: string[] = [];
    for (const status of ['replied', 'needs_reply', 'no_action']) {
      const posts = (await get(`/api/queue?status=${status}&limit=200&view=full`).expect(200)).body.items as Mention[];
      for (const m of posts) {
        const replies = (await get(`/api/replies?mentionId=${m.id}&limit=50`).expect(200)).body.items as { sentAt?: string; purpose?: string }[];
        for (const r of replies) if (r.sentAt && Date.parse(r.sentAt) < Date.parse(m.createdAt)) early.push(`${m.externalId} ${r.purpose} ${r.sentAt} < ${m.createdAt}`);
      }
    }
    expect(early).toEqual([]);
  });

  it("names, in a reply that names a unit, the unit the post's case is routed to", async () => {
    const { DEFAULT_ROUTING } = await import('../../src/cases/routing-table');
    const units = Object.values(DEFAULT_ROUTING);
    const wrong: string[] = [];
    for (const c of await allCases()) {
      const unit = units.find((u) => u.name === c.unit);
      for (const id of c.mentionIds) {
        const replies = (await get(`/api/replies?mentionId=${id}&limit=50`).expect(200)).body.items as { text: string }[];
        for (const r of replies) {
          const named = units.filter((u) => r.text.includes(u.nameAr));
          if (named.length && !named.includes(unit as (typeof units)[number])) wrong.push(`${c.number} (${c.unit}): ${r.text}`);
        }
      }
    }
    expect(wrong).toEqual([]);
  });

  it('promises every Open311 request after it was made', async () => {
    const requests = (await request(base).get('/open311/v2/requests.json').expect(200)).body as { requested_datetime: string; expected_datetime: string }[];
    expect(requests.length).toBeGreaterThan(30);
    for (const r of requests) expect(Date.parse(r.expected_datetime)).toBeGreaterThanOrEqual(Date.parse(r.requested_datetime));
  });

  it('keeps last week\'s summary in the history with the demo in it, as the command line computes it', async () => {
    const res = await get('/api/summaries/last').expect(200);
    expect(res.headers['x-summary-source']).toBe('history');
    const stored = res.body as WeeklySummary;
    const service = new SummaryService({ store: running.services.summaryFeature.store, settings: summarySettings('Asia/Bahrain') });
    const fresh = await service.build(service.resolveWeek('last'));
    expect(stored.mentions.total.value).toBeGreaterThan(0);
    expect(stored.mentions.total.value).toBe(fresh.mentions.total.value);
    expect(stored.cases.opened.value).toBe(fresh.cases.opened.value);
    expect(stored.responses.answered.value).toBe(fresh.responses.answered.value);
  });
});
