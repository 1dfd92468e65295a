/**
 * Job leases on MongoDB: one document per lease name. Expiry uses the SERVER clock ($$NOW), so
 * instances with skewed clocks still agree on when a lease has expired.
 *
 * acquire is one atomic findOneAndUpdate on { _id: name } with an update pipeline that takes the
 * lease only when it is free, expired or already ours, and otherwise writes the old values back;
 * the returned holder says who holds it now. (The condition sits in the pipeline, not in the
 * filter, because an upsert's filter may not use $expr.)
 */
import { MongoServerError, type Collection, type Db } from 'mongodb';
import { LEASES_COLLECTION } from '../../store/mongodb/collection-names';
import type { LeaseStore } from './lease-store';

interface LeaseDoc {
  _id: string;
  holder: string;
  expiresAt: Date;
  acquiredAt: Date;
}

/**
 * Aggregation condition: the current document may be taken by `holder`: it is new (no holder
 * yet; said explicitly rather than relying on how a missing field compares), ours, or expired.
 */
function takeable(holder: string) {
  return {
    $or: [{ $eq: [{ $type: '$holder' }, 'missing'] }, { $eq: ['$holder', holder] }, { $lte: ['$expiresAt', '$$NOW'] }],
  };
}

/** Pipeline update for acquire: new holder and expiry when takeable, unchanged otherwise. */
export function acquireLeasePipeline(holder: string, ttlMs: number) {
  const ifTakeable = (then: unknown, otherwise: unknown) => ({ $cond: [takeable(holder), then, otherwise] });
  return [
    {
      $set: {
        acquiredAt: { $cond: [{ $eq: ['$holder', holder] }, '$acquiredAt', ifTakeable('$$NOW', '$acquiredAt')] },
        expiresAt: ifTakeable({ $add: ['$$NOW', ttlMs] }, '$expiresAt'),
        holder: ifTakeable(holder, '$holder'),
      },
    },
  ];
}

/** Pipeline update for renew (filter already requires the holder). */
export function renewLeasePipeline(ttlMs: number) {
  return [{ $set: { expiresAt: { $add: ['$$NOW', ttlMs] } } }];
}

const DUPLICATE_KEY = 11000;

export class MongoLeaseStore implements LeaseStore {
  private readonly leases: Collection<LeaseDoc>;

  constructor(db: Db) {
    this.leases = db.collection<LeaseDoc>(LEASES_COLLECTION);
  }

  async acquireLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    // Two first-time acquirers can race on the insert; the loser retries once and sees the winner.
    for (let attempt = 0; ; attempt++) {
      try {
        const doc = await this.leases.findOneAndUpdate({ _id: name }, acquireLeasePipeline(holder, ttlMs), {
          upsert: true,
          returnDocument: 'after',
        });
        return doc?.holder === holder;
      } catch (err) {
        if (attempt === 0 && err instanceof MongoServerError && err.code === DUPLICATE_KEY) continue;
        throw err;
      }
    }
  }

  async renewLease(name: string, holder: string, ttlMs: number): Promise<boolean> {
    const res = await this.leases.updateOne({ _id: name, holder }, renewLeasePipeline(ttlMs));
    return res.matchedCount === 1;
  }

  async releaseLease(name: string, holder: string): Promise<void> {
    await this.leases.deleteOne({ _id: name, holder });
  }
}
