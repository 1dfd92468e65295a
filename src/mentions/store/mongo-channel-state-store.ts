/** Channel cursor, health and key/value state on MongoDB (one document per channel / per key). */
import type { Collection, Db, IndexDescription } from 'mongodb';
import type { ChannelKv, ChannelState } from '../../domain';
import { CHANNEL_KV_COLLECTION, CHANNEL_STATE_COLLECTION } from '../../store/mongodb/collection-names';
import { kvKey } from '../../store/mongodb/doc-keys';
import type { ChannelStateStore } from './channel-state-store';


/** Health fields are stored flat next to the cursor; _id is the channel name. */
export type ChannelStateDoc = { _id: string; cursor?: string | null; updatedAt?: string } & Partial<
  Omit<ChannelState, 'channel' | 'cursor' | 'updatedAt'>
>;

export interface ChannelKvDoc {
  /** `${channel}\u001f${key}` */
  _id: string;
  channel: string;
  key: string;
  value: string;
}

export const CHANNEL_KV_INDEXES: IndexDescription[] = [{ key: { channel: 1, key: 1 }, name: 'channel_key_unique', unique: true }];

export function docToChannelState(doc: ChannelStateDoc): ChannelState {
  const { _id, cursor, ...health } = doc;
  return { health: 'ok', consecutiveFailures: 0, ...health, channel: _id, cursor: cursor ?? null };
}

/**
 * The update for saveChannelHealth: defined fields are set, fields given as undefined are removed
 * (e.g. backoffUntil after recovery), the cursor is never touched (only ingestBatch moves it).
 */
export function healthUpdate(patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>, now: string) {
  const $set: Record<string, unknown> = {};
  const $unset: Record<string, ''> = {};
  for (const [k, v] of Object.entries(patch)) {
    if (k === 'updatedAt' || k === 'channel' || k === 'cursor') continue;
    if (v === undefined) $unset[k] = '';
    else $set[k] = v;
  }
  $set.updatedAt = now;
  const $setOnInsert: Record<string, unknown> = { cursor: null };
  if (!('health' in $set)) $setOnInsert.health = 'ok';
  if (!('consecutiveFailures' in $set)) $setOnInsert.consecutiveFailures = 0;
  return Object.keys($unset).length ? { $set, $unset, $setOnInsert } : { $set, $setOnInsert };
}

export class MongoChannelStateStore implements ChannelStateStore {
  private readonly states: Collection<ChannelStateDoc>;
  private readonly kvs: Collection<ChannelKvDoc>;

  constructor(db: Db) {
    this.states = db.collection<ChannelStateDoc>(CHANNEL_STATE_COLLECTION);
    this.kvs = db.collection<ChannelKvDoc>(CHANNEL_KV_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.kvs.createIndexes(CHANNEL_KV_INDEXES);
  }

  async getChannelState(channel: string): Promise<ChannelState | null> {
    const doc = await this.states.findOne({ _id: channel });
    return doc ? docToChannelState(doc) : null;
  }

  async listChannelStates(): Promise<ChannelState[]> {
    return (await this.states.find({}).sort({ _id: 1 }).toArray()).map(docToChannelState);
  }

  async saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void> {
    await this.states.updateOne({ _id: channel }, healthUpdate(patch, new Date().toISOString()), { upsert: true });
  }

  channelKv(channel: string): ChannelKv {
    const kvs = this.kvs;
    return {
      async get(key) {
        return (await kvs.findOne({ _id: kvKey(channel, key) }))?.value;
      },
      async set(key, value) {
        await kvs.updateOne({ _id: kvKey(channel, key) }, { $set: { channel, key, value } }, { upsert: true });
      },
    };
  }
}
