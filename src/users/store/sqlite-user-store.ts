/** Users (API tokens stored only as sha256 hashes) and console sessions on SQLite. */
import { randomUUID } from 'node:crypto';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import type { NewUser, Role, Session, User, UserPatch, UserStore } from './user-store';

interface UserRow {
  id: string;
  name: string;
  role: string;
  trainee: number;
  disabled: number;
  created_at: string;
  updated_at: string;
}

const USER_COLUMNS = 'id, name, role, trainee, disabled, created_at, updated_at';

function rowToUser(row: UserRow): User {
  return {
    id: row.id,
    name: row.name,
    role: row.role as Role,
    trainee: row.trainee === 1,
    disabled: row.disabled === 1,
    createdAt: row.created_at,
    updatedAt: row.updated_at,
  };
}

export class SqliteUserStore implements UserStore {
  private readonly db;
  private readonly byTokenHash;
  private readonly sessionLookup;

  constructor(private readonly conn: SqliteConnection) {
    const db = conn.db;
    this.db = db;
    this.byTokenHash = db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE token_hash = ?`);
    this.sessionLookup = db.prepare(`SELECT s.id_hash, s.user_id, s.csrf_token, s.created_at AS s_created_at, s.expires_at,
        u.id, u.name, u.role, u.trainee, u.disabled, u.created_at, u.updated_at
      FROM sessions s JOIN users u ON u.id = s.user_id
      WHERE s.id_hash = ? AND s.expires_at > ?`);
  }

  async createUser(user: NewUser): Promise<User> {
    const now = new Date().toISOString();
    const id = randomUUID();
    this.conn.guard(() =>
      this.db
        .prepare('INSERT INTO users (id, name, role, trainee, disabled, token_hash, created_at, updated_at) VALUES (?, ?, ?, ?, 0, ?, ?, ?)')
        .run(id, user.name, user.role, user.trainee ? 1 : 0, user.tokenHash, now, now),
    );
    return this.byId(id) as User;
  }

  async getUser(id: string): Promise<User | null> {
    return this.byId(id);
  }

  private byId(id: string): User | null {
    const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE id = ?`).get(id) as UserRow | undefined;
    return row ? rowToUser(row) : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    const row = this.db.prepare(`SELECT ${USER_COLUMNS} FROM users WHERE name = ?`).get(name) as UserRow | undefined;
    return row ? rowToUser(row) : null;
  }

  async findUserByTokenHash(hash: string): Promise<User | null> {
    const row = this.byTokenHash.get(hash) as UserRow | undefined;
    return row ? rowToUser(row) : null;
  }

  async listUsers(): Promise<User[]> {
    return (this.db.prepare(`SELECT ${USER_COLUMNS} FROM users ORDER BY name`).all() as UserRow[]).map(rowToUser);
  }

  async countUsers(): Promise<number> {
    return (this.db.prepare('SELECT COUNT(*) AS n FROM users').get() as { n: number }).n;
  }

  async updateUser(id: string, patch: UserPatch): Promise<User | null> {
    const sets: string[] = [];
    const params: Record<string, unknown> = { id, updated_at: new Date().toISOString() };
    if (patch.role !== undefined) (sets.push('role = @role'), (params.role = patch.role));
    if (patch.trainee !== undefined) (sets.push('trainee = @trainee'), (params.trainee = patch.trainee ? 1 : 0));
    if (patch.disabled !== undefined) (sets.push('disabled = @disabled'), (params.disabled = patch.disabled ? 1 : 0));
    if (patch.tokenHash !== undefined) (sets.push('token_hash = @token_hash'), (params.token_hash = patch.tokenHash));
    const write = this.db.transaction(() => {
      this.db.prepare(`UPDATE users SET ${[...sets, 'updated_at = @updated_at'].join(', ')} WHERE id = @id`).run(params);
      // See UserStore.updateUser: enabled again or a new token, the old sessions end.
      if (patch.disabled === false || patch.tokenHash) this.db.prepare('DELETE FROM sessions WHERE user_id = ?').run(id);
    });
    this.conn.guard(() => write.immediate());
    return this.byId(id);
  }

  async createSession(s: Session): Promise<void> {
    this.conn.guard(() => {
      this.db.prepare('DELETE FROM sessions WHERE expires_at <= ?').run(new Date().toISOString());
      this.db
        .prepare('INSERT INTO sessions (id_hash, user_id, csrf_token, created_at, expires_at) VALUES (?, ?, ?, ?, ?)')
        .run(s.idHash, s.userId, s.csrfToken, s.createdAt, s.expiresAt);
    });
  }

  async findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    const row = this.sessionLookup.get(idHash, now) as
      | (UserRow & { id_hash: string; user_id: string; csrf_token: string; s_created_at: string; expires_at: string })
      | undefined;
    if (!row) return null;
    return {
      session: { idHash: row.id_hash, userId: row.user_id, csrfToken: row.csrf_token, createdAt: row.s_created_at, expiresAt: row.expires_at },
      user: rowToUser(row),
    };
  }

  async deleteSession(idHash: string): Promise<void> {
    this.conn.guard(() => this.db.prepare('DELETE FROM sessions WHERE id_hash = ?').run(idHash));
  }
}
