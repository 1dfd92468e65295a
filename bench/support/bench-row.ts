/** One line of the benchmark table: a figure, and the reference it is compared with in the same run. */
export interface BenchRow {
  name: string;
  value: number;
  unit: string;
  reference?: string;
  referenceValue?: number;
  /** value / referenceValue. */
  ratio?: number;
  /** Peak resident set size during the measurement, MB. */
  peakRssMb?: number;
  goal?: string;
  /** Set by a bench that checks its own goal; otherwise `npm run bench` judges it (goal-checks.ts). */
  goalMet?: boolean;
}

export function printBenchTable(rows: BenchRow[]): void {
  const fmt = (n: number | undefined) => (n === undefined ? '' : n >= 100 ? Math.round(n).toLocaleString('en') : n.toFixed(2));
  const table = rows.map((r) => ({
    benchmark: r.name,
    value: `${fmt(r.value)} ${r.unit}`,
    reference: r.reference ? `${r.reference}: ${fmt(r.referenceValue)} ${r.unit}` : '',
    ratio: r.ratio === undefined ? '' : r.ratio.toFixed(2),
    'peak RSS MB': r.peakRssMb === undefined ? '' : Math.round(r.peakRssMb),
    goal: r.goal ?? '',
  }));
  console.table(table);
}

/** Samples RSS while fn runs and returns fn's result with the peak. */
export async function withPeakRss<T>(fn: () => Promise<T> | T): Promise<{ result: T; peakRssMb: number }> {
  let peak = process.memoryUsage().rss;
  const timer = setInterval(() => (peak = Math.max(peak, process.memoryUsage().rss)), 20);
  try {
    const result = await fn();
    peak = Math.max(peak, process.memoryUsage().rss);
    return { result, peakRssMb: peak / 1024 / 1024 };
  } finally {
    clearInterval(timer);
  }
}
