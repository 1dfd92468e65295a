/** Builds the filtered, keyset-paginated case list query (newest first) from a CaseQuery. */
import type { CaseQuery } from './case-store';

export function buildCaseListSql(q: CaseQuery, cursorKey?: [string, string]): { sql: string; params: Record<string, unknown> } {
  const where: string[] = [];
  const params: Record<string, unknown> = { limit: q.limit + 1 };
  const eq = (col: string, name: string, value: unknown) => {
    if (value === undefined) return;
    where.push(`${col} = @${name}`);
    params[name] = value;
  };
  const anyOf = (col: string, name: string, values: readonly string[] | undefined) => {
    if (!values) return;
    if (!values.length) return void where.push('0');
    where.push(`${col} IN (${values.map((_, i) => `@${name}${i}`).join(', ')})`);
    values.forEach((v, i) => (params[`${name}${i}`] = v));
  };
  eq('status', 'status', q.status);
  eq('domain', 'domain', q.domain);
  eq('unit', 'unit', q.unit);
  eq('urgency', 'urgency', q.urgency);
  eq('area', 'area', q.area);
  eq('block', 'block', q.block);
  if (q.assignee === null) where.push('assignee IS NULL');
  else eq('assignee', 'assignee', q.assignee);
  anyOf('status', 'st', q.statuses);
  anyOf('domain', 'dm', q.domains);
  anyOf('area', 'ar', q.areas);
  // One JSON parameter, however many numbers: no limit on bound variables to reach.
  if (q.numbers) (where.push('number IN (SELECT value FROM json_each(@numbers))'), (params.numbers = JSON.stringify(q.numbers)));
  if (q.overdueAt) {
    where.push(`status IN ('open', 'in_progress') AND sla_due_at < @overdueAt`);
    params.overdueAt = q.overdueAt;
  }
  if (q.openedFrom) (where.push('opened_at >= @openedFrom'), (params.openedFrom = q.openedFrom));
  if (q.openedTo) (where.push('opened_at <= @openedTo'), (params.openedTo = q.openedTo));
  if (cursorKey) {
    where.push('(opened_at < @cAt OR (opened_at = @cAt AND id < @cId))');
    params.cAt = cursorKey[0];
    params.cId = cursorKey[1];
  }
  const sql = `SELECT * FROM cases ${where.length ? 'WHERE ' + where.join(' AND ') : ''}
    ORDER BY opened_at DESC, id DESC LIMIT @limit`;
  return { sql, params };
}
