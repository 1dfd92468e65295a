/**
 * Case use cases behind the API: list and read (with linked mentions, replies, history), status
 * changes by the life-cycle rules, assignment, notes, and status updates from the national
 * complaints system. Every change writes case history (in the store) and an audit entry.
 */
import type { Case, CaseStatus, Domain, Location, Mention, Page, Urgency } from '../domain';
import { ConflictError, ForbiddenError, NotFoundError, UnprocessableError } from '../errors';
import { changedFields, type CaseAudit } from './case-audit';
import { caseMap, type CaseMap } from './case-map';
import type { CaseMapQuery } from './case-schemas';
import { forwardTargets, onOpenedTargets, onStatusTargets, onUnitTargets, publicNoticeStatuses } from './case-outbox-targets';
import { forwardingState, type ForwardingState } from './forwarding-state';
import { SYSTEM_ACTOR, type CaseSettings } from './case-settings';
import { assertTransition, historyActionFor, type CloseReason } from './case-transitions';
import { toCaseView, type CaseDetail, type CaseView, type PublicNotice } from './case-view';
import { firstPostPerAuthor } from './deliver-outbox-job';
import { CLOSED_STATUSES } from '../replies/approval-block';
import { renderForMention } from '../templates/template-service';
import { MEDIA_NOTE } from './open311/service-request-mapper';
import { slaDueAt, yearIn } from './sla-policy';
import type { Role, UserStore } from '../users/store/user-store';
import type { ReplyStore } from '../replies/store/reply-store';
import type { CaseOutboxStore, CaseQuery, CaseStore } from './store/case-store';
import type { TemplateStore } from '../templates/store/template-store';
import type { MentionStore } from '../mentions/store/mention-store';

export interface CaseActor {
  id: string;
  role: Role;
}

export interface CasePatch {
  status?: CaseStatus;
  unit?: string;
  /** User id; null unassigns. */
  assignee?: string | null;
  note?: string;
  /** Why an open or in-progress case is closed without being resolved (required then). */
  reason?: CloseReason;
}

/** The case list's filters as the API takes them: overdue both ways, and the forwarding state. */
export type CaseListFilter = Omit<CaseQuery, 'overdueAt' | 'numbers'> & { overdue?: boolean; forwarding?: 'failed' | 'pending' };

export interface ReportedCase {
  domain: Domain;
  description?: string;
  location: Location;
  urgency?: Urgency;
  /** Shown as the citizen handle: an account id, never an e-mail or phone number. */
  reporter: string;
  /** 'open311' */
  source: string;
  /** A photo's address (Open311 media_url): kept as a note of the source's, MEDIA_NOTE first. */
  mediaUrl?: string;
}

export interface ExternalStatusUpdate {
  caseNumber: string;
  status: CaseStatus;
  externalRef?: string;
  note?: string;
}


export interface CaseServiceDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  cases: CaseStore;
  users: Pick<UserStore, 'getUser'>;
  replies: Pick<ReplyStore, 'listReplies'>;
  settings: CaseSettings;
  audit: CaseAudit;
  /** The case outbox: each case's forwarding state, and "forward now". */
  outbox: Pick<CaseOutboxStore, 'listOutbox' | 'enqueueOutbox'>;
  /** The notice templates: a move that would post one asks for confirmation, showing its text; absent: assumed to exist. */
  templates?: Pick<TemplateStore, 'getTemplateByKey'>;
  /** Forwarding credentials: masked in any error the API shows. */
  forwardSecrets?: (string | undefined)[];
  /** COMPLAINTS_FORWARD_FORMAT: in open311 mode a forwarded case's later changes are not sent (forwarding-state.ts). */
  forwardFormat?: 'rasid' | 'open311';
  now?: () => Date;
}

const AUDITED_FIELDS: (keyof Case)[] = ['status', 'unit', 'assignee', 'externalRef', 'resolvedAt', 'closedAt'];

/**
 * The forwarding filter reads at most this many forwards in the state asked for (failed ones
 * stay in the outbox after a later success, so each candidate is checked against its case's
 * latest forward). Forwards are given up rarely and wait briefly, so this is far more than a
 * real outbox holds; beyond it the oldest are considered only.
 */
const FORWARDING_FILTER_SCAN = 10_000;

export class CaseService {
  private readonly now: () => Date;

  constructor(private readonly deps: CaseServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async list(query: CaseListFilter): Promise<Page<CaseView>> {
    const { overdue, forwarding, ...rest } = query;
    const now = this.now();
    const numbers = forwarding ? { numbers: await this.casesForwarding(forwarding) } : {};
    const page = await this.deps.cases.listCases({ ...rest, ...numbers, ...(overdue ? { overdueAt: now.toISOString() } : {}) });
    const items = await this.views(page.items, now);
    // overdue=false means "not overdue": filtered here, the store only knows the positive filter.
    return { items: overdue === false ? items.filter((c) => !c.overdue) : items, nextCursor: page.nextCursor };
  }

  /**
   * The numbers of the cases whose forwarding is `state`, as the case page says it. The state is
   * derived from each case's forwards in the outbox (forwarding-state.ts), not stored on the
   * case, so the outbox is asked which cases have a forward in that state, and (for failed) each
   * is checked: a forward given up and later retried with success is not a failure any more.
   */
  private async casesForwarding(state: 'failed' | 'pending'): Promise<string[]> {
    if (!this.deps.settings.forwardUrl) return [];
    const found = await this.deps.outbox.listOutbox({ topic: 'complaints_forward', state: state === 'failed' ? 'dead' : 'pending', limit: FORWARDING_FILTER_SCAN });
    const numbers = [...new Set(found.map((m) => m.subject))];
    // Any forward waiting makes the case pending, whatever came before it.
    if (state === 'pending') return numbers;
    const states = await Promise.all(numbers.map(async (number) => (await this.forwarding({ number })).state));
    return numbers.filter((_, i) => states[i] === 'failed');
  }

  /** Per-area counts of the matching cases for the complaints map. */
  map(query: CaseMapQuery): Promise<CaseMap> {
    return caseMap(this.deps.cases, query);
  }

  async get(number: string): Promise<CaseDetail> {
    const c = await this.caseOrThrow(number);
    const mentions = (await Promise.all(c.mentionIds.map((id) => this.deps.mentions.getMention(id)))).filter((m) => m !== null);
    const replies = (await Promise.all(c.mentionIds.map((id) => this.deps.replies.listReplies({ mentionId: id, limit: 100 })))).flatMap((p) => p.items);
    const statuses = await publicNoticeStatuses(this.deps.settings, c, (key) => this.hasTemplate(key));
    const publicNotices = (await Promise.all(statuses.map((s) => this.noticePreview(c, mentions, s)))).filter((n) => n !== null);
    const [view] = await this.views([c], this.now());
    return { ...view, mentions, replies, forwarding: await this.forwarding(c), publicNoticeOn: publicNotices.map((n) => n.status), publicNotices };
  }

  /**
   * The public reply a move to `status` would post, as the citizen will read it: the case_<status>
   * template rendered for the first post it answers (as the outbox renders it: each citizen's
   * first post in the case, in its language; posts marked spam, no action or duplicate, or that
   * cannot be answered, get nothing). Null when no post would get it.
   */
  private async noticePreview(c: Case, mentions: Mention[], status: CaseStatus): Promise<PublicNotice | null> {
    const byId = new Map(mentions.map((m) => [m.id, m]));
    const firsts = await firstPostPerAuthor({ getMention: async (id) => byId.get(id) ?? null }, c.mentionIds);
    const answered = firsts.filter((m) => m.replyable !== false && !CLOSED_STATUSES.includes(m.status));
    if (!answered.length) return null;
    const template = await this.deps.templates?.getTemplateByKey(`case_${status}`);
    if (!template) return { status, posts: answered.length };
    try {
      const { text, lang } = renderForMention(template, answered[0], { case_number: c.number });
      return { status, posts: answered.length, text, lang };
    } catch {
      // A body that does not render is skipped when sent too (render_failed): the move still asks.
      return { status, posts: answered.length };
    }
  }

  /** Where the case stands with the national complaints system. */
  async forwarding(c: Pick<Case, 'number' | 'externalRef'>): Promise<ForwardingState> {
    const forwards = await this.deps.outbox.listOutbox({ topic: 'complaints_forward', subject: c.number, limit: 1000 });
    return forwardingState(forwards, {
      configured: !!this.deps.settings.forwardUrl,
      externalRef: c.externalRef,
      secrets: this.deps.forwardSecrets ?? [],
      format: this.deps.forwardFormat,
    });
  }

  /**
   * A supervisor's "forward now / retry": queues a forward of the case's current state unless
   * one is pending already (then nothing changes: pressing twice sends once). Works for cases
   * opened before forwarding was configured and for forwards given up. 409 when not configured.
   */
  async forwardNow(actor: CaseActor, number: string): Promise<{ queued: boolean; forwarding: ForwardingState }> {
    if (actor.role === 'agent') throw new ForbiddenError('only supervisors and admins forward cases to the national system');
    const c = await this.caseOrThrow(number);
    const targets = forwardTargets(this.deps.settings);
    if (!targets.length) throw new ConflictError('forwarding_not_configured', 'forwarding to the national complaints system is not configured (COMPLAINTS_FORWARD_URL)');
    const before = await this.forwarding(c);
    if (!before.canForward) return { queued: false, forwarding: before };
    const event = before.state === 'not_forwarded' ? 'case.created' : 'case.status_changed';
    await this.deps.outbox.enqueueOutbox(targets.map((t) => ({ topic: t.topic, destination: t.destination, event, subject: c.number, payload: c })), this.now().toISOString());
    await this.deps.audit.caseChanged(actor.id, 'case.forward_requested', c, { forwarding: before.state }, { forwarding: 'pending' });
    return { queued: true, forwarding: await this.forwarding(c) };
  }

  private async hasTemplate(key: string): Promise<boolean> {
    return this.deps.templates ? (await this.deps.templates.getTemplateByKey(key)) !== null : true;
  }

  async update(actor: CaseActor, number: string, patch: CasePatch): Promise<CaseView> {
    const current = await this.caseOrThrow(number);
    const { reason, ...change } = patch;
    if (patch.status !== undefined) assertTransition(current.status, patch.status, actor.role, { reason, note: patch.note });
    if (patch.unit !== undefined) this.assertUnit(actor, patch.unit);
    if (patch.assignee !== undefined) await this.assertAssignee(actor, patch.assignee);
    const at = this.now().toISOString();
    const status = patch.status;
    const result = await this.deps.cases.updateCase(number, {
      ...change,
      ifStatus: current.status,
      actor: actor.id,
      at,
      // A close without resolving is recorded as closed_<reason>, with the note beside it.
      statusAction: status ? historyActionFor(current.status, status, reason) : undefined,
      slaDueAt: this.restartedSla(current, status, at),
      // Only a move to resolved tells the citizen (onStatusTargets): closing, with or without a
      // reason, stays silent, as it always did; receivers and the national system still hear it.
      onStatusChanged: status ? onStatusTargets(this.deps.settings, status, { external: false, notify: current.mentionIds.length > 0 }) : [],
      onUnitChanged: patch.unit !== undefined ? onUnitTargets(this.deps.settings) : [],
    });
    if (!result) throw new NotFoundError('case', number);
    await this.auditUpdate(actor.id, result.before, result.after, { note: patch.note, reason });
    return (await this.views([result.after], this.now()))[0];
  }

  async addNote(actor: CaseActor, number: string, note: string): Promise<CaseView> {
    const result = await this.deps.cases.updateCase(number, { note, actor: actor.id, at: this.now().toISOString() });
    if (!result) throw new NotFoundError('case', number);
    await this.deps.audit.caseChanged(actor.id, 'case.note_added', result.after, undefined, { note });
    return (await this.views([result.after], this.now()))[0];
  }

  /** From the national system: its word is final, so any change of status is applied. */
  async applyExternalStatus(u: ExternalStatusUpdate): Promise<{ case: CaseView; changed: boolean }> {
    const current = await this.caseOrThrow(u.caseNumber);
    const statusChanges = u.status !== current.status;
    const refChanges = u.externalRef !== undefined && u.externalRef !== current.externalRef;
    if (!statusChanges && !refChanges && !u.note) return { case: this.view(current, this.now()), changed: false };
    const at = this.now().toISOString();
    const result = await this.deps.cases.updateCase(u.caseNumber, {
      status: statusChanges ? u.status : undefined,
      externalRef: u.externalRef,
      note: u.note,
      actor: 'national_system',
      at,
      statusAction: 'external_status',
      slaDueAt: statusChanges ? this.restartedSla(current, u.status, at) : undefined,
      onStatusChanged: onStatusTargets(this.deps.settings, u.status, { external: true, notify: current.mentionIds.length > 0 }),
    });
    if (!result) throw new NotFoundError('case', u.caseNumber);
    await this.auditUpdate('national_system', result.before, result.after, { note: u.note }, 'case.external_update');
    return { case: this.view(result.after, this.now()), changed: true };
  }

  /** A case reported without a mention (Open311 POST): routed, numbered and forwarded like others. */
  async openReported(input: ReportedCase): Promise<CaseView> {
    const s = this.deps.settings;
    const now = this.now();
    const urgency = input.urgency ?? 'medium';
    const opened = await this.deps.cases.openCase(
      {
        domain: input.domain,
        unit: s.routing[input.domain].name,
        urgency,
        location: input.location,
        citizen: { channel: input.source, handle: input.reporter },
        openedAt: now.toISOString(),
        slaDueAt: slaDueAt(now.toISOString(), urgency, s.slaHours),
        prefix: s.prefix,
        year: yearIn(now, s.timeZone),
        description: input.description,
        source: input.source,
        actor: input.source,
      },
      onOpenedTargets(s, { ack: false }),
    );
    await this.deps.audit.caseChanged(input.source, 'case.opened', opened, undefined, { unit: opened.unit, source: input.source });
    if (!input.mediaUrl) return this.view(opened, now);
    const withMedia = await this.deps.cases.updateCase(opened.number, { note: `${MEDIA_NOTE}${input.mediaUrl}`, actor: input.source, at: now.toISOString() });
    return this.view(withMedia?.after ?? opened, now);
  }

  /** Stores the reference the national system gave a forwarded case. */
  async recordExternalRef(number: string, externalRef: string): Promise<void> {
    const result = await this.deps.cases.updateCase(number, { externalRef, actor: SYSTEM_ACTOR, at: this.now().toISOString() });
    if (result && result.before.externalRef !== externalRef) {
      await this.auditUpdate(SYSTEM_ACTOR, result.before, result.after, {}, 'case.forwarded');
    }
  }

  /**
   * A case back to open from resolved or closed is a problem that came back: it gets a fresh SLA
   * from now by its urgency (the old due time has passed, or would leave it no time at all).
   */
  private restartedSla(current: Case, to: CaseStatus | undefined, at: string): string | undefined {
    const reopened = to === 'open' && (current.status === 'resolved' || current.status === 'closed');
    return reopened ? slaDueAt(at, current.urgency, this.deps.settings.slaHours) : undefined;
  }

  view(c: Case, now: Date): CaseView {
    return toCaseView(c, now, this.deps.settings.routing);
  }

  /** Views that also say when the assignee's account is disabled (the case waits on nobody). */
  private async views(cases: Case[], now: Date): Promise<CaseView[]> {
    const ids = [...new Set(cases.flatMap((c) => (c.assignee ? [c.assignee] : [])))];
    const users = await Promise.all(ids.map((id) => this.deps.users.getUser(id)));
    const disabled = new Set(ids.filter((_, i) => users[i]?.disabled));
    return cases.map((c) => {
      const v = this.view(c, now);
      if (c.assignee && disabled.has(c.assignee)) v.assigneeDisabled = true;
      return v;
    });
  }

  private async caseOrThrow(number: string): Promise<Case> {
    const c = await this.deps.cases.getCase(number);
    if (!c) throw new NotFoundError('case', number);
    return c;
  }

  private assertUnit(actor: CaseActor, unit: string): void {
    if (actor.role === 'agent') throw new ForbiddenError('only supervisors and admins route cases to another unit');
    const known = Object.values(this.deps.settings.routing).map((u) => u.name);
    if (!known.includes(unit)) throw new UnprocessableError('unknown_unit', `no unit named ${unit}`, { known });
  }

  /**
   * Agents may take a case themselves (or let go of it); assigning others is for supervisors. A
   * disabled account cannot be given a case: nobody would work it (the same 422 as no account).
   */
  private async assertAssignee(actor: CaseActor, assignee: string | null): Promise<void> {
    if (actor.role === 'agent' && assignee !== null && assignee !== actor.id) {
      throw new ForbiddenError('agents may only assign cases to themselves');
    }
    if (assignee === null) return;
    const user = await this.deps.users.getUser(assignee);
    if (!user) throw new UnprocessableError('unknown_user', `no user ${assignee}`, { assignee });
    if (user.disabled) throw new UnprocessableError('unknown_user', `the account of ${user.name} is disabled`, { assignee, disabled: true });
  }

  private async auditUpdate(actor: string, before: Case, after: Case, extra: { note?: string; reason?: CloseReason }, action?: string): Promise<void> {
    const diff = changedFields(before, after, AUDITED_FIELDS);
    const name = action ?? (diff.after.status !== undefined ? 'case.status_changed' : 'case.updated');
    const given = Object.fromEntries(Object.entries(extra).filter(([, v]) => v));
    await this.deps.audit.caseChanged(actor, name, after, diff.before, { ...diff.after, ...given });
  }
}
