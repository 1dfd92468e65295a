/** Contract: case capture with de-dup, gap-free numbering, updates with history, the outbox. */
import type { Classification, RawMention } from '../../src/domain';
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';
import type { CaptureRequest, NewCase } from '../../src/cases/store/case-store';

const HOUR = 3_600_000;
const DEDUP = { sameAuthorMs: 72 * HOUR, samePlaceMs: 24 * HOUR };

function newCase(overrides: Partial<NewCase> = {}): NewCase {
  return {
    domain: 'roads',
    unit: 'Roads Maintenance Directorate',
    urgency: 'medium',
    location: { area: 'المحرق' },
    citizen: { channel: 'x', handle: 'citizen' },
    openedAt: '2026-11-20T08:00:00.000Z',
    slaDueAt: '2026-11-21T08:00:00.000Z',
    prefix: 'MOW',
    year: 2026,
    source: 'ingest',
    actor: 'system',
    ...overrides,
  };
}

type Needs = Omit<Stores, 'kind' | 'summaries'>;

export function caseContract(get: () => Needs): void {
  let store: Needs;
  beforeEach(() => {
    store = get();
  });

  async function ingest(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}): Promise<string> {
    const { inserted } = await store.mentions.ingestBatch('x', [buildClassified(raw, c)], null);
    return inserted[0].id;
  }

  function capture(mentionId: string, nc: Partial<NewCase> = {}, extra: Partial<CaptureRequest> = {}) {
    return store.cases.captureMention({ mentionId, newCase: newCase(nc), dedup: DEDUP, onOpened: [], ...extra });
  }

  it('opens a numbered case from a pending complaint, links the mention and clears the pending flag', async () => {
    const id = await ingest();
    expect((await store.cases.listCapturePending(10)).map((m) => m.id)).toEqual([id]);
    const r = await capture(id, { location: { block: '204', road: '15', area: 'المحرق' } });
    expect(r.outcome).toBe('opened');
    if (r.outcome === 'not_pending') return;
    expect(r.case).toMatchObject({ number: 'MOW-2026-000001', status: 'open', domain: 'roads', mentionIds: [id] });
    expect(r.case.history[0]).toMatchObject({ action: 'opened', actor: 'system', to: 'open' });
    expect(await store.cases.listCapturePending(10)).toEqual([]);
    expect((await store.mentions.getMention(id))?.caseId).toBe(r.case.id);
    expect(await store.cases.getCase('MOW-2026-000001')).toEqual(r.case);
    expect(await store.cases.getCaseById(r.case.id)).toEqual(r.case);
  });

  it('gives the number and status of the cases asked for that exist, in one read', async () => {
    const first = await capture(await ingest({ author: { id: 'l1', handle: 'l1' } }));
    const second = await capture(await ingest({ author: { id: 'l2', handle: 'l2' } }, { primaryDomain: 'drainage' }));
    if (first.outcome === 'not_pending' || second.outcome === 'not_pending') throw new Error('not captured');
    await store.cases.updateCase(second.case.number, { status: 'closed', actor: 'u', at: '2026-11-20T12:00:00.000Z' });
    const labels = await store.cases.caseLabels([first.case.id, second.case.id, 'no-such-case']);
    expect(Object.fromEntries(labels)).toEqual({
      [first.case.id]: { number: first.case.number, status: 'open' },
      [second.case.id]: { number: second.case.number, status: 'closed' },
    });
    expect((await store.cases.caseLabels([])).size).toBe(0);
  });

  it('keeps a captured case\'s coordinates and their precision, and its mention\'s, as extracted', async () => {
    const location = { block: '338', road: '3803', flat: '3', area: 'العدلية', governorate: 'العاصمة', lat: 26.2163, long: 50.59451, precision: 'block' as const };
    const id = await ingest({}, { location });
    const r = await capture(id, { location });
    if (r.outcome !== 'opened') throw new Error(`not opened: ${r.outcome}`);
    expect((await store.cases.getCase(r.case.number))?.location).toEqual(location);
    expect((await store.cases.getCaseById(r.case.id))?.location).toEqual(location);
    expect((await store.cases.listCases({ limit: 10, area: 'العدلية' })).items[0]?.location).toEqual(location);
    expect((await store.mentions.getMention(id))?.classification.location).toEqual(location);
  });

  it('keeps the reporter\'s point and Arabic address on a case opened without a mention', async () => {
    const location = { block: '367', road: '12', area: 'سترة', governorate: 'العاصمة', lat: 26.1551, long: 50.6212, precision: 'point' as const, address: 'مجمع 367، طريق 12، سترة' };
    const c = await store.cases.openCase(newCase({ location, source: 'open311' }), []);
    expect((await store.cases.getCase(c.number))?.location).toEqual(location);
  });

  it('lists the mentions their case disagrees with: spam or no works complaint on a case still open, a works complaint on a case closed as none', async () => {
    const AS_NONE = 'closed_not_a_complaint';
    const opened = async (author: string) => {
      const id = await ingest({ author: { id: author, handle: author, name: author } });
      const r = await capture(id);
      if (r.outcome !== 'opened') throw new Error(`not opened: ${r.outcome}`);
      return { id, number: r.case.number };
    };
    const at = '2026-11-20T10:00:00.000Z';
    const spamOnOpen = await opened('a1');
    await store.queue.setMentionStatus(spamOnOpen.id, 'spam');
    const correctedOnResolved = await opened('a2');
    await store.cases.updateCase(correctedOnResolved.number, { status: 'resolved', actor: 'u', at });
    await store.corrections.correctClassification(correctedOnResolved.id, { domain: null, intent: 'other', by: 'u', at });
    const complaintOnClosedAsNone = await opened('a3');
    await store.cases.updateCase(complaintOnClosedAsNone.number, { status: 'closed', statusAction: AS_NONE, actor: 'u', at });
    // consistent: spam on a case closed as none, a complaint on an open case, a complaint on a case closed by hand
    const spamOnClosedAsNone = await opened('a4');
    await store.queue.setMentionStatus(spamOnClosedAsNone.id, 'spam');
    await store.cases.updateCase(spamOnClosedAsNone.number, { status: 'closed', statusAction: AS_NONE, actor: 'u', at });
    await opened('a5');
    const closedByHand = await opened('a6');
    await store.cases.updateCase(closedByHand.number, { status: 'closed', actor: 'u', at });

    const stray = await store.cases.listStrayCaseLinks(AS_NONE, 10);
    expect(stray.map((m) => m.id).sort()).toEqual([spamOnOpen.id, correctedOnResolved.id, complaintOnClosedAsNone.id].sort());
    expect(stray.find((m) => m.id === spamOnOpen.id)?.status).toBe('spam');
    expect(await store.cases.listStrayCaseLinks(AS_NONE, 2)).toHaveLength(2);
  });

  it('links again, at the time given, a post that was taken out of its case and captured anew', async () => {
    const first = await ingest({ author: { id: 'same', handle: 'same' } });
    const second = await ingest({ author: { id: 'same', handle: 'same' } });
    const opened = await capture(first);
    if (opened.outcome !== 'opened') throw new Error(opened.outcome);
    expect((await capture(second)).outcome).toBe('linked');
    await store.cases.unlinkMention(opened.case.number, second, { actor: 'u', at: '2026-11-20T09:00:00.000Z', note: 'not_a_complaint' });
    await store.queue.setMentionStatus(second, 'spam');
    await store.queue.setMentionStatus(second, 'needs_reply');
    const again = await capture(second, { actor: 'agent-1' }, { linkedAt: '2026-11-20T10:00:00.000Z' });
    expect(again.outcome).toBe('linked');
    const c = (await store.cases.getCase(opened.case.number))!;
    expect(c.mentionIds.sort()).toEqual([first, second].sort());
    expect(c.history.filter((h) => h.action === 'mention_linked' && h.to === second)).toHaveLength(2);
    expect(c.history.at(-1)).toMatchObject({ action: 'mention_linked', to: second, actor: 'agent-1', at: '2026-11-20T10:00:00.000Z' });
  });

  it('captures a mention only once', async () => {
    const id = await ingest();
    await capture(id);
    expect((await capture(id)).outcome).toBe('not_pending');
    expect((await capture('no-such-mention')).outcome).toBe('not_pending');
    expect((await store.cases.listCases({ limit: 10 })).items).toHaveLength(1);
  });

  it('numbers cases without gaps per prefix and year', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 3; i++) {
      const id = await ingest({ author: { id: `a${i}`, handle: `h${i}` } });
      const r = await capture(id);
      if (r.outcome !== 'not_pending') numbers.push(r.case.number);
    }
    const next = await store.cases.openCase(newCase({ year: 2027, source: 'open311' }), []);
    const other = await store.cases.openCase(newCase({ prefix: 'TST' }), []);
    expect(numbers).toEqual(['MOW-2026-000001', 'MOW-2026-000002', 'MOW-2026-000003']);
    expect(next.number).toBe('MOW-2027-000001');
    expect(other.number).toBe('TST-2026-000001');
  });

  it('links a complaint from the same author and domain within the window instead of opening a case', async () => {
    const author = { id: 'same', handle: 'same' };
    const first = await capture(await ingest({ author, createdAt: '2026-11-20T08:00:00.000Z' }));
    const second = await capture(await ingest({ author, createdAt: '2026-11-22T07:00:00.000Z' }));
    expect(second.outcome).toBe('linked');
    if (first.outcome === 'not_pending' || second.outcome === 'not_pending') return;
    expect(second.case.number).toBe(first.case.number);
    expect(second.case.mentionIds).toHaveLength(2);
    expect(second.case.history.map((h) => h.action)).toEqual(['opened', 'mention_linked']);
    const otherDomain = await capture(await ingest({ author, createdAt: '2026-11-22T08:00:00.000Z' }), { domain: 'drainage' });
    expect(otherDomain.outcome).toBe('opened');
    const late = await capture(await ingest({ author, createdAt: '2026-11-26T08:00:00.000Z' }));
    expect(late.outcome).toBe('opened');
  });

  it('links a complaint about the same block or road within 24 hours, from any author', async () => {
    const loc = { block: '338', road: '3801' };
    await capture(await ingest({ createdAt: '2026-11-20T08:00:00.000Z' }), { location: loc });
    const sameBlock = await capture(await ingest({ createdAt: '2026-11-20T20:00:00.000Z' }), { location: { block: '338' } });
    const sameRoad = await capture(await ingest({ createdAt: '2026-11-20T21:00:00.000Z' }), { location: { road: '3801' } });
    const nextDay = await capture(await ingest({ createdAt: '2026-11-22T09:00:00.000Z' }), { location: loc });
    const elsewhere = await capture(await ingest({ createdAt: '2026-11-20T09:00:00.000Z' }), { location: { block: '999' } });
    expect([sameBlock.outcome, sameRoad.outcome, nextDay.outcome, elsewhere.outcome]).toEqual(['linked', 'linked', 'opened', 'opened']);
  });

  it('does not link to a resolved case', async () => {
    const author = { id: 'r', handle: 'r' };
    const first = await capture(await ingest({ author }));
    if (first.outcome === 'not_pending') throw new Error('expected a case');
    await store.cases.updateCase(first.case.number, { status: 'resolved', actor: 'u1', at: '2026-11-20T09:00:00.000Z' });
    expect((await capture(await ingest({ author }))).outcome).toBe('opened');
  });

  it('skips capture of a pending mention without opening a case', async () => {
    const id = await ingest();
    expect(await store.cases.skipCapture(id)).toBe(true);
    expect(await store.cases.skipCapture(id)).toBe(false);
    expect((await capture(id)).outcome).toBe('not_pending');
  });

  it('queues outbox messages with the case it opens, and once-keys only once per case', async () => {
    const onOpened = [
      { topic: 'webhook' as const, destination: 'http://127.0.0.1:1/hook', onceKey: undefined },
      { topic: 'citizen_reply' as const, destination: 'case_ack', onceKey: 'ack' },
    ];
    const r = await capture(await ingest(), {}, { onOpened });
    if (r.outcome === 'not_pending') throw new Error('expected a case');
    const queued = await store.caseOutbox.listOutbox({ subject: r.case.number, limit: 10 });
    expect(queued.map((m) => [m.topic, m.event, m.state, m.attempts])).toEqual([
      ['webhook', 'case.created', 'pending', 0],
      ['citizen_reply', 'case.created', 'pending', 0],
    ]);
    expect((queued[0].payload as { number: string }).number).toBe(r.case.number);
    const notice = [{ topic: 'citizen_reply' as const, destination: 'case_status', onceKey: 'status:resolved' }];
    const at = '2026-11-20T10:00:00.000Z';
    await store.cases.updateCase(r.case.number, { status: 'resolved', actor: 'u', at, onStatusChanged: notice });
    await store.cases.updateCase(r.case.number, { status: 'open', actor: 'u', at });
    await store.cases.updateCase(r.case.number, { status: 'resolved', actor: 'u', at, onStatusChanged: notice });
    const statusMsgs = (await store.caseOutbox.listOutbox({ subject: r.case.number, limit: 10 })).filter((m) => m.event === 'case.status_changed');
    expect(statusMsgs).toHaveLength(1);
  });

  it('updates status, unit, assignee and notes with history, and refuses a stale status', async () => {
    const c = await store.cases.openCase(newCase(), []);
    const at = '2026-11-20T09:00:00.000Z';
    const r = await store.cases.updateCase(c.number, { status: 'in_progress', ifStatus: 'open', unit: 'Other Unit', assignee: 'u2', actor: 'u1', at });
    expect(r?.before.status).toBe('open');
    expect(r?.after).toMatchObject({ status: 'in_progress', unit: 'Other Unit', assignee: 'u2', updatedAt: at });
    const resolved = await store.cases.updateCase(c.number, { status: 'resolved', actor: 'u1', at, note: 'patched' });
    expect(resolved?.after.resolvedAt).toBe(at);
    const noted = await store.cases.updateCase(c.number, { note: 'called the citizen', actor: 'u1', at });
    expect(noted?.after.history.map((h) => h.action)).toEqual(['opened', 'status_changed', 'unit_assigned', 'user_assigned', 'status_changed', 'note']);
    expect(noted?.after.history[4]).toMatchObject({ from: 'in_progress', to: 'resolved', note: 'patched' });
    await expect(store.cases.updateCase(c.number, { status: 'closed', ifStatus: 'open', actor: 'u1', at })).rejects.toMatchObject({ status: 409 });
    const reopened = await store.cases.updateCase(c.number, { status: 'open', actor: 'u1', at, assignee: null });
    expect(reopened?.after.resolvedAt).toBeUndefined();
    expect(reopened?.after.assignee).toBeUndefined();
    expect(await store.cases.updateCase('MOW-1999-000001', { status: 'open', actor: 'u1', at })).toBeNull();
  });

  it("moves a case to another works domain with a domain_changed entry before the unit's, and finds it under the new domain", async () => {
    const c = await store.cases.openCase(newCase(), []);
    const at = '2026-11-20T09:30:00.000Z';
    const r = await store.cases.updateCase(c.number, { domain: 'drainage', unit: 'Drains Unit', ifStatus: 'open', actor: 'u1', at });
    expect(r?.before.domain).toBe(c.domain);
    expect(r?.after).toMatchObject({ domain: 'drainage', unit: 'Drains Unit', updatedAt: at });
    expect(r?.after.history.slice(-2)).toMatchObject([
      { action: 'domain_changed', from: c.domain, to: 'drainage', actor: 'u1', at },
      { action: 'unit_assigned', from: c.unit, to: 'Drains Unit' },
    ]);
    const same = await store.cases.updateCase(c.number, { domain: 'drainage', actor: 'u1', at });
    expect(same?.after.history).toHaveLength(r?.after.history.length as number);
    const listed = await store.cases.listCases({ domain: 'drainage', limit: 10 });
    expect(listed.items.map((x) => x.number)).toContain(c.number);
  });

  it('records the first response on a linked mention only once', async () => {
    const id = await ingest();
    const r = await capture(id);
    if (r.outcome === 'not_pending') throw new Error('expected a case');
    expect(await store.cases.markCaseFirstResponse(id, '2026-11-20T09:00:00.000Z')).toBe(r.case.number);
    await store.cases.markCaseFirstResponse(id, '2026-11-20T10:00:00.000Z');
    expect((await store.cases.getCase(r.case.number))?.firstResponseAt).toBe('2026-11-20T09:00:00.000Z');
    expect(await store.cases.markCaseFirstResponse(await ingest(), '2026-11-20T09:00:00.000Z')).toBeNull();
  });

  it('stamps no first response for an automatic notice, yet names its case', async () => {
    const id = await ingest();
    const r = await capture(id);
    if (r.outcome === 'not_pending') throw new Error('expected a case');
    expect(await store.cases.markCaseFirstResponse(id, '2026-11-20T08:00:00.000Z', { stamp: false })).toBe(r.case.number);
    const untouched = await store.cases.getCase(r.case.number);
    expect(untouched?.firstResponseAt).toBeUndefined();
    expect(untouched?.history.map((h) => h.action)).not.toContain('first_response');
    await store.cases.markCaseFirstResponse(id, '2026-11-20T09:00:00.000Z');
    expect((await store.cases.getCase(r.case.number))?.firstResponseAt).toBe('2026-11-20T09:00:00.000Z');
  });

  it('lists cases newest first with filters, overdue and cursor pagination', async () => {
    for (let i = 0; i < 5; i++) {
      await store.cases.openCase(
        newCase({
          openedAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(),
          slaDueAt: new Date(Date.UTC(2026, 10, 20, i + 4)).toISOString(),
          domain: i % 2 ? 'drainage' : 'roads',
          urgency: i === 0 ? 'high' : 'low',
          location: { area: i < 2 ? 'سترة' : 'المنامة' },
        }),
        [],
      );
    }
    const seen: string[] = [];
    let cursor: string | undefined;
    do {
      const page = await store.cases.listCases({ limit: 2, cursor });
      seen.push(...page.items.map((c) => c.openedAt));
      cursor = page.nextCursor ?? undefined;
    } while (cursor);
    expect(seen).toHaveLength(5);
    expect([...seen].sort().reverse()).toEqual(seen);
    expect((await store.cases.listCases({ limit: 10, domain: 'drainage' })).items).toHaveLength(2);
    expect((await store.cases.listCases({ limit: 10, urgency: 'high' })).items).toHaveLength(1);
    expect((await store.cases.listCases({ limit: 10, area: 'سترة' })).items).toHaveLength(2);
    expect((await store.cases.listCases({ limit: 10, overdueAt: '2026-11-20T06:30:00.000Z' })).items).toHaveLength(3);
    expect((await store.cases.listCases({ limit: 10, openedFrom: '2026-11-20T01:00:00.000Z', openedTo: '2026-11-20T03:00:00.000Z' })).items).toHaveLength(3);
    expect((await store.cases.listCases({ limit: 10, statuses: [] })).items).toHaveLength(0);
  });

  it('filters by assignee (null: nobody) and by case number, with cursor pagination', async () => {
    const numbers: string[] = [];
    for (let i = 0; i < 5; i++) {
      const c = await store.cases.openCase(newCase({ openedAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(), slaDueAt: new Date(Date.UTC(2026, 10, 21, i)).toISOString() }), []);
      numbers.push(c.number);
    }
    const at = '2026-11-20T09:00:00.000Z';
    await store.cases.updateCase(numbers[0], { assignee: 'u1', actor: 'sup', at });
    await store.cases.updateCase(numbers[1], { assignee: 'u2', actor: 'sup', at });
    await store.cases.updateCase(numbers[2], { assignee: 'u1', actor: 'sup', at });
    // Assigned, then let go: unassigned like one never assigned.
    await store.cases.updateCase(numbers[2], { assignee: null, actor: 'sup', at });
    const all = async (q: { assignee?: string | null; numbers?: string[] }) => {
      const seen: string[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.cases.listCases({ limit: 2, cursor, ...q });
        seen.push(...page.items.map((c) => c.number));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen.sort();
    };
    expect(await all({ assignee: 'u1' })).toEqual([numbers[0]]);
    expect(await all({ assignee: null })).toEqual([numbers[2], numbers[3], numbers[4]]);
    expect(await all({ numbers: [numbers[1], numbers[3], 'MOW-2026-999999'] })).toEqual([numbers[1], numbers[3]]);
    expect(await all({ numbers: [numbers[1], numbers[3]], assignee: null })).toEqual([numbers[3]]);
    expect(await all({ numbers: [] })).toEqual([]);
  });

  it('filters by any of several areas (a place\'s spellings), with cursor pagination', async () => {
    const areas = ['سترة', 'ستره', 'المنامة', undefined, 'سترة'];
    for (const [i, area] of areas.entries()) {
      await store.cases.openCase(
        newCase({ openedAt: new Date(Date.UTC(2026, 10, 20, i)).toISOString(), slaDueAt: new Date(Date.UTC(2026, 10, 21, i)).toISOString(), location: area ? { area } : { block: '367' } }),
        [],
      );
    }
    const areasOf = async (q: { areas?: string[]; area?: string; domain?: 'roads' | 'drainage' }) => {
      const seen: (string | undefined)[] = [];
      let cursor: string | undefined;
      do {
        const page = await store.cases.listCases({ limit: 2, cursor, ...q });
        seen.push(...page.items.map((c) => c.location.area));
        cursor = page.nextCursor ?? undefined;
      } while (cursor);
      return seen;
    };
    expect(await areasOf({ areas: ['سترة', 'ستره', 'Sitra'] })).toEqual(['سترة', 'ستره', 'سترة']);
    expect(await areasOf({ areas: ['Sitra'] })).toEqual([]);
    expect(await areasOf({ areas: [] })).toEqual([]);
    expect(await areasOf({ areas: ['سترة', 'المنامة'], area: 'سترة' })).toEqual(['سترة', 'سترة']);
    expect(await areasOf({ areas: ['المنامة'], domain: 'drainage' })).toEqual([]);
    // The one case with a block and no area is found by its block.
    const byBlock = await store.cases.listCases({ limit: 10, block: '367' });
    expect(byBlock.items.map((c) => c.location)).toEqual([{ block: '367' }]);
    expect((await store.cases.listCases({ limit: 10, block: '368' })).items).toEqual([]);
  });

  it('leases due outbox messages, retries failures later and gives up when told', async () => {
    await store.caseOutbox.enqueueOutbox([
      { topic: 'webhook', destination: 'http://127.0.0.1:1/a', event: 'reply.sent', subject: 'r1', payload: { a: 1 } },
      { topic: 'webhook', destination: 'http://127.0.0.1:1/b', event: 'reply.sent', subject: 'r2', payload: { b: 2 } },
    ]);
    const now = new Date(Date.now() + 1000).toISOString();
    const taken = await store.caseOutbox.claimDueOutbox(now, 10, 60_000);
    expect(taken.map((m) => [m.subject, m.attempts])).toEqual([['r1', 1], ['r2', 1]]);
    expect(await store.caseOutbox.claimDueOutbox(now, 10, 60_000)).toEqual([]);
    await store.caseOutbox.markOutboxDelivered(taken[0].id, now);
    await store.caseOutbox.markOutboxFailed(taken[1].id, 'HTTP 500', now);
    const again = await store.caseOutbox.claimDueOutbox(now, 10, 60_000);
    expect(again.map((m) => [m.subject, m.attempts, m.lastError])).toEqual([['r2', 2, 'HTTP 500']]);
    await store.caseOutbox.markOutboxFailed(again[0].id, 'HTTP 400', null);
    expect((await store.caseOutbox.listOutbox({ state: 'dead', limit: 10 })).map((m) => m.subject)).toEqual(['r2']);
    expect((await store.caseOutbox.listOutbox({ state: 'delivered', limit: 10 }))[0].payload).toEqual({ a: 1 });
  });
}
