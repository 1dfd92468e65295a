/**
 * The learned model's features, hashed into a fixed space so no vocabulary is stored: normalized
 * words and word pairs, light stems, character 3–5-grams inside words (with word-boundary marks),
 * hashtag parts (the normalizer already splits them on '_'), and the lexicon and marker signals
 * binned (domain scores, other-service topics, ministry, news, intent cues, hazards, figurative
 * uses, questions). Each feature remembers the token it came from, so the tokens that decided
 * can be shown as evidence. Works on the classifier's buffers: no strings on the hot path.
 */
import type { NormalizeBuffer } from '../normalize-buffer';
import { TokenKind } from '../normalize-pass';
import * as stemmer from '../light-stemmer';
import type { Signals } from '../intent-rules';

export const HASH_BITS = 18;
export const HASH_DIMS = 1 << HASH_BITS;
const MASK = HASH_DIMS - 1;

const FNV_PRIME = 16777619;
const NS_WORD = 0x1001;
const NS_STEM = 0x2003;
const NS_PAIR = 0x3005;
const NS_GRAM = 0x4007;
const NS_SIGNAL = 0x5009;
const BOUNDARY_START = 0x3c;
const BOUNDARY_END = 0x3e;
const MAX_GRAM_WORD = 24;
// Enum members and functions as module constants: under tsx every imported binding is a getter (see keyword-classifier.ts).
const DIGITS = TokenKind.Digits;
const ARABIC = TokenKind.Arabic;
const stemStart = stemmer.stemStart;
const stemEnd = stemmer.stemEnd;
/** Feature token index for signals that have no span in the text. */
export const NO_TOKEN = -1;

/** Scratch space for one text's features, reused between calls. */
export class FeatureBuffer {
  index = new Int32Array(1024);
  token = new Int32Array(1024);
  count = 0;
  /** One past the highest token index any feature names (the text's token count). */
  tokens = 0;

  reset(): void {
    this.count = 0;
    this.tokens = 0;
  }

  push(hash: number, token: number): void {
    if (this.count === this.index.length) this.grow(this.count + 1);
    this.index[this.count] = hash & MASK;
    this.token[this.count] = token;
    this.count++;
    if (token >= this.tokens) this.tokens = token + 1;
  }

  /** Makes room for `n` more features, so a loop can write index/token directly. */
  reserve(n: number): void {
    if (this.count + n > this.index.length) this.grow(this.count + n);
  }

  private grow(needed: number): void {
    let size = this.index.length * 2;
    while (size < needed) size *= 2;
    const index = new Int32Array(size);
    index.set(this.index);
    const token = new Int32Array(size);
    token.set(this.token);
    this.index = index;
    this.token = token;
  }
}

function hashRange(seed: number, codes: Uint16Array, s: number, e: number): number {
  let h = Math.imul(seed ^ 0x811c9dc5, FNV_PRIME);
  for (let i = s; i < e; i++) h = Math.imul(h ^ codes[i], FNV_PRIME);
  return h;
}

function mix(a: number, b: number): number {
  return Math.imul(Math.imul(a ^ NS_PAIR, FNV_PRIME) ^ b, FNV_PRIME);
}

/** Hash of a signal feature: its kind and its bin. */
function signal(kind: number, bin: number): number {
  return Math.imul(Math.imul(NS_SIGNAL ^ kind, FNV_PRIME) ^ bin, FNV_PRIME);
}

/** 0, (0, .6), [.6, 1), [1, 2), [2, 4), ≥ 4: how strong a lexicon score is. */
function scoreBin(x: number): number {
  if (x <= 0) return 0;
  if (x < 0.6) return 1;
  if (x < 1) return 2;
  if (x < 2) return 3;
  if (x < 4) return 4;
  return 5;
}

const gram = new Uint16Array(MAX_GRAM_WORD + 2);
const GRAM_SEED = Math.imul(NS_GRAM ^ 0x811c9dc5, FNV_PRIME);

/** What the lexicon rules decided on their own: a strong hint the model learns when to trust. */
export interface RuleDecision {
  /** Index of the works domain the rules chose, or -1 for none. */
  domain: number;
  /** Index of the intent the rules chose (INTENTS order). */
  intent: number;
}

/** Appends the features of the text in `b` (after matching, so `s` holds its signals). */
export function extractFeatures(b: NormalizeBuffer, s: Signals, rule: RuleDecision, out: FeatureBuffer): void {
  out.reset();
  const codes = b.codes;
  let previous = 0;
  for (let t = 0; t < b.tokenCount; t++) {
    const start = b.tokStart[t];
    const end = b.tokEnd[t];
    const kind = b.tokKind[t];
    if (kind === DIGITS) {
      out.push(DIGITS_FEATURE, t);
      previous = DIGITS_FEATURE;
      continue;
    }
    const word = wordHash(codes, start, end);
    out.push(word, t);
    if (t > 0) out.push(pairHash(previous, word), t);
    previous = word;
    pushWordParts(codes, start, end, kind, t, out);
  }
  pushTextSignals(b, s, rule, out);
}

/** Numbers carry no topic, but that a number stands here does (block 324, 5 days): one feature for all. */
export const DIGITS_FEATURE = signal(40, 0);

/** The feature of the (non-number) word at s..e of `codes`. */
export function wordHash(codes: Uint16Array, s: number, e: number): number {
  return hashRange(NS_WORD, codes, s, e);
}

/** The feature of a word after the word (or number) before it. */
export function pairHash(previous: number, word: number): number {
  return mix(previous, word);
}

/**
 * A word's features beyond its surface and its pair: its light stem (Arabic, where it differs)
 * and its character grams. They depend on the word alone, so a scorer may sum them once per word.
 */
export function pushWordParts(codes: Uint16Array, start: number, end: number, kind: number, t: number, out: FeatureBuffer): void {
  if (kind === ARABIC) {
    const a = stemStart(codes, start, end);
    const z = stemEnd(codes, a, end);
    if (a !== start || z !== end) out.push(hashRange(NS_STEM, codes, a, z), t);
  }
  pushCharGrams(codes, start, end, t, out);
}

/** The features of the whole text: lexicon and marker signals, and what the rules decided. */
export function pushTextSignals(b: NormalizeBuffer, s: Signals, rule: RuleDecision, out: FeatureBuffer): void {
  pushSignals(b, s, out);
  out.push(signal(50, rule.domain + 1), NO_TOKEN);
  out.push(signal(51, rule.intent), NO_TOKEN);
  out.push(signal(52, (rule.domain + 1) * 8 + rule.intent), NO_TOKEN);
}

function pushCharGrams(codes: Uint16Array, start: number, end: number, t: number, out: FeatureBuffer): void {
  const len = Math.min(end - start, MAX_GRAM_WORD);
  if (len < 2) return;
  gram[0] = BOUNDARY_START;
  for (let i = 0; i < len; i++) gram[i + 1] = codes[start + i];
  gram[len + 1] = BOUNDARY_END;
  const n = len + 2;
  // At most 3 grams (3, 4, 5 letters) start at each position: room first, then plain stores.
  if (t >= out.tokens) out.tokens = t + 1;
  out.reserve(3 * n);
  const index = out.index;
  const token = out.token;
  let count = out.count;
  // FNV over the gram's letters; the 3-gram's hash continues into the 4- and 5-gram's, and each is
  // marked with its length (h ^ 2, ^ 3, ^ 4) so grams of different lengths never share a hash.
  for (let i = 0; i + 3 <= n; i++) {
    let h = Math.imul(GRAM_SEED ^ gram[i], FNV_PRIME);
    h = Math.imul(h ^ gram[i + 1], FNV_PRIME);
    h = Math.imul(h ^ gram[i + 2], FNV_PRIME);
    index[count] = (h ^ 2) & MASK;
    token[count++] = t;
    if (i + 4 > n) continue;
    h = Math.imul(h ^ gram[i + 3], FNV_PRIME);
    index[count] = (h ^ 3) & MASK;
    token[count++] = t;
    if (i + 5 > n) continue;
    h = Math.imul(h ^ gram[i + 4], FNV_PRIME);
    index[count] = (h ^ 4) & MASK;
    token[count++] = t;
  }
  out.count = count;
}

function pushSignals(b: NormalizeBuffer, s: Signals, out: FeatureBuffer): void {
  out.push(signal(0, 0), NO_TOKEN); // always on: a bias shared by every text
  for (let d = 0; d < s.domainScore.length; d++) out.push(signal(1 + d, scoreBin(s.domainScore[d])), NO_TOKEN);
  for (let i = 0; i < s.intentScore.length; i++) out.push(signal(10 + i, scoreBin(s.intentScore[i])), NO_TOKEN);
  out.push(signal(15, scoreBin(s.plea)), NO_TOKEN);
  out.push(signal(20, scoreBin(s.offtopic)), NO_TOKEN);
  out.push(signal(21, scoreBin(s.ministry)), NO_TOKEN);
  out.push(signal(22, Math.min(s.news, 3)), NO_TOKEN);
  out.push(signal(23, scoreBin(s.urgencyHigh)), NO_TOKEN);
  out.push(signal(24, scoreBin(s.problem)), NO_TOKEN);
  out.push(signal(25, Math.min(s.figurative, 2)), NO_TOKEN);
  out.push(signal(26, Math.min(b.questionMarks, 2)), NO_TOKEN);
  out.push(signal(27, Math.min(b.exclamations, 2)), NO_TOKEN);
  out.push(signal(28, s.resolution ? 1 : 0), NO_TOKEN);
  out.push(signal(29, Math.min(s.emojiPositive, 2) * 3 + Math.min(s.emojiNegative, 2)), NO_TOKEN);
  out.push(signal(30, Math.min(b.tokenCount >> 3, 8)), NO_TOKEN);
  let top = 0;
  for (let d = 1; d < s.domainScore.length; d++) if (s.domainScore[d] > s.domainScore[top]) top = d;
  // Another body's topic beside a works word is the commonest false alarm: let the model weigh it.
  if (s.domainScore[top] > 0) out.push(signal(31 + top, s.offtopic > s.domainScore[top] ? 2 : s.offtopic > 0 ? 1 : 0), NO_TOKEN);
}
