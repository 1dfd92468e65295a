/**
 * The scale-out backend on the official MongoDB driver: connects, detects transaction support
 * (replica set or mongos, once with `hello`) and redacts credentials from errors. Every feature
 * store of the database shares the client and the transactions helper; src/stores/mongo-stores.ts
 * builds them.
 */
import { MongoClient, type Db } from 'mongodb';
import { redactMongoUri } from './mongo-uri';
import { MongoTransactions, detectTransactions } from './transactions';
import { StoreError } from '../store-error';

export interface MongoStoreOptions {
  /** Connection string (MONGODB_URI); credentials in it are never logged. */
  uri: string;
  /** Database name (MONGODB_DB). */
  dbName: string;
  /** How long to look for a reachable server before failing an operation. Default 10 s. */
  serverSelectionTimeoutMS?: number;
}

export interface MongoConnection {
  client: MongoClient;
  db: Db;
  tx: MongoTransactions;
}

/** Fails with StoreError('store_unavailable') naming the (redacted) URI when no server answers. */
export async function connectMongo(opts: MongoStoreOptions): Promise<MongoConnection> {
  const client = new MongoClient(opts.uri, {
    // undefined fields are left out, not stored as null: documents match what SQLite returns
    ignoreUndefined: true,
    serverSelectionTimeoutMS: opts.serverSelectionTimeoutMS ?? 10_000,
    appName: 'rasid',
  });
  try {
    await client.connect();
    const db = client.db(opts.dbName);
    return { client, db, tx: new MongoTransactions(client, await detectTransactions(db)) };
  } catch (err) {
    await client.close().catch(() => undefined);
    throw unavailable(opts, err);
  }
}

export function unavailable(opts: MongoStoreOptions, err: unknown): StoreError {
  return new StoreError('store_unavailable', `MongoDB at ${redactMongoUri(opts.uri)} (database ${opts.dbName}): ${(err as Error).message}`);
}
