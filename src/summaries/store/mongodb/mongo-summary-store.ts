/**
 * The SummaryStore port on MongoDB: the counts of one window computed by aggregation pipelines on
 * the server (summary-pipelines.ts; the app receives one small document per figure set, never the
 * mentions), and the history of generated summaries (one document per week id, src/store/mongodb/summary-docs.ts).
 */
import type { Collection, Db, Document } from 'mongodb';
import { CASES_COLLECTION, MENTIONS_COLLECTION, OWN_POSTS_COLLECTION, TEMPLATES_COLLECTION, USERS_COLLECTION } from '../../../store/mongodb/collection-names';
import type { MentionDoc } from '../../../store/mongodb/mention-docs';
import { REPLIES_COLLECTION } from '../../../store/mongodb/reply-doc';
import {
  docToSummaryItem,
  saveSummaryUpdate,
  SUMMARIES_COLLECTION,
  SUMMARY_INDEXES,
  SUMMARY_MENTION_INDEXES,
  type SummaryDoc,
} from '../../../store/mongodb/summary-docs';
import type {
  CaseCounts,
  ComplaintPlaceCounts,
  MentionCounts,
  OwnPostCounts,
  ReplyActivityCounts,
  ResponseCounts,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummarySourceMarks,
  SummaryStore,
  SummaryWindow,
} from '../summary-store';
import { mongoSourceMarks } from './source-marks';
import { toCaseCounts, toMentionCounts, toOwnPostCounts, toReplyActivityCounts, toResponseCounts } from './summary-facets';
import { caseFiguresPipeline, mentionFiguresPipeline, ownPostFiguresPipeline, replyActivityPipeline, responseFiguresPipeline } from './summary-pipelines';

export class MongoSummaryStore implements SummaryStore {
  private readonly summaries: Collection<SummaryDoc>;
  private readonly mentions: Collection<MentionDoc>;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.summaries = db.collection<SummaryDoc>(SUMMARIES_COLLECTION);
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  }

  /** Runs a pipeline that ends in one $facet and returns its single document. */
  private async facet<T extends Document>(collection: string, pipeline: Document[]): Promise<T | undefined> {
    const [doc] = await this.db.collection(collection).aggregate<T>(pipeline, { allowDiskUse: true }).toArray();
    return doc;
  }

  async sourceMarks(w: SummaryWindow): Promise<SummarySourceMarks> {
    return mongoSourceMarks(this.db, w);
  }

  async mentionCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionCounts> {
    return toMentionCounts(await this.facet(MENTIONS_COLLECTION, mentionFiguresPipeline(w, opts)), w, opts);
  }

  async responseCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseCounts> {
    return toResponseCounts(await this.facet(MENTIONS_COLLECTION, responseFiguresPipeline(w, opts, REPLIES_COLLECTION)));
  }

  async caseCounts(w: SummaryWindow): Promise<CaseCounts> {
    return toCaseCounts(await this.facet(CASES_COLLECTION, caseFiguresPipeline(w)));
  }

  async replyActivityCounts(w: SummaryWindow): Promise<ReplyActivityCounts> {
    return toReplyActivityCounts(await this.facet(REPLIES_COLLECTION, replyActivityPipeline(w, { users: USERS_COLLECTION, templates: TEMPLATES_COLLECTION })));
  }

  async ownPostCounts(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostCounts> {
    return toOwnPostCounts(await this.facet(OWN_POSTS_COLLECTION, ownPostFiguresPipeline(w, opts)), opts);
  }

  /** Complaints of the window grouped by area and domain, and by block and area for the asked blocks (the complaints map). */
  async complaintPlaceCounts(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaceCounts> {
    type Group = { _id: { area?: string | null; block?: string | null; domain?: string | null }; count: number };
    const [f] = await this.mentions
      .aggregate<{ byAreaDomain: Group[]; byBlockArea: Group[] }>([
        { $match: { createdAt: { $gte: w.start, $lt: w.end }, intent: 'complaint' } },
        {
          $facet: {
            byAreaDomain: [{ $group: { _id: { area: '$area', domain: '$primaryDomain' }, count: { $sum: 1 } } }],
            byBlockArea: [{ $match: { block: { $in: [...blocks] } } }, { $group: { _id: { block: '$block', area: '$area' }, count: { $sum: 1 } } }],
          },
        },
      ])
      .toArray();
    return {
      byAreaDomain: (f?.byAreaDomain ?? []).map((g) => ({ area: g._id.area ?? null, domain: g._id.domain ?? null, count: g.count })),
      byBlockArea: (f?.byBlockArea ?? []).map((g) => ({ block: String(g._id.block), area: g._id.area ?? null, count: g.count })),
    };
  }

  /** All relevant texts of the window when they fit, else a $sample of `limit` of them (in time order). */
  async sampleMentionTexts(w: SummaryWindow, limit: number): Promise<string[]> {
    if (limit <= 0) return [];
    const match = { createdAt: { $gte: w.start, $lt: w.end }, relevant: true };
    const n = await this.mentions.countDocuments(match);
    if (n === 0) return [];
    const pick: Document[] = n <= limit ? [] : [{ $sample: { size: limit } }];
    const rows = await this.mentions.aggregate<{ text: string }>([{ $match: match }, ...pick, { $sort: { createdAt: 1, _id: 1 } }, { $project: { _id: 0, text: 1 } }]).toArray();
    return rows.map((r) => r.text);
  }

  async saveSummary(s: StoredSummary): Promise<void> {
    await this.summaries.updateOne({ _id: s.weekId }, saveSummaryUpdate(s), { upsert: true });
  }

  async getSummary(weekId: string): Promise<StoredSummary | null> {
    const doc = await this.summaries.findOne({ _id: weekId });
    return doc ? { ...docToSummaryItem(doc), record: JSON.parse(doc.recordJson) } : null;
  }

  async listSummaries(limit: number): Promise<SummaryListItem[]> {
    const docs = await this.summaries.find({}, { projection: { recordJson: 0 } }).sort({ start: -1 }).limit(limit).toArray();
    return docs.map(docToSummaryItem);
  }

  async markSummaryDelivered(weekId: string, at: string): Promise<void> {
    await this.summaries.updateOne({ _id: weekId }, { $set: { deliveredAt: at } });
  }
}
