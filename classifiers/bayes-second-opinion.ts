/**
 * The learned second opinion: natural's BayesClassifier trained (at load, from files in the repo)
 * on light-stemmed tokens, labels roads | drainage | buildings | none. The keyword classifier asks
 * it only to break a tie between two domains or to settle a weak keyword score.
 *
 * natural's classify() rebuilds a dense feature vector over the whole vocabulary on every call;
 * after training we copy its per-class log-probabilities into a Map, which scores a post with the
 * very same formula (present features only, smoothing for unseen class/feature pairs) in time
 * proportional to the post, not to the vocabulary.
 */
import { DOMAINS } from '../src/domain/classification';
import { BayesClassifier } from './natural-parts';
import { NormalizeBuffer } from './normalize-buffer';
import { TokenKind } from './normalize-pass';
import { porterStem, stemRange, stemTokens } from './light-stemmer';

export const BAYES_LABELS = [...DOMAINS, 'none'] as const;
export type BayesLabel = (typeof BAYES_LABELS)[number];

export interface TrainingExample {
  text: string;
  label: BayesLabel;
}

/** Feature strings of a text: one per token, its light stem (Porter for English). */
export function featuresOf(text: string): string[] {
  return stemTokens(text)
    .filter((t) => t.kind !== TokenKind.Digits)
    .map((t) => t.stem);
}

export class BayesSecondOpinion {
  private constructor(
    private readonly logLikelihood: Map<string, Float64Array>,
    private readonly logPrior: Float64Array,
    private readonly seen: Map<string, number>,
  ) {}

  static train(examples: TrainingExample[]): BayesSecondOpinion {
    const bayes = new BayesClassifier();
    for (const ex of examples) {
      const features = featuresOf(ex.text);
      if (features.length > 0) bayes.addDocument(features, ex.label);
    }
    bayes.train();
    const model = bayes.classifier;
    const labels = BAYES_LABELS;
    const logPrior = new Float64Array(labels.length);
    labels.forEach((label, c) => {
      const total = model.classTotals[label] ?? 1;
      logPrior[c] = Math.log(total / model.totalExamples);
    });
    const logLikelihood = new Map<string, Float64Array>();
    Object.keys(bayes.features).forEach((feature, i) => {
      const row = new Float64Array(labels.length);
      labels.forEach((label, c) => {
        const counts = model.classFeatures[label] ?? {};
        const count = counts[i] || model.smoothing;
        row[c] = Math.log(count / (model.classTotals[label] ?? 1));
      });
      logLikelihood.set(feature, row);
    });
    return new BayesSecondOpinion(logLikelihood, logPrior, new Map());
  }

  /** Posterior over BAYES_LABELS for the tokens currently in `b`. */
  posterior(b: NormalizeBuffer): Float64Array {
    const scores = Float64Array.from(this.logPrior);
    const seen = this.seen;
    seen.clear();
    for (let t = 0; t < b.tokenCount; t++) {
      const kind = b.tokKind[t];
      if (kind === TokenKind.Digits) continue;
      const s = b.tokStart[t];
      const e = b.tokEnd[t];
      let feature: string;
      if (kind === TokenKind.Arabic) {
        const [a, z] = stemRange(b.codes, s, e);
        feature = b.slice(a, z);
      } else {
        feature = b.slice(s, e);
        if (kind === TokenKind.Latin && /^[a-z]+$/.test(feature)) feature = porterStem(feature);
      }
      if (seen.has(feature)) continue;
      seen.set(feature, 1);
      const row = this.logLikelihood.get(feature);
      if (!row) continue;
      for (let c = 0; c < scores.length; c++) scores[c] += row[c];
    }
    let max = -Infinity;
    for (let c = 0; c < scores.length; c++) if (scores[c] > max) max = scores[c];
    let sum = 0;
    for (let c = 0; c < scores.length; c++) {
      scores[c] = Math.exp(scores[c] - max);
      sum += scores[c];
    }
    for (let c = 0; c < scores.length; c++) scores[c] /= sum;
    return scores;
  }

  /** Label with the highest posterior (for evaluation and the benchmark). */
  classify(b: NormalizeBuffer): BayesLabel {
    const p = this.posterior(b);
    let best = 0;
    for (let c = 1; c < p.length; c++) if (p[c] > p[best]) best = c;
    return BAYES_LABELS[best];
  }
}
