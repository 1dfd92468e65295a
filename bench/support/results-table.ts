/** The one table `npm run bench` prints: every figure of every bench with its reference, ratio, RSS and goal. */
import type { JudgedRow } from './goal-checks';

export interface BenchOutcome {
  name: string;
  ok: boolean;
  seconds: number;
  /** Peak RSS of the bench's own process (getrusage maxRSS), MB. */
  processPeakRssMb?: number;
  rows: JudgedRow[];
  error?: string;
}

function num(n: number | undefined): string {
  if (n === undefined || !Number.isFinite(n)) return '';
  if (Math.abs(n) >= 100) return Math.round(n).toLocaleString('en');
  if (Math.abs(n) >= 1) return n.toFixed(2);
  return n.toPrecision(2);
}

const HEAD = ['bench', 'figure', 'value', 'reference (same run)', 'ratio', 'peak RSS MB', 'goal', 'met'];

/**
 * Cells of one outcome. A row without its own RSS is blank, except the bench's first row, which
 * then shows the bench process's peak, marked "(proc)".
 */
function cells(o: BenchOutcome): string[][] {
  if (!o.ok) return [[o.name, `FAILED: ${o.error ?? 'no result'}`, '', '', '', '', '', 'NO']];
  const procRss = o.processPeakRssMb !== undefined ? `${Math.round(o.processPeakRssMb)} (proc)` : '';
  return o.rows.map((r, i) => [
    o.name,
    r.name,
    `${num(r.value)} ${r.unit}`,
    r.reference ? `${r.reference}: ${num(r.referenceValue)}` : '',
    r.ratio === undefined ? '' : r.ratio.toFixed(2),
    r.peakRssMb !== undefined ? String(Math.round(r.peakRssMb)) : i === 0 ? procRss : '',
    r.goal ?? '',
    r.goalMet === undefined ? '' : r.goalMet ? 'yes' : 'NO',
  ]);
}

export function printResultsTable(outcomes: BenchOutcome[]): void {
  const rows = outcomes.flatMap(cells);
  const widths = HEAD.map((h, i) => Math.max(h.length, ...rows.map((c) => c[i].length)));
  const numeric = new Set([2, 4, 5]);
  const line = (c: string[]) => c.map((v, i) => (numeric.has(i) ? v.padStart(widths[i]) : v.padEnd(widths[i]))).join(' | ').trimEnd();
  const out = [line(HEAD), widths.map((w) => '-'.repeat(w)).join('-|-'), ...rows.map(line)];
  process.stdout.write(`\n${out.join('\n')}\n`);
}
