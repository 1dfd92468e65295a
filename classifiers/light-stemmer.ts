/**
 * Light stemming (Light10-style) on ranges of a normalized code buffer, so the hot path never
 * builds sub-strings: a stem is just a narrower [start, end) of the token.
 *
 * Prefixes: و then the article family (ال وال بال كال فال لل); a single clitic (و ف ب ك ل) only as a
 * lookup fallback. Suffixes are removed one after another in a fixed order (pronouns first, then
 * Light10's ها ان ات ون ين ي), never leaving fewer than MIN_STEM letters. Unlike Light10 we keep a
 * final ه (teh marbuta after normalization): stripping it merges مدرسة/مدرس, جامعة/جامع,
 * جمعة/جمعية-like pairs whose meanings differ, so lexicons list both forms instead. English
 * tokens use natural's Porter stemmer.
 */
import { PorterStemmer } from './natural-parts';
import { NormalizeBuffer } from './normalize-buffer';
import { normalizeInto, TokenKind } from './normalize-pass';

export const MIN_STEM = 3;

const ALEF = 0x0627;
const LAM = 0x0644;
const WAW = 0x0648;
const BEH = 0x0628;
const KAF = 0x0643;
const FEH = 0x0641;

/** Suffixes (already normalized: ة→ه, ى→ي) in the order they are tried. */
const SUFFIXES: number[][] = ['هم', 'كم', 'نا', 'ها', 'ان', 'ات', 'ون', 'ين', 'وا', 'ي'].map((s) =>
  Array.from(s, (ch) => ch.charCodeAt(0)),
);

/** Length of the article prefix (ال وال بال كال فال لل) at s, or 0, keeping MIN_STEM letters. */
export function articleLength(codes: Uint16Array, s: number, e: number): number {
  const c0 = codes[s];
  const c1 = codes[s + 1];
  const c2 = codes[s + 2];
  if ((c0 === WAW || c0 === BEH || c0 === KAF || c0 === FEH) && c1 === ALEF && c2 === LAM && e - s - 3 >= MIN_STEM) return 3;
  if (c0 === WAW && c1 === LAM && c2 === LAM && e - s - 3 >= MIN_STEM) return 3;
  if (c0 === ALEF && c1 === LAM && e - s - 2 >= MIN_STEM) return 2;
  if (c0 === LAM && c1 === LAM && e - s - 2 >= MIN_STEM) return 2;
  return 0;
}

/** Length of a single clitic letter (و ف ب ك ل) at s, or 0, keeping MIN_STEM letters. */
export function cliticLength(codes: Uint16Array, s: number, e: number): number {
  const c0 = codes[s];
  if ((c0 === WAW || c0 === FEH || c0 === BEH || c0 === KAF || c0 === LAM) && e - s - 1 >= MIN_STEM) return 1;
  return 0;
}

function endsWith(codes: Uint16Array, s: number, e: number, suffix: number[]): boolean {
  const n = suffix.length;
  if (e - s - n < MIN_STEM) return false;
  // Last letter first: it is the one that differs most often.
  for (let k = n - 1; k >= 0; k--) if (codes[e - n + k] !== suffix[k]) return false;
  return true;
}

/** Where the canonical stem of the Arabic token s..e starts: Light10 prefix (و, then the article). */
export function stemStart(codes: Uint16Array, s: number, e: number): number {
  let start = s;
  if (codes[start] === WAW && e - start - 1 >= MIN_STEM + 2 && articleLength(codes, start + 1, e) > 0) start += 1;
  return start + articleLength(codes, start, e);
}

/** Where the canonical stem ends, given where it starts: every suffix strip, in order. */
export function stemEnd(codes: Uint16Array, start: number, e: number): number {
  let end = e;
  for (let k = 0; k < SUFFIXES.length; k++) {
    const suf = SUFFIXES[k];
    if (endsWith(codes, start, end, suf)) end -= suf.length;
  }
  return end;
}

/** Canonical stem range of an Arabic token: Light10 prefix, then all suffix strips. */
export function stemRange(codes: Uint16Array, s: number, e: number): [number, number] {
  const start = stemStart(codes, s, e);
  return [start, stemEnd(codes, start, e)];
}

const porterCache = new Map<string, string>();
const PORTER_CACHE_LIMIT = 20000;

/** natural's Porter stem of a lower-case English word, cached (bounded). */
export function porterStem(word: string): string {
  let stem = porterCache.get(word);
  if (stem === undefined) {
    stem = PorterStemmer.stem(word);
    if (porterCache.size >= PORTER_CACHE_LIMIT) porterCache.clear();
    porterCache.set(word, stem);
  }
  return stem;
}

const scratch = new NormalizeBuffer();

/** The normalized tokens of `text` with their canonical stems (allocates; load time and tests). */
export function stemTokens(text: string): { token: string; stem: string; kind: TokenKind }[] {
  normalizeInto(text, scratch);
  const out: { token: string; stem: string; kind: TokenKind }[] = [];
  for (let t = 0; t < scratch.tokenCount; t++) {
    const s = scratch.tokStart[t];
    const e = scratch.tokEnd[t];
    const kind = scratch.tokKind[t] as TokenKind;
    const token = scratch.slice(s, e);
    let stem = token;
    if (kind === TokenKind.Arabic) {
      const [a, b] = stemRange(scratch.codes, s, e);
      stem = scratch.slice(a, b);
    } else if (kind === TokenKind.Latin && /^[a-z]+$/.test(token)) {
      stem = porterStem(token);
    }
    out.push({ token, stem, kind });
  }
  return out;
}

/** Light stem of one word (normalized first). */
export function lightStem(word: string): string {
  const tokens = stemTokens(word);
  return tokens.length > 0 ? tokens[0].stem : '';
}
