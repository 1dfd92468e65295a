/**
 * Cases on MongoDB: capture of complaint mentions (de-dup or a new numbered case), Open311 cases,
 * updates with history and outbox messages, first responses, and the case list.
 *
 * Atomicity. On a replica set every change runs in one transaction, like SQLite. On a standalone
 * server changes run one at a time under the case lock (case-lock.ts), and each is an ordering of
 * idempotent writes that a rerun finishes:
 * - the decision is written first and in one document: a capture records the case on the mention
 *   (`caseId`, still `capturePending`), a case change writes its history and outbox messages into
 *   the case document in the same update (`pendingOutbox`);
 * - numbers come from case-numbering.ts (the counter carries the case it numbers: gap-free);
 * - then the messages move to the outbox (upserts by fixed id) and the capture clears
 *   `capturePending`. A capture interrupted after its decision resumes with the same case when
 *   it is run again (the sweep of pending mentions), leftovers of the other steps are finished by
 *   the next case change and at start.
 */
import { randomUUID } from 'node:crypto';
import type { ClientSession, Collection, Db, IndexDescription } from 'mongodb';
import type { Case, Mention, Page } from '../../domain';
import { ConflictError } from '../../errors';
import { CASES_COLLECTION } from '../../store/mongodb/collection-names';
import { MENTIONS_COLLECTION } from '../../store/mongodb/collection-names';
import { docToMention, type MentionDoc } from '../../store/mongodb/mention-docs';
import type { MongoTransactions } from '../../store/mongodb/transactions';
import { encodePageCursor } from '../../store/page-cursor';
import type { CaptureRequest, CaptureResult, CaseLabel, CaseQuery, CaseStore, CaseUpdate, CaseUpdateResult, NewCase, OutboxTarget } from './case-store';
import {
  CASE_LIST_SORT,
  OPEN_MATCH_SORT,
  caseChange,
  caseListFilter,
  docToCase,
  historyEntry,
  linkUpdate,
  newCaseDoc,
  openMatchFilter,
  type CaseDoc,
} from './mongo-case-docs';
import type { CaseLock } from './mongo-case-lock';
import { CaseNumbering } from './mongo-case-numbering';
import { newOutboxId, type MongoCaseOutboxStore } from './mongo-case-outbox-store';


export const CASE_INDEXES: IndexDescription[] = [
  { key: { number: 1 }, name: 'number_unique', unique: true },
  { key: { openedAt: -1, _id: -1 }, name: 'opened' },
  // de-dup: open cases of a domain by author, block or road, most recent complaint first
  { key: { domain: 1, authorKey: 1, status: 1, lastComplaintAt: -1 }, name: 'dedup_author' },
  { key: { domain: 1, block: 1, status: 1, lastComplaintAt: -1 }, name: 'dedup_block' },
  { key: { domain: 1, road: 1, status: 1, lastComplaintAt: -1 }, name: 'dedup_road' },
  { key: { status: 1, slaDueAt: 1 }, name: 'status_sla' },
  // weekly figures: cases resolved / closed in a window
  { key: { resolvedAt: 1 }, name: 'resolved', partialFilterExpression: { resolvedAt: { $type: 'string' } } },
  { key: { closedAt: 1 }, name: 'closed', partialFilterExpression: { closedAt: { $type: 'string' } } },
  // weekly case figures: the cases with a history entry since the week's start (a multikey index;
  // with 'opened' and 'status_sla' it serves each branch of caseFiguresPipeline's $or, so a past
  // week does not read every case opened before its end)
  { key: { 'history.at': 1 }, name: 'history_at' },
  { key: { 'pendingOutbox.id': 1 }, name: 'pending_outbox', partialFilterExpression: { 'pendingOutbox.id': { $exists: true } } },
];

/** Indexes the case part adds to the mentions collection. */
export const CASE_MENTION_INDEXES: IndexDescription[] = [
  { key: { caseId: 1, createdAt: 1, _id: 1 }, name: 'case', partialFilterExpression: { caseId: { $type: 'string' } } },
  { key: { capturePending: 1, fetchedAt: 1, _id: 1 }, name: 'capture_pending_fetched', partialFilterExpression: { capturePending: true } },
];

type Session = ClientSession | undefined;

export class MongoCaseStore implements CaseStore {
  readonly cases: Collection<CaseDoc>;
  private readonly mentions: Collection<MentionDoc>;
  private readonly numbering: CaseNumbering;

  constructor(
    db: Db,
    private readonly tx: MongoTransactions,
    private readonly lock: CaseLock,
    private readonly outbox: MongoCaseOutboxStore,
  ) {
    this.cases = db.collection<CaseDoc>(CASES_COLLECTION);
    this.mentions = db.collection<MentionDoc>(MENTIONS_COLLECTION);
    this.numbering = new CaseNumbering(db, this.cases);
  }

  async ensureIndexes(): Promise<void> {
    await this.cases.createIndexes(CASE_INDEXES);
    await this.mentions.createIndexes(CASE_MENTION_INDEXES);
  }

  /** Finishes what an interrupted change left behind (a numbering, unmoved outbox messages). */
  async finishInterrupted(session?: ClientSession): Promise<void> {
    await this.numbering.finishInterrupted(session);
    const unmoved = await this.cases.find({ 'pendingOutbox.id': { $exists: true } }, { session }).toArray();
    for (const doc of unmoved) await this.moveOutbox(doc, session);
  }

  /** One case change: a transaction on a replica set, else under the case lock after finishing leftovers. */
  private change<T>(work: (session: Session) => Promise<T>): Promise<T> {
    if (this.tx.supported) return this.tx.run(work);
    return this.lock.run(async () => {
      await this.finishInterrupted();
      return work(undefined);
    });
  }

  async listCapturePending(limit: number): Promise<Mention[]> {
    const docs = await this.mentions.find({ capturePending: true }).sort({ fetchedAt: 1, _id: 1 }).limit(limit).toArray();
    return docs.map(docToMention);
  }

  async listStrayCaseLinks(closedAction: string, limit: number): Promise<Mention[]> {
    const notComplaint = { $or: [{ status: 'spam' as const }, { intent: { $ne: 'complaint' } }, { primaryDomain: null }] };
    const complaint = { status: { $ne: 'spam' as const }, intent: 'complaint', primaryDomain: { $ne: null } };
    const open = await this.cases.find({ source: 'ingest', status: { $ne: 'closed' } }, { projection: { _id: 1 } }).toArray();
    const closedAsNone = await this.cases
      .find({ source: 'ingest', status: 'closed', $expr: { $eq: [{ $arrayElemAt: ['$history.action', -1] }, closedAction] } }, { projection: { _id: 1 } })
      .toArray();
    const docs = await this.mentions
      .find({ $or: [{ caseId: { $in: open.map((c) => c._id) }, ...notComplaint }, { caseId: { $in: closedAsNone.map((c) => c._id) }, ...complaint }] })
      .limit(limit)
      .toArray();
    return docs.map(docToMention);
  }

  captureMention(req: CaptureRequest): Promise<CaptureResult> {
    return this.change(async (session) => {
      const m = await this.mentions.findOne({ _id: req.mentionId }, { session });
      if (!m || !m.capturePending) return { outcome: 'not_pending' };
      const complaintAt = new Date(m.createdAt).toISOString();
      const authorKey = `${m.network}:${m.author.id}`;
      const at = req.newCase.openedAt;
      // An earlier run recorded its decision and was interrupted: finish that one.
      const decided = m.caseId ? await this.cases.findOne({ _id: m.caseId }, { session }) : null;
      if (decided && decided.sourceMentionId === m._id) return this.finishCapture(m._id, decided._id, 'opened', session);
      const match = decided ?? (await this.cases.findOne(openMatchFilter(req, authorKey, complaintAt), { sort: OPEN_MATCH_SORT, session }));
      if (match) {
        await this.decide(m._id, match._id, session);
        const { filter, update } = linkUpdate(match._id, m._id, complaintAt, req.linkedAt ?? at, req.newCase.actor);
        await this.cases.updateOne(filter, update, { session });
        return this.finishCapture(m._id, match._id, 'linked', session);
      }
      const id = m.caseId ?? randomUUID();
      await this.decide(m._id, id, session);
      await this.insertCase(id, req.newCase, { authorKey, complaintAt, onOpened: req.onOpened, sourceMentionId: m._id }, session);
      return this.finishCapture(m._id, id, 'opened', session);
    });
  }

  /** Records on the pending mention which case it goes to (the capture's decision). */
  private async decide(mentionId: string, caseId: string, session: Session): Promise<void> {
    await this.mentions.updateOne({ _id: mentionId, capturePending: true }, { $set: { caseId } }, { session });
  }

  private async finishCapture(mentionId: string, caseId: string, outcome: 'opened' | 'linked', session: Session): Promise<CaptureResult> {
    const doc = (await this.cases.findOne({ _id: caseId }, { session })) as CaseDoc;
    await this.moveOutbox(doc, session);
    await this.mentions.updateOne({ _id: mentionId, caseId }, { $set: { capturePending: false } }, { session });
    return { outcome, case: await this.load(caseId, session) };
  }

  private async insertCase(
    id: string,
    c: NewCase,
    opts: { authorKey: string | null; complaintAt: string; onOpened: OutboxTarget[]; sourceMentionId?: string },
    session: Session,
  ): Promise<CaseDoc> {
    const doc = newCaseDoc(id, c, { ...opts, newId: newOutboxId });
    return this.numbering.insertNumbered(c.prefix, c.year, doc, session);
  }

  /** Moves the case's pending outbox messages to the outbox, each with the case as it is now. */
  private async moveOutbox(doc: CaseDoc, session: Session): Promise<void> {
    const entries = doc.pendingOutbox ?? [];
    if (!entries.length) return;
    await this.outbox.insertPending(entries, (await this.hydrate([doc], session))[0], session);
    await this.cases.updateOne({ _id: doc._id }, { $pull: { pendingOutbox: { id: { $in: entries.map((e) => e.id) } } } }, { session });
  }

  async skipCapture(mentionId: string): Promise<boolean> {
    return (await this.mentions.updateOne({ _id: mentionId, capturePending: true }, { $set: { capturePending: false } })).modifiedCount === 1;
  }

  openCase(newCase: NewCase, onOpened: OutboxTarget[]): Promise<Case> {
    return this.change(async (session) => {
      const doc = await this.insertCase(randomUUID(), newCase, { authorKey: null, complaintAt: newCase.openedAt, onOpened }, session);
      await this.moveOutbox(doc, session);
      return this.load(doc._id, session);
    });
  }

  async getCase(number: string): Promise<Case | null> {
    const doc = await this.cases.findOne({ number });
    return doc ? (await this.hydrate([doc]))[0] : null;
  }

  async getCaseById(id: string): Promise<Case | null> {
    const doc = await this.cases.findOne({ _id: id });
    return doc ? (await this.hydrate([doc]))[0] : null;
  }

  async caseLabels(ids: string[]): Promise<Map<string, CaseLabel>> {
    const docs = ids.length ? await this.cases.find({ _id: { $in: ids } }, { projection: { number: 1, status: 1 } }).toArray() : [];
    return new Map(docs.map((d) => [d._id, { number: d.number, status: d.status }]));
  }

  async listCases(q: CaseQuery): Promise<Page<Case>> {
    const docs = await this.cases.find(caseListFilter(q)).sort(CASE_LIST_SORT).limit(q.limit + 1).toArray();
    const items = await this.hydrate(docs.slice(0, q.limit));
    const last = items[items.length - 1];
    return { items, nextCursor: docs.length > q.limit && last ? encodePageCursor([last.openedAt, last.id]) : null };
  }

  updateCase(number: string, u: CaseUpdate): Promise<CaseUpdateResult | null> {
    return this.change(async (session) => {
      const doc = await this.cases.findOne({ number }, { session });
      if (!doc) return null;
      if (u.ifStatus && doc.status !== u.ifStatus) {
        throw new ConflictError('case_changed', `case ${number} changed meanwhile (now ${doc.status})`, { status: doc.status });
      }
      const before = (await this.hydrate([doc], session))[0];
      const { update } = caseChange(doc, u, newOutboxId);
      const res = await this.cases.updateOne({ _id: doc._id, status: doc.status }, update, { session });
      if (res.matchedCount !== 1) throw new ConflictError('case_changed', `case ${number} changed meanwhile`, {});
      const changed = (await this.cases.findOne({ _id: doc._id }, { session })) as CaseDoc;
      await this.moveOutbox(changed, session);
      return { before, after: await this.load(doc._id, session) };
    });
  }

  /** Under the case lock (or in a transaction): the mention's link goes, then the history entry. */
  unlinkMention(number: string, mentionId: string, ch: { actor: string; at: string; note?: string }): Promise<CaseUpdateResult | null> {
    return this.change(async (session) => {
      const doc = await this.cases.findOne({ number }, { session });
      if (!doc) return null;
      const before = (await this.hydrate([doc], session))[0];
      const res = await this.mentions.updateOne({ _id: mentionId, caseId: doc._id }, { $unset: { caseId: '' }, $set: { capturePending: false } }, { session });
      if (res.modifiedCount !== 1) return { before, after: before };
      const entry = historyEntry(ch.at, ch.actor, { action: 'mention_unlinked', from: mentionId, note: ch.note });
      await this.cases.updateOne({ _id: doc._id }, { $set: { updatedAt: ch.at }, $push: { history: entry } }, { session });
      return { before, after: await this.load(doc._id, session) };
    });
  }

  /** One conditional write on the case (first call wins); no lock needed. */
  async markCaseFirstResponse(mentionId: string, at: string, opts: { stamp?: boolean } = {}): Promise<string | null> {
    const m = await this.mentions.findOne({ _id: mentionId }, { projection: { caseId: 1 } });
    if (!m?.caseId) return null;
    if (opts.stamp === false) return (await this.cases.findOne({ _id: m.caseId }, { projection: { number: 1 } }))?.number ?? null;
    const entry = { at, actor: 'system', action: 'first_response', to: mentionId };
    const won = await this.cases.findOneAndUpdate(
      { _id: m.caseId, firstResponseAt: { $exists: false } },
      { $set: { firstResponseAt: at, updatedAt: at }, $push: { history: entry } },
      { projection: { number: 1 } },
    );
    if (won) return won.number;
    return (await this.cases.findOne({ _id: m.caseId }, { projection: { number: 1 } }))?.number ?? null;
  }

  private async load(id: string, session: Session): Promise<Case> {
    const doc = (await this.cases.findOne({ _id: id }, { session })) as CaseDoc;
    return (await this.hydrate([doc], session))[0];
  }

  /** Cases with their mention ids (oldest mention first), one query for the whole page. */
  private async hydrate(docs: CaseDoc[], session?: Session): Promise<Case[]> {
    if (!docs.length) return [];
    const linked = await this.mentions
      .find({ caseId: { $in: docs.map((d) => d._id) } }, { projection: { _id: 1, caseId: 1 }, session })
      .sort({ createdAt: 1, _id: 1 })
      .toArray();
    const byCase = new Map<string, string[]>();
    for (const m of linked) byCase.set(m.caseId as string, [...(byCase.get(m.caseId as string) ?? []), m._id]);
    return docs.map((d) => docToCase(d, byCase.get(d._id) ?? []));
  }
}
