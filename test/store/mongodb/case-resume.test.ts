/**
 * Without transactions (standalone mongod), a case change is an ordering of idempotent writes.
 * These tests leave the documents as a crash at each step would (on the in-memory driver
 * stand-in) and check the next run finishes the change: no case lost or doubled, no number
 * skipped or reused, no outbox message lost.
 */
import type { CaseDoc } from '../../../src/cases/store/mongo-case-docs';
import type { CaseCounterDoc } from '../../../src/cases/store/mongo-case-numbering';
import { buildClassified } from '../../support/builders';
import { inMemoryMongoStore } from './in-memory-store';
import type { CaptureRequest, NewCase } from '../../../src/cases/store/case-store';

const HOUR = 3_600_000;
const NEW_CASE: NewCase = {
  domain: 'roads', unit: 'U1', urgency: 'medium', location: { area: 'المحرق' }, citizen: { channel: 'x', handle: 'c' },
  openedAt: '2026-11-20T08:00:00.000Z', slaDueAt: '2026-11-21T08:00:00.000Z', prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system',
};
const ACK = [{ topic: 'citizen_reply' as const, destination: 'case_ack', onceKey: 'ack' }];

async function setup() {
  const { store, fake } = await inMemoryMongoStore({ transactions: false });
  const ingest = async (authorId: string) => (await store.mentions.ingestBatch('x', [buildClassified({ author: { id: authorId, handle: authorId } })], null)).inserted[0].id;
  const request = (mentionId: string): CaptureRequest => ({ mentionId, newCase: NEW_CASE, dedup: { sameAuthorMs: 72 * HOUR, samePlaceMs: 0 }, onOpened: ACK });
  return { store, fake, ingest, request };
}

describe('case changes on a standalone server, resumed after a crash', () => {
  it('finishes a capture whose decision was recorded but whose case was never written', async () => {
    const { store, fake, ingest, request } = await setup();
    const id = await ingest('a1');
    await fake.collection('mentions').updateOne({ _id: id }, { $set: { caseId: 'decided-case' } });
    const r = await store.cases.captureMention(request(id));
    expect(r).toMatchObject({ outcome: 'opened', case: { id: 'decided-case', number: 'MOW-2026-000001', mentionIds: [id] } });
    expect(await store.cases.listCapturePending(10)).toEqual([]);
    expect((await store.caseOutbox.listOutbox({ subject: 'MOW-2026-000001', limit: 10 })).map((m) => m.destination)).toEqual(['case_ack']);
  });

  it('stores a case whose number was taken just before a crash, before numbering the next one (no gap)', async () => {
    const { store, fake, ingest, request } = await setup();
    const first = await store.cases.captureMention(request(await ingest('a1')));
    if (first.outcome === 'not_pending') throw new Error('expected a case');
    // A crash right after the counter took number 2 for a case that was never inserted:
    const lost = { ...(await fake.collection('cases').findOne({ _id: first.case.id })), _id: 'interrupted', sourceMentionId: undefined } as Partial<CaseDoc>;
    delete lost.number;
    await fake.collection('case_counters').updateOne({ _id: 'MOW:2026' }, { $inc: { last: 1 }, $set: { pending: lost } });
    const next = await store.cases.openCase({ ...NEW_CASE, source: 'open311' }, []);
    expect(next.number).toBe('MOW-2026-000003');
    expect((await store.cases.getCaseById('interrupted'))?.number).toBe('MOW-2026-000002');
    const counter = (await fake.collection('case_counters').findOne({ _id: 'MOW:2026' })) as unknown as CaseCounterDoc;
    expect(counter.pending).toBeUndefined();
  });

  it('moves outbox messages a crash left in the case document, once', async () => {
    const { store, fake, ingest, request } = await setup();
    const r = await store.cases.captureMention(request(await ingest('a1')));
    if (r.outcome === 'not_pending') throw new Error('expected a case');
    const entry = { id: 'zz-left-behind', topic: 'webhook', destination: 'http://127.0.0.1:1/h', event: 'case.status_changed', at: NEW_CASE.openedAt };
    await fake.collection('cases').updateOne({ _id: r.case.id }, { $push: { pendingOutbox: entry } });
    await store.cases.openCase({ ...NEW_CASE, source: 'open311' }, []); // any next change finishes leftovers
    await store.cases.openCase({ ...NEW_CASE, source: 'open311' }, []);
    const msgs = await store.caseOutbox.listOutbox({ subject: r.case.number, limit: 10 });
    expect(msgs.map((m) => m.id)).toContain('zz-left-behind');
    expect(msgs.filter((m) => m.id === 'zz-left-behind')).toHaveLength(1);
    expect((msgs.find((m) => m.id === 'zz-left-behind')?.payload as { number: string }).number).toBe(r.case.number);
  });

  it('finishes a link whose history entry was written but whose mention stayed pending, without a second entry', async () => {
    const { store, fake, ingest, request } = await setup();
    const opened = await store.cases.captureMention(request(await ingest('same')));
    if (opened.outcome === 'not_pending') throw new Error('expected a case');
    const second = await ingest('same');
    // decision and the case's history entry written, then a crash before clearing capturePending
    await fake.collection('mentions').updateOne({ _id: second }, { $set: { caseId: opened.case.id } });
    await fake.collection('cases').updateOne({ _id: opened.case.id }, { $push: { history: { at: NEW_CASE.openedAt, actor: 'system', action: 'mention_linked', to: second } } });
    const r = await store.cases.captureMention(request(second));
    expect(r.outcome).toBe('linked');
    if (r.outcome === 'not_pending') return;
    expect(r.case.history.filter((h) => h.action === 'mention_linked')).toHaveLength(1);
    expect(r.case.mentionIds).toHaveLength(2);
    expect(await store.cases.listCapturePending(10)).toEqual([]);
  });

  it('gives concurrent captures of one author one case and numbers parallel openings without gaps', async () => {
    const { store, ingest, request } = await setup();
    const ids = await Promise.all(['p', 'p', 'p'].map(ingest));
    const results = await Promise.all(ids.map((id) => store.cases.captureMention(request(id))));
    expect(results.map((r) => r.outcome).sort()).toEqual(['linked', 'linked', 'opened']);
    const opened = await Promise.all(Array.from({ length: 6 }, () => store.cases.openCase({ ...NEW_CASE, source: 'open311' }, [])));
    expect(opened.map((c) => c.number).sort()).toEqual([2, 3, 4, 5, 6, 7].map((n) => `MOW-2026-${String(n).padStart(6, '0')}`));
  });
});
