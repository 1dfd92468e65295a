/** A MongoStore on the in-memory driver stand-in (fake-mongo.ts), for tests that need no server. */
import type { Db, MongoClient } from 'mongodb';
import { MongoStore } from '../../../src/store/mongodb';
import { MongoTransactions } from '../../../src/store/mongodb/transactions';
import { FakeDb } from './fake-mongo';

export async function inMemoryMongoStore(opts: { transactions?: boolean } = {}): Promise<{ store: MongoStore; fake: FakeDb }> {
  const fake = new FakeDb();
  const client = fake.client() as unknown as MongoClient;
  const store = new MongoStore(client, fake as unknown as Db, new MongoTransactions(client, opts.transactions ?? false));
  await store.init();
  return { store, fake };
}
