/**
 * The weekly summaries' store on the backend the service runs on: the SQLite adapter on the
 * store's connection (its writes noted in the store's health), or the MongoDB adapter on its
 * database.
 */
import type { Store } from '../domain';
import { MongoStore } from '../store/mongodb';
import { SqliteStore } from '../store/sqlite';
import { MongoSummaryStore } from './store/mongodb/mongo-summary-store';
import { SqliteSummaryStore } from './store/sqlite/sqlite-summary-store';
import type { SummaryStore } from './store/summary-store';

export function createSummaryStore(store: Store): SummaryStore {
  if (store instanceof SqliteStore) return new SqliteSummaryStore(store.db, { write: (write) => store.guardWrite(write) });
  if (store instanceof MongoStore) return new MongoSummaryStore(store.db);
  throw new Error(`no weekly summary store for a ${store.kind} store`);
}
