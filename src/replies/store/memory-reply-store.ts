/** Replies and their outbox in memory, on the shared mention records for a recorded send. */
import { randomUUID } from 'node:crypto';
import type { Page, Reply, ReplyState } from '../../domain';
import { ValidationError } from '../../errors';
import type { MemoryMentionData } from '../../mentions/store/memory-mention-data';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { ApprovalContext } from '../approval-block';
import { sentMentionChange } from './sent-reply-effect';
import { WAITING_TWIN_STATES, type ApproveResult, type NewReply, type ReplyChange, type ReplyQuery, type ReplyStore } from './reply-store';

const INTERRUPTED = 'interrupted while sending: check the remote side before resolving';
const CHANGE_FIELDS = ['externalId', 'url', 'error', 'approvedBy', 'nextAttemptAt', 'sentAt', 'text'] as const;

/** Newest first, then id descending. */
const newestFirst = (a: Reply, b: Reply) => (a.createdAt === b.createdAt ? (a.id < b.id ? 1 : -1) : a.createdAt < b.createdAt ? 1 : -1);

export class MemoryReplyStore implements ReplyStore {
  private readonly replies = new Map<string, Reply>();

  constructor(private readonly data: MemoryMentionData) {}

  async createReply(r: NewReply): Promise<{ reply: Reply; created: boolean }> {
    const known = r.dedupeKey ? [...this.replies.values()].find((x) => x.dedupeKey === r.dedupeKey) : undefined;
    if (known) return { reply: structuredClone(known), created: false };
    const twin = r.reuseWaitingTwin
      ? [...this.replies.values()].find((x) => x.mentionId === r.mentionId && x.author === r.author && x.text === r.text && x.purpose === r.purpose && WAITING_TWIN_STATES.includes(x.state))
      : undefined;
    if (twin) return { reply: structuredClone(twin), created: false };
    const now = r.createdAt ?? new Date().toISOString();
    const reply: Reply = { id: randomUUID(), mentionId: r.mentionId, text: r.text, author: r.author, state: r.state, idempotencyKey: randomUUID(), attempts: 0, createdAt: now, updatedAt: now, purpose: r.purpose };
    if (r.templateId) reply.templateId = r.templateId;
    if (r.dedupeKey) reply.dedupeKey = r.dedupeKey;
    this.replies.set(reply.id, reply);
    return { reply: structuredClone(reply), created: true };
  }

  async getReply(id: string): Promise<Reply | null> {
    const r = this.replies.get(id);
    return r ? structuredClone(r) : null;
  }

  async listReplies(q: ReplyQuery): Promise<Page<Reply>> {
    let after: [string, string] | undefined;
    if (q.cursor) {
      const [createdAt, id] = decodePageCursor(q.cursor, 2);
      if (typeof createdAt !== 'string' || typeof id !== 'string') throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
      after = [createdAt, id];
    }
    const all = [...this.replies.values()]
      .filter((r) => (!q.state || r.state === q.state) && (!q.mentionId || r.mentionId === q.mentionId))
      .filter((r) => !after || r.createdAt < after[0] || (r.createdAt === after[0] && r.id < after[1]))
      .sort(newestFirst);
    const items = all.slice(0, q.limit).map((r) => structuredClone(r));
    const last = items[items.length - 1];
    return { items, nextCursor: all.length > q.limit && last ? encodePageCursor([last.createdAt, last.id]) : null };
  }

  async countReplies(state: ReplyState): Promise<number> {
    return [...this.replies.values()].filter((r) => r.state === state).length;
  }

  /** Reads and write happen with no await between them: nothing else can run in between. */
  async approveReply<R>(id: string, approvedBy: string, refuse: (ctx: ApprovalContext) => R | null): Promise<ApproveResult<R>> {
    const r = this.replies.get(id);
    if (!r || r.state !== 'awaiting_approval') return null;
    const others = [...this.replies.values()].filter((x) => x.mentionId === r.mentionId && x.id !== id).map((x) => structuredClone(x));
    const refused = refuse({ reply: structuredClone(r), mentionStatus: this.data.mentions.get(r.mentionId)?.mention.status ?? null, others });
    if (refused !== null) return { refused };
    Object.assign(r, { state: 'queued', approvedBy, updatedAt: new Date().toISOString() });
    return { reply: structuredClone(r) };
  }

  async transitionReply(id: string, from: ReplyState[], change: ReplyChange): Promise<Reply | null> {
    const r = this.replies.get(id);
    if (!r || !from.includes(r.state)) return null;
    r.state = change.state;
    r.updatedAt = new Date().toISOString();
    for (const key of CHANGE_FIELDS) {
      const value = change[key];
      if (value === undefined) continue;
      if (value === null) delete r[key];
      else (r as unknown as Record<string, unknown>)[key] = value;
    }
    return structuredClone(r);
  }

  async takeNextOutboxReply(now: string): Promise<Reply | null> {
    const due = [...this.replies.values()]
      .filter((r) => r.state === 'queued' && (!r.nextAttemptAt || r.nextAttemptAt <= now))
      .sort((a, b) => (a.createdAt === b.createdAt ? (a.id < b.id ? -1 : 1) : a.createdAt < b.createdAt ? -1 : 1))[0];
    if (!due) return null;
    due.state = 'sending';
    due.attempts++;
    due.updatedAt = now;
    return structuredClone(due);
  }

  /** The reply and its mention change together, as in one transaction. */
  async recordReplySent(id: string, sent: { externalId: string; url?: string; at: string }): Promise<Reply | null> {
    const r = this.replies.get(id);
    if (!r || r.state !== 'sending') return null;
    Object.assign(r, { state: 'sent', externalId: sent.externalId, sentAt: sent.at, updatedAt: sent.at });
    if (sent.url) r.url = sent.url;
    else delete r.url;
    delete r.error;
    delete r.nextAttemptAt;
    const stored = this.data.mentions.get(r.mentionId);
    const change = sentMentionChange(r.purpose);
    if (stored && (change.kind === 'answered' || (change.kind === 'replied_if' && change.from.includes(stored.mention.status)))) {
      stored.mention.status = 'replied';
      stored.statusChangedAt = sent.at;
      if (change.kind === 'answered') delete stored.mention.claim;
    }
    return structuredClone(r);
  }

  async markInterruptedSendsUnknown(at: string): Promise<Reply[]> {
    const changed: Reply[] = [];
    for (const r of this.replies.values()) {
      if (r.state !== 'sending') continue;
      Object.assign(r, { state: 'unknown', updatedAt: at, error: INTERRUPTED });
      changed.push(structuredClone(r));
    }
    return changed;
  }
}
