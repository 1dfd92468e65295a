/**
 * How the npm scripts read their command line and report what went wrong, the same in each:
 *
 * - `--help` (or `-h`) prints the usage on stdout, exit 0, before anything is opened;
 * - a wrong command line (an unknown option, a value missing or not one of those allowed) prints
 *   one line naming the argument, then the usage, on stderr: exit 2 (UsageError);
 * - a file the command line names that is not there prints one line naming it: exit 2 too
 *   (MissingFileError), since the command is what needs fixing; the usage would not help; the
 *   same for a DATA_DIR that holds no store, for the scripts that read or add to one
 *   (requireExistingStore);
 * - the run itself failing (a store unreachable, a disk full, input it could not use) prints one
 *   line: exit 1. A script may give its own outcomes other codes (store:copy: 3, refused).
 *
 * No stack traces in any of these: the reader is an operator at a terminal, not a developer.
 */
import fs from 'node:fs';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import type { Config } from '../src/config';

/** A wrong command line: exit 2 with the usage. */
export class UsageError extends Error {}

/** A file named on the command line that does not exist: exit 2, one line. */
export class MissingFileError extends Error {}

/**
 * node's parseArgs, strict, with its errors as UsageErrors in their first sentence ("Unknown
 * option '--wek'"; the rest advises about `--`, which means nothing behind `npm run`).
 */
export function parseCli<O extends NonNullable<ParseArgsConfig['options']>>(argv: string[], options: O, allowPositionals = false) {
  try {
    return parseArgs({ args: argv, options, strict: true, allowPositionals });
  } catch (err) {
    throw new UsageError((err as Error).message.split(/\.\s/)[0]);
  }
}

/** The path, if it names an existing file; `option` says which argument named it. */
export function existingFile(file: string, option: string): string {
  if (!fs.existsSync(file)) throw new MissingFileError(`${option}: no such file: ${file}`);
  if (!fs.statSync(file).isFile()) throw new MissingFileError(`${option}: not a file: ${file}`);
  return file;
}

/**
 * For the scripts that read or add to the store (user:add, summary, corrections:export): a
 * DATA_DIR without a SQLite store is a mistake (a typo, the wrong folder), not a new store to
 * create; opening it would create an empty one and answer from it (a token valid nowhere else,
 * 0 mentions). The service creates the store on its first start. MongoDB has no folder: no check.
 */
export function requireExistingStore(storage: Config['storage']): void {
  if (storage.driver !== 'sqlite') return;
  if (fs.existsSync(storage.sqliteFile) && fs.statSync(storage.sqliteFile).isFile()) return;
  throw new MissingFileError(`no Rasid store in ${storage.dataDir} (DATA_DIR): start the service once there, or fix DATA_DIR`);
}

export const wantsHelp = (argv: string[]): boolean => argv.includes('--help') || argv.includes('-h');

/** The exit code for an error, after printing it as the rules above say. */
export function reportError(err: unknown, usage: string, stderr: NodeJS.WritableStream = process.stderr): number {
  const message = err instanceof Error ? err.message : String(err);
  if (err instanceof UsageError) {
    stderr.write(`${message}\n${usage}\n`);
    return 2;
  }
  stderr.write(`${message}\n`);
  return err instanceof MissingFileError ? 2 : 1;
}

/**
 * Runs a script's main by the rules above. `main` returns its exit code (0 when it returns
 * nothing) and throws for the rest.
 */
export function runCli(usage: string, main: (argv: string[]) => Promise<number | void> | number | void, argv: string[] = process.argv.slice(2)): void {
  if (wantsHelp(argv)) {
    process.stdout.write(`${usage}\n`);
    return;
  }
  Promise.resolve()
    .then(() => main(argv))
    .then(
      (code) => {
        process.exitCode = code ?? 0;
      },
      // process.exit: a failed run may leave a browser or a connection open that would keep it alive.
      (err: unknown) => process.exit(reportError(err, usage)),
    );
}
