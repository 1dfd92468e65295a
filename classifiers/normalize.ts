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
import { Cat, charTables, isEmojiCodePoint } from './char-table';

// Enum members copied into module constants: under tsx (esbuild) every imported binding is a
// getter, and reading one per character or token dominated the profile.
const CAT_ARABIC = Cat.Arabic;
const CAT_DIGIT = Cat.Digit;
const CAT_DROP = Cat.Drop;
const CAT_EMOJI = Cat.Emoji;
const CAT_EXPAND = Cat.Expand;
const CAT_HIGH_SURROGATE = Cat.HighSurrogate;
const CAT_LATIN = Cat.Latin;
const CAT_OTHER_WORD = Cat.OtherWord;
const CAT_PUNCT = Cat.Punct;
const CAT_SPACE = Cat.Space;
const CAT_SPECIAL = Cat.Special;

/** Kinds of tokens the normalizer cuts. */
export const enum TokenKind {
  Arabic = 1,
  /** Latin letters, possibly with digits (English or Arabizi such as "7ofra"). */
  Latin = 2,
  Digits = 3,
  Other = 4,
  Handle = 5,
}

/** Odd multiplier of the polynomial rolling hash (mod 2^32). */
export const HASH_BASE = 0x5bd1e995;
/** Longest token (in code units) the hash lookups consider. */
export const MAX_HASHED_TOKEN = 64;
export const HASH_POW: Int32Array = (() => {
  const p = new Int32Array(MAX_HASHED_TOKEN + 1);
  p[0] = 1;
  for (let i = 1; i <= MAX_HASHED_TOKEN; i++) p[i] = Math.imul(p[i - 1], HASH_BASE);
  return p;
})();

/** Hash of a whole string, equal to the range hash of the same code units in a buffer. */
export function hashString(s: string): number {
  let h = 0;
  for (let i = 0; i < s.length; i++) h = (Math.imul(h, HASH_BASE) + s.charCodeAt(i)) | 0;
  return h;
}

/**
 * Reusable scratch space: the normalized code units with their original spans, the token list and
 * the rolling-hash prefix. One per classifier; normalizeInto overwrites it.
 */
export class NormalizeBuffer {
  codes = new Uint16Array(256);
  /** starts[i], ends[i]: span in the original text that produced normalized unit i. */
  starts = new Int32Array(256);
  ends = new Int32Array(256);
  /** hashes[k] = rolling hash of codes[0..k). */
  hashes = new Int32Array(257);
  length = 0;

  tokStart = new Int32Array(64);
  tokEnd = new Int32Array(64);
  tokKind = new Uint8Array(64);
  tokenCount = 0;

  /** Emoji code points, in order. */
  emoji: number[] = [];
  questionMarks = 0;
  exclamations = 0;

  // Tokenizer state while a pass runs.
  curKind = 0;
  lastLetter = -1;
  runCount = 0;
  pendingSpace = false;

  reset(textLength: number): void {
    const need = textLength + 16;
    if (this.codes.length < need) this.growChars(need);
    this.length = 0;
    this.hashes[0] = 0;
    this.tokenCount = 0;
    this.emoji.length = 0;
    this.questionMarks = 0;
    this.exclamations = 0;
    this.curKind = 0;
    this.lastLetter = -1;
    this.runCount = 0;
    this.pendingSpace = false;
  }

  growChars(need: number): void {
    let cap = this.codes.length;
    while (cap < need) cap *= 2;
    const codes = new Uint16Array(cap);
    codes.set(this.codes.subarray(0, this.length));
    const starts = new Int32Array(cap);
    starts.set(this.starts.subarray(0, this.length));
    const ends = new Int32Array(cap);
    ends.set(this.ends.subarray(0, this.length));
    const hashes = new Int32Array(cap + 1);
    hashes.set(this.hashes.subarray(0, this.length + 1));
    this.codes = codes;
    this.starts = starts;
    this.ends = ends;
    this.hashes = hashes;
  }

  growTokens(): void {
    const cap = this.tokStart.length * 2;
    const s = new Int32Array(cap);
    s.set(this.tokStart);
    const e = new Int32Array(cap);
    e.set(this.tokEnd);
    const k = new Uint8Array(cap);
    k.set(this.tokKind);
    this.tokStart = s;
    this.tokEnd = e;
    this.tokKind = k;
  }

  /** The normalized units [s, e) as a string (allocates; for evidence and tests). */
  slice(s: number, e: number): string {
    return codesToString(this.codes, s, e);
  }

  /** Hash of normalized units [s, e); e - s must be ≤ MAX_HASHED_TOKEN. */
  rangeHash(s: number, e: number): number {
    return (this.hashes[e] - Math.imul(this.hashes[s], HASH_POW[e - s])) | 0;
  }
}

function codesToString(codes: Uint16Array, s: number, e: number): string {
  let out = '';
  for (let i = s; i < e; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(e, i + 8192)) as unknown as number[]);
  }
  return out;
}

const { out: OUT, cat: CAT, expansions: EXPANSIONS } = charTables();
const astralFoldCache = new Map<number, number>();

function emit(b: NormalizeBuffer, code: number, s: number, e: number): void {
  let n = b.length;
  if (n + 2 > b.codes.length) b.growChars(n + 2);
  if (b.pendingSpace) {
    b.pendingSpace = false;
    if (n > 0) {
      b.codes[n] = 0x20;
      b.starts[n] = s;
      b.ends[n] = s;
      b.hashes[n + 1] = (Math.imul(b.hashes[n], HASH_BASE) + 0x20) | 0;
      n++;
    }
  }
  b.codes[n] = code;
  b.starts[n] = s;
  b.ends[n] = e;
  b.hashes[n + 1] = (Math.imul(b.hashes[n], HASH_BASE) + code) | 0;
  b.length = n + 1;
}

function endToken(b: NormalizeBuffer): void {
  if (b.curKind !== 0) {
    b.tokEnd[b.tokenCount - 1] = b.length;
    b.curKind = 0;
    b.lastLetter = -1;
  }
}

function startToken(b: NormalizeBuffer, kind: number, s: number, e: number, code: number): void {
  endToken(b);
  if (b.length > 0) b.pendingSpace = true;
  if (b.tokenCount === b.tokStart.length) b.growTokens();
  emit(b, code, s, e);
  b.tokStart[b.tokenCount] = b.length - 1;
  b.tokKind[b.tokenCount] = kind;
  b.tokenCount++;
  b.curKind = kind;
  b.lastLetter = kind === TokenKind.Digits ? -1 : code;
  b.runCount = 1;
}

/** Feed one folded word character (Arabic, Latin, digit or other-script letter). */
function wordChar(b: NormalizeBuffer, code: number, cat: number, s: number, e: number): void {
  const kind =
    cat === CAT_ARABIC
      ? TokenKind.Arabic
      : cat === CAT_LATIN
        ? TokenKind.Latin
        : cat === CAT_DIGIT
          ? TokenKind.Digits
          : TokenKind.Other;
  const cur = b.curKind;
  if (cur === 0) {
    startToken(b, kind, s, e, code);
    return;
  }
  let merged = 0;
  if (cur === kind) merged = kind;
  else if ((cur === TokenKind.Latin || cur === TokenKind.Handle) && kind === TokenKind.Digits) merged = cur;
  else if (cur === TokenKind.Digits && kind === TokenKind.Latin) merged = TokenKind.Latin;
  if (merged === 0) {
    startToken(b, kind, s, e, code);
    return;
  }
  b.curKind = merged;
  b.tokKind[b.tokenCount - 1] = merged;
  if (kind === TokenKind.Digits) {
    b.lastLetter = -1;
    emit(b, code, s, e);
    return;
  }
  if (code === b.lastLetter) {
    const run = ++b.runCount;
    if (run === 3) {
      // Third copy of the same letter: it is elongation, keep a single letter for the whole run.
      b.length--;
      b.ends[b.length - 1] = e;
      return;
    }
    if (run > 3) {
      b.ends[b.length - 1] = e;
      return;
    }
  } else {
    b.lastLetter = code;
    b.runCount = 1;
  }
  emit(b, code, s, e);
}

function separator(b: NormalizeBuffer): void {
  endToken(b);
  if (b.length > 0) b.pendingSpace = true;
}

function punct(b: NormalizeBuffer, code: number, s: number, e: number): void {
  endToken(b);
  if (code === 0x3f) b.questionMarks++;
  else if (code === 0x21) b.exclamations++;
  emit(b, code, s, e);
}

function feed(b: NormalizeBuffer, code: number, cat: number, s: number, e: number): void {
  switch (cat) {
    case CAT_ARABIC:
    case CAT_LATIN:
    case CAT_DIGIT:
    case CAT_OTHER_WORD:
      wordChar(b, code, cat, s, e);
      return;
    case CAT_DROP:
      // A mark inside a word: widen the span of the letter it sits on.
      if (b.curKind !== 0) b.ends[b.length - 1] = e;
      return;
    case CAT_PUNCT:
      punct(b, code, s, e);
      return;
    case CAT_EMOJI:
      b.emoji.push(code);
      separator(b);
      return;
    default:
      separator(b);
  }
}

function isUrlStart(text: string, i: number): boolean {
  const c = text.charCodeAt(i) | 0x20;
  if (c === 0x68) {
    if ((text.charCodeAt(i + 1) | 0x20) !== 0x74 || (text.charCodeAt(i + 2) | 0x20) !== 0x74) return false;
    if ((text.charCodeAt(i + 3) | 0x20) !== 0x70) return false;
    let j = i + 4;
    if ((text.charCodeAt(j) | 0x20) === 0x73) j++;
    return text.charCodeAt(j) === 0x3a && text.charCodeAt(j + 1) === 0x2f && text.charCodeAt(j + 2) === 0x2f;
  }
  if (c === 0x77) {
    return (text.charCodeAt(i + 1) | 0x20) === 0x77 && (text.charCodeAt(i + 2) | 0x20) === 0x77 && text.charCodeAt(i + 3) === 0x2e;
  }
  return false;
}

function isAsciiWord(c: number): boolean {
  return (c >= 0x30 && c <= 0x39) || (c >= 0x41 && c <= 0x5a) || (c >= 0x61 && c <= 0x7a) || c === 0x5f;
}

function foldAstral(cp: number): number {
  let folded = astralFoldCache.get(cp);
  if (folded === undefined) {
    const n = String.fromCodePoint(cp).normalize('NFKC');
    folded = n.length === 1 ? n.charCodeAt(0) : -1;
    astralFoldCache.set(cp, folded);
  }
  return folded;
}

/** Normalize `text` into `b` (overwriting it). Linear in text length; never throws on any string. */
export function normalizeInto(text: string, b: NormalizeBuffer): void {
  const n = text.length;
  b.reset(n);
  let i = 0;
  while (i < n) {
    const c = text.charCodeAt(i);
    const cat = CAT[c];
    if (cat === CAT_LATIN && b.curKind === 0 && (c === 0x68 || c === 0x48 || c === 0x77 || c === 0x57) && isUrlStart(text, i)) {
      while (i < n && CAT[text.charCodeAt(i)] !== CAT_SPACE) i++;
      separator(b);
      continue;
    }
    if (cat === CAT_SPECIAL) {
      if (c === 0x40 && i + 1 < n && isAsciiWord(text.charCodeAt(i + 1))) {
        // @handle: one token, '_' and digits included, lower-cased.
        startToken(b, TokenKind.Handle, i, i + 1, 0x40);
        i++;
        while (i < n && isAsciiWord(text.charCodeAt(i))) {
          const h = text.charCodeAt(i);
          emit(b, h >= 0x41 && h <= 0x5a ? h + 0x20 : h, i, i + 1);
          i++;
        }
        endToken(b);
        continue;
      }
      separator(b);
      i++;
      continue;
    }
    if (cat === CAT_HIGH_SURROGATE) {
      const lo = i + 1 < n ? text.charCodeAt(i + 1) : 0;
      if (lo >= 0xdc00 && lo <= 0xdfff) {
        const cp = ((c - 0xd800) << 10) + (lo - 0xdc00) + 0x10000;
        if (isEmojiCodePoint(cp)) {
          b.emoji.push(cp);
          separator(b);
        } else if (cp >= 0x1d400 && cp <= 0x1d7ff) {
          const f = foldAstral(cp);
          if (f >= 0) feed(b, OUT[f], CAT[f], i, i + 2);
          else separator(b);
        } else if (cp >= 0x1f3fb && cp <= 0x1f3ff) {
          // skin-tone modifier: part of the previous emoji
        } else {
          separator(b);
        }
        i += 2;
        continue;
      }
      separator(b);
      i++;
      continue;
    }
    if (cat === CAT_EXPAND) {
      const x = EXPANSIONS.get(c)!;
      for (let k = 0; k < x.codes.length; k++) feed(b, x.codes[k], x.cats[k], i, i + 1);
      i++;
      continue;
    }
    feed(b, OUT[c], cat, i, i + 1);
    i++;
  }
  endToken(b);
}

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
