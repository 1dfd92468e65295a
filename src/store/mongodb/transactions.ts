/**
 * Atomicity on MongoDB. A replica set or sharded cluster runs multi-document changes in a real
 * transaction (session.withTransaction, retried by the driver on transient errors). A standalone
 * mongod has no transactions: the same function then runs without a session, and every such
 * function is written as an ordering of idempotent writes that is safe to interrupt and repeat
 * (see the README section "MongoDB: atomicity").
 */
import type { ClientSession, Db, MongoClient } from 'mongodb';

/** A replica set member reports setName; mongos answers hello with msg 'isdbgrid'. */
export function helloSupportsTransactions(hello: { setName?: unknown; msg?: unknown }): boolean {
  return typeof hello.setName === 'string' || hello.msg === 'isdbgrid';
}

export async function detectTransactions(db: Db): Promise<boolean> {
  const hello = await db.admin().command({ hello: 1 });
  return helloSupportsTransactions(hello);
}

export class MongoTransactions {
  constructor(
    private readonly client: MongoClient,
    /** True on a replica set / mongos (detected once at start with `hello`). */
    readonly supported: boolean,
  ) {}

  /**
   * Runs `work` in a transaction when the deployment supports it, else directly with no session.
   * `work` may run more than once (transient transaction errors): it must not keep state across
   * attempts and must rethrow every error it sees.
   */
  async run<T>(work: (session: ClientSession | undefined) => Promise<T>): Promise<T> {
    if (!this.supported) return work(undefined);
    return this.client.withSession((session) => session.withTransaction(() => work(session)));
  }
}
