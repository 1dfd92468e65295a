/**
 * Response counts of one window on SQLite: who needed a reply, who got one, how fast (exact
 * median and p90, overall / by channel / by domain), within the SLA, and the distribution. One
 * statement: the week's candidate mentions are materialized once and every figure is derived from
 * that set in SQL; only one row per group comes back.
 *
 * A window that is one configured report week is answered from the week rollups (`week_*`
 * tables, week-response-figures.ts). Otherwise the first response comes from, in order: the
 * `first_response_s` column kept
 * on mentions (read from the covering index mentions_response), else MIN(sent_at) of the
 * mention's `sent` replies written by people (purpose agent) (also in `{ raw: true }` mode, the reference for the tests), else
 * nothing (no reply store yet: answered = status `replied`, no times).
 */
import { RESPONSE_TIME_BUCKETS, type ResponseCounts, type ResponseGroup, type SummaryQueryOptions, type SummaryWindow } from '../summary-store';
import type { Db } from '../../../store/sqlite/open-database';
import { groupedDurationStatsSql } from './durations-sql';
import { responseRowsFromScan, type ResponseRow } from './response-scan';
import type { FigureMode } from './mention-figures';
import { isReportWeek } from '../../../store/sqlite/summary/report-weeks';
import { hasColumns, hasIndex } from '../../../store/sqlite/summary/schema-probe';
import { responseRowsFromWeek } from './week-response-figures';

type Row = ResponseRow;

interface ResponseSource {
  /** FROM clause of the candidate mentions `m`. */
  from: string;
  /** First response in seconds after createdAt, or NULL when unanswered. */
  seconds: string;
}

/** Where first responses are read from, or null when no reply store exists. */
function responseSource(db: Db, raw: boolean): ResponseSource | null {
  if (!raw && hasColumns(db, 'mentions', ['first_response_s'])) return { from: 'mentions m', seconds: 'm.first_response_s' };
  if (hasColumns(db, 'replies', ['mention_id', 'state', 'sent_at'])) {
    // A person's reply answers; the service's automatic notices (purpose case_ack, case_status) do not.
    const byPeople = hasColumns(db, 'replies', ['purpose']) ? ` AND r.purpose = 'agent'` : '';
    const first = `(SELECT unixepoch(MIN(r.sent_at)) FROM replies r WHERE r.mention_id = m.id AND r.state = 'sent'${byPeople})`;
    return { from: 'mentions m', seconds: `MAX(0, ${first} - unixepoch(m.created_at))` };
  }
  return null;
}

function bucketCaseSql(): string {
  const whens = RESPONSE_TIME_BUCKETS.map((bound, i) => `WHEN secs < ${bound} THEN ${i}`).join(' ');
  return `CASE ${whens} ELSE ${RESPONSE_TIME_BUCKETS.length} END`;
}

export class ResponseFigureQueries {
  constructor(
    private readonly db: Db,
    private readonly mode: FigureMode = {},
  ) {}

  run(w: SummaryWindow, opts: SummaryQueryOptions): ResponseCounts {
    if (!this.mode.raw && isReportWeek(this.db, w)) return assemble(responseRowsFromWeek(this.db, w.start, opts), true);
    const source = responseSource(this.db, this.mode.raw === true);
    if (source && !this.mode.raw && hasIndex(this.db, 'mentions_response')) return assemble(responseRowsFromScan(this.db, w, opts), true);
    const answeredFlag = source ? 'secs IS NOT NULL' : "status = 'replied'";
    const sql = `
      WITH cand AS MATERIALIZED (
        SELECT m.network, COALESCE(m.primary_domain, '~') AS domain, m.status, ${source?.seconds ?? 'NULL'} AS secs,
          CASE m.urgency WHEN 'high' THEN @slaHigh WHEN 'medium' THEN @slaMedium ELSE @slaLow END AS sla
        FROM ${source?.from ?? 'mentions m'}
        WHERE m.created_at >= @start AND m.created_at < @end AND m.relevant = 1 AND m.replyable = 1
      ),
      need AS MATERIALIZED (
        SELECT network, domain, sla, secs, ${answeredFlag} AS answered
        FROM cand WHERE status IN ('needs_reply', 'replied') OR secs IS NOT NULL
      ),
      grouped AS (
        SELECT 'all' AS grp, * FROM need
        UNION ALL SELECT 'c:' || network, * FROM need
        UNION ALL SELECT 'd:' || domain, * FROM need
      )
      SELECT 'n' AS kind, grp, COUNT(*) AS a, SUM(answered) AS b, SUM(secs IS NOT NULL AND secs <= sla) AS c
        FROM grouped GROUP BY grp
      UNION ALL
      SELECT 't', grp, n, median, p90 FROM (
        ${groupedDurationStatsSql('SELECT grp, secs FROM grouped WHERE secs IS NOT NULL')})
      UNION ALL
      SELECT 'b', bucket, COUNT(*), NULL, NULL FROM (
        SELECT ${bucketCaseSql()} AS bucket FROM need WHERE secs IS NOT NULL) GROUP BY bucket`;
    const rows = this.db.prepare(sql).all({
      start: w.start,
      end: w.end,
      slaHigh: opts.responseSlaSeconds.high,
      slaMedium: opts.responseSlaSeconds.medium,
      slaLow: opts.responseSlaSeconds.low,
    }) as Row[];
    return assemble(rows, source !== null);
  }
}

/** The rows (kind n: counts, t: times, b: bucket) as the port's counts. */
function assemble(rows: Row[], available: boolean): ResponseCounts {
  const groups = new Map<string, ResponseGroup>();
  const group = (grp: string): ResponseGroup => {
    let g = groups.get(grp);
    if (!g) {
      const key = grp === 'all' ? null : grp.slice(2);
      g = { key: key === '~' ? null : key, needingReply: 0, answered: 0, withinSla: 0, count: 0, medianSeconds: null, p90Seconds: null };
      groups.set(grp, g);
    }
    return g;
  };
  const answeredByBucket = new Array<number>(RESPONSE_TIME_BUCKETS.length + 1).fill(0);
  for (const r of rows) {
    if (r.kind === 'b') answeredByBucket[Number(r.grp)] = r.a;
    else if (r.kind === 'n') Object.assign(group(String(r.grp)), { needingReply: r.a, answered: r.b ?? 0, withinSla: r.c ?? 0 });
    else Object.assign(group(String(r.grp)), { count: r.a, medianSeconds: r.b, p90Seconds: r.c });
  }
  const pick = (prefix: string) => [...groups].filter(([k]) => k.startsWith(prefix)).map(([, g]) => g);
  return { available, all: groups.get('all') ?? null, byChannel: pick('c:'), byDomain: pick('d:'), answeredByBucket };
}
