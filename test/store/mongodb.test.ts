/**
 * The Store contract on MongoDB. Runs only when MONGODB_URI points at a server (npm run
 * test:mongo starts a throwaway single-node replica set and sets it); each test gets a fresh
 * database, dropped afterwards. Without MONGODB_URI the suite is skipped with a visible reason.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createMongoStores } from '../../src/stores/mongo-stores';
import { storeContract } from '../store.contract';

const uri = process.env.MONGODB_URI;

if (uri) {
  storeContract('mongodb', async () => {
    const dbName = `rasid_test_${randomUUID().slice(0, 8)}`;
    const store = await createMongoStores({ uri, dbName, serverSelectionTimeoutMS: 5_000 });
    return {
      store,
      cleanup: async () => {
        const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });

  describe('MongoDB stores specifics', () => {
    it('creates its indexes idempotently: a second start on the same database succeeds', async () => {
      const dbName = `rasid_test_${randomUUID().slice(0, 8)}`;
      const a = await createMongoStores({ uri, dbName });
      const b = await createMongoStores({ uri, dbName });
      const names = (await b.db.collection('mentions').indexes()).map((i) => i.name);
      expect(names).toEqual(expect.arrayContaining(['channel_externalId_unique', 'queue_priority', 'created', 'capture_pending_fetched']));
      await b.db.dropDatabase();
      await Promise.all([a.close(), b.close()]);
    });
  });
} else {
  describe('Store contract: mongodb', () => {
    it.skip('skipped: set MONGODB_URI (or run `npm run test:mongo`) to run the contract against MongoDB', () => {});
  });
}

describe('createMongoStores', () => {
  it('fails with store_unavailable and a redacted URI when no server answers', async () => {
    const err = await createMongoStores({
      uri: 'mongodb://rasid:s3cret@127.0.0.1:1/rasid?directConnection=true',
      dbName: 'rasid',
      serverSelectionTimeoutMS: 300,
    }).catch((e: unknown) => e);
    expect(err).toMatchObject({ code: 'store_unavailable' });
    expect((err as Error).message).toContain('rasid:***@127.0.0.1:1');
    expect((err as Error).message).not.toContain('s3cret');
  });
});
