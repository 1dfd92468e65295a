/** Wires classification corrections into one router, so composition.ts adds them in one line. */
import type { Router } from 'express';
import type { AuditLog } from '../audit/audit-log';
import type { CaseCorrection } from '../cases/case-correction';
import type { MentionStore } from '../mentions/store/mention-store';
import type { CorrectionStore } from './store/correction-store';
import type { UserStore } from '../users/store/user-store';
import type { Logger } from '../logger';
import { correctionRoutes } from './correction-routes';
import { CorrectionService } from './correction-service';

export interface CorrectionFeatureDeps {
  store: { mentions: MentionStore; corrections: CorrectionStore; users: UserStore };
  audit: AuditLog;
  cases: CaseCorrection;
  log: Logger;
  now?: () => Date;
}

export function createCorrectionFeature(deps: CorrectionFeatureDeps): { corrections: CorrectionService; apiRouters: Router[] } {
  const corrections = new CorrectionService({ ...deps, mentions: deps.store.mentions, corrections: deps.store.corrections, users: deps.store.users });
  return { corrections, apiRouters: [correctionRoutes({ corrections })] };
}
