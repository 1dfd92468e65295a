/**
 * `npm run summary -- [--week last|current|2026-W48|2026-11-25] [--format html|json|csv|xlsx|pdf]
 *   [--out <file or folder>] [--table <name>] [--save]`: one week's engagement summary from the
 * configured store, written to --out (or stdout), with a progress bar on stderr. CSV: one combined
 * file, one table with --table, or one file per table when --out is a folder (ends with / or
 * exists). XLSX: every table on its own right-to-left sheet. PDF prints the HTML in headless Chromium. --save also keeps it in the summary history.
 * Works beside the running service (README: command-line tools); GET /api/summaries/:week gives the same.
 */
import fs from 'node:fs';
import path from 'node:path';
import { SingleBar } from 'cli-progress';
import { caseSettingsFrom } from '../src/cases/case-feature';
import { createStore } from '../src/composition';
import { loadConfig, type Config } from '../src/config';
import { toCombinedCsv, toCsv } from '../src/summaries/csv/csv-format';
import { SUMMARY_TABLE_NAMES, summaryTables } from '../src/summaries/csv/summary-tables';
import { renderHtml } from '../src/summaries/html/render-html';
import { htmlToPdf } from '../src/summaries/pdf/report-pdf';
import { summarySettings } from '../src/summaries/summary-feature';
import type { WeeklySummary } from '../src/summaries/summary-record';
import { SummaryService } from '../src/summaries/summary-service';
import { parseWeek, WeekParseError, type WeekSettings } from '../src/summaries/week';
import { toXlsx } from '../src/summaries/xlsx/summary-workbook';
import { parseCli, requireExistingStore, runCli, UsageError } from './cli-args';

const USAGE = 'usage: npm run summary -- [--week last|current|2026-W48|YYYY-MM-DD] [--format html|json|csv|xlsx|pdf] [--out <path>] [--table <name>] [--save]';
const FORMATS = ['html', 'json', 'csv', 'xlsx', 'pdf'] as const;
/** Binary formats are written to a file, never to the terminal. */
const FILE_ONLY: readonly Format[] = ['xlsx', 'pdf'];
type Format = (typeof FORMATS)[number];

export interface CliIo {
  stdout: NodeJS.WritableStream;
  stderr: NodeJS.WritableStream & { isTTY?: boolean };
}

export async function runSummaryCli(argv: string[], config: Config, io: CliIo): Promise<{ weekId: string; written: string[] }> {
  const { values } = parseCli(argv, {
    week: { type: 'string', default: 'last' },
    format: { type: 'string', default: 'html' },
    out: { type: 'string' },
    table: { type: 'string' },
    save: { type: 'boolean', default: false },
  });
  const format = values.format as Format;
  if (!FORMATS.includes(format)) throw new UsageError(`--format must be one of ${FORMATS.join(', ')}, got "${format}"`);
  if (FILE_ONLY.includes(format) && !values.out) throw new UsageError(`--format ${format} needs --out`);
  if (values.table !== undefined && !(SUMMARY_TABLE_NAMES as readonly string[]).includes(values.table)) throw new UsageError(`--table must be one of ${SUMMARY_TABLE_NAMES.join(', ')}`);
  // Units named as the case console names them (CASE_ROUTING over the default table).
  const settings = { ...summarySettings(config.tzDisplay, config.summary), units: caseSettingsFrom(config.cases, config.tzDisplay).routing };
  // The week is read before the store is opened: a wrong one is the command line's fault.
  const week = weekOf(values.week, settings);
  requireExistingStore(config.storage);
  const store = await createStore(config, { instanceLock: false });
  try {
    const service = new SummaryService({ store: store.summaries, settings });
    const bar = new SingleBar({ stream: io.stderr, format: `${week.id} [{bar}] {percentage}% {step}`, hideCursor: true, clearOnComplete: false });
    bar.start(1, 0, { step: '' });
    const progress = { onProgress: (done: number, total: number, step: string) => (bar.setTotal(total), bar.update(done, { step })) };
    const summary = values.save ? await service.generateAndStore(week, progress) : await service.build(week, progress);
    bar.stop();
    const written = await write(summary, format, values.out, values.table, io);
    io.stderr.write(`${week.id} (${week.firstDate} – ${week.lastDate}, ${week.timeZone}): ${summary.mentions.total.value} mentions${values.save ? ', saved to the history' : ''}\n`);
    return { weekId: week.id, written };
  } finally {
    await store.close();
  }
}

async function write(s: WeeklySummary, format: Format, out: string | undefined, tableName: string | undefined, io: CliIo): Promise<string[]> {
  const emit = (content: string | Buffer, file = out): string[] => {
    if (!file) {
      io.stdout.write(content);
      return [];
    }
    fs.mkdirSync(path.dirname(path.resolve(file)), { recursive: true });
    fs.writeFileSync(file, content);
    return [file];
  };
  if (format === 'json') return emit(JSON.stringify(s, null, 2) + '\n');
  if (format === 'html') return emit(renderHtml(s));
  if (format === 'pdf') return emit(await htmlToPdf(renderHtml(s)));
  const tables = summaryTables(s);
  if (format === 'xlsx') return emit(await toXlsx(tables, { title: `راصد: الملخص الأسبوعي ${s.week.id}`, created: new Date(s.generatedAt) }));
  const table = tables.find((t) => t.name === tableName);
  if (table) return emit(toCsv(table));
  const isFolder = out !== undefined && (out.endsWith('/') || (fs.existsSync(out) && fs.statSync(out).isDirectory()));
  if (!isFolder) return emit(toCombinedCsv(tables));
  fs.mkdirSync(out as string, { recursive: true });
  return tables.flatMap((t) => emit(toCsv(t), path.join(out as string, `${s.week.id}-${t.name}.csv`)));
}

function weekOf(arg: string | undefined, settings: WeekSettings) {
  try {
    return parseWeek(arg, new Date(), settings);
  } catch (err) {
    if (err instanceof WeekParseError) throw new UsageError(`--week: ${err.message}`);
    throw err;
  }
}

if (require.main === module) {
  runCli(USAGE, async (argv) => {
    const { written } = await runSummaryCli(argv, loadConfig(), { stdout: process.stdout, stderr: process.stderr });
    for (const f of written) process.stderr.write(`wrote ${f}\n`);
  });
}
