/**
 * The append-only audit trail on MongoDB. `_id` is a number from the 'audit' sequence, so entries
 * keep the same ids and order as on SQLite (its `seq`) and survive store:copy both ways.
 */
import type { Collection, Db, Filter, IndexDescription } from 'mongodb';
import type { AuditEntry, AuditQuery, NewAuditEntry, Page } from '../../domain';
import { ValidationError } from '../../errors';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { toPlain } from './plain-json';
import type { Sequences } from './sequences';

export const AUDIT_COLLECTION = 'audit';
export const AUDIT_SEQUENCE = 'audit';

export interface AuditDoc {
  _id: number;
  at: string;
  actor: string;
  action: string;
  subject: string;
  /** Present (possibly null) only when the entry has it. */
  before?: unknown;
  after?: unknown;
}

export const AUDIT_INDEXES: IndexDescription[] = [
  { key: { subject: 1, _id: -1 }, name: 'subject' },
  { key: { actor: 1, _id: -1 }, name: 'actor' },
  { key: { action: 1, _id: -1 }, name: 'action' },
];

export function docToAuditEntry(doc: AuditDoc): AuditEntry {
  const e: AuditEntry = { id: String(doc._id), at: doc.at, actor: doc.actor, action: doc.action, subject: doc.subject };
  if ('before' in doc) e.before = doc.before;
  if ('after' in doc) e.after = doc.after;
  return e;
}

export function auditListFilter(q: AuditQuery): Filter<AuditDoc> {
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

export class AuditCollection {
  private readonly audit: Collection<AuditDoc>;

  constructor(
    db: Db,
    private readonly sequences: Sequences,
  ) {
    this.audit = db.collection<AuditDoc>(AUDIT_COLLECTION);
  }

  async ensureIndexes(): Promise<void> {
    await this.audit.createIndexes(AUDIT_INDEXES);
  }

  /** Two writes (sequence, then entry); a crash between them only skips a number. */
  async append(entry: NewAuditEntry): Promise<AuditEntry> {
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

  async list(q: AuditQuery): Promise<Page<AuditEntry>> {
    const docs = await this.audit.find(auditListFilter(q)).sort({ _id: -1 }).limit(q.limit + 1).toArray();
    const items = docs.slice(0, q.limit);
    const last = items[items.length - 1];
    return { items: items.map(docToAuditEntry), nextCursor: docs.length > q.limit && last ? encodePageCursor([last._id]) : null };
  }
}
