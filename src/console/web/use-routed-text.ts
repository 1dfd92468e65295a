/**
 * A text box bound to a route parameter (the queue's search, the cases list's area): what is typed
 * is applied once typing pauses, and the box follows the parameter when something else changes it
 * (Back, a link, "clear filters") without undoing keystrokes made after its own last change.
 */
import { useEffect, useRef, useState } from 'preact/hooks';

export interface RoutedText {
  text: string;
  setText: (text: string) => void;
  /** Applies what is typed at once (Enter, leaving the box). */
  applyNow: () => void;
}

export function useRoutedText(routed: string | undefined, apply: (text: string | undefined) => void, pauseMs = 350): RoutedText {
  const [text, setText] = useState(routed ?? '');
  // The value this box last put in the route: a route change to it is ours, not someone else's.
  const sent = useRef(routed ?? '');
  // The latest apply (it closes over the page's other filters, which may change while typing).
  const applyRef = useRef(apply);
  applyRef.current = apply;
  const send = (value: string) => {
    sent.current = value;
    applyRef.current(value || undefined);
  };

  useEffect(() => {
    const typed = text.trim();
    if (typed === (routed ?? '')) return;
    const timer = setTimeout(() => send(typed), pauseMs);
    return () => clearTimeout(timer);
  }, [text, routed]);

  useEffect(() => {
    const value = routed ?? '';
    if (value === sent.current) return;
    sent.current = value;
    setText(value);
  }, [routed]);

  return {
    text,
    setText,
    applyNow: () => {
      if (text.trim() !== (routed ?? '')) send(text.trim());
    },
  };
}
