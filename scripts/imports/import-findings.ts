/**
 * What check-imports reports about an import graph: circles of files, pairs of top-level folders
 * under src/ that import each other, imports from src/ or bench/ into test/, and folders under
 * src/ holding more than a quarter of src/'s lines.
 */
import type { ImportGraph } from './import-graph';

export interface Findings {
  /** Each circle: all files that reach each other, and one shortest cycle among them. */
  circles: { files: string[]; cycle: string[] }[];
  /** Two folders under src/ importing each other, with one import each way. */
  folderPairs: { a: string; b: string; aToB: [string, string]; bToA: [string, string] }[];
  testImports: { from: string; to: string }[];
  bigFolders: { folder: string; lines: number; share: number }[];
}

/**
 * A folder under src/ holding more than this share of src/'s lines is reported, as a room that has
 * become a second building. A quarter: the web console (src/console) is a browser program of its
 * own, pages, components and two message catalogs in Arabic and English, and at a fifth it was
 * reported for its translated error messages rather than for mixing jobs.
 */
export const MAX_FOLDER_SHARE = 1 / 4;

export function findImportProblems(graph: ImportGraph): Findings {
  return {
    circles: importCircles(graph),
    folderPairs: folderPairs(graph),
    testImports: testImports(graph),
    bigFolders: bigFolders(graph),
  };
}

export function hasFindings(f: Findings): boolean {
  return f.circles.length + f.folderPairs.length + f.testImports.length + f.bigFolders.length > 0;
}

/**
 * Strongly connected components of more than one file (or a file importing itself): the files,
 * sorted, and a shortest cycle through the first of them (the first file repeated at the end).
 */
export function importCircles(graph: ImportGraph): Findings['circles'] {
  return stronglyConnected(graph)
    .filter((c) => c.length > 1 || graph.imports.get(c[0])?.has(c[0]))
    .map((c) => {
      const files = [...c].sort();
      return { files, cycle: cycleThrough(graph, new Set(files), files[0]) };
    })
    .sort((x, y) => x.files[0].localeCompare(y.files[0]));
}

/** Tarjan's algorithm, iterative so deep graphs do not overflow the stack. */
function stronglyConnected(graph: ImportGraph): string[][] {
  const index = new Map<string, number>();
  const low = new Map<string, number>();
  const onStack = new Set<string>();
  const stack: string[] = [];
  const components: string[][] = [];
  let next = 0;
  for (const start of graph.files) {
    if (index.has(start)) continue;
    const work: { node: string; edges: string[]; i: number }[] = [];
    const visit = (node: string) => {
      index.set(node, next);
      low.set(node, next++);
      stack.push(node);
      onStack.add(node);
      work.push({ node, edges: [...(graph.imports.get(node) ?? [])], i: 0 });
    };
    visit(start);
    while (work.length > 0) {
      const frame = work[work.length - 1];
      if (frame.i < frame.edges.length) {
        const to = frame.edges[frame.i++];
        if (!index.has(to)) visit(to);
        else if (onStack.has(to)) low.set(frame.node, Math.min(low.get(frame.node)!, index.get(to)!));
        continue;
      }
      work.pop();
      if (work.length > 0) {
        const parent = work[work.length - 1].node;
        low.set(parent, Math.min(low.get(parent)!, low.get(frame.node)!));
      }
      if (low.get(frame.node) === index.get(frame.node)) {
        const component: string[] = [];
        let member: string;
        do {
          member = stack.pop()!;
          onStack.delete(member);
          component.push(member);
        } while (member !== frame.node);
        components.push(component);
      }
    }
  }
  return components;
}

/** A shortest cycle from `start` back to itself inside the component (breadth first). */
function cycleThrough(graph: ImportGraph, component: Set<string>, start: string): string[] {
  const previous = new Map<string, string>();
  const queue = [start];
  for (let q = 0; q < queue.length; q++) {
    const node = queue[q];
    for (const to of [...(graph.imports.get(node) ?? [])].sort()) {
      if (!component.has(to)) continue;
      if (to === start) {
        const path = [node];
        while (path[0] !== start) path.unshift(previous.get(path[0])!);
        return [...path, start];
      }
      if (!previous.has(to)) {
        previous.set(to, node);
        queue.push(to);
      }
    }
  }
  return [start, start];
}

/** `src/store/sqlite.ts` → `store`; files directly in src/ have no folder. */
export function srcFolder(file: string): string | undefined {
  const parts = file.split('/');
  return parts[0] === 'src' && parts.length > 2 ? parts[1] : undefined;
}

function folderPairs(graph: ImportGraph): Findings['folderPairs'] {
  const example = new Map<string, [string, string]>();
  for (const [from, targets] of graph.imports) {
    const a = srcFolder(from);
    if (!a) continue;
    for (const to of [...targets].sort()) {
      const b = srcFolder(to);
      if (b && b !== a && !example.has(`${a}>${b}`)) example.set(`${a}>${b}`, [from, to]);
    }
  }
  const pairs: Findings['folderPairs'] = [];
  for (const [key, aToB] of example) {
    const [a, b] = key.split('>');
    const bToA = example.get(`${b}>${a}`);
    if (a < b && bToA) pairs.push({ a, b, aToB, bToA });
  }
  return pairs.sort((x, y) => `${x.a}>${x.b}`.localeCompare(`${y.a}>${y.b}`));
}

function testImports(graph: ImportGraph): Findings['testImports'] {
  const found: Findings['testImports'] = [];
  for (const [from, targets] of graph.imports) {
    if (!from.startsWith('src/') && !from.startsWith('bench/')) continue;
    for (const to of targets) if (to.startsWith('test/')) found.push({ from, to });
  }
  return found.sort((x, y) => `${x.from}>${x.to}`.localeCompare(`${y.from}>${y.to}`));
}

/** Every folder under src/ (at any depth) whose files hold more than a quarter of src/'s lines. */
function bigFolders(graph: ImportGraph): Findings['bigFolders'] {
  let total = 0;
  const perFolder = new Map<string, number>();
  for (const [file, n] of graph.lines) {
    if (!file.startsWith('src/')) continue;
    total += n;
    const parts = file.split('/');
    for (let depth = 2; depth < parts.length; depth++) {
      const folder = parts.slice(0, depth).join('/');
      perFolder.set(folder, (perFolder.get(folder) ?? 0) + n);
    }
  }
  return [...perFolder]
    .filter(([, n]) => total > 0 && n / total > MAX_FOLDER_SHARE)
    .map(([folder, lines]) => ({ folder, lines, share: lines / total }))
    .sort((x, y) => y.lines - x.lines);
}

export function formatFindings(f: Findings): string {
  const out: string[] = [];
  const section = (title: string, items: string[]) => {
    if (items.length > 0) out.push(`${title} (${items.length}):`, ...items.map((s) => `  ${s}`), '');
  };
  section(
    'Import circles',
    f.circles.map((c) => {
      const others = c.files.filter((file) => !c.cycle.includes(file));
      const rest = others.length > 0 ? `\n      and ${others.length} more file(s) in the same circle: ${others.join(', ')}` : '';
      return `${c.files.length} file(s): ${c.cycle.join(' → ')}${rest}`;
    }),
  );
  section(
    'Folders under src/ importing each other',
    f.folderPairs.map((p) => `${p.a} ⇄ ${p.b}: ${p.aToB[0]} → ${p.aToB[1]}; ${p.bToA[0]} → ${p.bToA[1]}`),
  );
  section('Imports from src/ or bench/ into test/', f.testImports.map((t) => `${t.from} → ${t.to}`));
  section(
    `Folders under src/ with more than ${Math.round(MAX_FOLDER_SHARE * 100)} % of its lines`,
    f.bigFolders.map((b) => `${b.folder}: ${b.lines} lines, ${(b.share * 100).toFixed(1)} %`),
  );
  return out.length > 0 ? out.join('\n') : 'No import circles, folder pairs, imports into test/ or oversized folders.\n';
}
