/**
 * Resolves each token of a normalized buffer to a vocabulary word id, trying the surface form,
 * then light-stemmed ranges (article, و+article, single clitic; then suffixes one by one), then
 * Porter for English, then edit distance ≤ 1 for long words. All range lookups hash straight from
 * the buffer; only the rare Porter and fuzzy paths build strings. A small cache remembers how
 * recent words resolved, so each search runs once per distinct word.
 */
import { HASH_POW as HASH_POW_IMPORT, MAX_HASHED_TOKEN as MAX_HASHED_IMPORT, NormalizeBuffer } from './normalize-buffer';
import { TokenKind } from './normalize-pass';
import * as stemmer from './light-stemmer';
import { DamerauLevenshteinDistance } from './natural-parts';
import { FUZZY_MIN_LENGTH as FUZZY_MIN_IMPORT, type PhraseIndex } from './phrase-index-types';

// Enum members copied into module constants: under tsx (esbuild) every imported binding is a
// getter, and reading one per character or token dominated the profile.
const TOKEN_KIND_ARABIC = TokenKind.Arabic;
const HASH_POW = HASH_POW_IMPORT;
const MAX_HASHED_TOKEN = MAX_HASHED_IMPORT;
const FUZZY_MIN_LENGTH = FUZZY_MIN_IMPORT;
const MIN_STEM = stemmer.MIN_STEM;
const articleLength = stemmer.articleLength;
const cliticLength = stemmer.cliticLength;
const porterStem = stemmer.porterStem;
const TOKEN_KIND_LATIN = TokenKind.Latin;

/** Token flags written next to the word ids. */
export const enum TokenFlag {
  None = 0,
  Fuzzy = 1,
  /** Matched after stripping a single clitic letter (ب، ل، ك، ف، و). */
  Clitic = 2,
}

/** Suffixes in stripping order (normalized), as code arrays. */
const SUFFIXES: Uint16Array[] = ['هم', 'كم', 'نا', 'ها', 'ان', 'ات', 'ون', 'ين', 'وا', 'ي'].map((s) =>
  Uint16Array.from(s, (ch) => ch.charCodeAt(0)),
);
const WAW = 0x0648;

/** Tokens of at most this many units are remembered by the resolution cache (longer ones are rare). */
const CACHED_TOKEN_LENGTH = 24;
/** Default slots of the resolution cache: a few thousand distinct words cover most of a stream. */
export const DEFAULT_RESOLUTION_SLOTS = 8192;

export class TokenResolver {
  /** Per token: word id or -1, and TokenFlag bits. Reused across calls. */
  ids = new Int32Array(64);
  flags = new Uint8Array(64);
  /**
   * How each recent word resolved, so the stem, Porter and edit-distance searches run once per
   * distinct word rather than once per occurrence: most words of a post are not in the lexicons,
   * and for those every search runs to the end. Direct-mapped; a slot holds the word's units
   * (checked on every hit), its id and flags. A token's resolution depends on its units only.
   */
  private readonly cacheMask: number;
  private readonly cacheLength: Uint8Array;
  private readonly cacheHash: Int32Array;
  private readonly cacheUnits: Uint16Array;
  private readonly cacheId: Int32Array;
  private readonly cacheFlags: Uint8Array;

  /** `cacheSlots`: a power of two, or 0 to resolve every token afresh. */
  constructor(
    private readonly index: PhraseIndex,
    cacheSlots: number = DEFAULT_RESOLUTION_SLOTS,
  ) {
    if (cacheSlots !== 0 && (cacheSlots & (cacheSlots - 1)) !== 0) throw new Error(`resolution cache slots must be a power of two, got ${cacheSlots}`);
    this.cacheMask = cacheSlots - 1;
    this.cacheLength = new Uint8Array(cacheSlots);
    this.cacheHash = new Int32Array(cacheSlots);
    this.cacheUnits = new Uint16Array(cacheSlots * CACHED_TOKEN_LENGTH);
    this.cacheId = new Int32Array(cacheSlots);
    this.cacheFlags = new Uint8Array(cacheSlots);
  }

  resolveAll(b: NormalizeBuffer): void {
    if (this.ids.length < b.tokenCount) {
      let cap = this.ids.length;
      while (cap < b.tokenCount) cap *= 2;
      this.ids = new Int32Array(cap);
      this.flags = new Uint8Array(cap);
    }
    const cached = this.cacheMask >= 0;
    for (let t = 0; t < b.tokenCount; t++) {
      const s = b.tokStart[t];
      const e = b.tokEnd[t];
      const length = e - s;
      if (!cached || length > CACHED_TOKEN_LENGTH) {
        this.resolve(b, t, s, e);
        continue;
      }
      const h = b.rangeHash(s, e);
      const slot = (h ^ (h >>> 13)) & this.cacheMask;
      if (this.cacheLength[slot] === length && this.cacheHash[slot] === h && this.sameUnits(b.codes, s, length, slot * CACHED_TOKEN_LENGTH)) {
        this.ids[t] = this.cacheId[slot];
        this.flags[t] = this.cacheFlags[slot];
        continue;
      }
      this.resolve(b, t, s, e);
      this.cacheLength[slot] = length;
      this.cacheHash[slot] = h;
      this.cacheUnits.set(b.codes.subarray(s, e), slot * CACHED_TOKEN_LENGTH);
      this.cacheId[slot] = this.ids[t];
      this.cacheFlags[slot] = this.flags[t];
    }
  }

  private sameUnits(codes: Uint16Array, s: number, length: number, at: number): boolean {
    const units = this.cacheUnits;
    for (let i = 0; i < length; i++) if (codes[s + i] !== units[at + i]) return false;
    return true;
  }

  /** Resolves token t (units s..e) without the cache: surface, stems, Porter, then edit distance. */
  private resolve(b: NormalizeBuffer, t: number, s: number, e: number): void {
    this.flags[t] = TokenFlag.None;
    if (e - s > MAX_HASHED_TOKEN) {
      this.ids[t] = -1;
      return;
    }
    const kind = b.tokKind[t];
    let id = this.lookup(b, s, e);
    if (id < 0 && kind === TOKEN_KIND_ARABIC) id = this.arabic(b, s, e, t);
    else if (id < 0 && kind === TOKEN_KIND_LATIN && e - s >= 4) id = this.english(b, s, e);
    if (id < 0 && kind === TOKEN_KIND_ARABIC) {
      const core = s + articleLength(b.codes, s, e);
      if (e - core >= FUZZY_MIN_LENGTH) id = this.fuzzy(b, core, e);
      if (id < 0 && core === s && cliticLength(b.codes, s, e) > 0 && e - s - 1 >= FUZZY_MIN_LENGTH) {
        id = this.fuzzy(b, s + 1, e);
      }
      if (id >= 0) this.flags[t] = TokenFlag.Fuzzy;
    }
    this.ids[t] = id;
  }

  /** Word id of the exact range s..e of the buffer (no stemming), or -1. */
  lookup(b: NormalizeBuffer, s: number, e: number): number {
    return this.index.vocabulary.getRange(b.codes, s, e, b.rangeHash(s, e));
  }

  /** Surface, then stems: base prefixes (none, article, و+article, clitic) × successive suffixes. */
  private arabic(b: NormalizeBuffer, s: number, e: number, t: number): number {
    const codes = b.codes;
    const art = articleLength(codes, s, e);
    const wawArt = codes[s] === WAW ? articleLength(codes, s + 1, e) : 0;
    const clitic = cliticLength(codes, s, e);
    let id = this.withSuffixes(b, s, e, false);
    if (id >= 0) return id;
    if (art > 0 && (id = this.withSuffixes(b, s + art, e, true)) >= 0) return id;
    if (wawArt > 0 && (id = this.withSuffixes(b, s + 1 + wawArt, e, true)) >= 0) return id;
    if (clitic > 0 && (id = this.withSuffixes(b, s + clitic, e, true)) >= 0) {
      this.flags[t] = TokenFlag.Clitic;
      return id;
    }
    return -1;
  }

  private withSuffixes(b: NormalizeBuffer, s: number, e: number, tryWhole: boolean): number {
    if (tryWhole) {
      const id = this.lookup(b, s, e);
      if (id >= 0) return id;
    }
    const codes = b.codes;
    let end = e;
    for (let k = 0; k < SUFFIXES.length; k++) {
      const suf = SUFFIXES[k];
      const n = suf.length;
      if (end - s - n < MIN_STEM) continue;
      let match = true;
      for (let j = 0; j < n; j++) {
        if (codes[end - n + j] !== suf[j]) {
          match = false;
          break;
        }
      }
      if (!match) continue;
      end -= n;
      const id = this.lookup(b, s, end);
      if (id >= 0) return id;
    }
    return -1;
  }

  private english(b: NormalizeBuffer, s: number, e: number): number {
    for (let k = s; k < e; k++) {
      const c = b.codes[k];
      if (c < 0x61 || c > 0x7a) return -1;
    }
    return this.index.vocabulary.get(porterStem(b.slice(s, e)));
  }

  /**
   * Symmetric-deletion candidates (the range itself and each one-letter deletion), verified with
   * natural's Damerau-Levenshtein distance so only true distance-1 words match.
   */
  private fuzzy(b: NormalizeBuffer, s: number, e: number): number {
    const { fuzzy, fuzzyKeys, fuzzyWords, fuzzyMaxLength } = this.index;
    // Keeps the work linear: a run of 100,000 letters would otherwise hash 100,000 deletions.
    if (e - s > fuzzyMaxLength + 1) return -1;
    let word: string | undefined;
    for (let k = s - 1; k < e; k++) {
      let h: number;
      if (k < s) h = b.rangeHash(s, e);
      else {
        const left = b.rangeHash(s, k);
        const right = b.rangeHash(k + 1, e);
        h = (Math.imul(left, HASH_POW[e - k - 1]) + right) | 0;
      }
      for (let cell = fuzzy.firstCell(h); cell !== 0; cell = fuzzy.nextCell(cell)) {
        const v = fuzzy.valueAt(cell);
        word ??= b.slice(s, e);
        const key = fuzzyKeys[v];
        if (key !== word && withinOneEdit(word, key) && DamerauLevenshteinDistance(word, key) <= 1) return fuzzyWords[v];
      }
    }
    return -1;
  }
}


/**
 * Linear, allocation-free check that a and b are at most one insertion, deletion, substitution or
 * adjacent transposition apart; a cheap filter before natural's full distance confirms.
 */
function withinOneEdit(a: string, b: string): boolean {
  const la = a.length;
  const lb = b.length;
  if (Math.abs(la - lb) > 1) return false;
  let i = 0;
  while (i < la && i < lb && a.charCodeAt(i) === b.charCodeAt(i)) i++;
  if (i === la || i === lb) return true;
  if (la === lb) {
    if (a.slice(i + 1) === b.slice(i + 1)) return true;
    return a.charCodeAt(i) === b.charCodeAt(i + 1) && a.charCodeAt(i + 1) === b.charCodeAt(i) && a.slice(i + 2) === b.slice(i + 2);
  }
  return la > lb ? a.slice(i + 1) === b.slice(i) : a.slice(i) === b.slice(i + 1);
}
