/** Builds every MongoDB store on one database (one client, one transactions helper). */
import type { Db, MongoClient } from 'mongodb';
import { MongoStore, createMongoStore, type MongoStoreOptions } from '../store/mongodb';
import type { MongoTransactions } from '../store/mongodb/transactions';

export type MongoStores = MongoStore;

/** Connects, detects transaction support and creates the indexes (see createMongoStore). */
export async function createMongoStores(opts: MongoStoreOptions): Promise<MongoStores> {
  return createMongoStore(opts);
}

/** The stores on a client already connected (tests give an in-memory stand-in); creates the indexes. */
export async function mongoStoresOn(client: MongoClient, db: Db, tx: MongoTransactions): Promise<MongoStores> {
  const stores = new MongoStore(client, db, tx);
  await stores.init();
  return stores;
}
