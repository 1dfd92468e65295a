/**
 * Classification corrections on MongoDB: one conditional update of the mention document (the
 * corrected values in `classification` and in the denormalized query fields, capturePending by
 * the same rule as SQLite), and the corrected mentions in correction order for the export.
 *
 * Atomicity without a transaction: the update applies only while the document still has the
 * case link and the correction it was read with, so a capture deciding in between (which sets
 * caseId) or a colleague's correction is never overwritten with stale values: it is re-read.
 */
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { Mention, Page } from '../../domain';
import { MENTIONS_COLLECTION } from '../../store/mongodb/collection-names';
import { docToMention, type MentionDoc } from '../../store/mongodb/mention-docs';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { correctedClassification, pendingAfterCorrection } from './corrected-classification';
import type { CorrectionInput, CorrectionQuery, CorrectionStore } from './correction-store';

const CORRECTED_AT = 'classification.correction.at';

const CORRECTION_MENTION_INDEXES: IndexDescription[] = [
  { key: { [CORRECTED_AT]: 1, _id: 1 }, name: 'corrected', partialFilterExpression: { [CORRECTED_AT]: { $exists: true } } },
];

/** Re-reads after a concurrent change; more than a few in a row means something is wrong. */
const MAX_ATTEMPTS = 5;

export class MongoCorrectionStore implements CorrectionStore {
  private readonly mentions: Collection<MentionDoc>;

  constructor(db: Db) {
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.mentions.createIndexes(CORRECTION_MENTION_INDEXES);
  }

  async correctClassification(id: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null> {
    for (let attempt = 0; attempt < MAX_ATTEMPTS; attempt++) {
      const doc = await this.mentions.findOne({ _id: id });
      if (!doc) return null;
      const before = docToMention(doc);
      const next = correctedClassification(doc.classification, input);
      const unchanged: Filter<MentionDoc> = {
        _id: id,
        caseId: doc.caseId ?? { $exists: false },
        [CORRECTED_AT]: doc.classification.correction?.at ?? { $exists: false },
      } as Filter<MentionDoc>;
      const res = await this.mentions.updateOne(unchanged, {
        $set: { classification: next, primaryDomain: next.primaryDomain, intent: next.intent, capturePending: pendingAfterCorrection(before, next) },
      });
      if (res.matchedCount === 1) return { before, after: { ...before, classification: next } };
    }
    throw new Error(`mention ${id} kept changing while being corrected`);
  }

  async listCorrectedMentions(q: CorrectionQuery): Promise<Page<Mention>> {
    const and: Filter<MentionDoc>[] = [{ [CORRECTED_AT]: q.since ? { $gte: q.since } : { $exists: true } } as Filter<MentionDoc>];
    if (q.cursor) {
      const [at, cid] = decodePageCursor(q.cursor, 2) as [string, string];
      and.push({ $or: [{ [CORRECTED_AT]: { $gt: at } }, { [CORRECTED_AT]: at, _id: { $gt: cid } }] } as Filter<MentionDoc>);
    }
    const docs = await this.mentions
      .find(and.length === 1 ? and[0] : { $and: and })
      .sort({ [CORRECTED_AT]: 1, _id: 1 })
      .limit(q.limit + 1)
      .toArray();
    const items = docs.slice(0, q.limit).map(docToMention);
    const last = items[items.length - 1];
    const more = docs.length > q.limit;
    return { items, nextCursor: more && last?.classification.correction ? encodePageCursor([last.classification.correction.at, last.id]) : null };
  }
}
