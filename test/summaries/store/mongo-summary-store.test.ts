/**
 * The SummaryStore contract on MongoDB: always on the in-memory stand-in for the driver (mingo
 * evaluates the pipelines; see test/store/mongodb/fake-mongo.ts), as a standalone server and as a
 * replica set; against a real server only when MONGODB_URI is set (`npm run test:mongo`), each
 * test on a fresh database dropped afterwards.
 */
import { randomUUID } from 'node:crypto';
import { MongoClient } from 'mongodb';
import { createMongoStores } from '../../../src/stores/mongo-stores';
import { inMemoryMongoStore } from '../../store/mongodb/in-memory-store';
import { seedThrough } from './store-seed';
import { summaryStoreContract } from './summary-store.contract';

for (const transactions of [false, true]) {
  summaryStoreContract(`mongodb in memory (${transactions ? 'replica set: transactions' : 'standalone: no transactions'})`, async () => {
    const { store } = await inMemoryMongoStore({ transactions });
    return { store: store.summaries, seed: seedThrough(store), close: () => store.close() };
  });
}

const uri = process.env.MONGODB_URI;

if (uri) {
  summaryStoreContract('mongodb', async () => {
    const dbName = `rasid_test_${randomUUID().slice(0, 8)}`;
    const store = await createMongoStores({ uri, dbName, serverSelectionTimeoutMS: 5_000 });
    return {
      store: store.summaries,
      seed: seedThrough(store),
      close: async () => {
        await store.close();
        const client = await MongoClient.connect(uri, { serverSelectionTimeoutMS: 5_000 });
        try {
          await client.db(dbName).dropDatabase();
        } finally {
          await client.close();
        }
      },
    };
  });
} else {
  describe('SummaryStore contract: mongodb', () => {
    it.skip('skipped: set MONGODB_URI (or run `npm run test:mongo`) to run the contract against MongoDB', () => {});
  });
}
