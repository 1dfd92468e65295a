/**
 * The learned model at run time: multinomial logistic regression heads over hashed features,
 * each with a temperature fitted on the dev split so its probabilities are calibrated. Heads:
 * `domain` (roads, drainage, buildings, none), `intent` (complaint, inquiry, suggestion, praise,
 * other) and `capture` (is this a works complaint a unit should receive: no, yes). The model file
 * is JSON with int8-quantized weights of the features seen in training (base64), expanded into
 * dense arrays at load so scoring is a lookup per feature.
 */
import fs from 'node:fs';
import { HASH_DIMS, type FeatureBuffer } from './hashed-features';
import type { PolicyClasses } from './decision-policy';
import { argmax, DEFAULT_DOMAIN_DECISION, type DomainDecision } from './decision-bars';

export { argmax, DEFAULT_DOMAIN_DECISION, type DomainDecision };

export type HeadName = 'domain' | 'intent' | 'capture';

export interface HeadWeights {
  classes: string[];
  /** weights[feature * classes.length + c] */
  weights: Float32Array;
  bias: Float32Array;
  /** Logits are divided by it before the softmax (fitted on dev). */
  temperature: number;
  /** A yes/no head's P(yes) mapped through this (fitted on held-out text), when present. */
  isotonic?: IsotonicMap;
}

/**
 * A non-decreasing map from a raw probability to the rate observed on held-out text at it: `y`
 * at the breakpoints `x`, linear in between, flat outside. It turns P(works complaint) into a
 * frequency, which a temperature alone cannot when sources differ in how many complaints they hold.
 */
export interface IsotonicMap {
  x: number[];
  y: number[];
}

export function applyIsotonic(m: IsotonicMap, p: number): number {
  const { x, y } = m;
  if (p <= x[0]) return y[0];
  const last = x.length - 1;
  if (p >= x[last]) return y[last];
  let i = 1;
  while (x[i] < p) i++;
  const t = (p - x[i - 1]) / (x[i] - x[i - 1]);
  return y[i - 1] + t * (y[i] - y[i - 1]);
}


export interface ModelFile {
  format: 'rasid-linear-v1';
  version: string;
  hashBits: number;
  trainedAt: string;
  /** Capture probability above which a case opens by default (chosen on dev for precision ≥ 0.90). */
  captureThreshold: number;
  domainDecision: DomainDecision;
  /** What the model was trained and measured on (sizes, figures): shown by eval, kept for audit. */
  provenance: Record<string, unknown>;
  heads: Record<HeadName, { classes: string[]; temperature: number; isotonic?: IsotonicMap; bias: number[]; scale: number; features: string; weights: string }>;
}

/**
 * At run time every head's weights for one feature sit side by side as int8 in one table
 * (domain 4, intent 5, capture 2 = 11 lanes per feature, padded to 12), so a text is scored for all
 * heads in one pass. Four lanes share one 32-bit word, each stored as weight + 128 (0…255): adding
 * a row is then three word reads and SIMD-within-a-register sums (even and odd bytes into 16-bit
 * lanes), rather than eleven byte reads. This is what keeps the model's share of the classifier's
 * time small (`npm run bench:classifier`).
 */
const LANE_BIAS = 128;
/** 16-bit lanes hold 256 × 255 at most: flush them into the sums every this many features. */
const FLUSH_EVERY = 256;

export class LinearModel {
  /** Row f, lanes 4w … 4w+3: word f * words + w, lane byte j = weight + LANE_BIAS. */
  private readonly packed: Int32Array;
  private readonly words: number;
  private readonly offset: Record<HeadName, number>;
  private readonly scale: Record<HeadName, number>;
  private readonly sums: Int32Array;
  /** Scratch: each token's push towards the class being explained (× the head's class count). */
  private push = new Int32Array(64);
  /** Where 'none' and 'complaint' sit among the heads' classes (decision-policy.ts). */
  readonly policyClasses: PolicyClasses;

  constructor(
    readonly version: string,
    readonly heads: Record<HeadName, HeadWeights>,
    readonly captureThreshold: number,
    readonly domainDecision: DomainDecision = DEFAULT_DOMAIN_DECISION,
    readonly provenance: Record<string, unknown> = {},
  ) {
    const names = Object.keys(heads) as HeadName[];
    this.offset = {} as Record<HeadName, number>;
    this.scale = {} as Record<HeadName, number>;
    let width = 0;
    for (const name of names) {
      this.offset[name] = width;
      width += heads[name].classes.length;
    }
    this.words = Math.ceil(width / 4);
    this.sums = new Int32Array(this.words * 4);
    this.policyClasses = {
      domains: heads.domain.classes.length,
      none: heads.domain.classes.indexOf('none'),
      intents: heads.intent.classes.length,
      complaint: heads.intent.classes.indexOf('complaint'),
      other: heads.intent.classes.indexOf('other'),
    };
    const bytes = new Uint8Array(HASH_DIMS * this.words * 4).fill(LANE_BIAS);
    for (const name of names) {
      const { weights, classes } = heads[name];
      const k = classes.length;
      let maxAbs = 0;
      for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
      const scale = maxAbs / 127 || 1;
      this.scale[name] = scale;
      const at = this.offset[name];
      const row = this.words * 4;
      for (let f = 0; f < HASH_DIMS; f++) for (let c = 0; c < k; c++) bytes[f * row + at + c] = Math.round(weights[f * k + c] / scale) + LANE_BIAS;
    }
    // Lane j of a word is its byte j in memory; Int32Array reads in the platform's order, so
    // assemble the words explicitly rather than view the bytes.
    this.packed = new Int32Array(HASH_DIMS * this.words);
    for (let w = 0; w < this.packed.length; w++) {
      this.packed[w] = bytes[4 * w] | (bytes[4 * w + 1] << 8) | (bytes[4 * w + 2] << 16) | (bytes[4 * w + 3] << 24);
    }
  }

  static fromFile(file: string): LinearModel {
    return LinearModel.fromJson(JSON.parse(fs.readFileSync(file, 'utf8')) as ModelFile);
  }

  static fromJson(m: ModelFile): LinearModel {
    if (m.format !== 'rasid-linear-v1' || 1 << m.hashBits !== HASH_DIMS) throw new Error(`unsupported model file (${m.format}, ${m.hashBits} bits)`);
    const heads = {} as Record<HeadName, HeadWeights>;
    for (const name of Object.keys(m.heads) as HeadName[]) {
      const h = m.heads[name];
      const k = h.classes.length;
      const features = new Uint32Array(toArrayBuffer(Buffer.from(h.features, 'base64')));
      const quantized = new Int8Array(toArrayBuffer(Buffer.from(h.weights, 'base64')));
      const weights = new Float32Array(HASH_DIMS * k);
      for (let i = 0; i < features.length; i++) {
        for (let c = 0; c < k; c++) weights[features[i] * k + c] = quantized[i * k + c] * h.scale;
      }
      heads[name] = { classes: h.classes, weights, bias: Float32Array.from(h.bias), temperature: h.temperature, ...(h.isotonic ? { isotonic: h.isotonic } : {}) };
    }
    return new LinearModel(m.version, heads, m.captureThreshold, { ...DEFAULT_DOMAIN_DECISION, ...m.domainDecision }, m.provenance);
  }

  /** Scores the features in `f` for every head; probabilities() then reads one head. */
  score(f: FeatureBuffer): void {
    if (this.words === 3) return this.score3(f);
    const sums = this.sums;
    const words = this.words;
    const packed = this.packed;
    sums.fill(0);
    for (let i = 0; i < f.count; i++) {
      const base = f.index[i] * words;
      for (let w = 0; w < words; w++) {
        const v = packed[base + w];
        for (let j = 0; j < 4; j++) sums[4 * w + j] += ((v >>> (8 * j)) & 0xff) - LANE_BIAS;
      }
    }
  }

  /**
   * score() for the usual heads (4 + 5 + 2 lanes, three words a row), unrolled: the hot loop of the
   * model. e/o hold a word's even/odd bytes as two 16-bit lanes each; int32 wrap-around is harmless
   * because only the lanes' own bits are read back.
   */
  private score3(f: FeatureBuffer): void {
    const t = this.packed;
    const index = f.index;
    const sums = this.sums;
    sums.fill(0);
    for (let i = 0; i < f.count; ) {
      const stop = Math.min(f.count, i + FLUSH_EVERY);
      let e0 = 0, o0 = 0, e1 = 0, o1 = 0, e2 = 0, o2 = 0;
      for (; i < stop; i++) {
        const b = index[i] * 3;
        const w0 = t[b];
        const w1 = t[b + 1];
        const w2 = t[b + 2];
        e0 = (e0 + (w0 & 0x00ff00ff)) | 0;
        o0 = (o0 + ((w0 >>> 8) & 0x00ff00ff)) | 0;
        e1 = (e1 + (w1 & 0x00ff00ff)) | 0;
        o1 = (o1 + ((w1 >>> 8) & 0x00ff00ff)) | 0;
        e2 = (e2 + (w2 & 0x00ff00ff)) | 0;
        o2 = (o2 + ((w2 >>> 8) & 0x00ff00ff)) | 0;
      }
      sums[0] += e0 & 0xffff;
      sums[1] += o0 & 0xffff;
      sums[2] += e0 >>> 16;
      sums[3] += o0 >>> 16;
      sums[4] += e1 & 0xffff;
      sums[5] += o1 & 0xffff;
      sums[6] += e1 >>> 16;
      sums[7] += o1 >>> 16;
      sums[8] += e2 & 0xffff;
      sums[9] += o2 & 0xffff;
      sums[10] += e2 >>> 16;
      sums[11] += o2 >>> 16;
    }
    const bias = f.count * LANE_BIAS;
    for (let j = 0; j < 12; j++) sums[j] -= bias;
  }

  /** Calibrated probabilities of one head for the last score(), written into `out`. */
  probabilities(head: HeadName, out: Float64Array): Float64Array {
    const h = this.heads[head];
    const k = h.classes.length;
    const at = this.offset[head];
    const scale = this.scale[head];
    for (let c = 0; c < k; c++) out[c] = h.bias[c] + scale * this.sums[at + c];
    return isotonicInPlace(h, softmaxInPlace(out, k, h.temperature));
  }

  /** How many sums score() leaves (the heads' classes, padded to whole words). */
  get lanes(): number {
    return this.words * 4;
  }

  /** Copies the last score()'s sums into dst[at…]: a part of a text, to add back with addSums(). */
  copySums(dst: Int32Array, at: number): void {
    for (let j = 0; j < this.sums.length; j++) dst[at + j] = this.sums[j];
  }

  /** Adds sums saved by copySums() to the last score(): the same as having scored those features too. */
  addSums(src: Int32Array, at: number): void {
    for (let j = 0; j < this.sums.length; j++) this.sums[j] += src[at + j];
  }

  /**
   * The tokens that pushed yes/no `head` towards class `c` most (positive contribution), strongest
   * first: the model's evidence, shown beside the lexicon hits. Per-token sums in a reused array,
   * top picks by scanning: this runs for every works complaint.
   */
  strongestTokens(head: HeadName, c: number, f: FeatureBuffer, max: number): number[] {
    if (this.push.length < f.tokens) this.push = new Int32Array(f.tokens * 2);
    this.push.fill(0, 0, f.tokens);
    this.addTokenPush(head, c, f, this.push);
    return this.pickStrongest(head, this.push, f.tokens, max);
  }

  /**
   * push[t] += each feature of token t's push towards class `c` of yes/no `head`, as an integer:
   * 2 × (own lane − mean of the two lanes) = own − other (the stored LANE_BIAS cancels).
   */
  addTokenPush(head: HeadName, c: number, f: FeatureBuffer, push: Int32Array): void {
    const k = this.heads[head].classes.length;
    if (k !== 2) throw new Error(`token pushes explain a yes/no head; ${head} has ${k} classes`);
    const at = this.offset[head];
    sumYesNoPush(this.packed, this.words, at + c, at + 1 - c, f, push);
  }

  /** The tokens with the largest pushes (from addTokenPush), strongest first; clears those it picks. */
  pickStrongest(head: HeadName, push: Int32Array, tokens: number, max: number): number[] {
    const floor = 0.1 / this.scale[head]; // 2 × a push of 0.05 in logit units
    const picked: number[] = [];
    for (let n = 0; n < max; n++) {
      let best = -1;
      for (let t = 0; t < tokens; t++) if (push[t] > floor && (best < 0 || push[t] > push[best])) best = t;
      if (best < 0) break;
      picked.push(best);
      push[best] = 0; // taken: the next pass looks for the runner-up
    }
    return picked;
  }
}

/**
 * push[t] += own lane − other lane over token t's features. A token's features come one after
 * another, so they are summed in a local before one store (a store per feature made each wait
 * for the last).
 */
function sumYesNoPush(packed: Int32Array, words: number, own: number, other: number, f: FeatureBuffer, push: Int32Array): void {
  const index = f.index;
  const token = f.token;
  const ownWord = own >> 2;
  const ownShift = (own & 3) * 8;
  const otherWord = other >> 2;
  const otherShift = (other & 3) * 8;
  let current = -1;
  let sum = 0;
  for (let i = 0; i < f.count; i++) {
    const t = token[i];
    if (t < 0) continue; // a signal with no span in the text (NO_TOKEN)
    const row = index[i] * words;
    const v = ((packed[row + ownWord] >>> ownShift) & 0xff) - ((packed[row + otherWord] >>> otherShift) & 0xff);
    if (t === current) {
      sum += v;
    } else {
      if (current >= 0) push[current] += sum;
      current = t;
      sum = v;
    }
  }
  if (current >= 0) push[current] += sum;
}

/** out[c] = bias[c] + Σ weights of the first `count` feature indexes, for each class c. */
export function logitsInto(h: HeadWeights, index: Int32Array, count: number, out: Float64Array): void {
  const k = h.classes.length;
  for (let c = 0; c < k; c++) out[c] = h.bias[c];
  const w = h.weights;
  for (let i = 0; i < count; i++) {
    const base = index[i] * k;
    for (let c = 0; c < k; c++) out[c] += w[base + c];
  }
}

/** A yes/no head's probabilities after its isotonic map (unchanged without one). */
export function isotonicInPlace(h: HeadWeights, p: Float64Array): Float64Array {
  if (!h.isotonic || h.classes.length !== 2) return p;
  p[1] = applyIsotonic(h.isotonic, p[1]);
  p[0] = 1 - p[1];
  return p;
}

export function softmaxInPlace(x: Float64Array, k: number, temperature = 1): Float64Array {
  let max = -Infinity;
  for (let c = 0; c < k; c++) {
    x[c] /= temperature;
    if (x[c] > max) max = x[c];
  }
  let sum = 0;
  for (let c = 0; c < k; c++) {
    x[c] = Math.exp(x[c] - max);
    sum += x[c];
  }
  for (let c = 0; c < k; c++) x[c] /= sum;
  return x;
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
