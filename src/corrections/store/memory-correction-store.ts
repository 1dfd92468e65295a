/** Classification corrections in memory, on the shared mention records (same rules as the databases). */
import type { Mention, Page } from '../../domain';
import type { MemoryMentionData } from '../../mentions/store/memory-mention-data';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { correctedClassification, pendingAfterCorrection } from './corrected-classification';
import type { CorrectionInput, CorrectionQuery, CorrectionStore } from './correction-store';

export class MemoryCorrectionStore implements CorrectionStore {
  constructor(private readonly data: MemoryMentionData) {}

  async correctClassification(id: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null> {
    const stored = this.data.mentions.get(id);
    if (!stored) return null;
    const before = structuredClone(stored.mention);
    stored.mention.classification = correctedClassification(stored.mention.classification, input);
    stored.capturePending = pendingAfterCorrection(stored.mention, stored.mention.classification);
    return { before, after: structuredClone(stored.mention) };
  }

  /** Oldest correction first (time, then id), from a time, page by page. */
  async listCorrectedMentions(q: CorrectionQuery): Promise<Page<Mention>> {
    const after = q.cursor ? (decodePageCursor(q.cursor, 2) as [string, string]) : undefined;
    const key = (m: Mention): [string, string] => [m.classification.correction!.at, m.id];
    const all = [...this.data.mentions.values()]
      .map((s) => s.mention)
      .filter((m) => m.classification.correction && (!q.since || m.classification.correction.at >= q.since))
      .filter((m) => !after || key(m)[0] > after[0] || (key(m)[0] === after[0] && m.id > after[1]))
      .sort((a, b) => (key(a)[0] === key(b)[0] ? (a.id < b.id ? -1 : 1) : key(a)[0] < key(b)[0] ? -1 : 1));
    const items = all.slice(0, q.limit).map((m) => structuredClone(m));
    const last = items[items.length - 1];
    return { items, nextCursor: all.length > q.limit && last ? encodePageCursor(key(last)) : null };
  }
}
