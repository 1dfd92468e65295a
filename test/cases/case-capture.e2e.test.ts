import fs from 'node:fs';
import path from 'node:path';
import request from 'supertest';
import { createReplayChannel } from '../../channels/replay';
import type { Classification, Classifier } from '../../src/domain';
import { testClassifier } from '../support/classifier';
import { pollChannel } from '../../src/ingest/poll-channel';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const HOUR = 3_600_000;

interface CaseBody {
  number: string;
  mentionIds: string[];
  unit: string;
  domain: string;
  location: Record<string, string>;
  history: { action: string }[];
}

describe('automatic complaint capture', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  const cases = async (): Promise<CaseBody[]> => {
    const out: CaseBody[] = [];
    let cursor = '';
    do {
      const res = await request(t.app).get(`/api/cases?limit=200${cursor ? `&cursor=${cursor}` : ''}`).set(bearer(t.tokens.agent)).expect(200);
      out.push(...res.body.items);
      cursor = res.body.nextCursor ?? '';
    } while (cursor);
    return out;
  };

  function replayFile(lines: object[]): string {
    const file = path.join(t.dir, `replay-${Date.now()}-${Math.random()}.jsonl`);
    fs.writeFileSync(file, lines.map((l) => JSON.stringify(l)).join('\n') + '\n');
    return file;
  }

  it('opens routed, numbered cases for complaints polled from the replay channel', async () => {
    t = await setupCaseApp();
    const file = replayFile([
      { externalId: '1', text: 'حفرة كبيرة في شارع الاستقلال', author: { id: 'a', handle: 'a' }, minutesAgo: 5 },
      { externalId: '2', text: 'طفح مجاري في الحي منذ يومين', author: { id: 'b', handle: 'b' }, minutesAgo: 4 },
      { externalId: '3', text: 'صباح الخير', author: { id: 'c', handle: 'c' }, minutesAgo: 3 },
    ]);
    const channel = createReplayChannel({ name: 'replay', file, batchSize: 10 });
    const log = (await import('../support/silent-log')).memoryLogger().log;
    const outcome = await pollChannel({ store: t.store, classifier: testClassifier(), channel, log, onInserted: t.feature.onInserted });
    expect(outcome.inserted).toBe(3);
    const opened = await cases();
    expect(opened.map((c) => [c.number, c.domain, c.unit]).sort()).toEqual([
      ['MOW-2026-000001', 'roads', 'Roads Maintenance Directorate'],
      ['MOW-2026-000002', 'drainage', 'Sanitary Engineering Operations'],
    ]);
    expect(await t.store.cases.listCapturePending(10)).toEqual([]);
  });

  it('takes domain, urgency and location from the classification and starts the SLA at the post', async () => {
    t = await setupCaseApp({ slaHours: { high: 2, medium: 24, low: 72 } });
    const m = await t.complain({}, { urgency: 'high', location: { block: '338', road: '3801', area: 'العدلية' } });
    const [c] = await cases();
    expect(c.location).toEqual({ block: '338', road: '3801', area: 'العدلية' });
    const detail = await request(t.app).get(`/api/cases/${c.number}`).set(bearer(t.tokens.agent)).expect(200);
    expect(Date.parse(detail.body.slaDueAt) - Date.parse(m.createdAt)).toBe(2 * HOUR);
    expect(detail.body.urgency).toBe('high');
  });

  it('opens a case at the time of its complaint, captured later or not, and one dated ahead of the clock at capture', async () => {
    t = await setupCaseApp({ slaHours: { high: 2, medium: 24, low: 72 } });
    // Captured three hours after the post (a backlog, a replay): the case still starts at the post.
    const late = await t.ingest({ createdAt: new Date(t.now().getTime() - 3 * HOUR).toISOString(), author: { id: 'a-late', handle: 'late' } }, { urgency: 'medium' });
    await t.feature.onInserted([late]);
    // A post dated an hour ahead of our clock (the network's clock drifts) opens now.
    const ahead = await t.ingest({ createdAt: new Date(t.now().getTime() + HOUR).toISOString(), author: { id: 'a-ahead', handle: 'ahead' } }, { urgency: 'high', primaryDomain: 'drainage' });
    await t.feature.onInserted([ahead]);
    const all = await cases();
    const byMention = (id: string) => all.find((c) => c.mentionIds.includes(id)) as CaseBody & { openedAt: string; slaDueAt: string };
    expect(byMention(late.id).openedAt).toBe(late.createdAt);
    expect(byMention(late.id).slaDueAt).toBe(new Date(Date.parse(late.createdAt) + 24 * HOUR).toISOString());
    expect(byMention(ahead.id).openedAt).toBe(t.now().toISOString());
    expect(Date.parse(byMention(ahead.id).slaDueAt) - Date.parse(byMention(ahead.id).openedAt)).toBe(2 * HOUR);
    const requests = (await request(t.app).get('/open311/v2/requests.json').expect(200)).body as { requested_datetime: string; expected_datetime: string }[];
    expect(requests).toHaveLength(2);
    for (const r of requests) expect(Date.parse(r.expected_datetime)).toBeGreaterThanOrEqual(Date.parse(r.requested_datetime));
  });

  it('leaves complaints below CASE_MIN_CONFIDENCE in the queue without a case, and not pending', async () => {
    t = await setupCaseApp({ minConfidence: 0.7 });
    const m = await t.complain({}, { confidence: 0.6 });
    expect(await cases()).toEqual([]);
    expect(m.caseId).toBeUndefined();
    expect(m.status).toBe('needs_reply');
    expect(await t.store.cases.listCapturePending(10)).toEqual([]);
  });

  it('ignores inquiries, praise and items without a works domain', async () => {
    t = await setupCaseApp();
    await t.complain({}, { intent: 'inquiry' });
    await t.complain({}, { intent: 'praise' });
    await t.complain({}, { primaryDomain: null });
    expect(await cases()).toEqual([]);
  });

  it('links a second complaint from the same author in the same domain within 72 h to the open case', async () => {
    t = await setupCaseApp();
    const author = { id: 'same', handle: 'same' };
    await t.complain({ author });
    t.advance(71 * HOUR);
    await t.complain({ author, text: 'ما زالت الحفرة موجودة' });
    let all = await cases();
    expect(all).toHaveLength(1);
    expect(all[0].mentionIds).toHaveLength(2);
    expect(all[0].history.map((h) => h.action)).toEqual(['opened', 'mention_linked']);
    t.advance(73 * HOUR);
    await t.complain({ author });
    all = await cases();
    expect(all).toHaveLength(2);
  });

  it('links complaints about the same block or road and domain within 24 h, from different people', async () => {
    t = await setupCaseApp();
    const loc = { block: '204', road: '15' };
    await t.complain({ author: { id: 'x1', handle: 'x1' } }, { location: loc });
    t.advance(23 * HOUR);
    await t.complain({ author: { id: 'x2', handle: 'x2' } }, { location: { block: '204' } });
    await t.complain({ author: { id: 'x3', handle: 'x3' } }, { location: { road: '15' }, primaryDomain: 'drainage' });
    let all = await cases();
    expect(all.map((c) => c.mentionIds.length).sort()).toEqual([1, 2]);
    t.advance(25 * HOUR);
    await t.complain({ author: { id: 'x4', handle: 'x4' } }, { location: loc });
    all = await cases();
    expect(all).toHaveLength(3);
  });

  it('captures leftovers after a crash between ingest and capture, once, from the scheduled sweep', async () => {
    t = await setupCaseApp();
    for (let i = 0; i < 3; i++) await t.ingest({ author: { id: `l${i}`, handle: `l${i}` } });
    expect(await t.store.cases.listCapturePending(10)).toHaveLength(3);
    const job = t.feature.jobs.find((j) => j.name === 'capture-cases');
    expect(job?.runAtStart).toBe(true);
    await job?.run();
    await job?.run();
    expect((await cases()).map((c) => c.number).sort()).toEqual(['MOW-2026-000001', 'MOW-2026-000002', 'MOW-2026-000003']);
  });

  it('numbers cases without gaps or duplicates when many channels ingest and capture at once', async () => {
    t = await setupCaseApp();
    const classifier: Classifier = {
      classify: (): Classification => ({
        domains: [{ domain: 'roads', score: 1, evidence: [] }],
        primaryDomain: 'roads',
        intent: 'complaint',
        urgency: 'medium',
        sentiment: 'negative',
        location: {},
        relevant: true,
        confidence: 0.9,
      }),
    };
    const { log } = (await import('../support/silent-log')).memoryLogger();
    const polls = Array.from({ length: 6 }, (_, ch) => {
      const lines = Array.from({ length: 40 }, (_, i) => ({ externalId: `${ch}-${i}`, text: 'حفرة', author: { id: `u${ch}-${i}`, handle: `u${ch}-${i}` }, minutesAgo: 1 }));
      const channel = createReplayChannel({ name: `replay${ch}`, file: replayFile(lines), batchSize: 7 });
      return (async () => {
        for (let p = 0; p < 10; p++) await pollChannel({ store: t.store, classifier, channel, log, onInserted: t.feature.onInserted });
      })();
    });
    const sweeps = Array.from({ length: 3 }, () => t.feature.capture.captureLeftovers(5));
    await Promise.all([...polls, ...sweeps]);
    await t.feature.capture.captureLeftovers();
    const numbers = (await cases()).map((c) => c.number).sort();
    expect(numbers).toHaveLength(240);
    expect(numbers).toEqual(Array.from({ length: 240 }, (_, i) => `MOW-2026-${String(i + 1).padStart(6, '0')}`));
  });

  it('queues a templated acknowledgement with the case number when CASE_AUTO_ACK is on', async () => {
    t = await setupCaseApp({ autoAck: true });
    const m = await t.complain();
    await t.feature.outbox.perform();
    await t.feature.outbox.perform();
    const replies = await t.store.replies.listReplies({ mentionId: m.id, limit: 10 });
    expect(replies.items).toHaveLength(1);
    expect(replies.items[0]).toMatchObject({ purpose: 'case_ack', author: 'system' });
    expect(replies.items[0].text).toContain('MOW-2026-000001');

    // Sent, the acknowledgement answers nobody: the case's first response is a person's reply.
    await t.replyFeature.sender.perform();
    expect((await t.store.replies.getReply(replies.items[0].id))?.state).toBe('sent');
    expect((await t.store.cases.getCase('MOW-2026-000001'))?.firstResponseAt).toBeUndefined();
    t.advance(30 * 60_000);
    await request(t.app).post(`/api/mentions/${m.id}/claim`).set(bearer(t.tokens.agent)).expect(200);
    await request(t.app).post(`/api/mentions/${m.id}/replies`).set(bearer(t.tokens.agent)).send({ text: 'نعتذر عن الإزعاج، الفريق في الطريق.' }).expect(201);
    await t.replyFeature.sender.perform();
    const person = (await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items.find((r) => r.purpose === 'agent');
    expect(person?.state).toBe('sent');
    expect((await t.store.cases.getCase('MOW-2026-000001'))?.firstResponseAt).toBe(person?.sentAt);
  });

  it('sends no acknowledgement when CASE_AUTO_ACK is off', async () => {
    t = await setupCaseApp({ autoAck: false });
    const m = await t.complain();
    await t.feature.outbox.perform();
    expect((await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items).toEqual([]);
  });

  it('tells the citizen once when the case is resolved, even if it is resolved again after a reopen', async () => {
    t = await setupCaseApp();
    const m = await t.complain();
    const number = (await cases())[0].number;
    const move = (status: string, token = t.tokens.supervisor) => request(t.app).patch(`/api/cases/${number}`).set(bearer(token)).send({ status }).expect(200);
    await move('in_progress');
    await move('resolved');
    await move('open');
    await move('in_progress');
    await move('resolved');
    await t.feature.outbox.perform();
    const replies = (await t.store.replies.listReplies({ mentionId: m.id, limit: 10 })).items;
    expect(replies.map((r) => r.purpose)).toEqual(['case_status']);
    expect(replies[0].text).toContain(number);
  });
  it('tells every citizen who complained when the case is resolved, on their first post in it, once', async () => {
    t = await setupCaseApp({ autoAck: false });
    const loc = { block: '204' };
    const a1 = await t.complain({ author: { id: 'a1', handle: 'a1' } }, { location: loc });
    t.advance(HOUR);
    const b1 = await t.complain({ author: { id: 'b1', handle: 'b1' } }, { location: loc });
    t.advance(HOUR);
    const a2 = await t.complain({ author: { id: 'a1', handle: 'a1' }, text: 'وما زالت الحفرة' }, { location: loc });
    const [kase] = await cases();
    expect(kase.mentionIds).toEqual([a1.id, b1.id, a2.id]);
    for (const status of ['in_progress', 'resolved']) await request(t.app).patch(`/api/cases/${kase.number}`).set(bearer(t.tokens.supervisor)).send({ status }).expect(200);
    await t.feature.outbox.perform();
    await t.feature.outbox.perform(); // a second run answers no post twice
    const notices = async (id: string) => (await t.store.replies.listReplies({ mentionId: id, limit: 10 })).items.filter((r) => r.purpose === 'case_status');
    expect((await notices(a1.id)).map((r) => r.text.includes(kase.number))).toEqual([true]);
    expect(await notices(b1.id)).toHaveLength(1);
    expect(await notices(a2.id)).toEqual([]);
  });
});
