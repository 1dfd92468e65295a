/**
 * src/http is the HTTP kit every feature uses (validation, error handler, request context, the
 * OpenAPI builder), so it imports no feature: only itself and the leaf modules listed here.
 * Features register their OpenAPI paths with it, never the other way round.
 */
import fs from 'node:fs';
import path from 'node:path';

const SRC = path.join(__dirname, '../../src');
const HTTP = path.join(SRC, 'http');
const LEAVES = ['errors', 'logger', 'store/store-error'];

function tsFiles(dir: string): string[] {
  return fs.readdirSync(dir, { withFileTypes: true }).flatMap((e) => {
    const p = path.join(dir, e.name);
    return e.isDirectory() ? tsFiles(p) : p.endsWith('.ts') ? [p] : [];
  });
}

/** Relative import targets of a file, as paths under src/ without extension. */
function relativeImports(file: string): string[] {
  const text = fs.readFileSync(file, 'utf8');
  const specs = [...text.matchAll(/(?:from\s+|import\s*\(\s*|require\(\s*|^import\s+)['"](\.[^'"]+)['"]/gm)].map((m) => m[1]);
  return specs.map((s) => path.relative(SRC, path.resolve(path.dirname(file), s)).split(path.sep).join('/'));
}

describe('src/http', () => {
  it('imports only itself and the leaf modules', () => {
    const files = tsFiles(HTTP);
    expect(files.length).toBeGreaterThan(5);
    const outside = files.flatMap((f) =>
      relativeImports(f)
        .filter((target) => !target.startsWith('http/') && !LEAVES.includes(target))
        .map((target) => `${path.relative(SRC, f)} -> ${target}`),
    );
    expect(outside).toEqual([]);
  });
});
