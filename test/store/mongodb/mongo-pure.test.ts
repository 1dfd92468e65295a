/**
 * The MongoDB adapter's pure parts, checked without a server: filters and update pipelines are
 * evaluated with mingo (an in-memory implementation of MongoDB's query and aggregation language),
 * mappers are round-tripped. The adapter against a real mongod: test/store/mongodb.test.ts.
 */
import { aggregate, Query } from 'mingo';
/** mingo's document type (its subpath types do not resolve under moduleResolution node10). */
type AnyObject = Parameters<Query['test']>[0];
import type { ChannelState } from '../../../src/domain';
import { docToChannelState, healthUpdate } from '../../../src/mentions/store/mongo-channel-state-store';
import { acquireLeasePipeline, renewLeasePipeline } from '../../../src/scheduler/store/mongo-lease-store';
import { docToMention, insertFields, mentionListFilter, mentionUpsert, type MentionDoc } from '../../../src/store/mongodb/mention-docs';
import { databaseInUri, redactMongoUri } from '../../../src/store/mongodb/mongo-uri';
import { helloSupportsTransactions } from '../../../src/store/mongodb/transactions';
import { encodePageCursor } from '../../../src/store/page-cursor';
import { buildClassified } from '../../support/builders';

function mentionDoc(overrides: Partial<MentionDoc> & { minute: number }): MentionDoc {
  const { minute, ...rest } = overrides;
  const createdAt = new Date(Date.UTC(2026, 10, 1, 10, minute)).toISOString();
  const doc = insertFields(`id-${String(minute).padStart(2, '0')}`, 'replay', buildClassified({ createdAt }), createdAt) as MentionDoc;
  return { ...doc, engagement: 0, ...rest };
}

describe('mentionListFilter', () => {
  const docs = [
    mentionDoc({ minute: 1, network: 'x', primaryDomain: 'roads' }),
    mentionDoc({ minute: 2, network: 'instagram', primaryDomain: 'drainage', status: 'replied' }),
    mentionDoc({ minute: 3, network: 'x', primaryDomain: 'drainage' }),
    mentionDoc({ minute: 4, channel: 'x', network: 'x', primaryDomain: 'roads' }),
  ];
  const ids = (filter: object) => docs.filter((d) => new Query(filter as AnyObject).test(d as unknown as AnyObject)).map((d) => d._id);

  it('matches a channel by channel name or by network, like the SQLite adapter', () => {
    expect(ids(mentionListFilter({ channel: 'x' }))).toEqual(['id-01', 'id-03', 'id-04']);
    expect(ids(mentionListFilter({ channel: 'replay' }))).toEqual(['id-01', 'id-02', 'id-03']);
  });

  it('combines domain, status and since filters', () => {
    expect(ids(mentionListFilter({ domain: 'drainage', status: 'needs_reply' }))).toEqual(['id-03']);
    expect(ids(mentionListFilter({ since: docs[2].createdAt }))).toEqual(['id-03', 'id-04']);
    expect(mentionListFilter({})).toEqual({});
  });

  it('continues strictly after the cursor position in (createdAt desc, id desc) order', () => {
    const cursor = encodePageCursor([docs[2].createdAt, docs[2]._id]);
    expect(ids(mentionListFilter({ cursor }))).toEqual(['id-01', 'id-02']);
    const tie = { ...docs[2], _id: 'id-00' };
    expect(new Query(mentionListFilter({ cursor }) as AnyObject).test(tie as unknown as AnyObject)).toBe(true);
  });
});

describe('mention documents', () => {
  it('map back to the same Mention the SQLite adapter returns, without undefined fields', () => {
    const c = buildClassified({ url: 'https://x.com/a/status/1', metrics: { likes: 4 }, sources: ['mentions'] });
    const doc = { ...insertFields('m1', 'x', c, '2026-11-20T09:00:00.000Z'), metrics: { likes: 4 }, engagement: 4, sources: ['mentions'] } as MentionDoc;
    const m = docToMention(doc);
    expect(m).toEqual({
      ...c.raw,
      id: 'm1',
      channel: 'x',
      network: 'x',
      fetchedAt: '2026-11-20T09:00:00.000Z',
      classification: c.classification,
      status: 'needs_reply',
      kind: 'post',
      replyable: true,
    });
    expect(Object.values(doc).includes(undefined)).toBe(false);
  });

  it('mark needs_reply complaints with a domain as pending case capture, and rank urgency', () => {
    const high = insertFields('a', 'x', buildClassified({}, { urgency: 'high' }), 't');
    expect(high).toMatchObject({ capturePending: true, urgencyRank: 0 });
    const praise = insertFields('b', 'x', buildClassified({}, { intent: 'praise' }), 't');
    expect(praise.capturePending).toBe(false);
  });

  it('upsert only fresh metrics and the union of sources onto a known mention', () => {
    const known = { ...mentionDoc({ minute: 1 }), metrics: { likes: 1 }, sources: ['mentions'] };
    const { filter, update } = mentionUpsert('new-id', 'replay', buildClassified({ externalId: known.externalId, metrics: { likes: 9 }, sources: ['query:x', 'mentions'] }), 't2');
    expect(filter).toEqual({ channel: 'replay', externalId: known.externalId });
    const [after] = aggregate([known as unknown as AnyObject], toPipeline(update));
    expect(after).toMatchObject({ _id: known._id, metrics: { likes: 9 }, engagement: 9, sources: ['mentions', 'query:x'] });
  });
});

/** $set/$addToSet of an update document as an aggregation pipeline on an existing document. */
function toPipeline(update: Record<string, unknown>): AnyObject[] {
  const stages: AnyObject[] = [];
  if (update.$set) stages.push({ $set: update.$set });
  const add = update.$addToSet as Record<string, { $each: unknown[] }> | undefined;
  if (add) for (const [k, v] of Object.entries(add)) stages.push({ $set: { [k]: { $setUnion: [`$${k}`, v.$each] } } });
  return stages;
}

describe('channel state documents', () => {
  it('set given health fields, remove those given as undefined, and never touch the cursor', () => {
    const u = healthUpdate({ health: 'ok', consecutiveFailures: 0, backoffUntil: undefined, updatedAt: 'ignored' } as Partial<ChannelState>, 'now');
    expect(u).toEqual({ $set: { health: 'ok', consecutiveFailures: 0, updatedAt: 'now' }, $unset: { backoffUntil: '' }, $setOnInsert: { cursor: null } });
    expect(healthUpdate({ lastPollAt: 't' }, 'now').$setOnInsert).toEqual({ cursor: null, health: 'ok', consecutiveFailures: 0 });
  });

  it('read back with defaults for a channel that only has a cursor', () => {
    expect(docToChannelState({ _id: 'x', cursor: 'c1', updatedAt: 't' })).toEqual({
      channel: 'x', cursor: 'c1', health: 'ok', consecutiveFailures: 0, updatedAt: 't',
    });
  });
});

describe('lease pipelines (server clock $$NOW)', () => {
  const past = new Date(Date.now() - 60_000);
  const future = new Date(Date.now() + 60_000);
  const run = (doc: object, holder: string) => aggregate([doc], acquireLeasePipeline(holder, 30_000))[0] as Record<string, unknown>;

  it('give a free (new) lease to the caller', () => {
    expect(run({ _id: 'job:poll:x' }, 'b').holder).toBe('b');
  });

  it('leave a live lease of another holder untouched', () => {
    const held = { _id: 'job', holder: 'a', expiresAt: future, acquiredAt: past };
    expect(run(held, 'b')).toEqual(held);
  });

  it('hand an expired lease over, and let the holder extend its own keeping acquiredAt', () => {
    const expired = run({ _id: 'job', holder: 'a', expiresAt: past, acquiredAt: past }, 'b');
    expect(expired.holder).toBe('b');
    expect((expired.expiresAt as Date).getTime()).toBeGreaterThan(Date.now());
    const own = run({ _id: 'job', holder: 'a', expiresAt: future, acquiredAt: past }, 'a');
    expect(own).toMatchObject({ holder: 'a', acquiredAt: past });
    expect((own.expiresAt as Date).getTime()).toBeGreaterThan(Date.now());
  });

  it('renew to now + ttl', () => {
    const [doc] = aggregate([{ _id: 'job', holder: 'a', expiresAt: past }], renewLeasePipeline(30_000)) as { expiresAt: Date }[];
    expect(doc.expiresAt.getTime()).toBeGreaterThan(Date.now() + 20_000);
  });
});

describe('connection helpers', () => {
  it.each([
    ['mongodb://rasid:s3cret@db1:27017,db2/rasid?replicaSet=rs0', 'mongodb://rasid:***@db1:27017,db2/rasid?replicaSet=rs0'],
    ['mongodb+srv://user:p%40ss@cluster.example/rasid', 'mongodb+srv://user:***@cluster.example/rasid'],
    ['mongodb://localhost:27017', 'mongodb://localhost:27017'],
  ])('redacts the password in %s', (uri, redacted) => {
    expect(redactMongoUri(uri)).toBe(redacted);
  });

  it('reads the database name from the URI path', () => {
    expect(databaseInUri('mongodb://h:1/rasid_prod?authSource=admin')).toBe('rasid_prod');
    expect(databaseInUri('mongodb://h:1/')).toBeUndefined();
  });

  it('detects transactions on a replica set member and on mongos only', () => {
    expect(helloSupportsTransactions({ setName: 'rs0' })).toBe(true);
    expect(helloSupportsTransactions({ msg: 'isdbgrid' })).toBe(true);
    expect(helloSupportsTransactions({ msg: undefined })).toBe(false);
  });
});
