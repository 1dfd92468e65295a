/**
 * The full route pattern a request belongs to (`/api/mentions/:id/claim`), for metric labels.
 *
 * `req.baseUrl` is put back as a request leaves a router, so a route that passes an error on to
 * the app's error handler would be seen without its mount path; and a request refused before its
 * route runs (authentication, CSRF, a body the parser rejects) has no `req.route` at all. Both are
 * answered from a table of the app's routes with their mount paths, read once from Express 5's
 * router stack (the same structure the OpenAPI coverage test walks): a matched route by identity,
 * a refused request by matching its path and method with the routers' own matchers.
 */
import type { Request } from 'express';

interface Match {
  path: string;
}
type Matcher = (path: string) => Match | false;

interface RouteLike {
  path: string | string[];
  methods: Record<string, boolean>;
}

interface LayerLike {
  rawPath?: unknown;
  /** A router mounted at the root: takes every path without consuming any of it. */
  slash?: boolean;
  matchers?: Matcher[];
  route?: RouteLike;
  handle?: { stack?: LayerLike[] };
}

interface KnownRoute {
  route: RouteLike;
  pattern: string;
  /** The mount layers from the app down to the route's own layer. */
  chain: LayerLike[];
}

export interface RoutePatterns {
  /** The pattern of the route that handled `req`, or the one it was aimed at; undefined if none. */
  of(req: Request): string | undefined;
}

function mountPath(layer: LayerLike): string {
  return typeof layer.rawPath === 'string' && layer.rawPath !== '/' ? layer.rawPath : '';
}

function collect(stack: LayerLike[], prefix: string, chain: LayerLike[], out: KnownRoute[]): void {
  for (const layer of stack) {
    if (layer.route) {
      const paths = Array.isArray(layer.route.path) ? layer.route.path : [layer.route.path];
      // A route on several paths gets its first as the label: one series per route.
      out.push({ route: layer.route, pattern: prefix + paths[0], chain: [...chain, layer] });
    } else if (layer.handle?.stack) {
      collect(layer.handle.stack, prefix + mountPath(layer), [...chain, layer], out);
    }
  }
}

/** Whether `path` walks down the chain: each mount layer takes its prefix, the last the rest. */
function pathMatches(chain: LayerLike[], path: string): boolean {
  let rest = path;
  for (const layer of chain) {
    if (layer.slash) continue;
    const match = layer.matchers?.map((m) => matchOrFalse(m, rest)).find((m): m is Match => m !== false);
    if (!match) return false;
    rest = rest.slice(match.path.length) || '/';
    if (!rest.startsWith('/')) rest = '/' + rest;
  }
  return true;
}

/** A matcher decodes the path's parameters and throws on a malformed escape (%FF): no match then. */
function matchOrFalse(matcher: (path: string) => Match | false, path: string): Match | false {
  try {
    return matcher(path);
  } catch {
    return false;
  }
}

function handlesMethod(route: RouteLike, method: string): boolean {
  const m = method.toLowerCase();
  return route.methods._all || route.methods[m] || (m === 'head' && route.methods.get) || false;
}

export function routePatterns(app: unknown): RoutePatterns {
  let table: { all: KnownRoute[]; byRoute: Map<RouteLike, KnownRoute[]> } | undefined;
  // Read at the first request, when every router has been mounted.
  const known = () => {
    if (!table) {
      const all: KnownRoute[] = [];
      collect((app as { router?: { stack?: LayerLike[] } }).router?.stack ?? [], '', [], all);
      const byRoute = new Map<RouteLike, KnownRoute[]>();
      for (const r of all) byRoute.set(r.route, [...(byRoute.get(r.route) ?? []), r]);
      table = { all, byRoute };
    }
    return table;
  };

  return {
    of(req) {
      const route = req.route as RouteLike | undefined;
      const candidates = route ? (known().byRoute.get(route) ?? []) : known().all;
      if (route && candidates.length === 1) return candidates[0].pattern;
      const path = (req.originalUrl || req.url).split('?')[0];
      const found = candidates.find((r) => handlesMethod(r.route, req.method) && pathMatches(r.chain, path));
      return found?.pattern ?? (route ? candidates[0]?.pattern : undefined);
    },
  };
}
