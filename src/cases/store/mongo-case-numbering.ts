/**
 * Gap-free case numbers on MongoDB: one counter document per (prefix, year) in `case_counters`.
 *
 * Taking a number and storing the case must happen together, or a crash in between skips a
 * number. The counter document therefore carries the case it numbers: one atomic
 * findOneAndUpdate increments `last` AND stores the (unnumbered) case in `pending`; then the case
 * is inserted with its number (an idempotent upsert by id) and `pending` is cleared. Whoever
 * finds a counter with `pending` set (the next numbering on that counter, or any start) finishes
 * that insert first. So a number is never handed out twice (atomic $inc), never skipped (the
 * case travels with its increment) and cases are numbered one at a time per counter.
 *
 * In a transaction (replica set) all of this commits at once anyway; on a standalone server the
 * caller holds the case lock (case-lock.ts), so no two numberings of one counter overlap.
 */
import type { ClientSession, Collection, Db } from 'mongodb';
import { CASE_COUNTERS_COLLECTION } from '../../store/mongodb/collection-names';
import type { CaseDoc, UnnumberedCaseDoc } from './mongo-case-docs';
import { formatCaseNumber } from './sqlite-case-rows';


export interface CaseCounterDoc {
  /** `${prefix}:${year}` */
  _id: string;
  prefix: string;
  year: number;
  last: number;
  /** The case being numbered with `last`, until it is stored. */
  pending?: UnnumberedCaseDoc;
}

export function counterKey(prefix: string, year: number): string {
  return `${prefix}:${year}`;
}

/** The update that takes the next number and records the case it belongs to (one atomic write). */
export function reserveUpdate(prefix: string, year: number, doc: UnnumberedCaseDoc) {
  return { $inc: { last: 1 }, $set: { pending: doc }, $setOnInsert: { prefix, year } };
}

export class CaseNumbering {
  private readonly counters: Collection<CaseCounterDoc>;

  constructor(
    db: Db,
    private readonly cases: Collection<CaseDoc>,
  ) {
    this.counters = db.collection<CaseCounterDoc>(CASE_COUNTERS_COLLECTION);
  }

  /** Numbers and stores a new case; returns it with its number. */
  async insertNumbered(prefix: string, year: number, doc: UnnumberedCaseDoc, session?: ClientSession): Promise<CaseDoc> {
    const key = counterKey(prefix, year);
    const leftover = await this.counters.findOne({ _id: key, pending: { $exists: true } }, { session });
    if (leftover) await this.finish(leftover, session);
    const counter = await this.counters.findOneAndUpdate({ _id: key, pending: { $exists: false } }, reserveUpdate(prefix, year, doc), {
      upsert: true,
      returnDocument: 'after',
      session,
    });
    return this.finish(counter as CaseCounterDoc, session);
  }

  /** Finishes every numbering a crash interrupted (called at start and, without transactions, before case changes). */
  async finishInterrupted(session?: ClientSession): Promise<number> {
    const leftovers = await this.counters.find({ pending: { $exists: true } }, { session }).toArray();
    for (const c of leftovers) await this.finish(c, session);
    return leftovers.length;
  }

  /** Stores the pending case with the counter's number (idempotent), then clears `pending`. */
  private async finish(counter: CaseCounterDoc, session?: ClientSession): Promise<CaseDoc> {
    const pending = counter.pending as UnnumberedCaseDoc;
    const doc: CaseDoc = { ...pending, number: formatCaseNumber(counter.prefix, counter.year, counter.last) };
    await this.cases.updateOne({ _id: doc._id }, { $setOnInsert: doc }, { upsert: true, session });
    await this.counters.updateOne({ _id: counter._id, 'pending._id': doc._id }, { $unset: { pending: '' } }, { session });
    return doc;
  }
}
