/**
 * Mention reads and writes on SQLite, including the one-transaction ingest of a batch + cursor:
 * on this connection, or (the service) in the ingest writer thread on its own connection, so
 * inserting a page overlaps fetching and classifying the next one.
 */
import type { ClassifiedMention, IngestResult, Mention, MentionQuery, OwnPost, Page } from '../../domain';
import { newMentionId } from '../../store/mention-id';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { IngestWriterThread } from '../../store/sqlite/ingest-writer-thread';
import { MentionBatchWriter, type MentionBatch, type WrittenBatch } from '../../store/sqlite/mention-batch-writer';
import { MENTION_COLUMNS, rowToMention, toInsertParams, type MentionRow } from '../../store/sqlite/mention-rows';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { MentionStore } from './mention-store';
import { insertedMention } from './inserted-mention';

export class SqliteMentionStore implements MentionStore {
  private readonly upsertOwnPost;
  private readonly writer;
  private readonly db: Db;

  constructor(
    private readonly conn: SqliteConnection,
    private readonly ingestThread?: IngestWriterThread,
  ) {
    const db = conn.db;
    this.db = db;
    this.writer = new MentionBatchWriter(db);
    this.upsertOwnPost = db.prepare(`INSERT INTO own_posts
      (channel, external_id, url, text, created_at, likes, replies, reposts, impressions, updated_at)
      VALUES (@channel, @external_id, @url, @text, @created_at, @likes, @replies, @reposts, @impressions, @updated_at)
      ON CONFLICT (channel, external_id) DO UPDATE SET likes = excluded.likes, replies = excluded.replies,
        reposts = excluded.reposts, impressions = excluded.impressions, updated_at = excluded.updated_at`);
  }

  /** With the writer thread, pages queue up there in order (see IngestWriterThread.write). */
  get pipelinedIngest(): boolean {
    return this.ingestThread !== undefined;
  }

  /** One transaction for the batch and its cursor, on this connection or in the writer thread. */
  async ingestBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult> {
    const batch = toMentionBatch(channel, mentions, newCursor);
    if (!this.ingestThread) return ingestResultOf(batch, mentions, this.conn.guard(() => this.writer.write(batch)));
    const feed = this.conn.activeChangeFeed;
    let written;
    feed?.writerStarted();
    try {
      written = await this.ingestThread.write(batch);
    } catch (err) {
      feed?.writerFinished();
      this.conn.writeHealth.noteFailure(err);
      throw err;
    }
    feed?.writerFinished({ rows: written.inserted.map((i) => batch.rows[i]), refreshed: written.updated > 0 });
    this.conn.writeHealth.noteSuccess();
    return ingestResultOf(batch, mentions, written);
  }

  async getMention(id: string): Promise<Mention | null> {
    const row = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow | undefined;
    return row ? rowToMention(row) : null;
  }

  async findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null> {
    const row = this.db
      .prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE channel = ? AND external_id = ?`)
      .get(channel, externalId) as MentionRow | undefined;
    return row ? rowToMention(row) : null;
  }

  async listMentions(q: MentionQuery): Promise<Page<Mention>> {
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

  async countMentions(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM mentions').get() as { n: number }).n;
  }

  async saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void> {
    const updatedAt = new Date().toISOString();
    const save = this.db.transaction(() => {
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
    });
    this.conn.guard(() => save.immediate());
  }
}


/** The rows to write for a batch, with new ids (mapped on the calling thread). */
export function toMentionBatch(channel: string, mentions: ClassifiedMention[], newCursor: string | null | undefined): MentionBatch {
  const fetchedAt = new Date().toISOString();
  const rows = mentions.map((m) => toInsertParams(newMentionId(), channel, m, fetchedAt));
  return { channel, rows, newCursor, fetchedAt };
}

/** The ingest result of a written batch: the new mentions as getMention would read them back. */
export function ingestResultOf(batch: MentionBatch, mentions: ClassifiedMention[], written: WrittenBatch): IngestResult {
  const inserted = written.inserted.map((i) => insertedMention(batch.rows[i].id, batch.channel, mentions[i], batch.fetchedAt));
  return { inserted, updated: written.updated };
}
