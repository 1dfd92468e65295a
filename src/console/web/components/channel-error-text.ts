/**
 * A channel's last error as the console shows it. The message is the service's own technical text
 * and stays as written, except its UTC timestamps («rate limited until 2026-12-08T03:37:40.000Z»):
 * beside the card's local times they read as a different moment, so they are written in the
 * console's zone and language like every other time on the page. The error's kind (`code`) is
 * said in words when the console knows it.
 */
import { formatDateTime } from '../format';
import { DICTIONARIES, type Lang, type MessageKey, type Translate } from '../messages';

/** An ISO-8601 date-time with a zone (`Z` or `+03:00`), as toISOString() and most APIs write it. */
const ISO_TIME = /\b\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(?::\d{2}(?:\.\d+)?)?(?:Z|[+-]\d{2}:\d{2})/g;

/** Plain text, or a time (`iso`) already written in the console's zone (`text`). */
export interface ErrorTextPart {
  text: string;
  iso?: string;
}

export function channelErrorParts(message: string, lang: Lang): ErrorTextPart[] {
  const parts: ErrorTextPart[] = [];
  let from = 0;
  for (const m of message.matchAll(ISO_TIME)) {
    const local = formatDateTime(m[0], lang);
    if (local === '—') continue; // not a real date (month 13): left as written
    if (m.index > from) parts.push({ text: message.slice(from, m.index) });
    parts.push({ text: local, iso: m[0] });
    from = m.index + m[0].length;
  }
  if (from < message.length) parts.push({ text: message.slice(from) });
  return parts;
}

/** The error kind in words, or undefined for a code the console has no words for (shown as is). */
export function errorCodeInWords(code: string, t: Translate): string | undefined {
  const key = `errorCode_${code}` as MessageKey;
  return key in DICTIONARIES.ar ? t(key) : undefined;
}
