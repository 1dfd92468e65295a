/** The MongoDB stores on the in-memory driver stand-in (fake-mongo.ts), for tests that need no server. */
import type { Db, MongoClient } from 'mongodb';
import { mongoStoresOn, type MongoStores } from '../../../src/stores/mongo-stores';
import { MongoTransactions } from '../../../src/store/mongodb/transactions';
import { FakeDb } from './fake-mongo';

export async function inMemoryMongoStore(opts: { transactions?: boolean } = {}): Promise<{ store: MongoStores; fake: FakeDb }> {
  const fake = new FakeDb();
  const client = fake.client() as unknown as MongoClient;
  const store = await mongoStoresOn(client, fake as unknown as Db, new MongoTransactions(client, opts.transactions ?? false));
  return { store, fake };
}
