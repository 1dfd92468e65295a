/** Channel cursor, health and key/value state on SQLite. */
import type { ChannelKv, ChannelState } from '../../domain';
import type { Db } from '../../store/sqlite/open-database';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { ChannelStateStore } from './channel-state-store';

interface StateRow {
  channel: string;
  cursor: string | null;
  health_json: string;
  updated_at: string;
}

const EMPTY_HEALTH = { health: 'ok', consecutiveFailures: 0 } as const;

function rowToState(row: StateRow): ChannelState {
  return { ...EMPTY_HEALTH, ...JSON.parse(row.health_json), channel: row.channel, cursor: row.cursor, updatedAt: row.updated_at };
}

export class SqliteChannelStateStore implements ChannelStateStore {
  private readonly db: Db;

  constructor(private readonly conn: SqliteConnection) {
    this.db = conn.db;
  }

  async getChannelState(channel: string): Promise<ChannelState | null> {
    const row = this.db.prepare('SELECT * FROM channel_state WHERE channel = ?').get(channel) as StateRow | undefined;
    return row ? rowToState(row) : null;
  }

  async listChannelStates(): Promise<ChannelState[]> {
    return (this.db.prepare('SELECT * FROM channel_state ORDER BY channel').all() as StateRow[]).map(rowToState);
  }

  async saveChannelHealth(channel: string, patch: Partial<Omit<ChannelState, 'channel' | 'cursor'>>): Promise<void> {
    const now = new Date().toISOString();
    const save = this.db.transaction(() => {
      const row = this.db.prepare('SELECT health_json FROM channel_state WHERE channel = ?').get(channel) as
        | { health_json: string }
        | undefined;
      const merged = { ...(row ? JSON.parse(row.health_json) : EMPTY_HEALTH), ...patch };
      delete merged.updatedAt;
      // undefined fields in the patch clear the stored value (e.g. backoffUntil after recovery)
      for (const [k, v] of Object.entries(patch)) if (v === undefined) delete merged[k];
      this.db
        .prepare(`INSERT INTO channel_state (channel, cursor, health_json, updated_at) VALUES (?, NULL, ?, ?)
          ON CONFLICT (channel) DO UPDATE SET health_json = excluded.health_json, updated_at = excluded.updated_at`)
        .run(channel, JSON.stringify(merged), now);
    });
    this.conn.guard(() => save.immediate());
  }

  channelKv(channel: string): ChannelKv {
    const db = this.db;
    return {
      async get(key) {
        const row = db.prepare('SELECT value FROM channel_kv WHERE channel = ? AND key = ?').get(channel, key) as
          | { value: string }
          | undefined;
        return row?.value;
      },
      async set(key, value) {
        db.prepare(`INSERT INTO channel_kv (channel, key, value) VALUES (?, ?, ?)
          ON CONFLICT (channel, key) DO UPDATE SET value = excluded.value`).run(channel, key, value);
      },
    };
  }
}
