/**
 * A person corrects what the classifier said about a mention: the holder of the claim only (like
 * every write to a mention), stored beside the machine's values, audited as mention.reclassified,
 * and the mention's case follows (src/cases/case-correction.ts).
 */
import { AuditLog, subject } from '../audit/audit-log';
import type { CaseCorrection, CaseFollowUp } from '../cases/case-correction';
import type { Mention } from '../domain';
import type { CorrectionStore } from './store/correction-store';
import { NotFoundError } from '../errors';
import type { Logger } from '../logger';
import { assertHoldsClaim, type ClaimHolderNames } from '../queue/claim-guard';
import type { ClassificationCorrectionReq, CorrectableDomain } from './correction-schemas';
import type { User } from '../users/store/user-store';
import type { MentionStore } from '../mentions/store/mention-store';

export interface CorrectionServiceDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  corrections: Pick<CorrectionStore, 'correctClassification'>;
  audit: AuditLog;
  /** The claim holder's name, for a refused correction. */
  users: ClaimHolderNames;
  cases: Pick<CaseCorrection, 'follow'>;
  log: Logger;
  now?: () => Date;
}

export interface CorrectionResult {
  mention: Mention;
  /** The case the correction closed, left, opened or joined; null when no case changed. */
  case: CaseFollowUp | null;
}

const apiDomain = (m: Mention): CorrectableDomain => m.classification.primaryDomain ?? 'none';

export class CorrectionService {
  private readonly now: () => Date;

  constructor(private readonly deps: CorrectionServiceDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async correct(user: User, mentionId: string, req: ClassificationCorrectionReq): Promise<CorrectionResult> {
    const current = await this.deps.mentions.getMention(mentionId);
    if (!current) throw new NotFoundError('mention', mentionId);
    await assertHoldsClaim(current, user, this.now(), this.deps.users);
    const input = { domain: req.domain === 'none' ? null : req.domain, intent: req.intent, by: user.id, at: this.now().toISOString(), note: req.note };
    const r = await this.deps.corrections.correctClassification(mentionId, input);
    if (!r) throw new NotFoundError('mention', mentionId);
    await this.deps.audit.record({
      actor: user.id,
      action: 'mention.reclassified',
      subject: subject('mention', mentionId),
      before: { domain: apiDomain(r.before), intent: r.before.classification.intent },
      after: { domain: apiDomain(r.after), intent: r.after.classification.intent, ...(req.note ? { note: req.note } : {}) },
    });
    const followed = await this.deps.cases.follow(user.id, r.after);
    if (followed) this.deps.log.info({ mentionId, caseNumber: followed.number }, `case ${followed.change} after a classification correction`);
    return { mention: (await this.deps.mentions.getMention(mentionId)) ?? r.after, case: followed };
  }
}
