/**
 * Accounts: create users (the token is returned once and only its hash kept), change role or
 * trainee flag, disable, issue a new token, and the first admin created at first start.
 */
import fs from 'node:fs';
import path from 'node:path';
import { ConflictError, NotFoundError } from '../errors';
import { AuditLog, subject } from '../audit/audit-log';
import { generateToken, hashToken } from './token';
import type { Role, User, UserPatch, UserStore as FullUserStore } from '../users/store/user-store';

type UserStore = Pick<FullUserStore, 'createUser' | 'getUser' | 'findUserByName' | 'listUsers' | 'countUsers' | 'updateUser'>;

export interface NewUserInput {
  name: string;
  role: Role;
  trainee?: boolean;
}

export const INITIAL_ADMIN_TOKEN_FILE = 'initial-admin-token';

export class UserService {
  constructor(
    private readonly store: UserStore,
    private readonly audit: AuditLog,
  ) {}

  list(): Promise<User[]> {
    return this.store.listUsers();
  }

  async get(id: string): Promise<User> {
    const user = await this.store.getUser(id);
    if (!user) throw new NotFoundError('user', id);
    return user;
  }

  /** Returns the user and its token; the token is never available again. */
  async create(actor: string, input: NewUserInput): Promise<{ user: User; token: string }> {
    if (await this.store.findUserByName(input.name)) throw new ConflictError('user_name_taken', `a user named ${input.name} exists`, { name: input.name });
    const token = generateToken();
    const user = await this.store.createUser({ name: input.name, role: input.role, trainee: input.trainee ?? false, tokenHash: hashToken(token) });
    await this.audit.record({ actor, action: 'user.created', subject: subject('user', user.id), after: { name: user.name, role: user.role, trainee: user.trainee } });
    return { user, token };
  }

  async update(actor: string, id: string, patch: Pick<UserPatch, 'role' | 'trainee' | 'disabled'>): Promise<User> {
    const before = await this.get(id);
    if (id === actor && (patch.disabled || (patch.role && patch.role !== 'admin'))) {
      throw new ConflictError('cannot_demote_self', 'an admin cannot disable or demote their own account');
    }
    const after = (await this.store.updateUser(id, patch)) as User;
    await this.audit.record({
      actor,
      action: patch.disabled ? 'user.disabled' : 'user.updated',
      subject: subject('user', id),
      before: { role: before.role, trainee: before.trainee, disabled: before.disabled },
      after: { role: after.role, trainee: after.trainee, disabled: after.disabled },
    });
    return after;
  }

  /** A new token; the old one and every console session stop working at once. */
  async rotateToken(actor: string, id: string): Promise<{ user: User; token: string }> {
    await this.get(id);
    const token = generateToken();
    const user = (await this.store.updateUser(id, { tokenHash: hashToken(token) })) as User;
    await this.audit.record({ actor, action: 'user.token_rotated', subject: subject('user', id) });
    return { user, token };
  }

  /**
   * First start with no users: creates an `admin` and writes its token to
   * `${dataDir}/initial-admin-token` (mode 0600). Returns the file path, or null when users exist.
   */
  async ensureInitialAdmin(dataDir: string): Promise<string | null> {
    if ((await this.store.countUsers()) > 0) return null;
    const { token } = await this.create('system', { name: 'admin', role: 'admin' });
    const file = path.join(dataDir, INITIAL_ADMIN_TOKEN_FILE);
    fs.mkdirSync(dataDir, { recursive: true });
    fs.writeFileSync(file, token + '\n', { mode: 0o600 });
    fs.chmodSync(file, 0o600); // an existing file keeps its old mode on write
    return file;
  }
}
