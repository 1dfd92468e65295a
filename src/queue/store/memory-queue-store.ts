/** The reply queue in memory, on the shared mention records: same order, filters, cursors and counts. */
import { urlHasPath } from '../post-link';
import type { Mention, MentionStatus, Page } from '../../domain';
import { ValidationError } from '../../errors';
import type { MemoryMentionData, StoredMention } from '../../mentions/store/memory-mention-data';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { ClaimOutcome, QueueQuery, QueueStore } from './queue-store';

/** Statuses that mean "no case needed": capture is cancelled for them. */
const CLOSING_STATUSES: MentionStatus[] = ['no_action', 'spam', 'duplicate'];
const URGENCY_RANK = { high: 0, medium: 1, low: 2 } as const;

type Key = [number, string, number, string];

/** The priority: urgency, waiting time (oldest first), author reach (most followers first), id. */
function keyOf(m: Mention): Key {
  return [URGENCY_RANK[m.classification.urgency], m.createdAt, -(m.author.followers ?? 0), m.id];
}

function compareKeys(a: Key, b: Key): number {
  for (let i = 0; i < a.length; i++) if (a[i] !== b[i]) return a[i] < b[i] ? -1 : 1;
  return 0;
}

function matches(s: StoredMention, q: Omit<QueueQuery, 'limit' | 'cursor'>): boolean {
  const m = s.mention;
  if (m.status !== q.status) return false;
  if (q.domain && m.classification.primaryDomain !== q.domain) return false;
  if (q.channel && m.channel !== q.channel && m.network !== q.channel) return false;
  if (q.intent && m.classification.intent !== q.intent) return false;
  if (q.urgency && m.classification.urgency !== q.urgency) return false;
  const held = m.claim && m.claim.until > q.now;
  if (q.assignee === 'none' && held) return false;
  if (q.assignee && q.assignee !== 'none' && !(held && m.claim?.by === q.assignee)) return false;
  if (q.q && !s.searchText.toLowerCase().includes(q.q.toLowerCase())) return false;
  if (q.link && !urlHasPath(m.url, q.link) && m.externalId !== q.link.statusId) return false;
  return true;
}

export class MemoryQueueStore implements QueueStore {
  constructor(private readonly data: MemoryMentionData) {}

  async claimMention(id: string, by: string, until: string, now: string, opts?: { force?: boolean }): Promise<ClaimOutcome> {
    const m = this.data.mentions.get(id)?.mention;
    if (!m) return { ok: false, reason: 'not_found' };
    if (!opts?.force && m.claim && m.claim.until > now && m.claim.by !== by) return { ok: false, reason: 'held', holder: { ...m.claim } };
    const renewed = !opts?.force && m.claim?.by === by && m.claim.until > now;
    m.claim = { by, until };
    return { ok: true, claim: { by, until }, renewed };
  }

  async releaseClaim(id: string, by: string | null): Promise<boolean> {
    const m = this.data.mentions.get(id)?.mention;
    if (!m?.claim || (by !== null && m.claim.by !== by)) return false;
    delete m.claim;
    return true;
  }

  async listQueue(q: QueueQuery): Promise<Page<Mention>> {
    let after: Key | undefined;
    if (q.cursor) {
      const [u, c, f, id] = decodePageCursor(q.cursor, 4);
      if (typeof u !== 'number' || typeof c !== 'string' || typeof f !== 'number' || typeof id !== 'string') {
        throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
      }
      after = [u, c, -f, id];
    }
    const page = [...this.data.mentions.values()]
      .filter((s) => matches(s, q))
      .map((s) => s.mention)
      .filter((m) => !after || compareKeys(keyOf(m), after) > 0)
      .sort((a, b) => compareKeys(keyOf(a), keyOf(b)));
    const items = page.slice(0, q.limit);
    const last = items[items.length - 1];
    const nextCursor = page.length > q.limit && last ? encodePageCursor([URGENCY_RANK[last.classification.urgency], last.createdAt, last.author.followers ?? 0, last.id]) : null;
    return { items: items.map((m) => structuredClone(m)), nextCursor };
  }

  async countQueueByDomain(q: Omit<QueueQuery, 'limit' | 'cursor'>): Promise<Record<string, number>> {
    const counts: Record<string, number> = {};
    const { domain: _ignored, ...filters } = q;
    for (const s of this.data.mentions.values()) {
      if (!matches(s, filters)) continue;
      const key = s.mention.classification.primaryDomain ?? 'none';
      counts[key] = (counts[key] ?? 0) + 1;
    }
    return counts;
  }

  async setMentionStatus(id: string, status: MentionStatus, opts?: { from?: MentionStatus[]; at?: string }): Promise<{ before: Mention; after: Mention } | null> {
    const stored = this.data.mentions.get(id);
    if (!stored || (opts?.from && !opts.from.includes(stored.mention.status))) return null;
    const before = structuredClone(stored.mention);
    stored.mention.status = status;
    stored.statusChangedAt = opts?.at ?? new Date().toISOString();
    if (CLOSING_STATUSES.includes(status)) stored.capturePending = false;
    const c = stored.mention.classification;
    if (status === 'needs_reply' && !stored.mention.caseId && c.intent === 'complaint' && c.primaryDomain) stored.capturePending = true;
    return { before, after: structuredClone(stored.mention) };
  }
}
