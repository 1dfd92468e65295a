/**
 * Cases follow a person's correction of a mention. Not a works complaint any more: the case it
 * opened is closed (reason not_a_complaint), or, when other complaints share the case, only this
 * mention leaves it; cases are never deleted. A works complaint now, without a case: it goes
 * through the normal capture; with the case an earlier correction closed: that case opens again;
 * of another works domain: the case it opened alone moves to that domain's unit while no one has
 * taken it in hand. Each change writes case history (in the store) and an audit entry.
 * A post marked spam leaves its case the same way (leaveCase, called by the reply queue), and a
 * post set back to the reply queue gets back the case its spam mark closed (rejoinCase).
 */
import type { Case, Mention } from '../domain';
import type { CaseAudit } from './case-audit';
import type { CaseCaptureService } from './case-capture-service';
import { onStatusTargets, onUnitTargets } from './case-outbox-targets';
import { unitFor } from './routing-table';
import type { CaseSettings } from './case-settings';
import { slaDueAt } from './sla-policy';
import type { CaseStore } from './store/case-store';

/** The reason recorded on the case (history note, audit entry). */
export const NOT_A_COMPLAINT = 'not_a_complaint';
/** History action of a case closed because its complaint was not one. */
export const CLOSED_NOT_A_COMPLAINT = 'closed_not_a_complaint';

export type CaseFollowUp = { number: string; change: 'closed' | 'unlinked' | 'opened' | 'linked' | 'reopened' | 'rerouted' };
/** What leaving a case did: closed it (this post was its only one) or took the post out of it. */
export type CaseLeft = { number: string; change: 'closed' | 'unlinked' };
/** A complaint without a case given one by capture: a new case, or an open one it joined. */
export type CaseCaptured = { number: string; change: 'opened' | 'linked' };
/** A case a spam mark had closed, open again: the post was a complaint after all. */
export type CaseBack = { number: string; change: 'reopened' };
/** The history note of a case reopened because its post was marked spam by mistake. */
export const BACK_IN_QUEUE = 'post_back_in_queue';
/** The history note of a case reopened because its post was corrected back into a works complaint. */
export const CORRECTED_TO_COMPLAINT = 'corrected_to_complaint';
/** The audit reason of a case moved to another domain's unit because its post's domain was corrected. */
export const DOMAIN_CORRECTED = 'domain_corrected';

export interface CaseCorrectionDeps {
  cases: Pick<CaseStore, 'getCaseById' | 'updateCase' | 'unlinkMention'>;
  capture: Pick<CaseCaptureService, 'captureCorrected'>;
  settings: CaseSettings;
  audit: CaseAudit;
  now?: () => Date;
}

export function isWorksComplaint(m: Mention): boolean {
  return m.classification.intent === 'complaint' && m.classification.primaryDomain !== null;
}

export class CaseCorrection {
  private readonly now: () => Date;

  constructor(private readonly deps: CaseCorrectionDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** After the correction is stored: what happened to a case, if anything did. */
  async follow(actor: string, m: Mention): Promise<CaseFollowUp | null> {
    if (!isWorksComplaint(m)) return this.leaveCase(actor, m);
    // Still linked: the case is open (nothing to do), or an earlier correction closed it as not a
    // complaint and this one takes that back, so it opens again.
    if (!m.caseId) return this.open(actor, m);
    return (await this.rejoinCase(actor, m, CORRECTED_TO_COMPLAINT)) ?? this.reroute(actor, m);
  }

  /**
   * A works complaint corrected to another works domain: its case moves to that domain and its
   * unit when the case is this post's alone, still open and still with the unit its old domain
   * routed it to. A case a supervisor routed by hand, one a unit has in progress, or one shared
   * with other posts stays as it is (the case page shows its domain; a supervisor decides).
   */
  private async reroute(actor: string, m: Mention): Promise<CaseFollowUp | null> {
    const domain = m.classification.primaryDomain;
    const c = await this.deps.cases.getCaseById(m.caseId as string);
    if (!domain || !c || c.source !== 'ingest' || c.status !== 'open' || c.domain === domain) return null;
    if (c.mentionIds.some((id) => id !== m.id)) return null;
    const routing = this.deps.settings.routing;
    if (c.unit !== unitFor(routing, c.domain).name) return null;
    const unit = unitFor(routing, domain).name;
    const r = await this.deps.cases.updateCase(c.number, {
      domain,
      unit,
      ifStatus: 'open',
      actor,
      at: this.now().toISOString(),
      onUnitChanged: onUnitTargets(this.deps.settings),
    });
    if (!r) return null;
    await this.deps.audit.caseChanged(actor, 'case.updated', r.after, { domain: c.domain, unit: c.unit }, { domain, unit, reason: DOMAIN_CORRECTED, mentionId: m.id });
    return { number: c.number, change: 'rerouted' };
  }

  /**
   * A post set back to the reply queue (from spam, no action or duplicate): the case its spam mark
   * closed reopens; a works complaint without a case (a spam mark took it out of a shared case, or
   * it was closed before capture) goes through capture, which the store made it pending for with
   * the status, so the capture sweep finishes it after a crash.
   */
  async backInQueue(actor: string, m: Mention): Promise<CaseBack | CaseCaptured | null> {
    if (m.caseId) return this.rejoinCase(actor, m);
    return isWorksComplaint(m) && m.status === 'needs_reply' ? this.open(actor, m) : null;
  }

  /**
   * The post is not a complaint (corrected so, or marked spam): a case shared with other posts
   * only loses it; a case it opened by itself is closed with reason not_a_complaint, without a
   * notice to the citizen. Null when nothing changed (no case, an Open311 case, already closed).
   */
  async leaveCase(actor: string, m: Mention): Promise<CaseLeft | null> {
    if (!m.caseId) return null;
    const c = await this.deps.cases.getCaseById(m.caseId);
    if (!c) return null;
    const others = c.mentionIds.some((id) => id !== m.id);
    if (others) return this.unlink(actor, c, m);
    // Only a case this complaint opened by itself is closed; one from Open311 or already closed stays.
    if (c.source !== 'ingest' || c.status === 'closed') return null;
    return this.close(actor, c, m);
  }

  /**
   * A post marked spam by mistake, back in the reply queue (or corrected back into a works
   * complaint: `note` says which): the case the mark closed as not a complaint (this post was its
   * only one) is reopened, with a fresh SLA, as any reopened case. Null when the post is no works
   * complaint, or its case was not closed that way (a shared case it left stays as it is: the post
   * no longer names it).
   */
  async rejoinCase(actor: string, m: Mention, note: string = BACK_IN_QUEUE): Promise<CaseBack | null> {
    // A spam post gets its case back when it is set back to the reply queue, not before.
    if (!isWorksComplaint(m) || m.status === 'spam' || !m.caseId) return null;
    const c = await this.deps.cases.getCaseById(m.caseId);
    if (!c || c.status !== 'closed' || c.history.at(-1)?.action !== CLOSED_NOT_A_COMPLAINT) return null;
    const at = this.now().toISOString();
    const r = await this.deps.cases.updateCase(c.number, {
      status: 'open',
      ifStatus: 'closed',
      statusAction: 'reopened',
      note,
      slaDueAt: slaDueAt(at, c.urgency, this.deps.settings.slaHours),
      actor,
      at,
      onStatusChanged: onStatusTargets(this.deps.settings, 'open', { external: false, notify: false }),
    });
    if (!r) return null;
    await this.deps.audit.caseChanged(actor, 'case.status_changed', r.after, { status: 'closed' }, { status: 'open', reason: note, mentionId: m.id });
    return { number: c.number, change: 'reopened' };
  }

  private async open(actor: string, m: Mention): Promise<CaseCaptured | null> {
    const r = await this.deps.capture.captureCorrected(m, actor);
    return r && r.outcome !== 'not_pending' ? { number: r.case.number, change: r.outcome } : null;
  }

  private async unlink(actor: string, c: Case, m: Mention): Promise<CaseLeft | null> {
    const r = await this.deps.cases.unlinkMention(c.number, m.id, { actor, at: this.now().toISOString(), note: NOT_A_COMPLAINT });
    if (!r || r.after.mentionIds.length === r.before.mentionIds.length) return null;
    await this.deps.audit.caseChanged(actor, 'case.mention_unlinked', r.after, { mentionId: m.id }, { reason: NOT_A_COMPLAINT });
    return { number: c.number, change: 'unlinked' };
  }

  private async close(actor: string, c: Case, m: Mention): Promise<CaseLeft | null> {
    const r = await this.deps.cases.updateCase(c.number, {
      status: 'closed',
      ifStatus: c.status,
      note: NOT_A_COMPLAINT,
      statusAction: CLOSED_NOT_A_COMPLAINT,
      actor,
      at: this.now().toISOString(),
      // Receivers of case.status_changed hear of it; the citizen is not told their post was "closed".
      onStatusChanged: onStatusTargets(this.deps.settings, 'closed', { external: false, notify: false }),
    });
    if (!r) return null;
    await this.deps.audit.caseChanged(actor, 'case.status_changed', r.after, { status: c.status }, { status: 'closed', closedAt: r.after.closedAt, reason: NOT_A_COMPLAINT, mentionId: m.id });
    return { number: c.number, change: 'closed' };
  }
}
