/**
 * The reply queue: listing in priority order with per-domain counts, claims with a renewable
 * lease, supervisor reassignment, releases, and agents closing mentions that need no reply.
 */
import { MENTION_STATUSES, type CaseStatus, type Claim, type Mention, type MentionStatus, type Page } from '../domain';
import { AppError, ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { AuditLog, subject } from '../audit/audit-log';
import { normalizeForSearch } from '../../classifiers/normalize';
import { assertHoldsClaim } from './claim-guard';
import { postLinkOf } from './post-link';
import { toQueueItem } from './queue-item';
import { QueuePageCache } from './queue-page-cache';
import type { User, UserStore } from '../users/store/user-store';
import type { QueueItem, QueueQuery, QueueStore } from './store/queue-store';
import type { MentionStore } from '../mentions/store/mention-store';

/**
 * What marking a post spam did to its case: closed (its only post) or the post taken out of it;
 * or what setting it back did: the case its mark closed, reopened, or (a complaint without a case)
 * a case opened or joined by capture.
 */
export type SpamCaseChange = { number: string; change: 'closed' | 'unlinked' | 'reopened' | 'opened' | 'linked' };

/**
 * The cases feature's part in the queue (CaseCorrection in src/cases/case-correction.ts, wired in
 * composition.ts): a spam post is not a complaint, so its case follows as for a correction to
 * "not a complaint"; the list names each post's case. An interface here, so the queue does not
 * depend on the cases folder.
 */
export interface QueueCases {
  leaveCase(actor: string, mention: Mention): Promise<SpamCaseChange | null>;
  /** Number and status of the cases of `caseIds` that exist, in one read. */
  caseLabels(caseIds: string[]): Promise<Map<string, { number: string; status: CaseStatus }>>;
  /** Back in the queue: the case a spam mark closed is reopened; a complaint without a case is captured. */
  backInQueue(actor: string, mention: Mention): Promise<SpamCaseChange | null>;
}

/** POST /api/mentions/:id/status: the mention after the change, and what happened to its case. */
export interface StatusChangeResult {
  mention: Mention;
  /** Only marking spam changes a case; null otherwise, or when the post had no case to leave. */
  case: SpamCaseChange | null;
}

export interface QueueServiceDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  /** Absent (tests without cases): marking spam changes no case, and the list names none. */
  cases?: QueueCases;
  queue: QueueStore;
  users: Pick<UserStore, 'getUser'>;
  audit: AuditLog;
  /** Claim lease (CLAIM_LEASE_MINUTES, default 10 min). */
  leaseMs: number;
  /**
   * Per-domain counts the store must scan for (filters its counters do not cover, see
   * hasLiveQueueCounts: on SQLite only the q search) are cached this long per filter set
   * (default 2 s; 0 = always fresh). Counter-backed counts are never cached.
   */
  countsTtlMs?: number;
  /** Serve unchanged pages from memory (queue-page-cache.ts); default true. */
  pageCache?: boolean;
  now?: () => Date;
}

/** `list`: QueueItems, what the console's list shows (default); `full`: whole Mentions. */
export type QueueView = 'list' | 'full';
export const QUEUE_VIEWS: readonly QueueView[] = ['list', 'full'];

export type QueueListInput = Omit<QueueQuery, 'now'> & { view?: QueueView };

export interface QueuePage extends Page<QueueItem | Mention> {
  /** Mentions per domain for the same filters, ignoring the domain filter ('none' = no domain). */
  counts: { byDomain: Record<string, number>; total: number };
}

/** Statuses an agent may set by hand; needs_reply reopens a mention closed by mistake. */
export const SETTABLE_STATUSES = ['no_action', 'spam', 'duplicate', 'needs_reply'] as const;
export type SettableStatus = (typeof SETTABLE_STATUSES)[number];

export class QueueService {
  private readonly now: () => Date;
  private readonly counts = new Map<string, { at: number; value: Record<string, number> }>();
  private readonly pages: QueuePageCache;

  constructor(private readonly deps: QueueServiceDeps) {
    this.now = deps.now ?? (() => new Date());
    const cached = deps.pageCache !== false;
    this.pages = new QueuePageCache(cached ? deps.queue.changeStamp?.bind(deps.queue) : undefined, cached ? deps.queue.queueChangeFeed?.() : undefined);
  }

  async list(input: QueueListInput): Promise<QueuePage> {
    const { view = 'list', ...filters } = input;
    return this.read(this.queryOf(filters), view);
  }

  /**
   * list() as its JSON text: the page served again while nothing that could alter it has changed,
   * the counts while nothing at all has (queue-page-cache.ts), so both are as fresh as list()'s.
   */
  async listJson(input: QueueListInput): Promise<string> {
    const { view = 'list', ...filters } = input;
    const query = this.queryOf(filters);
    const page = await this.pages.body({ ...query, view }, () => this.readPage(query, view));
    const counts = await this.pages.counts(query, () => this.countsOf(query));
    // The page's JSON object with the counts added last: the same text as JSON.stringify(list()).
    return `${page.slice(0, -1)},"counts":${counts}}`;
  }

  private queryOf(filters: Omit<QueueListInput, 'view'>): QueueQuery {
    const { q: typed, ...rest } = filters;
    const now = this.now().toISOString();
    if (!typed?.trim()) return { ...rest, now };
    const link = postLinkOf(typed);
    if (link) return { ...rest, link, now };
    const q = normalizeForSearch(typed).trim();
    // Emoji, a lone # or @ normalize to nothing, which would match every post; dots alone nearly every one.
    if (!/[\p{L}\p{N}]/u.test(q)) throw new AppError(400, 'search_without_words', 'the search has no letters or digits to look for (paste a post\'s address to find that post)', { q: typed });
    return { ...rest, q, now };
  }

  private async read(query: QueueQuery, view: QueueView): Promise<QueuePage> {
    const page = await this.readPage(query, view);
    return { items: page.items, nextCursor: page.nextCursor, counts: await this.countsOf(query) };
  }

  private async readPage(query: QueueQuery, view: QueueView): Promise<Page<QueueItem | Mention>> {
    if (query.link) return this.readLinked(query, view);
    if (view === 'full') {
      const page = await this.deps.queue.listQueue(query);
      return { items: page.items, nextCursor: page.nextCursor };
    }
    const page = await this.listItems(query);
    await this.nameCases(page.items);
    return { items: page.items, nextCursor: page.nextCursor };
  }

  /**
   * Sets caseNumber and caseStatus on the items with a case, in one read for the page: a card names
   * its post's case and whether it is still being worked on (a case a correction closed, or one
   * resolved before a follow-up post, is not an open case).
   */
  private async nameCases(items: QueueItem[]): Promise<void> {
    const cases = this.deps.cases;
    const ids = [...new Set(items.flatMap((item) => (item.caseId ? [item.caseId] : [])))];
    if (!cases || !ids.length) return;
    const labels = await cases.caseLabels(ids);
    for (const item of items) {
      const label = item.caseId ? labels.get(item.caseId) : undefined;
      if (!label) continue;
      item.caseNumber = label.number;
      item.caseStatus = label.status;
    }
  }

  /**
   * A pasted link looks for its post whatever its status: the agent has the link, not the status
   * (answered, or left out of the reply queue). One short list per status (a link matches a post
   * or two); no cursor.
   */
  private async readLinked(query: QueueQuery, view: QueueView): Promise<Page<QueueItem | Mention>> {
    const each = (status: MentionStatus) => ({ ...query, status, cursor: undefined });
    const pages = view === 'full' ? await Promise.all(MENTION_STATUSES.map((s) => this.deps.queue.listQueue(each(s)))) : await Promise.all(MENTION_STATUSES.map((s) => this.listItems(each(s))));
    const items = pages.flatMap((p) => p.items as (QueueItem | Mention)[]).slice(0, query.limit);
    if (view !== 'full') await this.nameCases(items as QueueItem[]);
    return { items, nextCursor: null };
  }

  private async countsOf(query: QueueQuery): Promise<QueuePage['counts']> {
    const byDomain = query.link ? await this.linkedCounts(query) : await this.countsFor(query, Date.parse(query.now));
    return { byDomain, total: Object.values(byDomain).reduce((a, b) => a + b, 0) };
  }

  /** Claims (or renews) the mention for the user; 409 naming the holder when someone else has it. Audited once per claim. */
  async claim(user: User, mentionId: string): Promise<Claim> {
    const now = this.now();
    const until = new Date(now.getTime() + this.deps.leaseMs).toISOString();
    let r = await this.deps.queue.claimMention(mentionId, user.id, until, now.toISOString());
    if (!r.ok && r.reason === 'not_found') throw new NotFoundError('mention', mentionId);
    let takenFrom: Claim | undefined;
    if (!r.ok) {
      const holder = r.reason === 'held' ? r.holder : undefined;
      const holderUser = holder ? await this.deps.users.getUser(holder.by) : undefined;
      // A disabled account works on nothing: its claim would block colleagues until its lease ran
      // out, so the next one to claim takes the post over (audited with the claim it replaced).
      if (holder && (!holderUser || holderUser.disabled)) {
        takenFrom = holder;
        r = await this.deps.queue.claimMention(mentionId, user.id, until, now.toISOString(), { force: true });
        if (!r.ok) throw new NotFoundError('mention', mentionId);
      } else {
        const name = holderUser?.name;
        throw new ConflictError('claimed_by_other', `${name ?? 'another agent'} is working on this mention`, { claim: { ...holder, byName: name } });
      }
    }
    // A renewal only moves the end of a claim the audit already holds (the console renews every
    // few minutes while an agent works on the post): one entry per claim, not one per renewal.
    if (r.renewed) return r.claim;
    await this.deps.audit.record({ actor: user.id, action: 'mention.claimed', subject: subject('mention', mentionId), before: takenFrom, after: r.claim });
    return r.claim;
  }

  /** The holder releases; supervisors and admins may release anyone's claim. */
  async release(user: User, mentionId: string): Promise<void> {
    const mention = await this.mentionOrThrow(mentionId);
    const anyone = user.role !== 'agent';
    if (mention.claim && mention.claim.by !== user.id && !anyone) throw new ForbiddenError('only the holder or a supervisor can release this claim');
    const released = await this.deps.queue.releaseClaim(mentionId, anyone ? null : user.id);
    if (released) await this.deps.audit.record({ actor: user.id, action: 'mention.released', subject: subject('mention', mentionId), before: mention.claim });
  }

  /** Supervisor reassignment: gives the lease to another (enabled) user, whoever holds it. */
  async assign(supervisor: User, mentionId: string, userId: string): Promise<Claim> {
    const target = await this.deps.users.getUser(userId);
    if (!target || target.disabled) throw new UnprocessableError('unknown_user', `no active user ${userId}`, { userId });
    const before = (await this.mentionOrThrow(mentionId)).claim;
    const until = new Date(this.now().getTime() + this.deps.leaseMs).toISOString();
    const r = await this.deps.queue.claimMention(mentionId, userId, until, this.now().toISOString(), { force: true });
    if (!r.ok) throw new NotFoundError('mention', mentionId);
    await this.deps.audit.record({ actor: supervisor.id, action: 'mention.reassigned', subject: subject('mention', mentionId), before, after: r.claim });
    return r.claim;
  }

  /**
   * By the claim holder: no_action | spam | duplicate (with a reason), or needs_reply to reopen.
   * Replied stays replied. Spam also takes the post out of its case (QueueCases), after the
   * status is stored and audited; no_action (a real complaint needing no reply) and duplicate (a
   * second post about the same thing) leave the case alone; needs_reply reopens the case a spam
   * mark closed, and gives a works complaint without a case one through capture (a shared case a
   * spam mark took it out of is joined again by capture's de-dup rules while it is open).
   */
  async setStatus(user: User, mentionId: string, status: SettableStatus, reason: string): Promise<StatusChangeResult> {
    await assertHoldsClaim(await this.mentionOrThrow(mentionId), user, this.now(), this.deps.users);
    const from: MentionStatus[] = status === 'needs_reply' ? ['new', 'no_action', 'spam', 'duplicate'] : ['new', 'needs_reply'];
    const r = await this.deps.queue.setMentionStatus(mentionId, status, { from, at: this.now().toISOString() });
    if (!r) {
      const current = await this.mentionOrThrow(mentionId);
      throw new ConflictError('invalid_status_change', `a ${current.status} mention cannot become ${status}`, { status: current.status, wanted: status });
    }
    if (status !== 'needs_reply' && r.after.claim?.by === user.id) await this.deps.queue.releaseClaim(mentionId, user.id);
    await this.deps.audit.record({ actor: user.id, action: 'mention.status_changed', subject: subject('mention', mentionId), before: { status: r.before.status }, after: { status, reason } });
    const cases = this.deps.cases;
    const changed = !cases
      ? null
      : status === 'spam'
        ? await cases.leaveCase(user.id, r.after)
        : status === 'needs_reply'
          ? await cases.backInQueue(user.id, r.after)
          : null;
    // Read again when the case changed: an unlinked post no longer carries its caseId, a captured one now does.
    const mention = changed ? ((await this.deps.mentions.getMention(mentionId)) ?? r.after) : r.after;
    return { mention, case: changed };
  }

  /** The store's lean list when it has one; otherwise its Mentions cut down to the same items. */
  private async listItems(query: QueueQuery): Promise<Page<QueueItem>> {
    const { queue: store } = this.deps;
    if (store.listQueueItems) return store.listQueueItems(query);
    const page = await store.listQueue(query);
    return { items: page.items.map(toQueueItem), nextCursor: page.nextCursor };
  }

  /** readLinked's counts: every status's, added up. */
  private async linkedCounts(query: QueueQuery): Promise<Record<string, number>> {
    const { limit: _l, cursor: _c, domain: _d, ...filters } = query;
    const byDomain: Record<string, number> = {};
    for (const status of MENTION_STATUSES) {
      for (const [domain, n] of Object.entries(await this.deps.queue.countQueueByDomain({ ...filters, status }))) byDomain[domain] = (byDomain[domain] ?? 0) + n;
    }
    return byDomain;
  }

  /** Exact on every call when the store keeps counters for these filters; else briefly cached. */
  private async countsFor(query: QueueQuery, nowMs: number): Promise<Record<string, number>> {
    const { limit: _l, cursor: _c, now: _n, domain: _d, ...filters } = query;
    const counted = { ...filters, now: query.now };
    if (this.deps.queue.hasLiveQueueCounts?.(counted)) return this.deps.queue.countQueueByDomain(counted);
    const ttl = this.deps.countsTtlMs ?? 2_000;
    const key = JSON.stringify(filters);
    const hit = this.counts.get(key);
    if (hit && nowMs - hit.at < ttl) return hit.value;
    const value = await this.deps.queue.countQueueByDomain(counted);
    if (this.counts.size > 200) this.counts.clear();
    this.counts.set(key, { at: nowMs, value });
    return value;
  }

  private async mentionOrThrow(id: string): Promise<Mention> {
    const m = await this.deps.mentions.getMention(id);
    if (!m) throw new NotFoundError('mention', id);
    return m;
  }
}
