/** Week-over-week change of a figure, and the merge of two weeks' keyed counts into changes. */
import type { Label } from './labels';
import type { KeyedCount } from './store/summary-store';

export interface Change {
  value: number | null;
  previous: number | null;
  /** value - previous (for rates: in the rate's own unit, i.e. percentage points / 100). */
  change: number | null;
  /** change / previous; null when previous is 0 or unknown. */
  changePct: number | null;
}

export interface KeyedChange extends Change {
  key: string | null;
  name?: string;
  /** Arabic and English label resolved when the summary was built (units: by the routing table). */
  label?: Label;
}

export function change(value: number | null, previous: number | null): Change {
  const delta = value !== null && previous !== null ? value - previous : null;
  return { value, previous, change: delta, changePct: delta !== null && previous ? delta / previous : null };
}

/** value / of, or null when `of` is 0 (a rate over nothing is unknown, not zero). */
export function ratio(value: number, of: number): number | null {
  return of > 0 ? value / of : null;
}

/**
 * Joins this week's and last week's groups by key: a key missing from one week counts 0 there.
 * Sorted by this week's count, then last week's, then key.
 */
export function keyedChanges(current: (KeyedCount & { name?: string })[], previous: (KeyedCount & { name?: string })[]): KeyedChange[] {
  const names = new Map<string | null, string>();
  const cur = new Map<string | null, number>();
  const prev = new Map<string | null, number>();
  for (const c of current) {
    cur.set(c.key, c.count);
    if (c.name) names.set(c.key, c.name);
  }
  for (const p of previous) {
    prev.set(p.key, p.count);
    if (p.name && !names.has(p.key)) names.set(p.key, p.name);
  }
  const keys = new Set([...cur.keys(), ...prev.keys()]);
  return [...keys]
    .map((key) => {
      const name = names.get(key);
      return { key, ...(name ? { name } : {}), ...change(cur.get(key) ?? 0, prev.get(key) ?? 0) };
    })
    .sort((a, b) => (b.value ?? 0) - (a.value ?? 0) || (b.previous ?? 0) - (a.previous ?? 0) || compareKeys(a.key, b.key));
}

/** Ties by key, with the empty (null) key last. */
export function compareKeys(a: string | null, b: string | null): number {
  if (a === b) return 0;
  if (a === null) return 1;
  if (b === null) return -1;
  return a.localeCompare(b);
}
