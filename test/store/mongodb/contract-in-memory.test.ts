/**
 * The whole store contract against the MongoDB stores on an in-memory stand-in for the driver (mingo
 * evaluates every filter, update and pipeline; see fake-mongo.ts for what it models), once as a
 * standalone server (no transactions: the case lock and the idempotent orderings) and once as a
 * replica set (transactions, run one at a time and rolled back on error). It checks the adapter's
 * logic without a mongod; `npm run test:mongo` runs the same contract against a real server.
 */
import { storeContract } from '../../store.contract';
import { inMemoryMongoStore } from './in-memory-store';

for (const transactions of [false, true]) {
  storeContract(`mongodb in memory (${transactions ? 'replica set: transactions' : 'standalone: no transactions'})`, async () => ({
    store: (await inMemoryMongoStore({ transactions })).store,
    cleanup: async () => undefined,
  }));
}
