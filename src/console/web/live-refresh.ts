/**
 * Keeps a view fresh the way the queue is: at once when the server says the store changed
 * (`GET /api/queue/events`, which fires on reply changes too), when this console changed replies
 * itself, when the tab comes back into view, and every refreshSeconds in any case (the fallback
 * where there are no events, e.g. MongoDB). One EventSource serves every view that listens here.
 */
import { useEffect, useRef } from 'preact/hooks';
import { settings } from './settings';

/** Fired on window when this console approved, rejected or wrote a reply. */
const REPLIES_CHANGED = 'rasid:replies-changed';

export function announceRepliesChanged(): void {
  window.dispatchEvent(new Event(REPLIES_CHANGED));
}

const listeners = new Set<() => void>();
let source: EventSource | undefined;

function listenToServer(listener: () => void): () => void {
  listeners.add(listener);
  if (!source && typeof EventSource !== 'undefined') {
    source = new EventSource('/api/queue/events');
    source.addEventListener('changed', () => listeners.forEach((l) => l()));
  }
  return () => {
    listeners.delete(listener);
    if (listeners.size === 0) {
      source?.close();
      source = undefined;
    }
  };
}

/** Calls `refresh` on every sign that what it shows may have changed (bursts become one call). */
export function useLiveRefresh(refresh: () => unknown, enabled = true): void {
  const latest = useRef(refresh);
  latest.current = refresh;
  useEffect(() => {
    if (!enabled) return;
    let pending: number | undefined;
    const soon = () => {
      if (document.visibilityState !== 'visible') return;
      window.clearTimeout(pending);
      pending = window.setTimeout(() => void latest.current(), 150);
    };
    const stopServer = listenToServer(soon);
    const timer = window.setInterval(soon, settings.refreshSeconds * 1000);
    window.addEventListener(REPLIES_CHANGED, soon);
    window.addEventListener('focus', soon);
    document.addEventListener('visibilitychange', soon);
    return () => {
      stopServer();
      window.clearTimeout(pending);
      window.clearInterval(timer);
      window.removeEventListener(REPLIES_CHANGED, soon);
      window.removeEventListener('focus', soon);
      document.removeEventListener('visibilitychange', soon);
    };
  }, [enabled]);
}
