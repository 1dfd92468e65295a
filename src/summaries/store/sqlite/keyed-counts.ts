/**
 * The mention counts every per-dimension rollup (hourly cube, report-week counts) yields alike,
 * as the port's keyed counts (in no particular order: the feature orders them).
 */
import type { KeyedCount, MentionCounts } from '../summary-store';
import type { DimCounts } from '../../../store/sqlite/summary/rollup-counts';

type CountFigures = Pick<MentionCounts, 'total' | 'relevant' | 'byChannel' | 'byDomain' | 'byIntent' | 'byUrgency' | 'bySentiment'>;

/** The counts of one dimension as keyed counts. */
export const keyedOf = (counts: Map<string, number> | undefined): KeyedCount[] => [...(counts ?? [])].map(([key, count]) => ({ key, count }));

/**
 * The mention counts of per-dimension counts: all and relevant (key ''), network, domain (no
 * domain counted apart, as the null key), intent, urgency, sentiment.
 */
export function countFigures(counts: DimCounts): CountFigures {
  const single = (dim: string) => counts.get(dim)?.get('') ?? 0;
  const noDomain = single('no_domain');
  return {
    total: single('all'),
    relevant: single('relevant'),
    byChannel: keyedOf(counts.get('network')),
    byDomain: [...keyedOf(counts.get('domain')), ...(noDomain > 0 ? [{ key: null, count: noDomain }] : [])],
    byIntent: keyedOf(counts.get('intent')),
    byUrgency: keyedOf(counts.get('urgency')),
    bySentiment: keyedOf(counts.get('sentiment')),
  };
}
