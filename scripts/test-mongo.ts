/**
 * `npm run test:mongo`: starts a throwaway mongod as a single-node REPLICA SET (so the adapter's
 * transaction path runs), points MONGODB_URI at it and runs the MongoDB store tests (the store
 * contract, the weekly summary store and the store copy) with jest.
 *
 * mongodb-memory-server-core downloads the server binary on first use (cached in
 * ~/.cache/mongodb-binaries), or uses MONGOMS_SYSTEM_BINARY=/path/to/mongod. Where neither works
 * (no internet, no binary) this exits non-zero and says how to test against a running server
 * instead: never a silent pass. Extra arguments are passed to jest.
 */
import { spawnSync } from 'node:child_process';
import { MongoMemoryReplSet } from 'mongodb-memory-server-core';
import { childEnvironment } from '../src/config';

// Every suite that runs against a real server when MONGODB_URI is set: the store contract, the
// weekly summary's aggregation pipelines (test/summaries/store) and the SQLite → MongoDB copy.
const MONGO_TESTS = ['test/store/mongodb.test.ts', 'test/store/mongodb', 'test/summaries/store/mongo-summary-store.test.ts', 'test/scripts/store-copy.test.ts'];

const HOW_TO_USE_A_SERVER = `
To run the MongoDB tests against a server you already have (a replica set is best, even a single
node: 'mongod --replSet rs0' then 'rs.initiate()' in mongosh):

  MONGODB_URI='mongodb://127.0.0.1:27017/?replicaSet=rs0' npx jest ${MONGO_TESTS.join(' ')}

or give this script a local binary:  MONGOMS_SYSTEM_BINARY=/usr/bin/mongod npm run test:mongo
`;

async function startReplicaSet(): Promise<MongoMemoryReplSet> {
  try {
    return await MongoMemoryReplSet.create({ replSet: { count: 1, storageEngine: 'wiredTiger' } });
  } catch (err) {
    process.stderr.write(
      `test:mongo: could not start a throwaway mongod: ${(err as Error).message}\n` +
        'No MongoDB server binary could be found or downloaded here, so the MongoDB store tests did NOT run.\n' +
        HOW_TO_USE_A_SERVER,
    );
    process.exit(2);
  }
}

async function main(): Promise<void> {
  const replSet = await startReplicaSet();
  const uri = replSet.getUri();
  process.stderr.write(`test:mongo: single-node replica set at ${uri}\n`);
  let status = 1;
  try {
    const jest = spawnSync(process.execPath, [require.resolve('jest/bin/jest'), ...MONGO_TESTS, ...process.argv.slice(2)], {
      stdio: 'inherit',
      // The child jest is a whole new run: hand it this environment plus the throwaway server's URI.
      env: childEnvironment({ MONGODB_URI: uri }),
    });
    status = jest.status ?? 1;
  } finally {
    await replSet.stop();
  }
  process.exit(status);
}

void main();
