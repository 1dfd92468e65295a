/**
 * The append-only audit trail on MongoDB. `_id` is a number from the 'audit' sequence, so entries
 * keep the same ids and order as on SQLite (its `seq`) and survive store:copy both ways.
 */
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { Page } from '../../domain';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import type { AuditDoc } from '../../store/mongodb/audit-doc';
import { AUDIT_COLLECTION, AUDIT_SEQUENCE } from '../../store/mongodb/collection-names';
import { toPlain } from '../../store/mongodb/plain-json';
import type { Sequences } from '../../store/mongodb/sequences';
import type { AuditEntry, AuditQuery, AuditStore, NewAuditEntry } from './audit-store';

const INDEXES: IndexDescription[] = [
  { key: { subject: 1, _id: -1 }, name: 'subject' },
  { key: { actor: 1, _id: -1 }, name: 'actor' },
  { key: { action: 1, _id: -1 }, name: 'action' },
];

function docToAuditEntry(doc: AuditDoc): AuditEntry {
  const e: AuditEntry = { id: String(doc._id), at: doc.at, actor: doc.actor, action: doc.action, subject: doc.subject };
  if ('before' in doc) e.before = doc.before;
  if ('after' in doc) e.after = doc.after;
  return e;
}

function listFilter(q: AuditQuery): Filter<AuditDoc> {
  const filter: Filter<AuditDoc> = {};
  if (q.subject) filter.subject = q.subject;
  if (q.actor) filter.actor = q.actor;
  if (q.action) filter.action = q.action;
  if (q.cursor) {
    const seq = Number(decodePageCursor(q.cursor, 1)[0]);
    if (!Number.isSafeInteger(seq)) throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
    filter._id = { $lt: seq };
  }
  return filter;
}

export class MongoAuditStore implements AuditStore {
  private readonly audit: Collection<AuditDoc>;

  constructor(
    db: Db,
    private readonly sequences: Sequences,
  ) {
    this.audit = db.collection<AuditDoc>(AUDIT_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.audit.createIndexes(INDEXES);
  }

  /** Two writes (sequence, then entry); a crash between them only skips a number. */
  async appendAudit(entry: NewAuditEntry): Promise<AuditEntry> {
    const doc: AuditDoc = {
      _id: await this.sequences.next(AUDIT_SEQUENCE),
      at: entry.at ?? new Date().toISOString(),
      actor: entry.actor,
      action: entry.action,
      subject: entry.subject,
    };
    if (entry.before !== undefined) doc.before = toPlain(entry.before);
    if (entry.after !== undefined) doc.after = toPlain(entry.after);
    await this.audit.insertOne(doc);
    return docToAuditEntry(doc);
  }

  async listAudit(q: AuditQuery): Promise<Page<AuditEntry>> {
    const docs = await this.audit.find(listFilter(q)).sort({ _id: -1 }).limit(q.limit + 1).toArray();
    const items = docs.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items: items.map(docToAuditEntry), nextCursor: docs.length > q.limit && last ? encodePageCursor([last._id]) : null };
  }
}
