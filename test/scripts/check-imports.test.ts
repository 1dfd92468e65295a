import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import os from 'node:os';
import path from 'node:path';
import { checkImports } from '../../scripts/check-imports';
import { findImportProblems, type Findings } from '../../scripts/imports/import-findings';
import { buildImportGraph } from '../../scripts/imports/import-graph';
import { importSpecifiers } from '../../scripts/imports/source-imports';

let root: string;
beforeEach(() => {
  root = fs.mkdtempSync(path.join(os.tmpdir(), 'rasid-imports-'));
});
afterEach(() => fs.rmSync(root, { recursive: true, force: true }));

/** Writes the files of a planted tree; `lines` pads a file to that many lines. */
function plant(files: Record<string, string | { text: string; lines: number }>): void {
  for (const [file, content] of Object.entries(files)) {
    const text = typeof content === 'string' ? content : content.text + '\n'.repeat(Math.max(1, content.lines - content.text.split('\n').length + 1));
    fs.mkdirSync(path.dirname(path.join(root, file)), { recursive: true });
    fs.writeFileSync(path.join(root, file), text);
  }
}

const findings = (): Findings => findImportProblems(buildImportGraph(root));

/** A body of n lines, so that folder sizes stay below a quarter unless a test wants otherwise. */
const big = (text: string, lines = 100) => ({ text, lines });

describe('check-imports', () => {
  it('finds a circle of static imports, through an index file and a .tsx file', () => {
    plant({
      'src/main.ts': big(`import { a } from './a';`),
      'src/a/index.ts': `export { a } from './a';`,
      'src/a/a.ts': `import { b } from './b';\nexport const a = b;`,
      'src/a/b.tsx': `import { a } from '.';\nexport const b = () => a;`,
    });
    expect(findings().circles).toEqual([
      { files: ['src/a/a.ts', 'src/a/b.tsx', 'src/a/index.ts'], cycle: ['src/a/a.ts', 'src/a/b.tsx', 'src/a/index.ts', 'src/a/a.ts'] },
    ]);
  });

  it('finds a circle made of type-only imports', () => {
    plant({
      'src/main.ts': big(''),
      'src/domain/store.ts': `import type { Page } from './case-store';\nexport interface Store { p: Page }`,
      'src/domain/case-store.ts': `import type { Store } from './store';\nexport interface Page { s?: Store }`,
    });
    expect(findings().circles.map((c) => c.files)).toEqual([['src/domain/case-store.ts', 'src/domain/store.ts']]);
  });

  it('finds circles through export-from, dynamic import() and require()', () => {
    plant({
      'scripts/one.ts': `export * from './two';`,
      'scripts/two.ts': `export async function f() { return import('./three'); }`,
      'scripts/three.ts': `const one = require('./one');\nexport default one;`,
    });
    expect(findings().circles.map((c) => c.files)).toEqual([['scripts/one.ts', 'scripts/three.ts', 'scripts/two.ts']]);
  });

  it('finds two folders under src/ that import each other, without any file circle', () => {
    plant({
      'src/main.ts': big(''),
      'src/api/validate.ts': `export const validate = 1;`,
      'src/api/paths.ts': `import { schema } from '../cases/schemas';\nexport const paths = schema;`,
      'src/cases/schemas.ts': `export const schema = 1;`,
      'src/cases/routes.ts': `import { validate } from '../api/validate';\nexport const routes = validate;`,
    });
    const f = findings();
    expect(f.circles).toEqual([]);
    expect(f.folderPairs).toEqual([
      { a: 'api', b: 'cases', aToB: ['src/api/paths.ts', 'src/cases/schemas.ts'], bToA: ['src/cases/routes.ts', 'src/api/validate.ts'] },
    ]);
  });

  it('finds imports from src/ and bench/ into test/, but not from scripts/', () => {
    plant({
      'src/main.ts': big(`import { fake } from '../test/fakes/x-api';`),
      'bench/run.ts': `import { fake } from '../test/fakes/x-api';`,
      'scripts/ok.ts': `import { fake } from '../test/fakes/x-api';`,
      'test/fakes/x-api.ts': `export const fake = 1;`,
    });
    expect(findings().testImports).toEqual([
      { from: 'bench/run.ts', to: 'test/fakes/x-api.ts' },
      { from: 'src/main.ts', to: 'test/fakes/x-api.ts' },
    ]);
  });

  it('finds a folder under src/, at any depth, holding more than a quarter of src/ lines', () => {
    plant({
      'src/main.ts': big('', 60),
      'src/store/sqlite/table.ts': big('', 26),
      'src/store/port.ts': big('', 4),
      'src/queue/queue.ts': big('', 10),
    });
    expect(findings().bigFolders).toEqual([
      { folder: 'src/store', lines: 30, share: 0.3 },
      { folder: 'src/store/sqlite', lines: 26, share: 0.26 },
    ]);
  });

  it('reports nothing for a clean tree; imports in comments and template text do not count', () => {
    plant({
      'src/main.ts': big(`import { a } from './a/a';\nimport express from 'express';\nimport { b } from './b';`),
      'src/a/a.ts': `import { b } from '../b/b';\n// import { main } from '../main';\n/* require('../main') */\nexport const a = b;`,
      'src/b/index.ts': 'export { b } from \'./b\';\nexport const sql = `import x from \'../main\' ${`nested ${"import(\'../main\')"}`}`;',
      'src/b/b.ts': 'export const b = `${1}`; // import(\'./index\')',
      'bench/run.ts': `import { a } from '../src/a/a';`,
    });
    const f = findings();
    expect(f).toEqual({ circles: [], folderPairs: [], testImports: [], bigFolders: [] });
    expect(checkImports(root).ok).toBe(true);
    // The graph did see the real imports.
    expect([...buildImportGraph(root).imports.get('src/main.ts')!].sort()).toEqual(['src/a/a.ts', 'src/b/index.ts']);
  });

  it('reads every import form from source text', () => {
    const source = [
      `import a from './a';`,
      `import type { B } from "./b";`,
      `import {\n  c,\n  type C,\n} from './c';`,
      `import './d';`,
      `export * from './e';`,
      `export { f } from './f';`,
      `const g = await import('./g');`,
      `type H = typeof import('./h');`,
      `const i = require('./i');`,
      `import j = require('./j');`,
    ].join('\n');
    expect(importSpecifiers(source).sort()).toEqual(['./a', './b', './c', './d', './e', './f', './g', './h', './i', './j']);
  });

  it('the command exits 1 with the list when it finds something, 0 on a clean tree', () => {
    const run = () => {
      try {
        execFileSync(process.execPath, ['--require', 'tsx/cjs', 'scripts/check-imports.ts', '--root', root], { encoding: 'utf8', stdio: 'pipe' });
        return { status: 0, stderr: '' };
      } catch (err) {
        const e = err as { status: number; stderr: string };
        return { status: e.status, stderr: e.stderr };
      }
    };
    plant({ 'src/main.ts': big(''), 'src/a/x.ts': `import type { Y } from './y';`, 'src/a/y.ts': `import type { X } from './x';` });
    const found = run();
    expect(found.status).toBe(1);
    expect(found.stderr).toContain('Import circles (1):');
    expect(found.stderr).toContain('src/a/x.ts → src/a/y.ts → src/a/x.ts');
    fs.rmSync(path.join(root, 'src/a/y.ts'));
    expect(run().status).toBe(0);
  });
});
