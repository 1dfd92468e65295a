/**
 * Users (API tokens kept only as sha256 hashes) and console sessions on MongoDB. Names are unique
 * regardless of case, like SQLite's COLLATE NOCASE column: a lower-cased copy carries the unique
 * index, so lookups need no collation.
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession, Collection, Db, IndexDescription } from 'mongodb';
import { SESSIONS_COLLECTION, USERS_COLLECTION } from '../../store/mongodb/collection-names';
import type { MongoTransactions } from '../../store/mongodb/transactions';
import { nameKey } from '../../store/mongodb/user-name-key';
import type { NewUser, Role, Session, User, UserPatch, UserStore } from './user-store';


interface UserDoc {
  _id: string;
  name: string;
  /** name.toLowerCase(): the unique, case-insensitive key. */
  nameKey: string;
  role: Role;
  trainee: boolean;
  disabled: boolean;
  tokenHash: string;
  createdAt: string;
  updatedAt: string;
}

interface SessionDoc {
  /** The hashed cookie value. */
  _id: string;
  userId: string;
  csrfToken: string;
  createdAt: string;
  expiresAt: string;
}

const USER_INDEXES: IndexDescription[] = [
  { key: { nameKey: 1 }, name: 'name_unique', unique: true },
  { key: { tokenHash: 1 }, name: 'token_unique', unique: true },
];

const SESSION_INDEXES: IndexDescription[] = [
  { key: { expiresAt: 1 }, name: 'expires' },
  { key: { userId: 1 }, name: 'user' },
];

function docToUser(doc: UserDoc): User {
  return {
    id: doc._id,
    name: doc.name,
    role: doc.role,
    trainee: doc.trainee,
    disabled: doc.disabled,
    createdAt: doc.createdAt,
    updatedAt: doc.updatedAt,
  };
}

function docToSession(doc: SessionDoc): Session {
  return { idHash: doc._id, userId: doc.userId, csrfToken: doc.csrfToken, createdAt: doc.createdAt, expiresAt: doc.expiresAt };
}

/** The $set of updateUser: only the fields given, and always updatedAt. */
function userPatchSet(patch: UserPatch, now: string): Partial<UserDoc> {
  const set: Partial<UserDoc> = { updatedAt: now };
  if (patch.role !== undefined) set.role = patch.role;
  if (patch.trainee !== undefined) set.trainee = patch.trainee;
  if (patch.disabled !== undefined) set.disabled = patch.disabled;
  if (patch.tokenHash !== undefined) set.tokenHash = patch.tokenHash;
  return set;
}

export class MongoUserStore implements UserStore {
  private readonly users: Collection<UserDoc>;
  private readonly sessions: Collection<SessionDoc>;

  constructor(
    db: Db,
    private readonly tx: MongoTransactions,
  ) {
    this.users = db.collection<UserDoc>(USERS_COLLECTION);
    this.sessions = db.collection<SessionDoc>(SESSIONS_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.users.createIndexes(USER_INDEXES);
    await this.sessions.createIndexes(SESSION_INDEXES);
  }

  /** A duplicate name or token fails on the unique index (E11000), like SQLite's UNIQUE. */
  async createUser(user: NewUser): Promise<User> {
    const now = new Date().toISOString();
    const doc: UserDoc = {
      _id: randomUUID(),
      name: user.name,
      nameKey: nameKey(user.name),
      role: user.role,
      trainee: user.trainee ?? false,
      disabled: false,
      tokenHash: user.tokenHash,
      createdAt: now,
      updatedAt: now,
    };
    await this.users.insertOne(doc);
    return docToUser(doc);
  }

  async getUser(id: string): Promise<User | null> {
    const doc = await this.users.findOne({ _id: id });
    return doc ? docToUser(doc) : null;
  }

  async findUserByName(name: string): Promise<User | null> {
    const doc = await this.users.findOne({ nameKey: nameKey(name) });
    return doc ? docToUser(doc) : null;
  }

  async findUserByTokenHash(tokenHash: string): Promise<User | null> {
    const doc = await this.users.findOne({ tokenHash });
    return doc ? docToUser(doc) : null;
  }

  async listUsers(): Promise<User[]> {
    return (await this.users.find({}).sort({ nameKey: 1 }).toArray()).map(docToUser);
  }

  countUsers(): Promise<number> {
    return this.users.countDocuments({});
  }

  /**
   * See UserStore.updateUser for the sessions. In a transaction on a replica set; on a standalone
   * server the user is written first, then the sessions go: a crash in between keeps old sessions
   * after a token change or a re-enabling until they expire.
   */
  updateUser(id: string, patch: UserPatch): Promise<User | null> {
    return this.tx.run(async (session) => {
      const doc = await this.users.findOneAndUpdate({ _id: id }, { $set: userPatchSet(patch, new Date().toISOString()) }, { returnDocument: 'after', session });
      if (doc && (patch.disabled === false || patch.tokenHash)) await this.sessions.deleteMany({ userId: id }, { session });
      return doc ? docToUser(doc) : null;
    });
  }

  async createSession(s: Session): Promise<void> {
    await this.sessions.deleteMany({ expiresAt: { $lte: new Date().toISOString() } });
    await this.sessions.insertOne({ _id: s.idHash, userId: s.userId, csrfToken: s.csrfToken, createdAt: s.createdAt, expiresAt: s.expiresAt });
  }

  async findSession(idHash: string, now: string, session?: ClientSession): Promise<{ session: Session; user: User } | null> {
    const s = await this.sessions.findOne({ _id: idHash, expiresAt: { $gt: now } }, { session });
    if (!s) return null;
    const user = await this.users.findOne({ _id: s.userId }, { session });
    return user ? { session: docToSession(s), user: docToUser(user) } : null;
  }

  async deleteSession(idHash: string): Promise<void> {
    await this.sessions.deleteOne({ _id: idHash });
  }
}
