/**
 * Text normalization for Arabic/English social-media posts, with a map back to original offsets.
 *
 * One linear pass over the UTF-16 code units, driven by the precomputed tables of char-table.ts:
 * NFKC, harakat/tatweel/Quranic marks removed, alef/yeh/teh-marbuta/hamza-carrier and Persian
 * letters folded, Arabic-Indic/Persian digits to ASCII, Arabic punctuation to ASCII, 3+ repeated
 * letters collapsed, Latin lower-cased, URLs removed, @handles kept whole, '#' and '_' split
 * hashtags, emoji set aside. The same pass cuts tokens and keeps a rolling hash prefix so the
 * classifier can look up any token or sub-token without building strings.
 */
import { NormalizeBuffer } from './normalize-buffer';
import { normalizeInto } from './normalize-pass';

export { HASH_BASE, HASH_POW, hashString, MAX_HASHED_TOKEN, NormalizeBuffer } from './normalize-buffer';
export { normalizeInto, TokenKind } from './normalize-pass';

/** The result of normalize(): the normalized string and, per unit, its span in the original. */
export interface NormalizedText {
  text: string;
  /** starts[i], ends[i]: original UTF-16 span [start, end) of normalized unit i. */
  starts: Int32Array;
  ends: Int32Array;
  /** Emoji found in the text, in order (they feed sentiment, not domains). */
  emoji: string[];
  /** Maps a span of the normalized text back to the original text. */
  toOriginal(start: number, end: number): { start: number; end: number };
}

const sharedBuffer = new NormalizeBuffer();

/** Normalize for display, search and tests; allocates its result. */
export function normalize(text: string): NormalizedText {
  const b = sharedBuffer;
  normalizeInto(typeof text === 'string' ? text : '', b);
  const len = b.length;
  const starts = b.starts.slice(0, len);
  const ends = b.ends.slice(0, len);
  return {
    text: b.slice(0, len),
    starts,
    ends,
    emoji: b.emoji.map((cp) => String.fromCodePoint(cp)),
    toOriginal(start: number, end: number) {
      if (len === 0) return { start: 0, end: 0 };
      const s = Math.max(0, Math.min(start, len - 1));
      const e = Math.max(s + 1, Math.min(end, len));
      return { start: starts[s], end: ends[e - 1] };
    },
  };
}

/** The normalized string only: what the RSS channel and full-text search index and query with. */
export function normalizeForSearch(text: string): string {
  const b = sharedBuffer;
  normalizeInto(typeof text === 'string' ? text : '', b);
  return b.slice(0, b.length);
}
