/**
 * Filters and update documents of the reply queue, replies outbox, case outbox and case de-dup,
 * evaluated with mingo on hand-made documents: who may claim, which replies/messages are due and
 * in what order, which open case a complaint links to, and what one case change writes.
 */
import { Query, find, update as applyUpdate } from 'mingo';
import { caseChange, newCaseDoc, openMatchFilter, type CaseDoc } from '../../../src/cases/store/mongo-case-docs';
import { insertFields, type MentionDoc } from '../../../src/store/mongodb/mention-docs';
import { dueFilter, DUE_SORT } from '../../../src/cases/store/mongo-case-outbox-store';
import { claimFilter, queueCursorFilter, queueCursorOf, queueFilter, QUEUE_SORT, releaseFilter } from '../../../src/queue/store/mongo-queue-store';
import { dueQueuedFilter, replyChangeUpdate, TAKE_NEXT_SORT } from '../../../src/replies/store/mongo-reply-store';
import { buildClassified } from '../../support/builders';
import type { CaptureRequest, CaseUpdate } from '../../../src/cases/store/case-store';

type AnyObject = Parameters<Query['test']>[0];
const test = (filter: object, doc: object) => new Query(filter as AnyObject).test(doc as AnyObject);
const sorted = <T>(docs: T[], filter: object, sort: object) => find(docs as AnyObject[], filter as AnyObject).sort(sort as AnyObject).all() as T[];

const NOW = '2026-11-20T10:00:00.000Z';
const LATER = '2026-11-20T10:10:00.000Z';
const EARLIER = '2026-11-20T09:50:00.000Z';

function mention(id: string, raw: Parameters<typeof buildClassified>[0] = {}, c: Parameters<typeof buildClassified>[1] = {}): MentionDoc {
  return { ...(insertFields(id, 'x', buildClassified(raw, c), NOW) as MentionDoc), engagement: 0 };
}

describe('claim filters', () => {
  const m = mention('m1');
  it.each([
    ['an unclaimed mention', undefined, 'b', true],
    ['a live claim of someone else', { by: 'a', until: LATER }, 'b', false],
    ['an expired claim', { by: 'a', until: EARLIER }, 'b', true],
    ['a claim at exactly now (expired)', { by: 'a', until: NOW }, 'b', true],
    ['my own live claim (renewal)', { by: 'b', until: LATER }, 'b', true],
  ])('on %s let b claim: %s', (_what, claim, by, ok) => {
    expect(test(claimFilter('m1', by, NOW, false), { ...m, ...(claim ? { claim } : {}) })).toBe(ok);
  });

  it('let a supervisor force any claim, and release only the holder (or anyone when by is null)', () => {
    const held = { ...m, claim: { by: 'a', until: LATER } };
    expect(test(claimFilter('m1', 'c', NOW, true), held)).toBe(true);
    expect(test(releaseFilter('m1', 'b'), held)).toBe(false);
    expect(test(releaseFilter('m1', 'a'), held)).toBe(true);
    expect(test(releaseFilter('m1', null), held)).toBe(true);
    expect(test(releaseFilter('m1', null), m)).toBe(false);
  });
});

describe('the queue filter and order', () => {
  const t = (min: number) => new Date(Date.UTC(2026, 10, 20, 8, min)).toISOString();
  const docs = [
    mention('a', { createdAt: t(5), author: { id: '1', handle: 'a', followers: 10 } }, { urgency: 'low' }),
    mention('b', { createdAt: t(9), author: { id: '2', handle: 'b', followers: 10 } }, { urgency: 'high' }),
    mention('c', { createdAt: t(1), author: { id: '3', handle: 'c', followers: 10 } }, { urgency: 'medium' }),
    mention('d', { createdAt: t(1), author: { id: '4', handle: 'd', followers: 5000 } }, { urgency: 'medium' }),
    mention('e', { createdAt: t(2), author: { id: '5', handle: 'e', followers: 10 }, text: 'مجاري (a.b) مسدودة' }, { urgency: 'high', primaryDomain: 'drainage' }),
    { ...mention('f', {}, {}), status: 'replied' as const },
  ];

  it('orders by urgency, waiting time, then author reach, and continues strictly after a cursor', () => {
    const q = { status: 'needs_reply' as const, now: NOW };
    const all = sorted(docs, queueFilter(q), QUEUE_SORT);
    expect(all.map((d) => d._id)).toEqual(['e', 'b', 'd', 'c', 'a']);
    const after = sorted(docs, { $and: [queueFilter(q), queueCursorFilter(queueCursorOf(all[2]))] }, QUEUE_SORT);
    expect(after.map((d) => d._id)).toEqual(['c', 'a']);
  });

  it('searches the normalized text literally (regex characters are escaped)', () => {
    const q = { status: 'needs_reply' as const, now: NOW };
    // searchText is normalizeForSearch(text): here 'مجاري ( a. b) مسدوده'
    expect(sorted(docs, queueFilter({ ...q, q: '( a. b)' }), QUEUE_SORT).map((d) => d._id)).toEqual(['e']);
    expect(sorted(docs, queueFilter({ ...q, q: '( ax b)' }), QUEUE_SORT)).toEqual([]);
    expect(sorted(docs, queueFilter({ ...q, q: 'مسدوده' }), QUEUE_SORT).map((d) => d._id)).toEqual(['e']);
  });

  it('filters by assignee with lease expiry, and by channel name or network', () => {
    const claimed = docs.map((d) => (d._id === 'a' ? { ...d, claim: { by: 'u1', until: LATER } } : d._id === 'b' ? { ...d, claim: { by: 'u1', until: EARLIER } } : d));
    const q = { status: 'needs_reply' as const, now: NOW };
    expect(sorted(claimed, queueFilter({ ...q, assignee: 'u1' }), QUEUE_SORT).map((d) => d._id)).toEqual(['a']);
    expect(sorted(claimed, queueFilter({ ...q, assignee: 'none' }), QUEUE_SORT).map((d) => d._id)).toEqual(['e', 'b', 'd', 'c']);
    expect(sorted(docs, queueFilter({ ...q, channel: 'x', domain: 'drainage' }), QUEUE_SORT).map((d) => d._id)).toEqual(['e']);
  });
});

describe('reply outbox filters', () => {
  const reply = (id: string, createdAt: string, extra: object = {}) => ({ _id: id, state: 'queued', createdAt, ...extra });

  it('take the oldest due queued reply, skipping ones waiting for their next attempt', () => {
    const docs = [
      reply('late', EARLIER, { nextAttemptAt: LATER }),
      reply('second', NOW),
      reply('first', EARLIER, { nextAttemptAt: NOW }),
      reply('sending', EARLIER, { state: 'sending' }),
    ];
    expect(sorted(docs, dueQueuedFilter(NOW), TAKE_NEXT_SORT).map((d) => d._id)).toEqual(['first', 'second']);
  });

  it('set given fields, remove null ones and leave undefined ones alone', () => {
    const doc = { _id: 'r', state: 'sending', error: 'old', nextAttemptAt: LATER, url: 'u' };
    applyUpdate(doc as AnyObject, replyChangeUpdate({ state: 'queued', error: null, nextAttemptAt: NOW, externalId: undefined }, NOW) as AnyObject);
    expect(doc).toEqual({ _id: 'r', state: 'queued', nextAttemptAt: NOW, url: 'u', updatedAt: NOW });
  });
});

describe('case outbox filter', () => {
  it('takes pending messages due now, oldest attempt first, then in insertion order', () => {
    const docs = [
      { _id: 'b', order: '2', state: 'pending', nextAttemptAt: EARLIER },
      { _id: 'c', order: '1', state: 'pending', nextAttemptAt: EARLIER },
      { _id: 'a', order: '3', state: 'pending', nextAttemptAt: LATER },
      { _id: 'd', order: '0', state: 'delivered', nextAttemptAt: EARLIER },
    ];
    expect(sorted(docs, dueFilter(NOW), DUE_SORT).map((d) => d._id)).toEqual(['c', 'b']);
  });
});

describe('case de-dup and changes', () => {
  const HOUR = 3_600_000;
  const newCase = { domain: 'roads' as const, unit: 'U1', urgency: 'medium' as const, location: { block: '338', road: '3801' }, citizen: { channel: 'x', handle: 'c' }, openedAt: NOW, slaDueAt: LATER, prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system' };
  const caseDoc = (id: string, over: Partial<CaseDoc>): CaseDoc => ({ ...newCaseDoc(id, newCase, { authorKey: 'x:a1', complaintAt: NOW, onOpened: [], newId: () => id }), number: id, ...over });
  const req = (location: CaptureRequest['newCase']['location']): CaptureRequest => ({
    mentionId: 'm', newCase: { ...newCase, location }, dedup: { sameAuthorMs: 72 * HOUR, samePlaceMs: 24 * HOUR }, onOpened: [],
  });
  const at = (ms: number) => new Date(Date.parse(NOW) + ms).toISOString();

  it('match an open case of the domain by author within 72 h or by block/road within 24 h', () => {
    const cases = [
      caseDoc('author', { lastComplaintAt: at(-70 * HOUR), block: null, road: null }),
      caseDoc('author-late', { lastComplaintAt: at(-73 * HOUR), block: null, road: null }),
      caseDoc('block', { authorKey: 'x:other', lastComplaintAt: at(-20 * HOUR), road: null }),
      caseDoc('block-old', { authorKey: 'x:other', lastComplaintAt: at(-25 * HOUR) }),
      caseDoc('resolved', { status: 'resolved', lastComplaintAt: NOW }),
      caseDoc('drainage', { domain: 'drainage', lastComplaintAt: NOW }),
    ];
    const ids = (location: CaptureRequest['newCase']['location'], authorKey = 'x:a1') =>
      sorted(cases, openMatchFilter(req(location), authorKey, NOW), { lastComplaintAt: -1 }).map((c) => c._id);
    expect(ids({ block: '338' })).toEqual(['block', 'author']);
    expect(ids({}, 'x:nobody')).toEqual([]);
    expect(ids({ road: '3801' }, 'x:nobody')).toEqual([]);
    expect(ids({ block: '338' }, 'x:nobody')).toEqual(['block']);
  });

  it('write one case change: reopening clears resolution and assignee, history in order, once-keys once', () => {
    const doc = caseDoc('c', { status: 'resolved', resolvedAt: NOW, assignee: 'u2', onceKeys: ['status:resolved'] });
    const notice = [{ topic: 'citizen_reply' as const, destination: 'case_status', onceKey: 'status:resolved' }, { topic: 'webhook' as const, destination: 'http://h' }];
    const u: CaseUpdate = { status: 'open', assignee: null, unit: 'U2', actor: 'sup', at: LATER, onStatusChanged: notice };
    let n = 0;
    const { update } = caseChange(doc, u, () => `o${++n}`);
    const after = JSON.parse(JSON.stringify(doc));
    applyUpdate(after, update as AnyObject);
    expect(after.resolvedAt).toBeUndefined();
    expect(after.assignee).toBeUndefined();
    expect(after).toMatchObject({ status: 'open', unit: 'U2', updatedAt: LATER });
    expect(after.history.slice(1).map((h: { action: string }) => h.action)).toEqual(['status_changed', 'unit_assigned', 'user_assigned']);
    expect(after.pendingOutbox).toEqual([{ id: 'o1', topic: 'webhook', destination: 'http://h', event: 'case.status_changed', at: LATER }]);
  });
});
