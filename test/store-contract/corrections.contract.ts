/** Contract: classification corrections (correctClassification, listCorrectedMentions) and unlinking a mention from its case. */
import type { Classification, RawMention } from '../../src/domain';
import { buildClassified } from '../support/builders';
import type { Stores } from '../../src/stores/stores';
import type { CorrectionInput } from '../../src/corrections/store/correction-store';
import type { NewCase } from '../../src/cases/store/case-store';

const HOUR = 3_600_000;
const DEDUP = { sameAuthorMs: 72 * HOUR, samePlaceMs: 24 * HOUR };

const NEW_CASE: NewCase = {
  domain: 'roads',
  unit: 'Roads Maintenance Directorate',
  urgency: 'medium',
  location: {},
  citizen: { channel: 'x', handle: 'citizen' },
  openedAt: '2026-11-20T08:00:00.000Z',
  slaDueAt: '2026-11-21T08:00:00.000Z',
  prefix: 'MOW',
  year: 2026,
  source: 'ingest',
  actor: 'system',
};

function correction(overrides: Partial<CorrectionInput> = {}): CorrectionInput {
  return { domain: 'drainage', intent: 'inquiry', by: 'user-1', at: '2026-11-20T10:00:00.000Z', ...overrides };
}

type Needs = Omit<Stores, 'kind' | 'summaries'>;

export function correctionContract(get: () => Needs): void {
  let store: Needs;
  beforeEach(() => {
    store = get();
  });

  async function ingest(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}): Promise<string> {
    const { inserted } = await store.mentions.ingestBatch('x', [buildClassified(raw, c)], null);
    return inserted[0].id;
  }

  it('stores the corrected domain and intent and keeps the machine values with who corrected and when', async () => {
    const id = await ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    const r = await store.corrections.correctClassification(id, correction({ note: 'about a blocked drain' }));
    expect(r?.before.classification).toMatchObject({ primaryDomain: 'roads', intent: 'complaint' });
    const stored = await store.mentions.getMention(id);
    expect(stored?.classification).toMatchObject({
      primaryDomain: 'drainage',
      intent: 'inquiry',
      urgency: 'medium',
      correction: { by: 'user-1', at: '2026-11-20T10:00:00.000Z', from: { domain: 'roads', intent: 'complaint' }, note: 'about a blocked drain' },
    });
    expect(r?.after.classification).toEqual(stored?.classification);
  });

  it('keeps the first machine values when a mention is corrected twice', async () => {
    const id = await ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    await store.corrections.correctClassification(id, correction({ domain: 'drainage', intent: 'inquiry' }));
    await store.corrections.correctClassification(id, correction({ domain: null, intent: 'other', by: 'user-2', at: '2026-11-20T11:00:00.000Z' }));
    const c = (await store.mentions.getMention(id))?.classification;
    expect(c).toMatchObject({ primaryDomain: null, intent: 'other', correction: { by: 'user-2', from: { domain: 'roads', intent: 'complaint' } } });
  });

  it('answers null for a mention that does not exist', async () => {
    expect(await store.corrections.correctClassification('no-such-mention', correction())).toBeNull();
  });

  it('lets the queue filter and count by the corrected domain', async () => {
    const id = await ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    await store.corrections.correctClassification(id, correction({ domain: 'buildings', intent: 'complaint' }));
    const now = '2026-11-20T12:00:00.000Z';
    const page = await store.queue.listQueue({ status: 'needs_reply', domain: 'buildings', limit: 10, now });
    expect(page.items.map((m) => m.id)).toEqual([id]);
    const counts = await store.queue.countQueueByDomain({ status: 'needs_reply', now });
    expect(counts.buildings).toBe(1);
    expect(counts.roads ?? 0).toBe(0);
  });

  it('marks a mention corrected into a works complaint without a case for capture, and capture opens its case', async () => {
    const id = await ingest({}, { primaryDomain: null, intent: 'other' });
    expect(await store.cases.listCapturePending(10)).toEqual([]);
    await store.corrections.correctClassification(id, correction({ domain: 'roads', intent: 'complaint' }));
    expect((await store.cases.listCapturePending(10)).map((m) => m.id)).toEqual([id]);
    const r = await store.cases.captureMention({ mentionId: id, newCase: NEW_CASE, dedup: DEDUP, onOpened: [] });
    expect(r.outcome).toBe('opened');
    expect((await store.mentions.getMention(id))?.caseId).toBeDefined();
  });

  it('clears the capture mark when a pending complaint is corrected into something else', async () => {
    const id = await ingest({}, { primaryDomain: 'roads', intent: 'complaint' });
    expect((await store.cases.listCapturePending(10)).map((m) => m.id)).toEqual([id]);
    await store.corrections.correctClassification(id, correction({ domain: 'roads', intent: 'praise' }));
    expect(await store.cases.listCapturePending(10)).toEqual([]);
  });

  it('does not mark spam for capture, whatever it is corrected into', async () => {
    const id = await ingest({}, { primaryDomain: null, intent: 'other' });
    await store.queue.setMentionStatus(id, 'spam');
    await store.corrections.correctClassification(id, correction({ domain: 'roads', intent: 'complaint' }));
    expect(await store.cases.listCapturePending(10)).toEqual([]);
  });

  it('lists corrected mentions oldest correction first, from a time, page by page', async () => {
    const ids = [await ingest(), await ingest(), await ingest(), await ingest()];
    await store.corrections.correctClassification(ids[2], correction({ at: '2026-11-20T10:00:00.000Z' }));
    await store.corrections.correctClassification(ids[0], correction({ at: '2026-11-20T11:00:00.000Z' }));
    await store.corrections.correctClassification(ids[3], correction({ at: '2026-11-20T12:00:00.000Z' }));
    const first = await store.corrections.listCorrectedMentions({ limit: 2 });
    expect(first.items.map((m) => m.id)).toEqual([ids[2], ids[0]]);
    const second = await store.corrections.listCorrectedMentions({ limit: 2, cursor: first.nextCursor as string });
    expect(second.items.map((m) => m.id)).toEqual([ids[3]]);
    expect(second.nextCursor).toBeNull();
    const since = await store.corrections.listCorrectedMentions({ limit: 10, since: '2026-11-20T11:00:00.000Z' });
    expect(since.items.map((m) => m.id)).toEqual([ids[0], ids[3]]);
  });

  it('unlinks a mention from its case with a history entry and leaves the other mentions linked', async () => {
    const a = await ingest({ author: { id: 'same', handle: 'same' } });
    const b = await ingest({ author: { id: 'same', handle: 'same' } });
    const opened = await store.cases.captureMention({ mentionId: a, newCase: NEW_CASE, dedup: DEDUP, onOpened: [] });
    if (opened.outcome !== 'opened') throw new Error('expected a new case');
    await store.cases.captureMention({ mentionId: b, newCase: NEW_CASE, dedup: DEDUP, onOpened: [] });
    const r = await store.cases.unlinkMention(opened.case.number, a, { actor: 'user-1', at: '2026-11-20T12:00:00.000Z', note: 'not_a_complaint' });
    expect(r?.before.mentionIds.sort()).toEqual([a, b].sort());
    expect(r?.after.mentionIds).toEqual([b]);
    expect(r?.after.status).toBe('open');
    expect(r?.after.history.at(-1)).toEqual({ at: '2026-11-20T12:00:00.000Z', actor: 'user-1', action: 'mention_unlinked', from: a, note: 'not_a_complaint' });
    expect((await store.mentions.getMention(a))?.caseId).toBeUndefined();
    expect((await store.mentions.getMention(b))?.caseId).toBe(opened.case.id);
  });

  it('unlinking a mention that is not in the case changes nothing, and an unknown case answers null', async () => {
    const a = await ingest();
    const other = await ingest();
    const opened = await store.cases.captureMention({ mentionId: a, newCase: NEW_CASE, dedup: DEDUP, onOpened: [] });
    if (opened.outcome !== 'opened') throw new Error('expected a new case');
    const r = await store.cases.unlinkMention(opened.case.number, other, { actor: 'user-1', at: '2026-11-20T12:00:00.000Z' });
    expect(r?.after).toEqual(r?.before);
    expect(await store.cases.unlinkMention('MOW-2026-999999', a, { actor: 'user-1', at: '2026-11-20T12:00:00.000Z' })).toBeNull();
  });
}
