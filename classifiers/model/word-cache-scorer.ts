/**
 * Scores a text for every head exactly as LinearModel.score(extractFeatures(…)) does, but faster.
 * A word's own features (its surface, stem and character grams: about 15 of the 18 features a
 * word brings) depend on the word alone, so their sums are computed once per distinct word and
 * kept in a small two-way cache (the least recently used of a pair gives way); words repeat from
 * post to post, so most of a post's words cost one lookup. The features that depend on the text (word pairs, numbers, signals) are scored
 * as before. Sums are integers (int8 weights), so the result is the same to the last bit;
 * test/classifiers/model/word-cache-scorer.test.ts holds it to that.
 */
import type { NormalizeBuffer } from '../normalize-buffer';
import { TokenKind } from '../normalize-pass';
import type { Signals } from '../intent-rules';
import * as features from './hashed-features';
import type { FeatureBuffer as FeatureBufferType, RuleDecision } from './hashed-features';
import type { LinearModel } from './linear-model';

// Under tsx every imported binding is a getter (see keyword-classifier.ts): read them once.
const DIGITS = TokenKind.Digits;
const DIGITS_FEATURE = features.DIGITS_FEATURE;
const wordHash = features.wordHash;
const pairHash = features.pairHash;
const pushWordParts = features.pushWordParts;
const pushTextSignals = features.pushTextSignals;
const FeatureBuffer = features.FeatureBuffer;

/** Longer words are scored feature by feature (they are rare, and a slot holds this many letters). */
const MAX_CACHED_WORD = 24;
/** Slots in the cache (a power of two): about 1.7 MB with the model's 12 sums per word. */
export const DEFAULT_CACHE_SLOTS = 1 << 14;
/** The head and class whose per-token pushes are the model's evidence (P(works complaint)). */
const EVIDENCE_HEAD = 'capture';
const EVIDENCE_CLASS = 1;

export class WordCacheScorer {
  /** Sets of two slots: a word may sit in slot 2·set or 2·set + 1, set = its hash & setMask. */
  private readonly setMask: number;
  /** Per set: which of its two slots was used last (the other gives way to a new word). */
  private readonly recent: Uint8Array;
  private readonly lanes: number;
  /** Slot i holds the word of kind kinds[i] with lengths[i] letters at letters[i * MAX_CACHED_WORD…] (length 0: empty). */
  private readonly lengths: Uint8Array;
  private readonly kinds: Uint8Array;
  private readonly letters: Uint16Array;
  /** The word's own features' sums for every head (lanes per slot), and its evidence push. */
  private readonly sums: Int32Array;
  private readonly pushes: Int32Array;
  /** The text's features that are not a cached word's own: pairs, numbers, signals, long words. */
  private readonly rest = new FeatureBuffer();
  private readonly word = new FeatureBuffer();
  private readonly wordSums: Int32Array;
  private readonly onePush = new Int32Array(1);
  /** Per token of the last text: the evidence push of its cached features. */
  private tokenPush = new Int32Array(64);
  private tokens = 0;
  /** Words looked up in the cache, and those of them that had to be computed: for the bench. */
  lookups = 0;
  misses = 0;

  constructor(
    private readonly model: LinearModel,
    slots = DEFAULT_CACHE_SLOTS,
  ) {
    if (slots < 2 || (slots & (slots - 1)) !== 0) throw new Error(`cache slots must be a power of two (at least 2), not ${slots}`);
    this.setMask = slots / 2 - 1;
    this.recent = new Uint8Array(slots / 2);
    this.lanes = model.lanes;
    this.lengths = new Uint8Array(slots);
    this.kinds = new Uint8Array(slots);
    this.letters = new Uint16Array(slots * MAX_CACHED_WORD);
    this.sums = new Int32Array(slots * this.lanes);
    this.pushes = new Int32Array(slots);
    this.wordSums = new Int32Array(this.lanes);
  }

  /** Scores the matched text in `b`; the model's probabilities() then read it, as after model.score(). */
  score(b: NormalizeBuffer, s: Signals, rule: RuleDecision): void {
    const rest = this.rest;
    const codes = b.codes;
    const wordSums = this.wordSums;
    const lanes = this.lanes;
    const sums = this.sums;
    rest.reset();
    wordSums.fill(0);
    if (this.tokenPush.length < b.tokenCount) this.tokenPush = new Int32Array(b.tokenCount * 2);
    const tokenPush = this.tokenPush;
    this.tokens = b.tokenCount;
    let previous = 0;
    for (let t = 0; t < b.tokenCount; t++) {
      const start = b.tokStart[t];
      const end = b.tokEnd[t];
      const kind = b.tokKind[t];
      tokenPush[t] = 0;
      if (kind === DIGITS) {
        rest.push(DIGITS_FEATURE, t);
        previous = DIGITS_FEATURE;
        continue;
      }
      const word = wordHash(codes, start, end);
      if (t > 0) rest.push(pairHash(previous, word), t);
      previous = word;
      if (end - start > MAX_CACHED_WORD) {
        rest.push(word, t);
        pushWordParts(codes, start, end, kind, t, rest);
        continue;
      }
      this.lookups++;
      const slot = this.find(word & this.setMask, word, codes, start, end, kind);
      const at = slot * lanes;
      for (let j = 0; j < lanes; j++) wordSums[j] += sums[at + j];
      tokenPush[t] = this.pushes[slot];
    }
    pushTextSignals(b, s, rule, rest);
    this.model.score(rest);
    this.model.addSums(wordSums, 0);
  }

  /** The tokens of the last text that pushed P(works complaint) up most, strongest first. */
  strongestTokens(max: number): number[] {
    const push = this.tokenPush;
    this.model.addTokenPush(EVIDENCE_HEAD, EVIDENCE_CLASS, this.rest, push);
    return this.model.pickStrongest(EVIDENCE_HEAD, push, this.tokens, max);
  }

  /** The slot holding the word (filled now if it was not there). */
  private find(set: number, word: number, codes: Uint16Array, start: number, end: number, kind: number): number {
    const first = 2 * set;
    let slot: number;
    if (this.holds(first, codes, start, end, kind)) slot = first;
    else if (this.holds(first + 1, codes, start, end, kind)) slot = first + 1;
    else {
      slot = first + 1 - this.recent[set];
      this.fill(slot, word, codes, start, end, kind);
    }
    this.recent[set] = slot - first;
    return slot;
  }

  private holds(slot: number, codes: Uint16Array, start: number, end: number, kind: number): boolean {
    const n = end - start;
    if (this.lengths[slot] !== n || this.kinds[slot] !== kind) return false;
    const at = slot * MAX_CACHED_WORD;
    for (let i = 0; i < n; i++) if (this.letters[at + i] !== codes[start + i]) return false;
    return true;
  }

  private fill(slot: number, word: number, codes: Uint16Array, start: number, end: number, kind: number): void {
    this.misses++;
    const n = end - start;
    this.lengths[slot] = n;
    this.kinds[slot] = kind;
    this.letters.set(codes.subarray(start, end), slot * MAX_CACHED_WORD);
    const f: FeatureBufferType = this.word;
    f.reset();
    f.push(word, 0);
    pushWordParts(codes, start, end, kind, 0, f);
    this.model.score(f);
    this.model.copySums(this.sums, slot * this.lanes);
    this.onePush[0] = 0;
    this.model.addTokenPush(EVIDENCE_HEAD, EVIDENCE_CLASS, f, this.onePush);
    this.pushes[slot] = this.onePush[0];
  }
}
