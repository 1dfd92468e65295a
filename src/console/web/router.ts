/**
 * Hash routes (`#/queue?domain=roads&m=<id>`), so the server serves one page and a reload keeps
 * the agent's place, filters included.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface Route {
  /** Path segments after `#/`, e.g. ['cases', 'MOW-2026-000001']. */
  parts: string[];
  params: URLSearchParams;
}

export function parseHash(hash: string): Route {
  const raw = hash.replace(/^#\/?/, '');
  const [path, qs] = raw.split('?', 2);
  const parts = path.split('/').filter(Boolean).map(decodeURIComponent);
  return { parts: parts.length ? parts : ['queue'], params: new URLSearchParams(qs ?? '') };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(() => parseHash(location.hash));
  const renderedHash = useRef(location.hash);
  useEffect(() => {
    const onChange = () => {
      renderedHash.current = location.hash;
      setRoute(parseHash(location.hash));
    };
    window.addEventListener('hashchange', onChange);
    // Effects run after paint: a hash that changed between the first render and now fired its
    // event with nobody listening (a link followed right after sign-in, on a busy machine).
    if (location.hash !== renderedHash.current) onChange();
    return () => window.removeEventListener('hashchange', onChange);
  }, []);
  return route;
}

export function href(parts: string[], params?: Record<string, string | undefined>): string {
  const q = new URLSearchParams();
  for (const [k, v] of Object.entries(params ?? {})) if (v) q.set(k, v);
  const qs = q.toString();
  return `#/${parts.map(encodeURIComponent).join('/')}${qs ? `?${qs}` : ''}`;
}

/** Changes the hash without adding a history entry (filters typed in a box). */
export function replaceRoute(parts: string[], params?: Record<string, string | undefined>): void {
  history.replaceState(null, '', href(parts, params));
  window.dispatchEvent(new HashChangeEvent('hashchange'));
}
