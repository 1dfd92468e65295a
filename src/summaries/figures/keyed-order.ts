/**
 * The order of keyed counts in the summary, the same whichever store counted them: largest count
 * first; ties by key in the reader's (locale) order with the empty key last, or for place names and
 * block numbers in the byte order of their UTF-8 text (what SQLite's ORDER BY key gives).
 */
import type { KeyedCount } from '../store/summary-store';

export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}

/** Largest count first; ties by key, with the empty (null) key last. Sorts in place. */
export function sortCounts<T extends KeyedCount>(items: T[]): T[] {
  return items.sort((a, b) => b.count - a.count || compareKeys(a.key, b.key));
}

/** Named places by count, then key in UTF-8 byte order; unnamed and empty groups left out. */
export function sortPlaces(items: readonly KeyedCount[]): KeyedCount[] {
  return items
    .filter((c) => c.key !== null && c.key !== '' && c.count > 0)
    .map((c) => ({ key: c.key as string, count: c.count, bytes: Buffer.from(c.key as string) }))
    .sort((a, b) => b.count - a.count || Buffer.compare(a.bytes, b.bytes))
    .map(({ key, count }) => ({ key, count }));
}

/** Code-unit order of two strings (JavaScript's `<`), for composite keys. */
export const compareCodeUnits = (a: string, b: string): number => (a < b ? -1 : a > b ? 1 : 0);
