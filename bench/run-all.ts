/**
 * `npm run bench [-- --quick] [-- --only ingest,api] [-- --strict]`: runs every benchmark, each in
 * its own child process (so its peak RSS is its own and a crash does not stop the others), prints
 * one table (figure, in-run reference, ratio, peak RSS, goal, met) and writes
 * bench/results/latest.json. `--quick` uses the benches' small sizes (under 2 minutes in all).
 * Exit code 1 when a bench crashed, or with --strict when a goal was missed.
 */
import { fork } from 'node:child_process';
import { execSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import type { BenchRow } from './support/bench-row';
import { judgeRow, type JudgedRow } from './support/goal-checks';
import { printResultsTable, type BenchOutcome } from './support/results-table';

/** Module and exported runner of each bench, in the order they run. */
const BENCHES: Record<string, { module: string; run: string }> = {
  ingest: { module: './ingest', run: 'runIngestBench' },
  classifier: { module: './classifier', run: 'runClassifierBench' },
  api: { module: './api', run: 'runApiBench' },
  summary: { module: './summary', run: 'runSummaryBench' },
};

const RESULTS = path.join(__dirname, 'results', 'latest.json');

interface ChildReport {
  rows: BenchRow[];
  /** Peak RSS of the whole bench process (getrusage), MB. */
  processPeakRssMb: number;
}

/** Child mode: run one bench and send its rows to the parent. */
async function runChild(name: string, quick: boolean): Promise<void> {
  const spec = BENCHES[name];
  // require, not import(): a dynamic import() of an extensionless path goes through the ESM resolver.
  // eslint-disable-next-line @typescript-eslint/no-require-imports
  const mod = require(path.join(__dirname, spec.module)) as Record<string, (o: { quick: boolean }) => Promise<BenchRow[]>>;
  const rows = await mod[spec.run]({ quick });
  const report: ChildReport = { rows, processPeakRssMb: process.resourceUsage().maxRSS / 1024 };
  await new Promise<void>((resolve) => process.send!(report, () => resolve()));
  process.exit(0);
}

/** Parent mode: one bench in a child process (its own process group), with a time limit. */
function runInChild(name: string, quick: boolean, timeoutMs: number): Promise<BenchOutcome> {
  const started = Date.now();
  const child = fork(__filename, ['--child', name, ...(quick ? ['--quick'] : [])], {
    execArgv: ['--require', 'tsx/cjs'],
    stdio: ['ignore', 'pipe', 'pipe', 'ipc'],
    // Own process group: on a timeout the bench and anything it started (the API bench's server)
    // are killed together.
    detached: true,
  });
  const prefix = (stream: NodeJS.ReadableStream) => {
    let partial = '';
    stream.on('data', (d: Buffer) => {
      const lines = (partial + d.toString()).split('\n');
      partial = lines.pop() ?? '';
      for (const l of lines) process.stderr.write(`[${name}] ${l}\n`);
    });
  };
  prefix(child.stdout!);
  prefix(child.stderr!);
  let report: ChildReport | undefined;
  child.on('message', (m: ChildReport) => (report = m));
  const killGroup = () => {
    try {
      process.kill(-child.pid!, 'SIGKILL');
    } catch {
      child.kill('SIGKILL');
    }
  };
  // Ctrl-C reaches only our own process group: take the bench's group down with us.
  const onInterrupt = () => {
    killGroup();
    process.exit(130);
  };
  process.once('SIGINT', onInterrupt);
  return new Promise((resolve) => {
    const timer = setTimeout(() => {
      process.stderr.write(`[${name}] no result after ${timeoutMs / 1000} s: killing it\n`);
      killGroup();
    }, timeoutMs);
    child.once('exit', (code, signal) => {
      clearTimeout(timer);
      process.removeListener('SIGINT', onInterrupt);
      // Anything the bench left running in its group (a crashed API bench's server) goes too.
      if (code !== 0) killGroup();
      const seconds = (Date.now() - started) / 1000;
      if (report && code === 0) {
        resolve({ name, ok: true, seconds, processPeakRssMb: report.processPeakRssMb, rows: report.rows.map((r) => judgeRow(name, r)) });
      } else {
        resolve({ name, ok: false, seconds, rows: [], error: signal ? `killed by ${signal}` : `exited with code ${code} before reporting` });
      }
    });
  });
}

function gitCommit(): string | undefined {
  try {
    return execSync('git rev-parse --short HEAD', { cwd: __dirname, stdio: ['ignore', 'pipe', 'ignore'] }).toString().trim();
  } catch {
    return undefined;
  }
}

async function main(): Promise<void> {
  const argv = process.argv.slice(2);
  const quick = argv.includes('--quick');
  const onlyArg = argv.find((a) => a.startsWith('--only='))?.slice(7) ?? (argv.includes('--only') ? argv[argv.indexOf('--only') + 1] : undefined);
  const names = onlyArg ? onlyArg.split(',').filter((n) => n in BENCHES) : Object.keys(BENCHES);
  if (names.length === 0) throw new Error(`--only takes a comma-separated list of: ${Object.keys(BENCHES).join(', ')}`);
  const timeoutMs = (quick ? 3 : 20) * 60_000;

  const startedAt = new Date();
  // Other work on the machine skews every figure: record the load next to the results.
  const loadAtStart = os.loadavg()[0];
  const outcomes: BenchOutcome[] = [];
  for (const name of names) {
    process.stderr.write(`[${name}] running${quick ? ' (quick)' : ''}\n`);
    const outcome = await runInChild(name, quick, timeoutMs);
    process.stderr.write(`[${name}] ${outcome.ok ? 'done' : `FAILED: ${outcome.error}`} in ${outcome.seconds.toFixed(1)} s\n`);
    outcomes.push(outcome);
  }
  const finishedAt = new Date();

  printResultsTable(outcomes);
  const rows: JudgedRow[] = outcomes.flatMap((o) => o.rows);
  const judged = rows.filter((r) => r.goalMet !== undefined);
  const met = judged.filter((r) => r.goalMet).length;
  const failed = outcomes.filter((o) => !o.ok);
  const wall = (finishedAt.getTime() - startedAt.getTime()) / 1000;
  console.log(`\ngoals met: ${met} of ${judged.length}; benches failed: ${failed.length} of ${outcomes.length}; wall time ${wall.toFixed(0)} s${quick ? ' (--quick)' : ''}; load average ${loadAtStart.toFixed(1)} at start, ${os.loadavg()[0].toFixed(1)} at end on ${os.cpus().length} cores`);

  fs.mkdirSync(path.dirname(RESULTS), { recursive: true });
  const cpus = os.cpus();
  const results = {
    startedAt: startedAt.toISOString(),
    finishedAt: finishedAt.toISOString(),
    wallSeconds: wall,
    quick,
    commit: gitCommit(),
    machine: { cpus: cpus.length, cpuModel: cpus[0]?.model, totalMemMb: Math.round(os.totalmem() / 1024 / 1024), node: process.version, platform: `${os.platform()} ${os.release()}`, loadAverageAtStart: loadAtStart, loadAverageAtEnd: os.loadavg()[0] },
    goals: { met, judged: judged.length },
    benches: outcomes,
  };
  fs.writeFileSync(RESULTS, JSON.stringify(results, null, 2) + '\n');
  console.log(`results written to ${path.relative(process.cwd(), RESULTS)}`);
  if (failed.length > 0 || (argv.includes('--strict') && met < judged.length)) process.exitCode = 1;
}

if (process.argv[2] === '--child') {
  runChild(process.argv[3], process.argv.includes('--quick')).catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
} else if (require.main === module) {
  main().catch((err: Error) => {
    process.stderr.write(`${err.stack ?? err}\n`);
    process.exit(1);
  });
}
