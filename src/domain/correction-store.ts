/**
 * The corrections part of the Store port: a person's fix of a mention's domain and intent, kept
 * beside the machine's values, and the corrected mentions read back as training examples.
 */
import type { Domain, Intent } from './classification';
import type { Mention } from './mention';
import type { Page } from './page';

export interface CorrectionInput {
  /** null: not about roads, drainage or buildings. */
  domain: Domain | null;
  intent: Intent;
  /** User id. */
  by: string;
  at: string;
  note?: string;
}

export interface CorrectionQuery {
  /** UTC ISO: only corrections made at or after. */
  since?: string;
  limit: number;
  /** Opaque cursor from a previous page. */
  cursor?: string;
}

export interface CorrectionStore {
  /**
   * In one write: primaryDomain and intent take the corrected values (so the queue's filters and
   * counts follow), classification.correction records who, when and the machine's original
   * values, and capture_pending is set when the mention is now a works complaint without a case
   * (status other than spam or duplicate), cleared otherwise, so case capture (or its sweep, after
   * a crash) opens the case. Null when the mention does not exist.
   */
  correctClassification(mentionId: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null>;
  /** Corrected mentions, oldest correction first (time, then id), cursor-paginated. */
  listCorrectedMentions(query: CorrectionQuery): Promise<Page<Mention>>;
}
