/** Channel cursor, health and key/value state in memory (the cursor moves only with ingestBatch). */
import type { ChannelKv, ChannelState } from '../../domain';
import type { ChannelStateStore } from './channel-state-store';
import type { MemoryMentionData } from './memory-mention-data';

export class MemoryChannelStateStore implements ChannelStateStore {
  constructor(private readonly data: MemoryMentionData) {}

  async getChannelState(channel: string): Promise<ChannelState | null> {
    const s = this.data.channelStates.get(channel);
    return s ? structuredClone(s) : null;
  }

  async listChannelStates(): Promise<ChannelState[]> {
    return [...this.data.channelStates.values()].sort((a, b) => (a.channel < b.channel ? -1 : 1)).map((s) => structuredClone(s));
  }

  async saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void> {
    const current = this.data.channelStates.get(channel) ?? { channel, cursor: null, health: 'ok' as const, consecutiveFailures: 0 };
    const next: ChannelState = { ...current, ...structuredClone(patch), channel, cursor: current.cursor, updatedAt: new Date().toISOString() };
    // undefined fields in the patch clear the stored value (e.g. backoffUntil after recovery)
    for (const [k, v] of Object.entries(patch)) if (v === undefined) delete (next as unknown as Record<string, unknown>)[k];
    next.updatedAt = new Date().toISOString();
    this.data.channelStates.set(channel, next);
  }

  channelKv(channel: string): ChannelKv {
    const kv = this.data.kv;
    return {
      async get(key) {
        return kv.get(`${channel}\u001f${key}`);
      },
      async set(key, value) {
        kv.set(`${channel}\u001f${key}`, value);
      },
    };
  }
}
