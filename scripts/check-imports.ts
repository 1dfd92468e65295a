/**
 * `npm run check:imports [-- --root <dir>]`: reports every import circle of files (type-only
 * imports and dynamic imports included), every pair of top-level folders under src/ that import
 * each other, every import from src/ or bench/ into test/, and every folder under src/ holding
 * more than a quarter of src/'s lines. Exits 1 when it finds any.
 * Walks src/, classifiers/, channels/, scripts/ and bench/.
 */
import path from 'node:path';
import { parseCli, runCli } from './cli-args';
import { buildImportGraph } from './imports/import-graph';
import { findImportProblems, formatFindings, hasFindings } from './imports/import-findings';

export function checkImports(root: string): { ok: boolean; report: string } {
  const graph = buildImportGraph(root);
  const findings = findImportProblems(graph);
  const summary = `${graph.files.length} files, ${[...graph.imports.values()].reduce((n, s) => n + s.size, 0)} relative imports checked.`;
  return { ok: !hasFindings(findings), report: `${formatFindings(findings)}\n${summary}\n` };
}

if (require.main === module) {
  runCli('usage: npm run check:imports [-- --root <dir>]', (argv) => {
    const { values } = parseCli(argv, { root: { type: 'string' } });
    const { ok, report } = checkImports(path.resolve(values.root ?? process.cwd()));
    (ok ? process.stdout : process.stderr).write(report);
    return ok ? 0 : 1;
  });
}
