/**
 * Puts right what a crash (or a failed store call) left between a post's change and its case's:
 * marking a post spam, or correcting it, is stored first and its case follows in a second step
 * (src/cases/case-correction.ts), so a process killed in between leaves a spam post on an open
 * case, or a works complaint on the case its earlier correction closed. This sweep, at start and
 * on a schedule, finds those posts (CaseStore.listStrayCaseLinks) and lets the case follow, as the
 * person's step would have: closed or left as not a complaint, or reopened.
 */
import type { Logger } from '../logger';
import type { Mention } from '../domain';
import { BACK_IN_QUEUE, CLOSED_NOT_A_COMPLAINT, CORRECTED_TO_COMPLAINT, isWorksComplaint, type CaseCorrection } from './case-correction';
import { SYSTEM_ACTOR } from './case-settings';
import type { CaseStore } from './store/case-store';

export interface CaseLinkRepairDeps {
  cases: Pick<CaseStore, 'listStrayCaseLinks' | 'getCaseById'>;
  corrections: Pick<CaseCorrection, 'leaveCase' | 'rejoinCase'>;
  log: Logger;
}

/** How many posts one run looks at; the next run takes the rest. */
const BATCH = 200;

export class CaseLinkRepair {
  constructor(private readonly deps: CaseLinkRepairDeps) {}

  /** The number of cases changed. */
  async run(): Promise<number> {
    const stray = await this.deps.cases.listStrayCaseLinks(CLOSED_NOT_A_COMPLAINT, BATCH);
    let changed = 0;
    for (const m of stray) {
      const r = isWorksComplaint(m) && m.status !== 'spam' ? await this.deps.corrections.rejoinCase(SYSTEM_ACTOR, m, await this.reopenNote(m)) : await this.deps.corrections.leaveCase(SYSTEM_ACTOR, m);
      if (!r) continue;
      changed++;
      this.deps.log.warn({ mentionId: m.id, caseNumber: r.number }, `case ${r.number} ${r.change}: its post had changed without it (a crash or a failed step)`);
    }
    return changed;
  }

  /** Corrected back after the case closed, or set back to the reply queue: the note the person's step writes. */
  private async reopenNote(m: Mention): Promise<string> {
    const closedAt = m.caseId ? (await this.deps.cases.getCaseById(m.caseId))?.closedAt : undefined;
    const correctedAt = m.classification.correction?.at;
    return correctedAt && closedAt && correctedAt > closedAt ? CORRECTED_TO_COMPLAINT : BACK_IN_QUEUE;
  }
}
