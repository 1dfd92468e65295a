/**
 * Per-code-unit lookup tables for the normalizer, built once at load time so the hot loop does one
 * array read per character instead of calling String.prototype.normalize or running regexes.
 *
 * For every BMP code unit we precompute: NFKC, then the Arabic folding rules (diacritics and
 * tatweel dropped, alef/yeh/teh-marbuta/hamza-carrier/Persian letters folded, Arabic-Indic and
 * Persian digits to ASCII, Arabic punctuation to ASCII), then Latin lower-casing. The result is a
 * category (what the character is for tokenization) and one output code unit, or an expansion
 * when NFKC turns one unit into several (ligatures such as ﻻ → لا).
 */

/** What a character does in the normalized stream. */
export const enum Cat {
  /** Removed without a trace: harakat, tatweel, bidi/format marks, variation selectors. */
  Drop = 0,
  Arabic = 1,
  Latin = 2,
  Digit = 3,
  /** A letter of another script: part of a word, never matched by Arabic or English rules. */
  OtherWord = 4,
  Space = 5,
  Punct = 6,
  /** NFKC gives several units: read EXPANSIONS. */
  Expand = 7,
  /** Kept aside for sentiment; acts as a separator. */
  Emoji = 8,
  HighSurrogate = 9,
  LowSurrogate = 10,
  /** '#', '@' and '_' need context (hashtags, handles). */
  Special = 11,
}

export interface Expansion {
  codes: number[];
  cats: Cat[];
}

const ARABIC_FOLD: Record<number, number> = {
  0x0623: 0x0627, // أ
  0x0625: 0x0627, // إ
  0x0622: 0x0627, // آ
  0x0671: 0x0627, // ٱ
  0x0672: 0x0627,
  0x0673: 0x0627,
  0x0649: 0x064a, // ى → ي
  0x0629: 0x0647, // ة → ه
  0x0624: 0x0648, // ؤ → و
  0x0626: 0x064a, // ئ → ي
  0x06a9: 0x0643, // ک → ك
  0x06cc: 0x064a, // ی → ي
  0x06c1: 0x0647, // ہ → ه
  0x06be: 0x0647, // ھ → ه
  0x06d5: 0x0647, // ە → ه
  0x06af: 0x0642, // گ → ق (Gulf writes گ for the dialect's hard g, which is ق in MSA)
  0x0686: 0x0643, // چ → ك (Gulf چ, e.g. چذي = كذا)
  0x06a4: 0x0641, // ڤ → ف
  0x060c: 0x002c, // ، → ,
  0x061b: 0x003b, // ؛ → ;
  0x061f: 0x003f, // ؟ → ?
  0x066a: 0x0025, // ٪ → %
  0x066b: 0x002e, // ٫ decimal separator
  0x066c: 0x002c, // ٬ thousands separator
  0x06d4: 0x002e, // ۔ full stop
};

function isArabicMark(c: number): boolean {
  return (
    (c >= 0x064b && c <= 0x065f) ||
    c === 0x0670 ||
    c === 0x0640 ||
    (c >= 0x06d6 && c <= 0x06ed) ||
    (c >= 0x0610 && c <= 0x061a) ||
    (c >= 0x08d3 && c <= 0x08ff)
  );
}

function isEmojiCodePoint(cp: number): boolean {
  return (
    (cp >= 0x1f000 && cp <= 0x1faff) ||
    (cp >= 0x2600 && cp <= 0x27bf) ||
    (cp >= 0x2b00 && cp <= 0x2bff) ||
    (cp >= 0x2190 && cp <= 0x21ff) ||
    (cp >= 0x2300 && cp <= 0x23ff) ||
    (cp >= 0x25a0 && cp <= 0x25ff) ||
    cp === 0x3030 ||
    cp === 0x303d ||
    cp === 0x3297 ||
    cp === 0x3299 ||
    cp === 0x2122 ||
    cp === 0x00a9 ||
    cp === 0x00ae
  );
}

const LETTER = /\p{L}/u;
const NUMBER = /\p{Nd}/u;
const MARK = /\p{M}/u;
const FORMAT = /\p{Cf}/u;
const SPACE_OR_CONTROL = /[\p{Z}\p{Cc}\s]/u;

/** Fold one already-NFKC'd code unit; returns [code, cat] or null to drop. */
function foldUnit(c: number): [number, Cat] | null {
  if (isArabicMark(c)) return null;
  const folded = ARABIC_FOLD[c];
  if (folded !== undefined) c = folded;
  if (c >= 0x0660 && c <= 0x0669) return [c - 0x0660 + 0x30, Cat.Digit];
  if (c >= 0x06f0 && c <= 0x06f9) return [c - 0x06f0 + 0x30, Cat.Digit];
  if (c === 0x23 || c === 0x40 || c === 0x5f) return [c, Cat.Special];
  if (isEmojiCodePoint(c)) return [c, Cat.Emoji];
  const ch = String.fromCharCode(c);
  if (c >= 0x30 && c <= 0x39) return [c, Cat.Digit];
  if (c >= 0x0600 && c <= 0x06ff && LETTER.test(ch)) return [c, Cat.Arabic];
  if ((c >= 0x0750 && c <= 0x077f) || (c >= 0x08a0 && c <= 0x08ff)) {
    return LETTER.test(ch) ? [c, Cat.Arabic] : null;
  }
  if (FORMAT.test(ch) || (c >= 0xfe00 && c <= 0xfe0f)) return null;
  if (MARK.test(ch)) return null;
  if (SPACE_OR_CONTROL.test(ch)) return [0x20, Cat.Space];
  if (LETTER.test(ch)) {
    const lower = ch.toLowerCase();
    const lc = lower.length === 1 ? lower.charCodeAt(0) : c;
    const isLatin = lc < 0x250 || (lc >= 0x1e00 && lc <= 0x1eff);
    return [lc, isLatin ? Cat.Latin : Cat.OtherWord];
  }
  if (NUMBER.test(ch)) return [c, Cat.OtherWord];
  return [c, Cat.Punct];
}

export interface CharTables {
  out: Uint16Array;
  cat: Uint8Array;
  expansions: Map<number, Expansion>;
}

function buildTables(): CharTables {
  const out = new Uint16Array(0x10000);
  const cat = new Uint8Array(0x10000);
  const expansions = new Map<number, Expansion>();
  for (let c = 0; c < 0x10000; c++) {
    if (c >= 0xd800 && c <= 0xdbff) {
      cat[c] = Cat.HighSurrogate;
      continue;
    }
    if (c >= 0xdc00 && c <= 0xdfff) {
      cat[c] = Cat.LowSurrogate;
      continue;
    }
    const nfkc = c < 0x80 ? String.fromCharCode(c) : String.fromCharCode(c).normalize('NFKC');
    const codes: number[] = [];
    const cats: Cat[] = [];
    for (let i = 0; i < nfkc.length; i++) {
      const r = foldUnit(nfkc.charCodeAt(i));
      if (r) {
        codes.push(r[0]);
        cats.push(r[1]);
      }
    }
    if (codes.length === 0) {
      cat[c] = Cat.Drop;
    } else if (codes.length === 1) {
      out[c] = codes[0];
      cat[c] = cats[0];
    } else {
      cat[c] = Cat.Expand;
      expansions.set(c, { codes, cats });
    }
  }
  return { out, cat, expansions };
}

let tables: CharTables | undefined;

/** The shared tables (about 200 KB), built on first use. */
export function charTables(): CharTables {
  if (!tables) tables = buildTables();
  return tables;
}

export { isEmojiCodePoint };
