/**
 * The decision policy's bars and the arg-max that both the model and the policy use, in a leaf so
 * that the model (which applies the policy) and the policy (which reads the bars) do not import
 * each other.
 *
 * How the model's probabilities combine with the lexicons' finding (chosen on held-out text): a
 * domain the rules found stands unless P(none) reaches `overturn`; where they found none, the
 * model names a domain only at `add`; the rules' intent stands unless the model's reaches
 * `intentOverturn`; none of these overturns happens when the rules' cues back their own intent
 * by at least `guard`.
 */
export interface DomainDecision {
  overturn: number;
  add: number;
  /** The rules' intent stands unless the model's own choice reaches this probability. */
  intentOverturn: number;
  /** At this P(works complaint) a post becomes one whatever the rules' intent (1.01: never). */
  captureOverride: number;
  /**
   * The rules' domain and intent stand whatever the model says when the rules' cues back their own
   * intent by at least this (a complaint: defect words, grievance, hazards; praise: thanks…): the
   * model learned from text that is mostly not addressed to a ministry, and a plain «طفح مجاري في
   * الفريج» or «شكراً على رصف الشارع» should not hang on it. 99: no guard.
   */
  guard: number;
}

export const DEFAULT_DOMAIN_DECISION: DomainDecision = { overturn: 0.5, add: 0.8, intentOverturn: 0.5, captureOverride: 0.5, guard: 99 };

export function argmax(x: Float64Array, k: number): number {
  let best = 0;
  for (let c = 1; c < k; c++) if (x[c] > x[best]) best = c;
  return best;
}
