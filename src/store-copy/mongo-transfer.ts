/** MongoDB side of the store:copy port: pages in _id order, imports as idempotent replace-upserts. */
import type { Db, Document } from 'mongodb';
import { DERIVED_TABLES, NESTED_KINDS, NOT_COPIED, TRANSFER_KINDS, type CountedKind, type TransferKind, type TransferPage, type TransferRecord, type StoreTransfer } from './transfer';
import { AUDIT_SEQUENCE, CASES_COLLECTION } from '../store/mongodb/collection-names';
import type { Sequences } from '../store/mongodb/sequences';
import { KIND_MAPPINGS, rowToDoc } from './mongo-transfer-mappings';

export class MongoTransfer implements StoreTransfer {
  constructor(
    private readonly db: Db,
    private readonly sequences: Sequences,
  ) {}

  private collection(kind: TransferKind) {
    return this.db.collection<Document>(KIND_MAPPINGS[kind].collection);
  }

  async countRecords(kind: CountedKind): Promise<number> {
    if (kind === 'case_history') {
      const [row] = await this.db
        .collection(CASES_COLLECTION)
        .aggregate<{ n: number }>([{ $group: { _id: null, n: { $sum: { $size: { $ifNull: ['$history', []] } } } } }])
        .toArray();
      return row?.n ?? 0;
    }
    return this.collection(kind).countDocuments({});
  }

  async exportRecords(kind: TransferKind, after: string | null, limit: number): Promise<TransferPage> {
    const key = KIND_MAPPINGS[kind].pageKey ?? '_id';
    const filter = after === null ? {} : { [key]: { $gt: JSON.parse(after) } };
    const docs = await this.collection(kind).find(filter).sort({ [key]: 1 }).limit(limit).toArray();
    const last = docs[docs.length - 1];
    return {
      records: docs.map((d) => KIND_MAPPINGS[kind].toRow(d)),
      after: docs.length === limit && last ? JSON.stringify(last[key]) : null,
    };
  }

  async uncoveredRecords(): Promise<{ name: string; count: number }[]> {
    const covered = new Set<string>([...TRANSFER_KINDS.map((k) => KIND_MAPPINGS[k].collection), ...Object.keys(NESTED_KINDS), ...NOT_COPIED]);
    return this.collectionsWithRecords((name) => !covered.has(name) && !name.startsWith('system.'));
  }

  async derivedRecords(): Promise<{ name: string; count: number }[]> {
    const derived = new Set<string>(DERIVED_TABLES);
    return this.collectionsWithRecords((name) => derived.has(name));
  }

  private async collectionsWithRecords(which: (name: string) => boolean): Promise<{ name: string; count: number }[]> {
    const names = (await this.db.listCollections({}, { nameOnly: true }).toArray()).map((c) => c.name);
    const out: { name: string; count: number }[] = [];
    for (const name of names.filter(which)) {
      const count = await this.db.collection(name).estimatedDocumentCount();
      if (count > 0) out.push({ name, count });
    }
    return out;
  }

  async importRecords(kind: TransferKind, records: TransferRecord[]): Promise<void> {
    if (records.length === 0) return;
    const docs = records.map((r) => rowToDoc(kind, r));
    await this.collection(kind).bulkWrite(
      docs.map((doc) => ({ replaceOne: { filter: { _id: doc._id }, replacement: doc, upsert: true } })),
      { ordered: false },
    );
    // imported audit entries keep their numbers: new ones must come after them
    if (kind === 'audit') await this.sequences.raiseTo(AUDIT_SEQUENCE, Math.max(...docs.map((d) => Number(d._id))));
  }
}
