/** Mentions in memory: the fake beside the port, same rules as the databases (one write per batch). */
import { randomUUID } from 'node:crypto';
import type { ClassifiedMention, IngestResult, Mention, MentionQuery, OwnPost, Page } from '../../domain';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { searchTextOf } from '../../store/search-text';
import type { MemoryMentionData } from './memory-mention-data';
import type { MentionStore } from './mention-store';
import { insertedMention } from './inserted-mention';

const externalKey = (channel: string, externalId: string) => `${channel}\u001f${externalId}`;

/** Newest first, then id (descending), like the databases' keyset order. */
const newestFirst = (a: Mention, b: Mention) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

export class MemoryMentionStore implements MentionStore {
  constructor(private readonly data: MemoryMentionData) {}

  async ingestBatch(channel: string, batch: ClassifiedMention[], newCursor: string | null | undefined): Promise<IngestResult> {
    const fetchedAt = new Date().toISOString();
    const inserted: Mention[] = [];
    let updated = 0;
    for (const m of batch) {
      const known = this.data.byExternalId.get(externalKey(channel, m.raw.externalId));
      if (known) {
        const stored = this.data.mentions.get(known)!.mention;
        if (m.raw.metrics) stored.metrics = structuredClone(m.raw.metrics);
        if (m.raw.sources) stored.sources = [...new Set([...(stored.sources ?? []), ...m.raw.sources])];
        updated++;
        continue;
      }
      const mention = structuredClone(insertedMention(randomUUID(), channel, m, fetchedAt));
      const c = m.classification;
      const capturePending = m.status === 'needs_reply' && c.intent === 'complaint' && !!c.primaryDomain;
      this.data.mentions.set(mention.id, { mention, capturePending, searchText: searchTextOf(m), seq: this.data.seq() });
      this.data.byExternalId.set(externalKey(channel, m.raw.externalId), mention.id);
      inserted.push(structuredClone(mention));
    }
    if (newCursor !== undefined) {
      const state = this.data.channelStates.get(channel) ?? { channel, cursor: null, health: 'ok' as const, consecutiveFailures: 0 };
      this.data.channelStates.set(channel, { ...state, cursor: newCursor, updatedAt: fetchedAt });
    }
    return { inserted, updated };
  }

  async getMention(id: string): Promise<Mention | null> {
    return this.data.read(id);
  }

  async findMentionByExternalId(channel: string, externalId: string): Promise<Mention | null> {
    const id = this.data.byExternalId.get(externalKey(channel, externalId));
    return id ? this.data.read(id) : null;
  }

  async listMentions(q: MentionQuery): Promise<Page<Mention>> {
    const after = q.cursor ? (decodePageCursor(q.cursor, 2) as [string, string]) : undefined;
    const all = [...this.data.mentions.values()]
      .map((s) => s.mention)
      .filter((m) => (!q.channel || m.channel === q.channel) && (!q.domain || m.classification.primaryDomain === q.domain))
      .filter((m) => (!q.status || m.status === q.status) && (!q.since || m.createdAt >= q.since) && (!q.conversationId || m.conversationId === q.conversationId))
      .filter((m) => !after || m.createdAt < after[0] || (m.createdAt === after[0] && m.id < after[1]))
      .sort(newestFirst);
    const items = all.slice(0, q.limit).map((m) => structuredClone(m));
    const last = items[items.length - 1];
    return { items, nextCursor: all.length > q.limit && last ? encodePageCursor([last.createdAt, last.id]) : null };
  }

  async countMentions(): Promise<number> {
    return this.data.mentions.size;
  }

  async saveOwnPosts(channel: string, posts: OwnPost[]): Promise<void> {
    const updatedAt = new Date().toISOString();
    for (const p of posts) this.data.ownPosts.set(externalKey(channel, p.externalId), { ...structuredClone(p), channel, updatedAt });
  }
}
