/**
 * Named integer sequences on MongoDB (one document per name, `$inc` in one atomic operation).
 * Used where SQLite has an AUTOINCREMENT key that is also the order, e.g. the audit trail. A
 * sequence is derived data: store:copy does not carry it but raises it past imported keys.
 */
import type { ClientSession, Collection, Db } from 'mongodb';

export const SEQUENCES_COLLECTION = 'sequences';

interface SequenceDoc {
  _id: string;
  last: number;
}

export class Sequences {
  private readonly sequences: Collection<SequenceDoc>;

  constructor(db: Db) {
    this.sequences = db.collection<SequenceDoc>(SEQUENCES_COLLECTION);
  }

  /** The next value (1, 2, ...). Never hands one value out twice; a crash may skip one. */
  async next(name: string, session?: ClientSession): Promise<number> {
    const doc = await this.sequences.findOneAndUpdate({ _id: name }, { $inc: { last: 1 } }, { upsert: true, returnDocument: 'after', session });
    return (doc as SequenceDoc).last;
  }

  /** Makes sure the next value is above `value` (after importing records with their own keys). */
  async raiseTo(name: string, value: number): Promise<void> {
    await this.sequences.updateOne({ _id: name }, { $max: { last: value } }, { upsert: true });
  }
}
