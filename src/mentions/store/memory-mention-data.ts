/**
 * The records the in-memory stores share, as one database would hold them: mentions (with the
 * fields only storage keeps: capture flag, search text, status time), channel state and own
 * posts. Each memory store of a backend gets the same instance.
 */
import type { ChannelState, Mention, OwnPost } from '../../domain';

export interface StoredMention {
  mention: Mention;
  capturePending: boolean;
  searchText: string;
  statusChangedAt?: string;
  /** Insertion order, the tie-break a rowid gives. */
  seq: number;
}

export class MemoryMentionData {
  readonly mentions = new Map<string, StoredMention>();
  readonly byExternalId = new Map<string, string>();
  readonly channelStates = new Map<string, ChannelState>();
  readonly kv = new Map<string, string>();
  readonly ownPosts = new Map<string, OwnPost & { channel: string; updatedAt: string }>();
  private nextSeq = 1;

  seq(): number {
    return this.nextSeq++;
  }

  /** A copy, so callers never hold the stored object. */
  read(id: string): Mention | null {
    const m = this.mentions.get(id);
    return m ? structuredClone(m.mention) : null;
  }
}
