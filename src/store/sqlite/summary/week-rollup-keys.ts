/**
 * What the week rollups (`week_*` tables) count, and by which keys (see ../migrations/010-report-week-rollups.ts): shared by
 * the migration, its triggers, the recount after new report weeks, the catch-up and the batch
 * counters of ingest (inserted-mention-counters.ts), which must agree exactly.
 */
import { RESPONSE_TIME_BUCKETS } from '../../../domain';
import { REPLY_HOUR_DIMS, type Rollup } from './rollup-schema';

export type Row = 'NEW.' | 'OLD.';

/**
 * Lower bounds (seconds) of the first-response buckets: about 15 % apart, and every bound of the
 * reported distribution among them. Fine enough that the exact value inside a bucket is a short
 * index walk; coarse enough that a week has a few thousand bucket rows at most.
 */
export const RESPONSE_BUCKET_BOUNDS: readonly number[] = (() => {
  const bounds = new Set<number>([0, ...RESPONSE_TIME_BUCKETS]);
  for (let b = 10; b < 60 * 86_400; b = Math.ceil(b * 1.15)) bounds.add(b);
  return [...bounds].sort((a, b) => a - b);
})();

/** SQL: start of the report week holding the ISO instant `at` (NULL outside report_weeks). */
export const WEEK_OF = (at: string) =>
  `(SELECT start_at FROM (SELECT start_at, end_at FROM report_weeks WHERE start_at <= ${at} ORDER BY start_at DESC LIMIT 1) WHERE end_at > ${at})`;

/** SQL: the bucket of first-response seconds `secs` (-1 when NULL: not answered). */
export const bucketOf = (secs: string) => `CASE WHEN ${secs} IS NULL THEN -1 ELSE (SELECT MAX(lo) FROM response_buckets WHERE lo <= ${secs}) END`;

/** One counted dimension of week_counts: its key expression and when a mention counts in it. */
interface WeekDim {
  dim: string;
  key: (r: Row | '') => string;
  when?: (r: Row | '') => string;
}

const complaintAt = (col: string) => (r: Row | '') => `${r}intent = 'complaint' AND ${r}${col} IS NOT NULL AND ${r}${col} <> ''`;

export const WEEK_DIMS: WeekDim[] = [
  { dim: 'all', key: () => `''` },
  { dim: 'relevant', key: () => `''`, when: (r) => `${r}relevant = 1` },
  { dim: 'network', key: (r) => `${r}network` },
  { dim: 'domain', key: (r) => `${r}primary_domain`, when: (r) => `${r}primary_domain IS NOT NULL` },
  { dim: 'no_domain', key: () => `''`, when: (r) => `${r}primary_domain IS NULL` },
  { dim: 'intent', key: (r) => `${r}intent` },
  { dim: 'urgency', key: (r) => `${r}urgency` },
  { dim: 'sentiment', key: (r) => `${r}sentiment` },
  { dim: 'hour', key: (r) => `substr(${r}created_at, 1, 13)` },
  { dim: 'area', key: (r) => `${r}area`, when: complaintAt('area') },
  { dim: 'block', key: (r) => `${r}block`, when: complaintAt('block') },
];
export const WEEK_DIM_COLUMNS = ['report_week', 'created_at', 'network', 'primary_domain', 'intent', 'urgency', 'sentiment', 'relevant', 'area', 'block'];

export const AUTHOR_COLUMNS = ['report_week', 'network', 'author_id'];
export const TERM_COLUMNS = ['report_week', 'relevant'];

export const RESPONSE_KEY_COLUMNS = ['week', 'network', 'has_domain', 'domain', 'urgency', 'bucket'];
export const responseKey = (r: Row | '') =>
  `${r}report_week, ${r}network, ${r}primary_domain IS NOT NULL, COALESCE(${r}primary_domain, ''), ${r}urgency, ${bucketOf(`${r}first_response_s`)}`;
/** Mentions the response figures count: relevant, replyable, needing a reply or answered. */
export const NEEDS_REPLY = (r: Row | '') =>
  `${r}relevant = 1 AND ${r}replyable = 1 AND (${r}status IN ('needs_reply', 'replied') OR ${r}first_response_s IS NOT NULL)`;
/**
 * What moves a mention in week_responses. first_reply_at is the first reply a person sent
 * (purpose agent; automatic notices never answer: migration 13 keeps it so).
 */
export const RESPONSE_COLUMNS = ['report_week', 'created_at', 'network', 'primary_domain', 'urgency', 'relevant', 'replyable', 'status', 'first_reply_at'];

export const changed = (columns: string[]) => columns.map((c) => `OLD.${c} IS NOT NEW.${c}`).join(' OR ');

/** Mentions up to this rowid are in week_authors and the term counts (the catch-up's mark). */
export const COUNTED_TO = '(SELECT counted_to FROM week_rollup_state)';

/**
 * Sent replies per agent and per template by the report week of sent_at: replies are written
 * one at a time, so plain triggers keep it (the week looked up in report_weeks by each).
 */
export const WEEK_REPLY_ROLLUP: Rollup = {
  table: 'week_reply_counts',
  source: 'replies',
  dims: REPLY_HOUR_DIMS,
  bucket: (r) => WEEK_OF(`${r}sent_at`),
  guard: (r) => `${r}state = 'sent' AND ${r}sent_at IS NOT NULL AND ${WEEK_OF(`${r}sent_at`)} IS NOT NULL`,
  columns: ['state', 'sent_at', 'author', 'template_id'],
};
