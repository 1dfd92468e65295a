/**
 * The graph of relative imports between the project's own source files: which file imports which,
 * resolved the way TypeScript's node resolution finds them (the path itself, then .ts, .tsx,
 * index.ts, index.tsx; a `.js` specifier also finds the `.ts` file). Package imports are not
 * edges. Also counts each file's lines, for the folder sizes.
 */
import fs from 'node:fs';
import path from 'node:path';
import { importSpecifiers } from './source-imports';

/** The folders whose files are checked, relative to the project root. */
export const CHECKED_ROOTS = ['src', 'classifiers', 'channels', 'scripts', 'bench'];

const SOURCE = /\.(ts|tsx|mts|cts|js|jsx|mjs|cjs)$/;
const SKIPPED_DIRS = new Set(['node_modules', 'dist', '.git', 'coverage']);

export interface ImportGraph {
  /** Project-relative paths with forward slashes, sorted. */
  files: string[];
  /** file → the files it imports (only files of the project, test/ included). */
  imports: Map<string, Set<string>>;
  lines: Map<string, number>;
}

export function buildImportGraph(root: string, roots: readonly string[] = CHECKED_ROOTS): ImportGraph {
  const files = roots.flatMap((dir) => sourceFiles(root, dir)).sort();
  const imports = new Map<string, Set<string>>();
  const lines = new Map<string, number>();
  for (const file of files) {
    const text = fs.readFileSync(path.join(root, file), 'utf8');
    lines.set(file, countLines(text));
    const targets = new Set<string>();
    for (const spec of importSpecifiers(text)) {
      if (!spec.startsWith('.')) continue;
      const target = resolveRelative(root, file, spec);
      if (target) targets.add(target);
    }
    imports.set(file, targets);
  }
  return { files, imports, lines };
}

/** Source files under `dir` (project-relative), skipping build output and dependencies. */
function sourceFiles(root: string, dir: string): string[] {
  const abs = path.join(root, dir);
  if (!fs.existsSync(abs)) return [];
  const found: string[] = [];
  for (const entry of fs.readdirSync(abs, { withFileTypes: true })) {
    const rel = `${dir}/${entry.name}`;
    if (entry.isDirectory()) {
      if (!SKIPPED_DIRS.has(entry.name)) found.push(...sourceFiles(root, rel));
    } else if (entry.isFile() && SOURCE.test(entry.name) && !entry.name.endsWith('.d.ts')) {
      found.push(rel);
    }
  }
  return found;
}

export function countLines(text: string): number {
  if (text.length === 0) return 0;
  return text.split('\n').length - (text.endsWith('\n') ? 1 : 0);
}

/** The project file a relative specifier names, or undefined when none exists. */
export function resolveRelative(root: string, fromFile: string, spec: string): string | undefined {
  const base = path.posix.normalize(path.posix.join(path.posix.dirname(fromFile), spec));
  const stem = base.replace(/\.(js|jsx|mjs|cjs)$/, '');
  const candidates = [
    base,
    ...['.ts', '.tsx', '.mts', '.cts', '.d.ts'].map((ext) => stem + ext),
    ...['/index.ts', '/index.tsx', '/index.js'].map((index) => base + index),
  ];
  for (const candidate of candidates) {
    if (candidate.startsWith('..')) return undefined;
    const abs = path.join(root, candidate);
    if (fs.existsSync(abs) && fs.statSync(abs).isFile()) return candidate;
  }
  return undefined;
}
