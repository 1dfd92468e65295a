/**
 * Training the learned model: multinomial logistic regression per head, AdaGrad with L2 on the
 * features each example touches, rare classes weighted up (a power of their inverse frequency),
 * a seeded shuffle (deterministic for the same data and seed). Then a temperature per head fitted
 * on dev by log-loss, and the model file with int8 weights of the features seen.
 */
import { createHash } from 'node:crypto';
import { HASH_BITS, HASH_DIMS, type FeatureBuffer } from './hashed-features';
import { argmax, isotonicInPlace, logitsInto, softmaxInPlace, type DomainDecision, type HeadName, type HeadWeights, type IsotonicMap, type ModelFile } from './linear-model';

/** One example's features, copied out of the scratch buffer. */
export interface FeatureVector {
  index: Int32Array;
}

export function copyFeatures(f: FeatureBuffer): FeatureVector {
  return { index: f.index.slice(0, f.count) };
}

export interface TrainOptions {
  epochs: number;
  learningRate: number;
  l2: number;
  seed: number;
  /** Classes weigh (n / (k · n_class)) ^ balance: 0 = as they come, 1 = every class counts equally. */
  balance: number;
  /**
   * How many shuffles (seeds seed, seed + 1, …) are trained and their weights averaged. One run's
   * figures move by about ±0.01 with the seed alone; the average moves less, so a change to the
   * data or the rules is judged by what it does rather than by the order examples came in.
   */
  shuffles: number;
}

export const DEFAULT_TRAIN_OPTIONS: TrainOptions = { epochs: 12, learningRate: 0.2, l2: 1e-4, seed: 20261207, balance: 0.5, shuffles: 1 };

/** mulberry32: a small seeded generator, so the shuffle and hence the model are reproducible. */
export function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export function trainHead(classes: string[], xs: FeatureVector[], ys: number[], opts: TrainOptions = DEFAULT_TRAIN_OPTIONS, sampleWeights?: number[]): HeadWeights {
  const head = trainOneShuffle(classes, xs, ys, opts, sampleWeights);
  for (let run = 1; run < opts.shuffles; run++) {
    const other = trainOneShuffle(classes, xs, ys, { ...opts, seed: opts.seed + run }, sampleWeights);
    for (let i = 0; i < head.weights.length; i++) head.weights[i] += other.weights[i];
    for (let c = 0; c < head.bias.length; c++) head.bias[c] += other.bias[c];
  }
  if (opts.shuffles > 1) {
    for (let i = 0; i < head.weights.length; i++) head.weights[i] /= opts.shuffles;
    for (let c = 0; c < head.bias.length; c++) head.bias[c] /= opts.shuffles;
  }
  return head;
}

function trainOneShuffle(classes: string[], xs: FeatureVector[], ys: number[], opts: TrainOptions, sampleWeights?: number[]): HeadWeights {
  const k = classes.length;
  const weights = new Float32Array(HASH_DIMS * k);
  const squares = new Float32Array(HASH_DIMS * k);
  const bias = new Float32Array(k);
  const biasSquares = new Float32Array(k);
  const counts = new Array(k).fill(0);
  for (const y of ys) counts[y]++;
  const classWeight = counts.map((n) => (n === 0 ? 0 : Math.pow(ys.length / (k * n), opts.balance)));
  const order = xs.map((_, i) => i);
  const random = seededRandom(opts.seed);
  const head: HeadWeights = { classes, weights, bias, temperature: 1 };
  const p = new Float64Array(k);
  for (let epoch = 0; epoch < opts.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j], order[i]];
    }
    for (const n of order) {
      const x = xs[n];
      logitsInto(head, x.index, x.index.length, p);
      softmaxInPlace(p, k);
      const w = classWeight[ys[n]] * (sampleWeights?.[n] ?? 1);
      for (let c = 0; c < k; c++) {
        const g = w * (p[c] - (c === ys[n] ? 1 : 0));
        biasSquares[c] += g * g;
        bias[c] -= (opts.learningRate * g) / Math.sqrt(biasSquares[c] + 1e-8);
        for (let f = 0; f < x.index.length; f++) {
          const at = x.index[f] * k + c;
          const grad = g + opts.l2 * weights[at];
          squares[at] += grad * grad;
          weights[at] -= (opts.learningRate * grad) / Math.sqrt(squares[at] + 1e-8);
        }
      }
    }
  }
  return head;
}

/** The temperature (0.25–32) that minimizes log-loss on held-out examples: calibration. */
export function fitTemperature(head: HeadWeights, xs: FeatureVector[], ys: number[]): number {
  return fitTemperatureToLogits(xs.map((x) => headLogits(head, x)), ys);
}

export function headLogits(head: HeadWeights, x: FeatureVector): Float64Array {
  const out = new Float64Array(head.classes.length);
  logitsInto(head, x.index, x.index.length, out);
  return out;
}

export interface Calibration {
  temperature: number;
  /** Added to each class's logit (its bias) before the temperature: 0 but for a yes/no head. */
  shift: number[];
  /** A yes/no head's map after the temperature (fitted on held-out text), when present. */
  isotonic?: IsotonicMap;
}

/**
 * Calibration fitted on held-out logits. A multi-class head gets a temperature; a yes/no head also
 * a shift of the "yes" logit (Platt scaling), because text from somewhere new holds more or fewer
 * positives than the sources a fold's model learned from, and a temperature cannot move the base rate.
 */
export function fitCalibrationToLogits(logits: Float64Array[], ys: number[]): Calibration {
  const k = logits[0]?.length ?? 1;
  if (k !== 2) return { temperature: fitTemperatureToLogits(logits, ys), shift: new Array<number>(k).fill(0) };
  let best: Calibration = { temperature: 1, shift: [0, 0] };
  let bestLoss = Infinity;
  for (let d = -30; d <= 30; d++) {
    const shift = d / 10;
    const shifted = logits.map((l) => Float64Array.from([l[0], l[1] + shift]));
    const temperature = fitTemperatureToLogits(shifted, ys);
    const loss = logLoss(shifted, ys, temperature);
    if (loss < bestLoss - 1e-9) {
      bestLoss = loss;
      best = { temperature, shift: [0, shift] };
    }
  }
  return best;
}

function logLoss(logits: Float64Array[], ys: number[], temperature: number): number {
  const k = logits[0]?.length ?? 1;
  const p = new Float64Array(k);
  let loss = 0;
  logits.forEach((l, i) => {
    p.set(l);
    softmaxInPlace(p, k, temperature);
    loss -= Math.log(Math.max(p[ys[i]], 1e-12));
  });
  return loss;
}

/** Applies a fitted calibration to a head: its temperature, and the shift folded into its biases. */
export function calibrate(head: HeadWeights, c: Calibration): void {
  head.temperature = c.temperature;
  if (c.isotonic) head.isotonic = c.isotonic;
  c.shift.forEach((delta, i) => (head.bias[i] += delta));
}

/**
 * Isotonic regression (pool-adjacent-violators) of outcomes on probabilities, over equal-count
 * bins of at least 20 texts so the map stays smooth and small (at most about 50 breakpoints).
 */
export function fitIsotonic(probabilities: number[], outcomes: boolean[]): IsotonicMap {
  const order = probabilities.map((p, i) => i).sort((a, b) => probabilities[a] - probabilities[b] || a - b);
  const size = Math.max(20, Math.ceil(order.length / 50));
  const blocks: { p: number; y: number; n: number }[] = [];
  for (let at = 0; at < order.length; at += size) {
    const bin = order.slice(at, at + size);
    const block = { p: 0, y: 0, n: bin.length };
    for (const i of bin) {
      block.p += probabilities[i];
      block.y += outcomes[i] ? 1 : 0;
    }
    blocks.push(block);
    // Merge back while the observed rate falls: the map must not decrease.
    while (blocks.length > 1 && blocks[blocks.length - 2].y / blocks[blocks.length - 2].n >= blocks[blocks.length - 1].y / blocks[blocks.length - 1].n) {
      const last = blocks.pop()!;
      const prev = blocks[blocks.length - 1];
      prev.p += last.p;
      prev.y += last.y;
      prev.n += last.n;
    }
  }
  const round = (v: number) => Math.round(v * 1e4) / 1e4;
  return { x: blocks.map((b) => round(b.p / b.n)), y: blocks.map((b) => round(b.y / b.n)) };
}

/** fitTemperature over logits already computed (e.g. each held-out fold by its own model). */
export function fitTemperatureToLogits(logits: Float64Array[], ys: number[]): number {
  let best = 1;
  let bestLoss = Infinity;
  for (let t = 0.25; t <= 32.0001; t += t < 8 ? 0.05 : 0.5) {
    const loss = logLoss(logits, ys, t);
    if (loss < bestLoss) {
      bestLoss = loss;
      best = Math.round(t * 100) / 100;
    }
  }
  return best;
}

export function predictHead(head: HeadWeights, x: FeatureVector): Float64Array {
  const k = head.classes.length;
  const out = new Float64Array(k);
  logitsInto(head, x.index, x.index.length, out);
  return isotonicInPlace(head, softmaxInPlace(out, k, head.temperature));
}

export { argmax };

/** Serializes heads with int8 weights (per-head scale) for the features any head uses. */
export function toModelFile(heads: Record<HeadName, HeadWeights>, captureThreshold: number, domainDecision: DomainDecision, provenance: Record<string, unknown>, trainedAt: string): ModelFile {
  const out = {} as ModelFile['heads'];
  const digest = createHash('sha256');
  for (const name of Object.keys(heads) as HeadName[]) {
    const h = heads[name];
    const k = h.classes.length;
    let maxAbs = 0;
    for (let i = 0; i < h.weights.length; i++) maxAbs = Math.max(maxAbs, Math.abs(h.weights[i]));
    const scale = maxAbs / 127 || 1;
    const features: number[] = [];
    const quantized: number[] = [];
    for (let f = 0; f < HASH_DIMS; f++) {
      const row: number[] = [];
      let any = false;
      for (let c = 0; c < k; c++) {
        const q = Math.round(h.weights[f * k + c] / scale);
        row.push(q);
        if (q !== 0) any = true;
      }
      if (!any) continue;
      features.push(f);
      quantized.push(...row);
    }
    const featureBytes = Buffer.from(new Uint32Array(features).buffer);
    const weightBytes = Buffer.from(new Int8Array(quantized).buffer);
    digest.update(featureBytes).update(weightBytes);
    // Calibration changes what the model says as much as its weights: it is part of the version.
    if (h.isotonic) digest.update(JSON.stringify(h.isotonic));
    out[name] = {
      classes: h.classes,
      temperature: h.temperature,
      ...(h.isotonic ? { isotonic: h.isotonic } : {}),
      bias: [...h.bias].map((b) => Math.round(b * 1e5) / 1e5),
      scale,
      features: featureBytes.toString('base64'),
      weights: weightBytes.toString('base64'),
    };
  }
  // So do the bars it decides by: two files that differ only there are two models.
  digest.update(JSON.stringify({ captureThreshold, domainDecision }));
  const version = `${trainedAt.slice(0, 10)}.${digest.digest('hex').slice(0, 8)}`;
  return { format: 'rasid-linear-v1', version, hashBits: HASH_BITS, trainedAt, captureThreshold, domainDecision, provenance, heads: out };
}
