/**
 * The whole Store contract against MongoStore on an in-memory stand-in for the driver (mingo
 * evaluates every filter, update and pipeline; see fake-mongo.ts for what it models), once as a
 * standalone server (no transactions: the case lock and the idempotent orderings) and once as a
 * replica set (transactions, run one at a time and rolled back on error). It checks the adapter's
 * logic without a mongod; `npm run test:mongo` runs the same contract against a real server.
 */
import type { Db, MongoClient } from 'mongodb';
import { MongoStore } from '../../../src/store/mongodb';
import { MongoTransactions } from '../../../src/store/mongodb/transactions';
import { storeContract } from '../../store.contract';
import { FakeDb } from './fake-mongo';

async function inMemoryStore(transactions: boolean): Promise<MongoStore> {
  const fake = new FakeDb();
  const client = fake.client() as unknown as MongoClient;
  const store = new MongoStore(client, fake as unknown as Db, new MongoTransactions(client, transactions));
  await store.init();
  return store;
}

for (const transactions of [false, true]) {
  storeContract(`mongodb in memory (${transactions ? 'replica set: transactions' : 'standalone: no transactions'})`, async () => ({
    store: await inMemoryStore(transactions),
    cleanup: async () => undefined,
  }));
}
