/**
 * Weekly summaries on MongoDB: the figures of one window computed by aggregation pipelines on the
 * server (summary-pipelines.ts; the app receives one small document per figure set, never the
 * mentions), and the history of generated summaries (one document per week id).
 */
import type { Collection, Db, Document } from 'mongodb';
import type {
  CaseFigures,
  ComplaintPlaces,
  MentionFigures,
  OwnPostFigures,
  ReplyActivityFigures,
  ResponseFigures,
  StoredSummary,
  SummaryListItem,
  SummaryQueryOptions,
  SummaryWindow,
} from '../../domain';
import { CASES_COLLECTION } from '../../store/mongodb/case-collection';
import { MENTIONS_COLLECTION, OWN_POSTS_COLLECTION } from '../../store/mongodb/mention-collection';
import type { MentionDoc } from '../../store/mongodb/mention-docs';
import { REPLIES_COLLECTION } from '../../store/mongodb/reply-collection';
import {
  docToSummaryItem,
  saveSummaryUpdate,
  SUMMARIES_COLLECTION,
  SUMMARY_INDEXES,
  SUMMARY_MENTION_INDEXES,
  type SummaryDoc,
} from '../../store/mongodb/summary-docs';
import {
  caseFiguresPipeline,
  mentionFiguresPipeline,
  ownPostFiguresPipeline,
  replyActivityPipeline,
  responseFiguresPipeline,
  toCaseFigures,
  toMentionFigures,
  toOwnPostFigures,
  toReplyActivity,
  toResponseFigures,
} from './summary-pipelines';
import { TEMPLATES_COLLECTION } from '../../store/mongodb/template-collection';
import { USERS_COLLECTION } from '../../store/mongodb/user-collection';

export class SummaryCollection {
  private readonly summaries: Collection<SummaryDoc>;
  private readonly mentions: Collection<MentionDoc>;
  private readonly db: Db;

  constructor(db: Db) {
    this.db = db;
    this.summaries = db.collection<SummaryDoc>(SUMMARIES_COLLECTION);
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.summaries.createIndexes(SUMMARY_INDEXES);
    await this.mentions.createIndexes(SUMMARY_MENTION_INDEXES);
  }

  /** Runs a pipeline that ends in one $facet and returns its single document. */
  private async facet<T extends Document>(collection: string, pipeline: Document[]): Promise<T | undefined> {
    const [doc] = await this.db.collection(collection).aggregate<T>(pipeline, { allowDiskUse: true }).toArray();
    return doc;
  }

  async mentionFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<MentionFigures> {
    return toMentionFigures(await this.facet(MENTIONS_COLLECTION, mentionFiguresPipeline(w, opts)), w, opts);
  }

  async responseFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<ResponseFigures> {
    return toResponseFigures(await this.facet(MENTIONS_COLLECTION, responseFiguresPipeline(w, opts, REPLIES_COLLECTION)));
  }

  async caseFigures(w: SummaryWindow): Promise<CaseFigures> {
    return toCaseFigures(await this.facet(CASES_COLLECTION, caseFiguresPipeline(w)));
  }

  async replyActivityFigures(w: SummaryWindow): Promise<ReplyActivityFigures> {
    return toReplyActivity(await this.facet(REPLIES_COLLECTION, replyActivityPipeline(w, { users: USERS_COLLECTION, templates: TEMPLATES_COLLECTION })));
  }

  async ownPostFigures(w: SummaryWindow, opts: SummaryQueryOptions): Promise<OwnPostFigures> {
    return toOwnPostFigures(await this.facet(OWN_POSTS_COLLECTION, ownPostFiguresPipeline(w, opts)), opts);
  }

  /** Complaints of the window grouped by area, block and domain (the complaints map). */
  async complaintPlaces(w: SummaryWindow, blocks: readonly string[]): Promise<ComplaintPlaces> {
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
    // Empty strings count as missing, as on SQLite.
    const v = (s: string | null | undefined) => (s ? s : null);
    const order = <T extends { count: number }>(rows: T[], key: (r: T) => string) =>
      rows.sort((a, b) => b.count - a.count || (key(a) < key(b) ? -1 : key(a) > key(b) ? 1 : 0));
    const areaDomain = new Map<string, { area: string | null; domain: string | null; count: number }>();
    for (const g of f?.byAreaDomain ?? []) {
      const row = { area: v(g._id.area), domain: v(g._id.domain), count: g.count };
      const k = `${row.area ?? ''}\u001f${row.domain ?? ''}`;
      const had = areaDomain.get(k);
      if (had) had.count += row.count;
      else areaDomain.set(k, row);
    }
    return {
      byAreaDomain: order([...areaDomain.values()], (r) => `${r.area ?? ''}\u001f${r.domain ?? ''}`),
      byBlockArea: order(
        (f?.byBlockArea ?? []).map((g) => ({ block: String(g._id.block), area: v(g._id.area), count: g.count })),
        (r) => `${r.block}\u001f${r.area ?? ''}`,
      ),
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
