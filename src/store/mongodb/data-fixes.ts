/**
 * MongoDB's counterpart of the SQLite migrations that change data, not indexes: each fix runs
 * once per database, at the start that first prepares it for the fix's schema version or a later
 * one (before that version is recorded). A fix recomputes values from the data, so running it
 * twice (two instances starting together) writes the same result.
 */
import type { Db } from 'mongodb';
import { CASES_COLLECTION, MENTIONS_COLLECTION } from './collection-names';
import type { MentionDoc } from './mention-docs';
import { REPLIES_COLLECTION, type ReplyDoc } from './reply-doc';

/** The fields of a case document the fixes read and write (the cases feature owns the whole shape). */
interface CaseFirstResponseDoc {
  _id: string;
  firstResponseAt?: string;
}

export interface DataFix {
  /** The schema version that brings it (MONGO_SCHEMA_VERSION when it was added). */
  version: number;
  name: string;
  /** Returns how many documents it changed. */
  apply(db: Db): Promise<number>;
}

/**
 * As SQLite's migration 14: a case's first response is the first reply a PERSON sent on one of its
 * mentions (purpose 'agent', or none: written before purposes); the sender used to stamp whatever
 * went first, an automatic acknowledgement included. Cases whose value changes get the person's
 * time, or none yet (the next person's reply stamps it); history keeps its old entries.
 */
async function caseFirstResponseByPeople(db: Db): Promise<number> {
  const cases = db.collection<CaseFirstResponseDoc>(CASES_COLLECTION);
  const mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  const replies = db.collection<ReplyDoc>(REPLIES_COLLECTION);
  let changed = 0;
  for (const c of await cases.find({ firstResponseAt: { $exists: true } }, { projection: { _id: 1, firstResponseAt: 1 } }).toArray()) {
    const ids = (await mentions.find({ caseId: c._id }, { projection: { _id: 1 } }).toArray()).map((m) => m._id);
    const [first] = await replies
      .find({ mentionId: { $in: ids }, state: 'sent', $or: [{ purpose: 'agent' }, { purpose: { $exists: false } }] }, { projection: { sentAt: 1 } })
      .sort({ sentAt: 1 })
      .limit(1)
      .toArray();
    const at = first?.sentAt;
    if (at === c.firstResponseAt) continue;
    await cases.updateOne({ _id: c._id }, at ? { $set: { firstResponseAt: at } } : { $unset: { firstResponseAt: '' } });
    changed++;
  }
  return changed;
}

export const DATA_FIXES: DataFix[] = [{ version: 3, name: "a case's first response is a person's reply, not an automatic notice", apply: caseFirstResponseByPeople }];

/** Applies, in order, the fixes newer than the version the database was last prepared for. */
export async function applyDataFixes(db: Db, preparedVersion: number, fixes: DataFix[] = DATA_FIXES): Promise<{ name: string; changed: number }[]> {
  const applied: { name: string; changed: number }[] = [];
  for (const fix of fixes.filter((f) => f.version > preparedVersion).sort((a, b) => a.version - b.version)) {
    applied.push({ name: fix.name, changed: await fix.apply(db) });
  }
  return applied;
}
