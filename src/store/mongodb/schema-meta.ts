/**
 * MongoDB has no migrations: collections appear on first write and indexes are created at every
 * start; what changes data is a data fix (data-fixes.ts), run once by version. This records which
 * schema version the database was last prepared for, so /readyz can report it like the SQLite
 * migration version and the next start knows which data fixes it has had. A database prepared
 * by a newer release (a version above this one's) is refused at start (StoreError store_too_new),
 * before any index or data fix touches it.
 */
import type { Collection, Db } from 'mongodb';
import type { StoreStatus } from '../../domain';
import { StoreError } from '../store-error';

export const META_COLLECTION = 'meta';

/** Bumped whenever this release adds collections, indexes or a data fix (3: case first response by people). */
export const MONGO_SCHEMA_VERSION = 3;

interface MetaDoc {
  _id: 'schema';
  version: number;
  preparedAt: string;
}

export class SchemaMeta {
  private readonly meta: Collection<MetaDoc>;

  constructor(db: Db) {
    this.meta = db.collection<MetaDoc>(META_COLLECTION);
  }

  /**
   * Called after the indexes exist. Never lowers the version: an older release refuses a newer
   * database at start (refuseNewer), but one starting at the same moment as a newer one may have
   * read the version before the newer one recorded its own.
   */
  async record(): Promise<void> {
    await this.meta.updateOne(
      { _id: 'schema' },
      { $max: { version: MONGO_SCHEMA_VERSION }, $set: { preparedAt: new Date().toISOString() } },
      { upsert: true },
    );
  }

  /** The version the database was last prepared for (0: never). */
  async preparedVersion(): Promise<number> {
    return (await this.meta.findOne({ _id: 'schema' }))?.version ?? 0;
  }

  /** The prepared version, after refusing one past this release's (StoreError store_too_new). */
  async refuseNewer(dbName: string): Promise<number> {
    const version = await this.preparedVersion();
    if (version > MONGO_SCHEMA_VERSION) throw StoreError.tooNew(`the MongoDB database ${dbName}`, version, MONGO_SCHEMA_VERSION);
    return version;
  }

  async status(): Promise<StoreStatus> {
    const doc = await this.meta.findOne({ _id: 'schema' });
    const schemaVersion = doc?.version ?? 0;
    return { ok: schemaVersion === MONGO_SCHEMA_VERSION, schemaVersion, expectedSchemaVersion: MONGO_SCHEMA_VERSION };
  }
}
