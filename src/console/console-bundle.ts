/**
 * Builds the console's browser code and styles in memory with esbuild when the server starts
 * (about a second), so `npm start` needs no separate build step and nothing is written to disk.
 * Output names carry a content hash, so the browser may cache them for a year.
 */
import fs from 'node:fs';
import path from 'node:path';

export interface ConsoleAsset {
  body: Buffer;
  contentType: string;
}

export interface ConsoleBundle {
  /** Asset file name (e.g. `app-3F2A.js`) → contents. */
  assets: Map<string, ConsoleAsset>;
  /** Names of the entry outputs, for the page's <script> and <link>. */
  script: string;
  stylesheet: string;
}

/** URL path under which every asset is served. */
export const ASSET_PREFIX = '/console/assets';

const CONTENT_TYPES: Record<string, string> = {
  '.js': 'text/javascript; charset=utf-8',
  '.css': 'text/css; charset=utf-8',
  '.woff2': 'font/woff2',
  '.woff': 'font/woff',
  '.map': 'application/json; charset=utf-8',
};

/** The client sources: next to this file when run from src/, in the repo's src/ when run from dist/. */
export function findWebDir(): string {
  const candidates = [path.join(__dirname, 'web'), path.resolve(__dirname, '../../../src/console/web')];
  const found = candidates.find((d) => fs.existsSync(path.join(d, 'main.tsx')));
  if (!found) throw new Error(`console sources not found (looked in ${candidates.join(', ')})`);
  return found;
}

export async function buildConsoleBundle(opts: { webDir?: string; minify?: boolean } = {}): Promise<ConsoleBundle> {
  // Loaded lazily: esbuild is a native binary only needed when the console is served.
  const esbuild = (await import('esbuild')) as typeof import('esbuild');
  const webDir = opts.webDir ?? findWebDir();
  const outdir = path.join(webDir, '.out');
  const result = await esbuild.build({
    entryPoints: { app: path.join(webDir, 'main.tsx'), styles: path.join(webDir, 'styles.css') },
    bundle: true,
    write: false,
    outdir,
    format: 'iife',
    platform: 'browser',
    target: ['chrome110', 'firefox115', 'safari16'],
    jsx: 'automatic',
    jsxImportSource: 'preact',
    minify: opts.minify ?? true,
    legalComments: 'none',
    entryNames: '[name]-[hash]',
    assetNames: '[name]-[hash]',
    publicPath: ASSET_PREFIX,
    loader: { '.woff2': 'file', '.woff': 'file' },
    logLevel: 'silent',
  });
  const assets = new Map<string, ConsoleAsset>();
  let script = '';
  let stylesheet = '';
  for (const file of result.outputFiles) {
    const name = path.basename(file.path);
    assets.set(name, { body: Buffer.from(file.contents), contentType: CONTENT_TYPES[path.extname(name)] ?? 'application/octet-stream' });
    if (name.startsWith('app-') && name.endsWith('.js')) script = name;
    if (name.startsWith('styles-') && name.endsWith('.css')) stylesheet = name;
  }
  if (!script || !stylesheet) throw new Error('console build produced no script or stylesheet');
  return { assets, script, stylesheet };
}
