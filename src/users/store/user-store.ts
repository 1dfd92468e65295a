/**
 * The users feature's store port: people who sign in (API tokens stored only as sha256 hashes)
 * and their console sessions. Adapters beside it: SQLite, MongoDB and an in-memory fake.
 */
export type Role = 'agent' | 'supervisor' | 'admin';
export const ROLES: readonly Role[] = ['agent', 'supervisor', 'admin'];

export interface User {
  id: string;
  /** Unique (case-insensitive), shown in the console and in 409 "held by" answers. */
  name: string;
  role: Role;
  /** Trainee agents' replies need a supervisor's approval (APPROVAL_FOR_TRAINEES). */
  trainee: boolean;
  disabled: boolean;
  createdAt: string;
  updatedAt: string;
}

export interface NewUser {
  name: string;
  role: Role;
  trainee?: boolean;
  /** sha256 (hex) of the API token; the token itself is never stored. */
  tokenHash: string;
}

export type UserPatch = Partial<Pick<User, 'role' | 'trainee' | 'disabled'>> & { tokenHash?: string };

/** A console sign-in: the cookie value is only stored hashed, like API tokens. */
export interface Session {
  idHash: string;
  userId: string;
  /** Sent back by the console in X-CSRF-Token on state-changing requests. */
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

export interface UserStore {
  /** Fails when the name is taken (names are unique, case-insensitive). */
  createUser(user: NewUser): Promise<User>;
  getUser(id: string): Promise<User | null>;
  /** Case-insensitive. */
  findUserByName(name: string): Promise<User | null>;
  /** The token's user, a disabled one too: authenticate refuses it with account_disabled, so its holder is told why. */
  findUserByTokenHash(tokenHash: string): Promise<User | null>;
  /** Ordered by name. */
  listUsers(): Promise<User[]>;
  countUsers(): Promise<number>;
  /**
   * A new token, or enabling a disabled user again, ends all its sessions in the same write. A
   * disabled user's sessions stay (refused with account_disabled, so an open console says why
   * rather than «session expired») until then or until they expire.
   */
  updateUser(id: string, patch: UserPatch): Promise<User | null>;
  createSession(session: Session): Promise<void>;
  /** Unexpired sessions, a disabled user's too: authenticate refuses those with account_disabled, so the console can say why. */
  findSession(idHash: string, now: string): Promise<{ session: Session; user: User } | null>;
  deleteSession(idHash: string): Promise<void>;
}
