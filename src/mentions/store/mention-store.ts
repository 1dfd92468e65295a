/**
 * The mentions feature's store port: ingest of classified mentions with the channel's cursor in
 * one write, reads and lists, and the ministry's own posts. Adapters beside it: SQLite, MongoDB.
 */
import type { ClassifiedMention, IngestResult, Mention, MentionQuery, OwnPost, Page } from '../../domain';

export interface MentionStore {
  /**
   * Writes the mentions (new ones inserted, known ones get fresh metrics/sources) AND the
   * channel's new cursor in one transaction: after a crash either both happened or neither.
   * `undefined` leaves the cursor as it is (mentions pushed by a webhook, not polled).
   */
  ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult>;
  /**
   * True when ingestBatch may be called for a channel again before the previous call settled:
   * the calls commit in call order, and one made while an earlier call of the same channel was
   * pending is committed only if that earlier one was. pollChannel then keeps two pages in flight.
   */
  readonly pipelinedIngest?: boolean;
  getMention(id: string): Promise<Mention | null>;
  findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null>;
  /** Newest first, cursor-paginated. */
  listMentions(query: MentionQuery): Promise<Page<Mention>>;
  countMentions(): Promise<number>;
  /** The ministry's own posts: insert or refresh metrics. */
  saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void>;
}
