/**
 * Automatic complaint capture: turns stored complaint mentions into cases (or links them to an
 * open case of the same author or place). Runs from ingest's onInserted hook and, for leftovers
 * after a crash, from a scheduled sweep over mentions still marked capture_pending. The store
 * does each capture in one transaction, so running both at once is safe.
 */
import type { Case, Mention } from '../domain';
import { EventLoopSlice } from '../event-loop-slice';
import type { Logger } from '../logger';
import type { CaseSettings } from './case-settings';
import { SYSTEM_ACTOR } from './case-settings';
import { onOpenedTargets } from './case-outbox-targets';
import type { CaseAudit } from './case-audit';
import { slaDueAt, yearIn } from './sla-policy';
import { unitFor } from './routing-table';
import type { CaptureResult, CaseStore, NewCase } from './store/case-store';

export interface CaptureSummary {
  opened: number;
  linked: number;
  skipped: number;
}

export interface CaseCaptureDeps {
  cases: CaseStore;
  settings: CaseSettings;
  audit: CaseAudit;
  log: Logger;
  /** Told of every case opened from a complaint (metrics). */
  onCaseOpened?: (opened: Case) => void;
  now?: () => Date;
}

const HOUR = 3_600_000;

/** Same rule ingest uses to set capture_pending (src/store/sqlite/mention-rows.ts). */
function mayBePending(m: Mention): boolean {
  return m.status === 'needs_reply' && m.classification.intent === 'complaint' && !!m.classification.primaryDomain;
}

export class CaseCaptureService {
  private readonly now: () => Date;

  constructor(private readonly deps: CaseCaptureDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  /** The onInserted hook: captures the complaints among freshly stored mentions. */
  async captureMentions(mentions: Mention[]): Promise<CaptureSummary> {
    const summary: CaptureSummary = { opened: 0, linked: 0, skipped: 0 };
    // Each capture is a synchronous SQLite transaction: let requests in between them.
    const slice = new EventLoopSlice();
    for (const m of mentions.filter(mayBePending)) {
      await this.captureOne(m, summary);
      await slice.maybeYield();
    }
    this.logSummary(summary, 'ingest');
    return summary;
  }

  /** The sweep: every mention still pending (a crash between ingest and capture, a failed hook). */
  async captureLeftovers(batch = 200): Promise<CaptureSummary> {
    const summary: CaptureSummary = { opened: 0, linked: 0, skipped: 0 };
    const slice = new EventLoopSlice();
    for (;;) {
      const pending = await this.deps.cases.listCapturePending(batch);
      for (const m of pending) {
        await this.captureOne(m, summary);
        await slice.maybeYield();
      }
      if (pending.length < batch) break;
    }
    this.logSummary(summary, 'sweep');
    return summary;
  }

  /**
   * A mention a person corrected into a works complaint, or set back to the reply queue (it has
   * no case): the same capture as a fresh complaint's, routing, SLA, numbering and de-dup included,
   * made by that person now (history and audit name them; joining an open case is dated now,
   * not at the complaint). The store marked it pending with the change, so the sweep finishes this
   * if the process dies first.
   */
  async captureCorrected(m: Mention, actor: string): Promise<CaptureResult | null> {
    return this.captureOne(m, { opened: 0, linked: 0, skipped: 0 }, { actor, linkedAt: this.now().toISOString() });
  }

  /** The capture's result, or null when the mention stays without a case (not a confident complaint). */
  private async captureOne(m: Mention, summary: CaptureSummary, by: { actor: string; linkedAt?: string } = { actor: SYSTEM_ACTOR }): Promise<CaptureResult | null> {
    const c = m.classification;
    // A person's correction is the confidence: the threshold guards against the machine only.
    const confident = c.correction !== undefined || c.confidence >= this.deps.settings.minConfidence;
    if (!c.primaryDomain || c.intent !== 'complaint' || !confident) {
      if (await this.deps.cases.skipCapture(m.id)) summary.skipped++;
      return null;
    }
    const s = this.deps.settings;
    const result = await this.deps.cases.captureMention({
      mentionId: m.id,
      newCase: { ...this.newCaseFor(m), actor: by.actor },
      ...(by.linkedAt ? { linkedAt: by.linkedAt } : {}),
      dedup: { sameAuthorMs: s.dedup.sameAuthorHours * HOUR, samePlaceMs: s.dedup.samePlaceHours * HOUR },
      onOpened: onOpenedTargets(s, { ack: m.replyable !== false }),
    });
    if (result.outcome === 'not_pending') return result;
    summary[result.outcome]++;
    if (result.outcome === 'opened') this.deps.onCaseOpened?.(result.case);
    const action = result.outcome === 'opened' ? 'case.opened' : 'case.mention_linked';
    await this.deps.audit.caseChanged(by.actor, action, result.case, undefined, { mentionId: m.id, unit: result.case.unit });
    this.deps.log.info({ caseNumber: result.case.number, mentionId: m.id, channel: m.channel }, `complaint ${result.outcome === 'opened' ? 'opened case' : 'linked to case'} ${result.case.number}`);
    return result;
  }

  private newCaseFor(m: Mention): NewCase {
    const c = m.classification;
    const domain = c.primaryDomain as NonNullable<typeof c.primaryDomain>;
    const now = this.now();
    const s = this.deps.settings;
    // A case exists from the moment the citizen complained, so its SLA, its place in the week's
    // figures and Open311's requested_datetime all start there; a post dated ahead of our clock
    // opens now.
    const openedAt = Date.parse(m.createdAt) < now.getTime() ? new Date(m.createdAt).toISOString() : now.toISOString();
    return {
      domain,
      unit: unitFor(s.routing, domain).name,
      urgency: c.urgency,
      location: c.location ?? {},
      citizen: { channel: m.network ?? m.channel, handle: m.author.handle },
      openedAt,
      slaDueAt: slaDueAt(openedAt, c.urgency, s.slaHours),
      prefix: s.prefix,
      year: yearIn(now, s.timeZone),
      source: 'ingest',
      actor: SYSTEM_ACTOR,
    };
  }

  private logSummary(s: CaptureSummary, from: string): void {
    if (s.opened || s.linked) this.deps.log.info({ ...s, from }, `case capture (${from}): ${s.opened} opened, ${s.linked} linked, ${s.skipped} below threshold`);
  }
}
