/**
 * The normalize pass: one linear walk over the UTF-16 code units, driven by the precomputed tables
 * of char-table.ts, that folds characters, cuts tokens and fills the rolling hash of a
 * NormalizeBuffer. URLs are skipped, @handles kept whole, astral letters folded, emoji set aside.
 */
import { Cat, charTables, isEmojiCodePoint } from './char-table';
import { HASH_BASE as HASH_BASE_IMPORT, type NormalizeBuffer } from './normalize-buffer';

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
const HASH_BASE = HASH_BASE_IMPORT;

/** Kinds of tokens the normalizer cuts. */
export const enum TokenKind {
  Arabic = 1,
  /** Latin letters, possibly with digits (English or Arabizi such as "7ofra"). */
  Latin = 2,
  Digits = 3,
  Other = 4,
  Handle = 5,
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
