/** Mention reads and writes on SQLite, including the one-transaction ingest of a batch + cursor. */
import type { ClassifiedMention, IngestResult, Mention, MentionQuery, OwnPost, Page } from '../../domain';
import { newMentionId } from '../mention-id';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { InsertedMentionCounters } from './inserted-mention-counters';
import type { Db } from './open-database';
import {
  INSERT_MENTION_SQL,
  MENTION_COLUMNS,
  engagementOf,
  rowToMention,
  toInsertParams,
  type MentionRow,
} from './mention-rows';

export class MentionTable {
  private readonly insert;
  private readonly findKnown;
  private readonly refreshKnown;
  private readonly saveCursor;
  private readonly upsertOwnPost;
  private readonly ingestTx;
  private readonly counters;

  constructor(private readonly db: Db) {
    this.insert = db.prepare(INSERT_MENTION_SQL);
    this.counters = new InsertedMentionCounters(db);
    this.findKnown = db.prepare('SELECT id, sources_json FROM mentions WHERE channel = ? AND external_id = ?');
    this.refreshKnown = db.prepare(
      'UPDATE mentions SET metrics_json = COALESCE(?, metrics_json), engagement = ?, sources_json = ? WHERE id = ?',
    );
    this.saveCursor = db.prepare(`INSERT INTO channel_state (channel, cursor, updated_at) VALUES (?, ?, ?)
      ON CONFLICT (channel) DO UPDATE SET cursor = excluded.cursor, updated_at = excluded.updated_at`);
    this.upsertOwnPost = db.prepare(`INSERT INTO own_posts
      (channel, external_id, url, text, created_at, likes, replies, reposts, impressions, updated_at)
      VALUES (@channel, @external_id, @url, @text, @created_at, @likes, @replies, @reposts, @impressions, @updated_at)
      ON CONFLICT (channel, external_id) DO UPDATE SET likes = excluded.likes, replies = excluded.replies,
        reposts = excluded.reposts, impressions = excluded.impressions, updated_at = excluded.updated_at`);
    this.ingestTx = db.transaction(this.ingestInTransaction.bind(this));
  }

  ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): IngestResult {
    return this.ingestTx.immediate(channel, mentions, newCursor);
  }

  private ingestInTransaction(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined) {
    const fetchedAt = new Date().toISOString();
    const inserted: Mention[] = [];
    const insertedRows: ReturnType<typeof toInsertParams>[] = [];
    let updated = 0;
    for (const m of mentions) {
      const params = toInsertParams(newMentionId(), channel, m, fetchedAt);
      if (this.insert.run(params).changes === 1) {
        inserted.push(this.insertedMention(params.id, channel, m, fetchedAt));
        insertedRows.push(params);
      } else {
        this.refresh(channel, m);
        updated++;
      }
    }
    this.counters.add(insertedRows);
    if (newCursor !== undefined) this.saveCursor.run(channel, newCursor, fetchedAt);
    return { inserted, updated };
  }

  /** A known mention seen again: new metrics, union of the sources that found it. */
  private refresh(channel: string, m: ClassifiedMention): void {
    const known = this.findKnown.get(channel, m.raw.externalId) as { id: string; sources_json: string | null };
    const sources = new Set<string>(known.sources_json ? JSON.parse(known.sources_json) : []);
    for (const s of m.raw.sources ?? []) sources.add(s);
    const metrics = m.raw.metrics ? JSON.stringify(m.raw.metrics) : null;
    const sourcesJson = sources.size ? JSON.stringify([...sources]) : null;
    this.refreshKnown.run(metrics, engagementOf(m.raw.metrics), sourcesJson, known.id);
  }

  /**
   * The stored mention as getMention would read it back (same optional-field rules as
   * rowToMention), built field by field: spreading the raw mention cost ingest ~6 % (bench:ingest).
   */
  private insertedMention(id: string, channel: string, m: ClassifiedMention, fetchedAt: string): Mention {
    const { raw } = m;
    const mention: Mention = {
      id,
      channel,
      network: raw.network ?? channel,
      externalId: raw.externalId,
      author: raw.author,
      text: raw.text,
      createdAt: raw.createdAt,
      fetchedAt,
      kind: raw.kind ?? 'post',
      replyable: raw.replyable !== false,
      classification: m.classification,
      status: m.status,
    };
    if (raw.url) mention.url = raw.url;
    if (raw.lang) mention.lang = raw.lang;
    if (raw.title) mention.title = raw.title;
    if (raw.inReplyTo) mention.inReplyTo = raw.inReplyTo;
    if (raw.conversationId) mention.conversationId = raw.conversationId;
    if (raw.metrics) mention.metrics = raw.metrics;
    if (raw.sources) mention.sources = raw.sources;
    return mention;
  }

  getMention(id: string): Mention | null {
    const row = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow | undefined;
    return row ? rowToMention(row) : null;
  }

  findByExternalId(channel: string, externalId: string): Mention | null {
    const row = this.db
      .prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE channel = ? AND external_id = ?`)
      .get(channel, externalId) as MentionRow | undefined;
    return row ? rowToMention(row) : null;
  }

  listMentions(q: MentionQuery): Page<Mention> {
    const where: string[] = [];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    if (q.channel) {
      where.push('(channel = @channel OR network = @channel)');
      params.channel = q.channel;
    }
    if (q.domain) {
      where.push('primary_domain = @domain');
      params.domain = q.domain;
    }
    if (q.status) {
      where.push('status = @status');
      params.status = q.status;
    }
    if (q.since) {
      where.push('created_at >= @since');
      params.since = q.since;
    }
    if (q.conversationId) {
      where.push('conversation_id = @conversationId');
      params.conversationId = q.conversationId;
    }
    if (q.cursor) {
      const [createdAt, id] = decodePageCursor(q.cursor, 2);
      where.push('(created_at < @cAt OR (created_at = @cAt AND id < @cId))');
      params.cAt = createdAt;
      params.cId = id;
    }
    const sql = `SELECT ${MENTION_COLUMNS} FROM mentions ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
      ORDER BY created_at DESC, id DESC LIMIT @limit`;
    const rows = this.db.prepare(sql).all(params) as MentionRow[];
    const more = rows.length > q.limit;
    const items = rows.slice(0, q.limit).map(rowToMention);
    const last = items[items.length - 1];
    return { items, nextCursor: more && last ? encodePageCursor([last.createdAt, last.id]) : null };
  }

  countMentions(): number {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM mentions').get() as { n: number }).n;
  }

  saveOwnPosts(channel: string, posts: OwnPost[]): void {
    const updatedAt = new Date().toISOString();
    this.db.transaction(() => {
      for (const p of posts) {
        this.upsertOwnPost.run({
          channel,
          external_id: p.externalId,
          url: p.url ?? null,
          text: p.text,
          created_at: p.createdAt,
          likes: p.metrics.likes ?? 0,
          replies: p.metrics.replies ?? 0,
          reposts: p.metrics.reposts ?? 0,
          impressions: p.metrics.impressions ?? 0,
          updated_at: updatedAt,
        });
      }
    })();
  }
}
