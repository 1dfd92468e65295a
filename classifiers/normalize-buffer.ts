/**
 * The scratch buffer a normalize pass writes into: normalized code units with their original
 * spans, the token list and the rolling-hash prefix, plus the polynomial hash the lookups share.
 */

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

/** Words are short: a plain loop beats apply() over a subarray below this length (about 50 vs 70 ns). */
const SHORT_STRING = 24;

function codesToString(codes: Uint16Array, s: number, e: number): string {
  let out = '';
  if (e - s <= SHORT_STRING) {
    for (let i = s; i < e; i++) out += String.fromCharCode(codes[i]);
    return out;
  }
  for (let i = s; i < e; i += 8192) {
    out += String.fromCharCode.apply(null, codes.subarray(i, Math.min(e, i + 8192)) as unknown as number[]);
  }
  return out;
}
