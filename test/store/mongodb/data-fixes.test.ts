/**
 * MongoDB data fixes (src/store/mongodb/data-fixes.ts) on the in-memory driver stand-in: a
 * database last prepared for schema version 2 gets, at the next start, each case's first response
 * recomputed from the replies people sent (as SQLite's migration 14), once.
 */
import type { Db, MongoClient } from 'mongodb';
import { mongoStoresOn } from '../../../src/stores/mongo-stores';
import { MongoTransactions } from '../../../src/store/mongodb/transactions';
import { MONGO_SCHEMA_VERSION } from '../../../src/store/mongodb/schema-meta';
import type { NewCase } from '../../../src/cases/store/case-store';
import type { Reply } from '../../../src/domain';
import { buildClassified } from '../../support/builders';
import { inMemoryMongoStore } from './in-memory-store';

const NEW_CASE: NewCase = {
  domain: 'roads', unit: 'U1', urgency: 'medium', location: { area: 'المحرق' }, citizen: { channel: 'x', handle: 'c' },
  openedAt: '2026-11-20T08:00:00.000Z', slaDueAt: '2026-11-21T08:00:00.000Z', prefix: 'MOW', year: 2026, source: 'ingest', actor: 'system',
};

describe('MongoDB data fixes', () => {
  it("recomputes, once, each case's first response as the first reply a person sent", async () => {
    const { store, fake } = await inMemoryMongoStore();
    const restart = () => mongoStoresOn(fake.client() as unknown as MongoClient, fake as unknown as Db, new MongoTransactions(fake.client() as unknown as MongoClient, false));
    const caseWith = async (author: string, sent: { purpose?: Reply['purpose']; at: string }[], stamped: string) => {
      const id = (await store.mentions.ingestBatch('x', [buildClassified({ author: { id: author, handle: author } })], null)).inserted[0].id;
      const r = await store.cases.captureMention({ mentionId: id, newCase: NEW_CASE, dedup: { sameAuthorMs: 0, samePlaceMs: 0 }, onOpened: [] });
      if (r.outcome !== 'opened') throw new Error(r.outcome);
      for (const [i, s] of sent.entries()) {
        const { reply } = await store.replies.createReply({ mentionId: id, text: `r${i}`, author: 'x', state: 'queued', purpose: s.purpose ?? 'agent' });
        const set: Record<string, unknown> = { state: 'sent', sentAt: s.at };
        await fake.collection('replies').updateOne({ _id: reply.id }, s.purpose ? { $set: set } : { $set: set, $unset: { purpose: '' } });
      }
      await fake.collection('cases').updateOne({ _id: r.case.id }, { $set: { firstResponseAt: stamped } });
      return r.case.number;
    };
    const ackThenPerson = await caseWith('a', [{ purpose: 'case_ack', at: '2026-11-20T08:01:00.000Z' }, { purpose: 'agent', at: '2026-11-20T09:00:00.000Z' }], '2026-11-20T08:01:00.000Z');
    const ackOnly = await caseWith('b', [{ purpose: 'case_ack', at: '2026-11-20T08:02:00.000Z' }], '2026-11-20T08:02:00.000Z');
    const beforePurposes = await caseWith('c', [{ at: '2026-11-20T10:00:00.000Z' }], '2026-11-20T10:00:00.000Z');
    await fake.collection('meta').updateOne({ _id: 'schema' }, { $set: { version: 2 } });

    const next = await restart();
    expect((await next.cases.getCase(ackThenPerson))?.firstResponseAt).toBe('2026-11-20T09:00:00.000Z');
    expect((await next.cases.getCase(ackOnly))?.firstResponseAt).toBeUndefined();
    expect((await next.cases.getCase(beforePurposes))?.firstResponseAt).toBe('2026-11-20T10:00:00.000Z');
    expect((await next.status()).schemaVersion).toBe(MONGO_SCHEMA_VERSION);

    // Prepared for this version now: a later start leaves the data alone.
    await fake.collection('cases').updateOne({ number: ackOnly }, { $set: { firstResponseAt: '2026-11-20T08:02:00.000Z' } });
    await restart();
    expect((await next.cases.getCase(ackOnly))?.firstResponseAt).toBe('2026-11-20T08:02:00.000Z');
  });
});
