/**
 * An in-memory stand-in for the slice of the MongoDB driver the adapter uses (Db, Collection,
 * sessions), with queries, updates and aggregation pipelines evaluated by mingo. It lets the
 * whole store contract run against the MongoDB stores without a server: the adapter's logic, filters,
 * update documents and pipelines are exercised, as mingo understands them.
 *
 * What it models: each operation is atomic on its own and yields to the event loop first (so
 * concurrent calls interleave between operations, as with a real server); unique indexes
 * (including partial ones) refuse duplicates with E11000; upserts build the new document from
 * the filter's equality fields and $setOnInsert; `transactions: true` runs each transaction
 * alone (serialisable) and rolls it back when it throws. What it does not: the real server's
 * query planner, index use, type brackets in every corner, write concerns, BSON types.
 */
import { MongoServerError } from 'mongodb';
import { aggregate, find, Query, update as applyUpdate } from 'mingo';

type Doc = Record<string, unknown>;
/** mingo's document type (its subpath types do not resolve under moduleResolution node10). */
type AnyObject = Parameters<Query['test']>[0];

interface IndexSpec {
  key: Record<string, number>;
  name?: string;
  unique?: boolean;
  partialFilterExpression?: Doc;
}

const tick = () => new Promise<void>((resolve) => setImmediate(resolve));

/** Deep copy without undefined fields (the adapter's client uses ignoreUndefined). */
function clone<T>(v: T): T {
  if (Array.isArray(v)) return v.map(clone) as T;
  if (v instanceof Date) return new Date(v.getTime()) as T;
  if (v && typeof v === 'object') {
    const out: Doc = {};
    for (const [k, x] of Object.entries(v)) if (x !== undefined) out[k] = clone(x);
    return out as T;
  }
  return v;
}

function getPath(doc: Doc, path: string): unknown {
  let cur: unknown = doc;
  for (const part of path.split('.')) cur = cur && typeof cur === 'object' ? (cur as Doc)[part] : undefined;
  return cur;
}

const matches = (filter: Doc, doc: Doc) => new Query(filter as AnyObject).test(doc as AnyObject);

function duplicateKey(message: string): MongoServerError {
  return new MongoServerError({ message: `E11000 duplicate key error ${message}`, code: 11000 });
}

export class FakeCollection {
  docs: Doc[] = [];
  readonly indexSpecs: IndexSpec[] = [];

  constructor(
    readonly name: string,
    private readonly db: FakeDb,
  ) {}

  async createIndexes(specs: IndexSpec[]): Promise<string[]> {
    await tick();
    for (const s of specs) {
      const known = this.indexSpecs.find((i) => i.name === s.name);
      if (known && JSON.stringify(known.key) !== JSON.stringify(s.key)) throw new MongoServerError({ message: `index ${s.name} exists with other keys`, code: 86 });
      if (!known) this.indexSpecs.push(clone(s));
    }
    this.db.touch(this.name);
    return specs.map((s) => s.name ?? '');
  }

  async indexes(): Promise<IndexSpec[]> {
    return [{ key: { _id: 1 }, name: '_id_' }, ...this.indexSpecs];
  }

  async dropIndex(name: string): Promise<void> {
    const i = this.indexSpecs.findIndex((s) => s.name === name);
    if (i >= 0) this.indexSpecs.splice(i, 1);
  }

  /** Throws E11000 when `candidate` collides with another document on _id or a unique index. */
  private checkUnique(candidate: Doc, except?: Doc): void {
    for (const other of this.docs) {
      if (other === except) continue;
      if (other._id === candidate._id) throw duplicateKey(`${this.name} _id ${String(candidate._id)}`);
      for (const idx of this.indexSpecs.filter((s) => s.unique)) {
        const covered = (d: Doc) => !idx.partialFilterExpression || matches(idx.partialFilterExpression, d);
        if (!covered(candidate) || !covered(other)) continue;
        const key = (d: Doc) => JSON.stringify(Object.keys(idx.key).map((k) => getPath(d, k) ?? null));
        if (key(candidate) === key(other)) throw duplicateKey(`${this.name} index ${idx.name}`);
      }
    }
  }

  private select(filter: Doc, opts: { sort?: Doc; projection?: Doc } = {}): Doc[] {
    let cursor = find(this.docs as AnyObject[], filter as AnyObject);
    if (opts.sort) cursor = cursor.sort(opts.sort as AnyObject);
    return cursor.all() as Doc[];
  }

  private project(doc: Doc, projection?: Doc): Doc {
    if (!projection) return clone(doc);
    const [out] = find([doc as AnyObject], {}, projection as AnyObject).all() as Doc[];
    return clone(out);
  }

  find(filter: Doc, opts: { projection?: Doc } = {}) {
    let sort: Doc | undefined;
    let limit = 0;
    let projection = opts.projection;
    const cursor = {
      sort: (s: Doc) => ((sort = s), cursor),
      limit: (n: number) => ((limit = n), cursor),
      project: (p: Doc) => ((projection = p), cursor),
      toArray: async () => {
        await tick();
        const all = this.select(filter, { sort });
        return (limit > 0 ? all.slice(0, limit) : all).map((d) => this.project(d, projection));
      },
    };
    return cursor;
  }

  async findOne(filter: Doc, opts: { sort?: Doc; projection?: Doc } = {}): Promise<Doc | null> {
    await tick();
    const [doc] = this.select(filter, opts);
    return doc ? this.project(doc, opts.projection) : null;
  }

  async countDocuments(filter: Doc = {}): Promise<number> {
    await tick();
    return this.select(filter).length;
  }

  async estimatedDocumentCount(): Promise<number> {
    return this.docs.length;
  }

  async insertOne(doc: Doc): Promise<{ insertedId: unknown }> {
    await tick();
    return { insertedId: this.insertNow(doc) };
  }

  async insertMany(docs: Doc[]): Promise<{ insertedCount: number }> {
    await tick();
    for (const d of docs) this.insertNow(d);
    return { insertedCount: docs.length };
  }

  private insertNow(doc: Doc): unknown {
    const stored = clone(doc);
    this.checkUnique(stored);
    this.docs.push(stored);
    this.db.touch(this.name);
    return stored._id;
  }

  /** Applies an update document or pipeline to a copy of `doc`; returns the new document. */
  private updated(doc: Doc, upd: Doc | Doc[], inserting: boolean): Doc {
    if (Array.isArray(upd)) return clone(aggregate([clone(doc) as AnyObject], upd as AnyObject[], this.db.mingoOptions()))[0] as Doc;
    const next = clone(doc);
    const { $setOnInsert, ...ops } = upd as Doc & { $setOnInsert?: Doc };
    if (inserting && $setOnInsert) {
      // an insert may set _id (mingo's updater refuses any _id change, the server allows it here)
      const { _id, ...rest } = clone($setOnInsert);
      if (_id !== undefined) next._id = _id;
      if (Object.keys(rest).length) applyUpdate(next as AnyObject, { $set: rest } as AnyObject);
    }
    if (Object.keys(ops).length) applyUpdate(next as AnyObject, clone(ops) as AnyObject);
    return clone(next);
  }

  /** The document an upsert starts from: the filter's plain equality fields. */
  private upsertBase(filter: Doc): Doc {
    const base: Doc = {};
    for (const [k, v] of Object.entries(filter)) {
      if (k.startsWith('$') || k.includes('.')) continue;
      if (v && typeof v === 'object' && !Array.isArray(v) && Object.keys(v).some((x) => x.startsWith('$'))) continue;
      base[k] = v;
    }
    return base;
  }

  /** One atomic single-document update; returns before/after (null when nothing matched nor inserted). */
  private updateNow(filter: Doc, upd: Doc | Doc[], opts: { upsert?: boolean; sort?: Doc }): { before: Doc | null; after: Doc | null; upserted: boolean } {
    const [target] = this.select(filter, { sort: opts.sort });
    if (target) {
      const next = this.updated(target, upd, false);
      next._id = target._id;
      this.checkUnique(next, target);
      const before = clone(target);
      this.docs[this.docs.indexOf(target)] = next;
      return { before, after: clone(next), upserted: false };
    }
    if (!opts.upsert) return { before: null, after: null, upserted: false };
    const doc = this.updated(this.upsertBase(filter), upd, true);
    if (doc._id === undefined) throw new Error(`fake upsert into ${this.name} without an _id`);
    this.insertNow(doc);
    return { before: null, after: clone(doc), upserted: true };
  }

  async updateOne(filter: Doc, upd: Doc | Doc[], opts: { upsert?: boolean } = {}) {
    await tick();
    const r = this.updateNow(filter, upd, opts);
    const changed = r.before !== null && JSON.stringify(r.before) !== JSON.stringify(r.after);
    return {
      matchedCount: r.before ? 1 : 0,
      modifiedCount: changed ? 1 : 0,
      upsertedCount: r.upserted ? 1 : 0,
      upsertedId: r.upserted ? r.after?._id : null,
    };
  }

  async findOneAndUpdate(filter: Doc, upd: Doc | Doc[], opts: { upsert?: boolean; sort?: Doc; returnDocument?: 'before' | 'after'; projection?: Doc } = {}) {
    await tick();
    const r = this.updateNow(filter, upd, opts);
    const doc = opts.returnDocument === 'after' ? r.after : r.before;
    return doc ? this.project(doc, opts.projection) : null;
  }

  async deleteOne(filter: Doc): Promise<{ deletedCount: number }> {
    await tick();
    const [doc] = this.select(filter);
    if (doc) this.docs.splice(this.docs.indexOf(doc), 1);
    return { deletedCount: doc ? 1 : 0 };
  }

  async deleteMany(filter: Doc): Promise<{ deletedCount: number }> {
    await tick();
    const gone = new Set(this.select(filter));
    this.docs = this.docs.filter((d) => !gone.has(d));
    return { deletedCount: gone.size };
  }

  aggregate(pipeline: Doc[]) {
    return {
      toArray: async () => {
        await tick();
        return clone(aggregate(this.docs as AnyObject[], pipeline as AnyObject[], this.db.mingoOptions())) as Doc[];
      },
    };
  }

  async bulkWrite(ops: Doc[], _opts: { ordered?: boolean } = {}) {
    await tick();
    const upsertedIds: Record<number, unknown> = {};
    ops.forEach((op, i) => {
      if ('insertOne' in op) this.insertNow((op.insertOne as { document: Doc }).document);
      else if ('updateOne' in op) {
        const u = op.updateOne as { filter: Doc; update: Doc; upsert?: boolean };
        const r = this.updateNow(u.filter, u.update, { upsert: u.upsert });
        if (r.upserted) upsertedIds[i] = r.after?._id;
      } else if ('replaceOne' in op) {
        const u = op.replaceOne as { filter: Doc; replacement: Doc; upsert?: boolean };
        const [target] = this.select(u.filter);
        if (target) {
          const next = clone({ ...u.replacement, _id: target._id });
          this.checkUnique(next, target);
          this.docs[this.docs.indexOf(target)] = next;
        } else if (u.upsert) {
          this.insertNow({ ...this.upsertBase(u.filter), ...u.replacement });
          upsertedIds[i] = u.replacement._id;
        }
      } else throw new Error(`fake bulkWrite: unsupported ${Object.keys(op)[0]}`);
    });
    return { upsertedIds, upsertedCount: Object.keys(upsertedIds).length };
  }
}

export class FakeDb {
  /** As Db.databaseName (named in the store's messages). */
  readonly databaseName = 'rasid_test';
  private readonly collections = new Map<string, FakeCollection>();
  private readonly present = new Set<string>();
  /** Transactions run one at a time (serialisable): the tail of the queue. */
  private txTail: Promise<unknown> = Promise.resolve();

  collection(name: string): FakeCollection {
    let c = this.collections.get(name);
    if (!c) {
      c = new FakeCollection(name, this);
      this.collections.set(name, c);
    }
    return c;
  }

  touch(name: string): void {
    this.present.add(name);
  }

  mingoOptions() {
    return { collectionResolver: (name: string) => this.collection(name).docs as AnyObject[] };
  }

  async command(cmd: Doc): Promise<Doc> {
    if ('ping' in cmd) return { ok: 1 };
    throw new Error(`fake command ${Object.keys(cmd)[0]} not supported`);
  }

  listCollections() {
    return { toArray: async () => [...this.present].map((name) => ({ name })) };
  }

  /** A client whose sessions run transactions alone and roll them back on error. */
  client(): { withSession<T>(fn: (s: unknown) => Promise<T>): Promise<T>; close(): Promise<void> } {
    const session = {
      withTransaction: <T>(work: () => Promise<T>): Promise<T> => {
        const run = this.txTail.then(async () => {
          const snapshot = [...this.collections.values()].map((c) => [c, clone(c.docs)] as const);
          try {
            return await work();
          } catch (err) {
            for (const [c, docs] of snapshot) c.docs = docs;
            throw err;
          }
        });
        this.txTail = run.catch(() => undefined);
        return run;
      },
    };
    return { withSession: (fn) => fn(session), close: async () => undefined };
  }
}
