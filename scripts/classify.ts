/**
 * npm run --silent classify -- <file.jsonl | ->
 * Reads JSONL objects with a string `text`, writes each back on stdout as one JSON line with a
 * `classification` field added, in input order. A line that is not JSON or has no string `text`
 * is reported on stderr with its line number and skipped. Exit code 0 when every line was
 * classified, 1 otherwise; 2 for a wrong command line or a file that is not there (cli-args.ts).
 */
import fs from 'node:fs';
import readline from 'node:readline';
import { createClassifier } from '../classifiers';
import { existingFile, parseCli, runCli, UsageError } from './cli-args';

const USAGE = 'usage: npm run --silent classify -- <file.jsonl | ->';

async function main(argv: string[]): Promise<number> {
  const { positionals } = parseCli(argv, {}, true);
  if (positionals.length !== 1) throw new UsageError(positionals.length === 0 ? 'missing the input file (or - for stdin)' : `one input file, got ${positionals.length}`);
  const source = positionals[0];
  const input = source === '-' ? process.stdin : fs.createReadStream(existingFile(source, 'the input file'), { encoding: 'utf8' });
  const classifier = createClassifier();
  const lines = readline.createInterface({ input, crlfDelay: Infinity });
  let lineNo = 0;
  let failed = 0;
  for await (const line of lines) {
    lineNo++;
    if (line.trim() === '') continue;
    let row: unknown;
    try {
      row = JSON.parse(line);
    } catch {
      process.stderr.write(`line ${lineNo}: not valid JSON, skipped\n`);
      failed++;
      continue;
    }
    if (typeof row !== 'object' || row === null || Array.isArray(row) || typeof (row as { text?: unknown }).text !== 'string') {
      process.stderr.write(`line ${lineNo}: no string "text" field, skipped\n`);
      failed++;
      continue;
    }
    const obj = row as Record<string, unknown> & { text: string };
    const ok = process.stdout.write(`${JSON.stringify({ ...obj, classification: classifier.classify(obj.text) })}\n`);
    if (!ok) await new Promise((resolve) => process.stdout.once('drain', resolve));
  }
  return failed === 0 ? 0 : 1;
}

runCli(USAGE, main);
