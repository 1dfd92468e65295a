/**
 * The schema version a MongoDB database records (src/store/mongodb/schema-meta.ts), on the
 * in-memory driver stand-in: a database a newer release prepared is refused at start before
 * anything touches it, also through createMongoStores (not hidden as "unreachable"), and a start
 * that moves the version says from which to which (the service logs it).
 */
import type { Db, MongoClient } from 'mongodb';
import { MONGO_SCHEMA_VERSION } from '../../../src/store/mongodb/schema-meta';
import { MongoTransactions } from '../../../src/store/mongodb/transactions';
import { StoreError } from '../../../src/store/store-error';
import { createMongoStores, mongoStoresOn } from '../../../src/stores/mongo-stores';
import { FakeDb } from './fake-mongo';
import { inMemoryMongoStore } from './in-memory-store';

/** createMongoStores connects through connectMongo: here it hands over the current stand-in. */
let mockConnected: FakeDb | undefined;
jest.mock('../../../src/store/mongodb/mongo-connect', () => {
  const actual = jest.requireActual('../../../src/store/mongodb/mongo-connect');
  return {
    ...actual,
    connectMongo: async () => {
      if (!mockConnected) throw new Error('no stand-in');
      const client = mockConnected.client() as unknown as MongoClient;
      return { client, db: mockConnected as unknown as Db, tx: new MongoTransactions(client, false) };
    },
  };
});

const restart = (fake: FakeDb) => mongoStoresOn(fake.client() as unknown as MongoClient, fake as unknown as Db, new MongoTransactions(fake.client() as unknown as MongoClient, false));

const TOO_NEW = `the MongoDB database rasid_test was written by a newer Rasid (schema ${MONGO_SCHEMA_VERSION + 1}; this release knows up to ${MONGO_SCHEMA_VERSION}): run that release, or restore a backup`;

describe('MongoDB schema version', () => {
  afterEach(() => {
    mockConnected = undefined;
  });

  it('tells what a start moved it from and to, and nothing when it was already this release\'s', async () => {
    const { store, fake } = await inMemoryMongoStore();
    expect(store.migrated).toEqual({ from: 0, to: MONGO_SCHEMA_VERSION });
    expect((await restart(fake)).migrated).toBeUndefined();
    await fake.collection('meta').updateOne({ _id: 'schema' }, { $set: { version: MONGO_SCHEMA_VERSION - 1 } });
    expect((await restart(fake)).migrated).toEqual({ from: MONGO_SCHEMA_VERSION - 1, to: MONGO_SCHEMA_VERSION });
  });

  it('refuses a database a newer release prepared (store_too_new), before creating an index or recording anything', async () => {
    const { fake } = await inMemoryMongoStore();
    await fake.collection('meta').updateOne({ _id: 'schema' }, { $set: { version: MONGO_SCHEMA_VERSION + 1, preparedAt: '2026-12-09T00:00:00.000Z' } });
    // an index the newer release dropped: this release must not bring it back
    const mentionIndexes = fake.collection('mentions').indexSpecs;
    mentionIndexes.length = 0;
    const refused = restart(fake);
    await expect(refused).rejects.toBeInstanceOf(StoreError);
    await expect(refused).rejects.toMatchObject({ code: 'store_too_new', message: TOO_NEW });
    expect(mentionIndexes).toEqual([]);
    expect(await fake.collection('meta').findOne({ _id: 'schema' })).toMatchObject({ version: MONGO_SCHEMA_VERSION + 1, preparedAt: '2026-12-09T00:00:00.000Z' });
  });

  it('createMongoStores passes the refusal on as it is (exit 3 with its own words), not as "MongoDB unreachable"', async () => {
    const { fake } = await inMemoryMongoStore();
    await fake.collection('meta').updateOne({ _id: 'schema' }, { $set: { version: MONGO_SCHEMA_VERSION + 1 } });
    mockConnected = fake;
    await expect(createMongoStores({ uri: 'mongodb://127.0.0.1:1/rasid_test', dbName: 'rasid_test' })).rejects.toMatchObject({ code: 'store_too_new', message: TOO_NEW });
  });
});
