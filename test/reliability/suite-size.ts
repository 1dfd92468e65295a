/**
 * Sizes for the reliability suite: bounded inside `npm test`, the full sizes under
 * `npm run test:reliability` (RELIABILITY_FULL=1). Also where each test reports what it measured,
 * as one JSON line on the console and in test-artifacts/reliability-figures.jsonl (git-ignored),
 * so a run's figures can be quoted: load held, faults injected and survived, inputs tried, losses.
 */
import fs from 'node:fs';
import path from 'node:path';

export const RELIABILITY_FULL = process.env.RELIABILITY_FULL === '1';

export function suiteSize<T>(sizes: { bounded: T; full: T }): T {
  return RELIABILITY_FULL ? sizes.full : sizes.bounded;
}

const FIGURES_FILE = path.resolve(__dirname, '../../test-artifacts/reliability-figures.jsonl');

export function reportFigures(test: string, figures: Record<string, unknown>): void {
  const line = JSON.stringify({ test, mode: RELIABILITY_FULL ? 'full' : 'bounded', at: new Date().toISOString(), ...figures });
  console.log(line);
  try {
    fs.mkdirSync(path.dirname(FIGURES_FILE), { recursive: true });
    fs.appendFileSync(FIGURES_FILE, line + '\n');
  } catch {
    // The console line is the report; the file is a convenience.
  }
}
