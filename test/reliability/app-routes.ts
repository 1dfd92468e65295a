/**
 * Every route the real app mounts, read from Express 5's router stack (as the OpenAPI coverage
 * test does), so a route added later is fuzzed without anyone listing it.
 */
import type express from 'express';

export interface AppRoute {
  method: string;
  /** Express path with its :params, e.g. /api/mentions/:id or /open311/v2/requests/:id.:format */
  path: string;
  params: string[];
}

interface LayerLike {
  rawPath?: unknown;
  route?: { path: string | string[]; methods: Record<string, boolean> };
  handle?: { stack?: LayerLike[] };
}

function walk(stack: LayerLike[], prefix: string, out: AppRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      for (const p of paths) {
        for (const [method, on] of Object.entries(layer.route.methods)) {
          if (!on || method === '_all') continue;
          const full = prefix + p;
          out.push({ method: method.toUpperCase(), path: full, params: [...full.matchAll(/:(\w+)/g)].map((m) => m[1]) });
        }
      }
    } else if (layer.handle?.stack) {
      const mount = typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
      walk(layer.handle.stack, prefix + mount, out);
    }
  }
}

export function appRoutes(app: express.Express): AppRoute[] {
  const out: AppRoute[] = [];
  walk((app as unknown as { router: { stack: LayerLike[] } }).router.stack, '', out);
  return out;
}

/** Fills the route's params (already URL-encoded values) into its path. */
export function fillPath(route: AppRoute, values: Record<string, string>): string {
  return route.path.replace(/:(\w+)/g, (_m, name: string) => values[name] ?? 'x');
}
