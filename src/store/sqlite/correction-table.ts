/**
 * Classification corrections on SQLite: the corrected values go into the columns the queue, its
 * counters and the summary rollups read (their update triggers keep every count right), and
 * into classification_json with the machine's original values kept under `correction`.
 */
import type { CorrectionInput, CorrectionQuery, Mention, Page } from '../../domain';
import { correctedClassification, pendingAfterCorrection } from '../corrected-classification';
import { decodePageCursor, encodePageCursor } from '../page-cursor';
import { MENTION_COLUMNS, rowToMention, type MentionRow } from './mention-rows';
import type { Db } from './open-database';

/** The expression the index mentions_corrected (migration 11) covers; queries must spell it the same way to use the index. */
const CORRECTED_AT = `json_extract(classification_json, '$.correction.at')`;

export class CorrectionTable {
  constructor(private readonly db: Db) {}

  correct(id: string, input: CorrectionInput): { before: Mention; after: Mention } | null {
    return this.db
      .transaction(() => {
        const row = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow | undefined;
        if (!row) return null;
        const before = rowToMention(row);
        const next = correctedClassification(before.classification, input);
        this.db
          .prepare(`UPDATE mentions SET classification_json = ?, primary_domain = ?, intent = ?, capture_pending = ? WHERE id = ?`)
          .run(JSON.stringify(next), next.primaryDomain, next.intent, pendingAfterCorrection(before, next) ? 1 : 0, id);
        return { before, after: { ...before, classification: next } };
      })
      .immediate();
  }

  listCorrected(q: CorrectionQuery): Page<Mention> {
    const where = [`${CORRECTED_AT} IS NOT NULL`];
    const params: Record<string, unknown> = { limit: q.limit + 1 };
    if (q.since) {
      where.push(`${CORRECTED_AT} >= @since`);
      params.since = q.since;
    }
    if (q.cursor) {
      const [at, cid] = decodePageCursor(q.cursor, 2);
      where.push(`(${CORRECTED_AT} > @cAt OR (${CORRECTED_AT} = @cAt AND id > @cId))`);
      params.cAt = at;
      params.cId = cid;
    }
    const rows = this.db
      .prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE ${where.join(' AND ')} ORDER BY ${CORRECTED_AT}, id LIMIT @limit`)
      .all(params) as MentionRow[];
    const items = rows.slice(0, q.limit).map(rowToMention);
    const last = items[items.length - 1];
    const more = rows.length > q.limit;
    return { items, nextCursor: more && last?.classification.correction ? encodePageCursor([last.classification.correction.at, last.id]) : null };
  }
}
