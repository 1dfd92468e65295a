/** Users and console sessions in memory: the fake beside the port, same rules as the databases. */
import { randomUUID } from 'node:crypto';
import type { NewUser, Session, User, UserPatch, UserStore } from './user-store';

interface StoredUser extends User {
  tokenHash: string;
}

function toUser({ tokenHash: _hash, ...user }: StoredUser): User {
  return { ...user };
}

export class MemoryUserStore implements UserStore {
  private readonly users = new Map<string, StoredUser>();
  private readonly sessions = new Map<string, Session>();

  async createUser(user: NewUser): Promise<User> {
    for (const u of this.users.values()) {
      if (u.name.toLowerCase() === user.name.toLowerCase()) throw new Error(`UNIQUE constraint failed: users.name (${user.name})`);
      if (u.tokenHash === user.tokenHash) throw new Error('UNIQUE constraint failed: users.token_hash');
    }
    const now = new Date().toISOString();
    const stored: StoredUser = { id: randomUUID(), name: user.name, role: user.role, trainee: user.trainee ?? false, disabled: false, createdAt: now, updatedAt: now, tokenHash: user.tokenHash };
    this.users.set(stored.id, stored);
    return toUser(stored);
  }

  async getUser(id: string): Promise<User | null> {
    const u = this.users.get(id);
    return u ? toUser(u) : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    const u = [...this.users.values()].find((x) => x.name.toLowerCase() === name.toLowerCase());
    return u ? toUser(u) : null;
  }

  async findUserByTokenHash(tokenHash: string): Promise<User | null> {
    const u = [...this.users.values()].find((x) => x.tokenHash === tokenHash);
    return u ? toUser(u) : null;
  }

  async listUsers(): Promise<User[]> {
    return [...this.users.values()].sort((a, b) => a.name.toLowerCase().localeCompare(b.name.toLowerCase())).map(toUser);
  }

  async countUsers(): Promise<number> {
    return this.users.size;
  }

  async updateUser(id: string, patch: UserPatch): Promise<User | null> {
    const u = this.users.get(id);
    if (!u) return null;
    if (patch.role !== undefined) u.role = patch.role;
    if (patch.trainee !== undefined) u.trainee = patch.trainee;
    if (patch.disabled !== undefined) u.disabled = patch.disabled;
    if (patch.tokenHash !== undefined) u.tokenHash = patch.tokenHash;
    u.updatedAt = new Date().toISOString();
    // See UserStore.updateUser: enabled again or a new token, the old sessions end.
    if (patch.disabled === false || patch.tokenHash) for (const [key, s] of this.sessions) if (s.userId === id) this.sessions.delete(key);
    return toUser(u);
  }

  async createSession(session: Session): Promise<void> {
    const now = new Date().toISOString();
    for (const [key, s] of this.sessions) if (s.expiresAt <= now) this.sessions.delete(key);
    this.sessions.set(session.idHash, { ...session });
  }

  async findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null> {
    const s = this.sessions.get(idHash);
    if (!s || s.expiresAt <= now) return null;
    const u = this.users.get(s.userId);
    return u ? { session: { ...s }, user: toUser(u) } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    this.sessions.delete(idHash);
  }
}
