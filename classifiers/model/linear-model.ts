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
 * (domain 4, intent 5, capture 2 = 11 bytes per feature), so a text is scored for all heads in one
 * pass with one memory read per feature: the model's share of the classifier's time stays small.
 */
export class LinearModel {
  private readonly table: Int8Array;
  private readonly width: number;
  private readonly offset: Record<HeadName, number>;
  private readonly scale: Record<HeadName, number>;
  private readonly sums: Int32Array;
  /** Scratch: each token's push towards the class being explained. */
  private push = new Float64Array(64);
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
    this.width = width;
    this.sums = new Int32Array(width);
    this.policyClasses = {
      domains: heads.domain.classes.length,
      none: heads.domain.classes.indexOf('none'),
      intents: heads.intent.classes.length,
      complaint: heads.intent.classes.indexOf('complaint'),
    };
    this.table = new Int8Array(HASH_DIMS * width);
    for (const name of names) {
      const { weights, classes } = heads[name];
      const k = classes.length;
      let maxAbs = 0;
      for (let i = 0; i < weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(weights[i]));
      const scale = maxAbs / 127 || 1;
      this.scale[name] = scale;
      const at = this.offset[name];
      for (let f = 0; f < HASH_DIMS; f++) for (let c = 0; c < k; c++) this.table[f * width + at + c] = Math.round(weights[f * k + c] / scale);
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
    if (this.width === 11) return this.score11(f);
    const sums = this.sums;
    const width = this.width;
    const table = this.table;
    sums.fill(0);
    for (let i = 0; i < f.count; i++) {
      const base = f.index[i] * width;
      for (let j = 0; j < width; j++) sums[j] += table[base + j];
    }
  }

  /** score() for the usual heads (4 + 5 + 2 classes), unrolled: the hot loop of the model. */
  private score11(f: FeatureBuffer): void {
    const t = this.table;
    const index = f.index;
    let s0 = 0, s1 = 0, s2 = 0, s3 = 0, s4 = 0, s5 = 0, s6 = 0, s7 = 0, s8 = 0, s9 = 0, s10 = 0;
    for (let i = 0; i < f.count; i++) {
      const b = index[i] * 11;
      s0 += t[b];
      s1 += t[b + 1];
      s2 += t[b + 2];
      s3 += t[b + 3];
      s4 += t[b + 4];
      s5 += t[b + 5];
      s6 += t[b + 6];
      s7 += t[b + 7];
      s8 += t[b + 8];
      s9 += t[b + 9];
      s10 += t[b + 10];
    }
    const sums = this.sums;
    sums[0] = s0;
    sums[1] = s1;
    sums[2] = s2;
    sums[3] = s3;
    sums[4] = s4;
    sums[5] = s5;
    sums[6] = s6;
    sums[7] = s7;
    sums[8] = s8;
    sums[9] = s9;
    sums[10] = s10;
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

  /**
   * The tokens that pushed `head` towards class `c` most (positive contribution), strongest first:
   * the model's evidence, shown beside the lexicon hits. Per-token sums in a reused array, top
   * picks by scanning: this runs for every mention with a domain.
   */
  strongestTokens(head: HeadName, c: number, f: FeatureBuffer, max: number): number[] {
    const k = this.heads[head].classes.length;
    const at = this.offset[head];
    const width = this.width;
    const table = this.table;
    const index = f.index;
    const token = f.token;
    let tokens = 0;
    for (let i = 0; i < f.count; i++) if (token[i] >= tokens) tokens = token[i] + 1;
    if (this.push.length < tokens) this.push = new Float64Array(tokens * 2);
    const push = this.push;
    push.fill(0, 0, tokens);
    for (let i = 0; i < f.count; i++) {
      const t = token[i];
      if (t < 0) continue; // a signal with no span in the text (NO_TOKEN)
      const base = index[i] * width + at;
      let sum = 0;
      for (let j = 0; j < k; j++) sum += table[base + j];
      push[t] += table[base + c] - sum / k;
    }
    const floor = 0.05 / this.scale[head];
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
  for (let c = 0; c < k; c++) if (x[c] / temperature > max) max = x[c] / temperature;
  let sum = 0;
  for (let c = 0; c < k; c++) {
    x[c] = Math.exp(x[c] / temperature - max);
    sum += x[c];
  }
  for (let c = 0; c < k; c++) x[c] /= sum;
  return x;
}

function toArrayBuffer(b: Buffer): ArrayBuffer {
  return b.buffer.slice(b.byteOffset, b.byteOffset + b.byteLength) as ArrayBuffer;
}
