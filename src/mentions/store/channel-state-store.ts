/** Each channel's cursor, health and small key/value space (the cursor moves only with ingestBatch). */
import type { ChannelKv, ChannelState } from '../../domain';

export interface ChannelStateStore {
  getChannelState(channel: string): Promise<ChannelState | null>;
  listChannelStates(): Promise<ChannelState[]>;
  /** Updates health fields; never touches the cursor (only ingestBatch moves it). */
  saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void>;
  channelKv(channel: string): ChannelKv;
}
