/**
 * Cases follow a person's correction of a mention. Not a works complaint any more: the case it
 * opened is closed (reason not_a_complaint), or, when other complaints share the case, only this
 * mention leaves it; cases are never deleted. A works complaint now, without a case: it goes
 * through the normal capture. Each change writes case history (in the store) and an audit entry.
 * A post marked spam leaves its case the same way (leaveCase, called by the reply queue), and a
 * post set back to the reply queue gets back the case its spam mark closed (rejoinCase).
 */
import type { Case, Mention } from '../domain';
import type { CaseAudit } from './case-audit';
import type { CaseCaptureService } from './case-capture-service';
import { onStatusTargets } from './case-outbox-targets';
import type { CaseSettings } from './case-settings';
import { slaDueAt } from './sla-policy';
import type { CaseStore } from './store/case-store';

/** The reason recorded on the case (history note, audit entry). */
export const NOT_A_COMPLAINT = 'not_a_complaint';
/** History action of a case closed because its complaint was not one. */
export const CLOSED_NOT_A_COMPLAINT = 'closed_not_a_complaint';

export type CaseFollowUp = { number: string; change: 'closed' | 'unlinked' | 'opened' | 'linked' };
/** What leaving a case did: closed it (this post was its only one) or took the post out of it. */
export type CaseLeft = { number: string; change: 'closed' | 'unlinked' };
/** A case a spam mark had closed, open again: the post was a complaint after all. */
export type CaseBack = { number: string; change: 'reopened' };
/** The history note of a case reopened because its post was marked spam by mistake. */
export const BACK_IN_QUEUE = 'post_back_in_queue';

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
    if (isWorksComplaint(m)) return m.caseId ? null : this.open(m);
    return this.leaveCase(actor, m);
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
   * A post marked spam by mistake, back in the reply queue: the case the mark closed as not a
   * complaint (this post was its only one) is reopened, with a fresh SLA, as any reopened case.
   * Null when the post is no works complaint, or its case was not closed that way (a shared case
   * it left stays as it is: the post no longer names it).
   */
  async rejoinCase(actor: string, m: Mention): Promise<CaseBack | null> {
    if (!isWorksComplaint(m) || !m.caseId) return null;
    const c = await this.deps.cases.getCaseById(m.caseId);
    if (!c || c.status !== 'closed' || c.history.at(-1)?.action !== CLOSED_NOT_A_COMPLAINT) return null;
    const at = this.now().toISOString();
    const r = await this.deps.cases.updateCase(c.number, {
      status: 'open',
      ifStatus: 'closed',
      statusAction: 'reopened',
      note: BACK_IN_QUEUE,
      slaDueAt: slaDueAt(at, c.urgency, this.deps.settings.slaHours),
      actor,
      at,
      onStatusChanged: onStatusTargets(this.deps.settings, 'open', { external: false, notify: false }),
    });
    if (!r) return null;
    await this.deps.audit.caseChanged(actor, 'case.status_changed', r.after, { status: 'closed' }, { status: 'open', reason: BACK_IN_QUEUE, mentionId: m.id });
    return { number: c.number, change: 'reopened' };
  }

  private async open(m: Mention): Promise<CaseFollowUp | null> {
    const r = await this.deps.capture.captureCorrected(m);
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
