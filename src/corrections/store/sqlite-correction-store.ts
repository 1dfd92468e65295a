/**
 * Classification corrections on SQLite: the corrected values go into the columns the queue, its
 * counters and the summary rollups read (their update triggers keep every count right), and
 * into classification_json with the machine's original values kept under `correction`.
 */
import type { Mention, Page } from '../../domain';
import { decodePageCursor, encodePageCursor } from '../../store/page-cursor';
import { MENTION_COLUMNS, rowToMention, type MentionRow } from '../../store/sqlite/mention-rows';
import type { SqliteConnection } from '../../store/sqlite/sqlite-connection';
import { correctedClassification, pendingAfterCorrection } from './corrected-classification';
import type { CorrectionInput, CorrectionQuery, CorrectionStore } from './correction-store';

/** The expression the partial index mentions_corrected covers; queries must spell it the same way to use the index. */
const CORRECTED_AT = `json_extract(classification_json, '$.correction.at')`;

export class SqliteCorrectionStore implements CorrectionStore {
  private readonly db;

  constructor(private readonly conn: SqliteConnection) {
    this.db = conn.db;
  }

  async correctClassification(id: string, input: CorrectionInput): Promise<{ before: Mention; after: Mention } | null> {
    const correct = this.db.transaction(() => {
        const row = this.db.prepare(`SELECT ${MENTION_COLUMNS} FROM mentions WHERE id = ?`).get(id) as MentionRow | undefined;
        if (!row) return null;
        const before = rowToMention(row);
        const next = correctedClassification(before.classification, input);
        this.db
          .prepare(`UPDATE mentions SET classification_json = ?, primary_domain = ?, intent = ?, capture_pending = ? WHERE id = ?`)
          .run(JSON.stringify(next), next.primaryDomain, next.intent, pendingAfterCorrection(before, next) ? 1 : 0, id);
        return { before, after: { ...before, classification: next } };
      });
    return this.conn.guard(() => correct.immediate());
  }

  async listCorrectedMentions(q: CorrectionQuery): Promise<Page<Mention>> {
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
