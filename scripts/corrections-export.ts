/**
 * `npm run corrections:export [-- --out <file>|-] [--since <ISO time>]`: the mentions corrected in
 * the console as JSON lines, for training (src/corrections/correction-export.ts). Default file
 * DATA_DIR/corrections/corrections.jsonl, where the training script looks; `--out -` is stdout.
 * Works beside the running service (no instance lock).
 */
import fs from 'node:fs';
import path from 'node:path';
import type { Writable } from 'node:stream';
import { createStore } from '../src/composition';
import { loadConfig } from '../src/config';
import { correctionExamples } from '../src/corrections/correction-export';
import { parseCli, requireExistingStore, runCli, UsageError } from './cli-args';

const USAGE = 'usage: npm run corrections:export [-- --out <file>|-] [--since <ISO time>]';

/** `env` defaults to the process environment (loadConfig reads it); `stdout` is where `--out -` writes. */
export async function exportCorrections(argv: string[], env?: Record<string, string | undefined>, stdout: Writable = process.stdout): Promise<{ count: number; out: string }> {
  const { values } = parseCli(argv, { out: { type: 'string' }, since: { type: 'string' } });
  const since = values.since === undefined ? undefined : isoOrThrow(values.since);
  const config = loadConfig(env);
  const out = values.out ?? path.join(config.storage.dataDir, 'corrections', 'corrections.jsonl');
  requireExistingStore(config.storage);
  const store = await createStore(config, { instanceLock: false });
  try {
    if (out === '-') return { count: await writeLines(correctionExamples(store.corrections, since), stdout), out };
    fs.mkdirSync(path.dirname(path.resolve(out)), { recursive: true });
    // Written aside and renamed: the training script never reads a half-written file.
    const partial = `${out}.partial`;
    const file = fs.createWriteStream(partial);
    const count = await writeLines(correctionExamples(store.corrections, since), file);
    await new Promise<void>((resolve, reject) => file.end((err?: Error | null) => (err ? reject(err) : resolve())));
    fs.renameSync(partial, out);
    return { count, out };
  } finally {
    await store.close();
  }
}

function isoOrThrow(s: string): string {
  const t = Date.parse(s);
  if (Number.isNaN(t)) throw new UsageError(`--since must be an ISO 8601 time, got "${s}"`);
  return new Date(t).toISOString();
}

async function writeLines(lines: AsyncIterable<object>, to: Writable): Promise<number> {
  let count = 0;
  for await (const line of lines) {
    if (!to.write(JSON.stringify(line) + '\n')) await new Promise((resolve) => to.once('drain', resolve));
    count++;
  }
  return count;
}

if (require.main === module) {
  runCli(USAGE, async (argv) => {
    const { count, out } = await exportCorrections(argv);
    process.stderr.write(`${count} corrected mentions written to ${out === '-' ? 'stdout' : out}\n`);
  });
}
