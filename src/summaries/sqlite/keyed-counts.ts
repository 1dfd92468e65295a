/**
 * Keyed counts as the summary figures list them: their order, and the mention counts every
 * per-dimension rollup (hourly cube, report-week counts) yields alike.
 */
import type { KeyedCount, MentionFigures } from '../../domain';
import type { DimCounts } from '../../store/sqlite/summary/rollup-counts';

/** Largest count first; ties by key, with the empty (null) key last. */
export function sortCounts<T extends KeyedCount>(items: T[]): T[] {
  return items.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
}

export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

/** Places by count, then key in SQLite's binary (UTF-8 byte) order: the raw query's order. */
export function sortPlaces(counts: Map<string, number> | undefined): KeyedCount[] {
  return [...(counts ?? [])]
    .map(([key, count]) => ({ key, count, bytes: Buffer.from(key) }))
    .sort((a, b) => b.count - a.count || Buffer.compare(a.bytes, b.bytes))
    .map(({ key, count }) => ({ key, count }));
}

type CountFigures = Pick<MentionFigures, 'total' | 'relevant' | 'byChannel' | 'byDomain' | 'byIntent' | 'byUrgency' | 'bySentiment'>;

/**
 * The mention counts of per-dimension counts: all and relevant (key ''), network, domain (no
 * domain counted apart, as the null key), intent, urgency, sentiment.
 */
export function countFigures(counts: DimCounts): CountFigures {
  const keyed = (dim: string): KeyedCount[] => [...(counts.get(dim) ?? [])].map(([key, count]) => ({ key, count }));
  const single = (dim: string) => counts.get(dim)?.get('') ?? 0;
  const noDomain = single('no_domain');
  return {
    total: single('all'),
    relevant: single('relevant'),
    byChannel: sortCounts(keyed('network')),
    byDomain: sortCounts([...keyed('domain'), ...(noDomain > 0 ? [{ key: null, count: noDomain }] : [])]),
    byIntent: sortCounts(keyed('intent')),
    byUrgency: sortCounts(keyed('urgency')),
    bySentiment: sortCounts(keyed('sentiment')),
  };
}
