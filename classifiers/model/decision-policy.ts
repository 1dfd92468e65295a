/**
 * How the learned model's probabilities and the lexicon rules' verdict combine into the domain,
 * intent and confidence a mention gets. A pure function of both opinions and the bars in the model
 * file, so training can try many bars on held-out text cheaply and the classifier applies the same.
 *
 *  - Domain: a domain the rules found stands unless the model's P(none) reaches `overturn` (or
 *    another works domain reaches it and is twice as likely); where the rules found none, the
 *    model names a domain only at `add`, and never where the rules set works words aside as
 *    figurative or another body's topic.
 *  - Intent: the rules' intent stands unless the model's choice reaches `intentOverturn`.
 *  - The intent a post names for itself at its start («اقتراح:», "Question:") stands.
 *  - Neither is overturned when the rules' cues back their own intent by at least `guard`, nor
 *    when they report a hazard in a works domain: the model learned from real text where alarm
 *    words mostly come in news, and an open manhole before a school must not become "other".
 *    Whether its case opens still rests on P(works complaint); the queue puts it first either way.
 *  - The capture head was trained on exactly "a works complaint": at P ≥ `captureOverride` the
 *    post becomes one (in the lexicons' domain, or the model's when it reaches `add`), so the case
 *    a threshold opens and the labels the agent sees agree; unless the intent head itself finds
 *    thanks, a question or a suggestion more likely than not (SPEECH_ACT_VETO).
 *  - Confidence: P(works complaint) when the result is one (what CASE_MIN_CONFIDENCE compares),
 *    else P(domain) × P(intent) of the result.
 */
import { argmax, type DomainDecision } from './decision-bars';

export interface Opinions {
  /** The rules' domain as an index of the domain head's classes, or -1 for none. */
  ruleDomain: number;
  /** The rules' intent as an index of the intent head's classes. */
  ruleIntent: number;
  domain: Float64Array;
  intent: Float64Array;
  /** P(works complaint) from the capture head. */
  capture: number;
  /** How strongly the rules' cues back their own intent (intent-rules.ts intentEvidence). */
  ruleEvidence: number;
  /**
   * The rules found works words and set them aside: a figurative use («الطريق إلى النجاح… فيه
   * مطبات») or another body's topic (electricity, water supply). The model adds no domain then:
   * those filters are promises the product makes, whatever text the model learned from.
   */
  setAside: boolean;
  /** The rules saw a hazard to people or property (open manhole, water in homes, collapse…). */
  hazard: boolean;
  /** The post names its own speech act at its start («اقتراح:», "Question:"; intent-rules.ts DECLARED). */
  declared: boolean;
}

/**
 * The capture head knows works defects better than speech acts: «شكراً وزارة الأشغال على ترميم مبنى
 * مدرسة البنات» names a building and a repair, and it gave that 0.77 while the intent head read
 * thanks at 0.58. Where the intent head finds thanks, a question or a suggestion at least this
 * likely, the capture head does not turn the post into a complaint (with model bee6da92 this
 * changed 6 of 8,012 decisions held out, 3 for the better, and 1 of 1,540 on test).
 */
export const SPEECH_ACT_VETO = 0.5;

export interface Decided {
  domain: number;
  intent: number;
  confidence: number;
}

/** Class positions the policy needs: 'none' among domains, 'complaint' among intents. */
export interface PolicyClasses {
  domains: number;
  none: number;
  intents: number;
  complaint: number;
  /** The intent head's 'other' (neither a complaint nor a speech act the veto reads). */
  other: number;
}

/** The bars leave the rules' domain and intent as they are: the model only sets a works complaint's confidence. */
export function rulesStand(bars: DomainDecision): boolean {
  return bars.overturn > 1 && bars.add > 1 && bars.intentOverturn > 1 && bars.captureOverride > 1;
}

export function decide(o: Opinions, bars: DomainDecision, k: PolicyClasses): Decided {
  const guarded = o.ruleDomain >= 0 && (o.hazard || o.ruleEvidence >= bars.guard);
  let domain = guarded ? o.ruleDomain : domainOf(o, bars, k);
  let intent = argmax(o.intent, k.intents);
  if (guarded || o.declared || o.intent[intent] < bars.intentOverturn) intent = o.ruleIntent;
  if (o.capture >= bars.captureOverride && !o.declared && !speechActNamed(o.intent, k)) {
    const works = o.ruleDomain >= 0 ? o.ruleDomain : likeliestWorksDomain(o.domain, k);
    // Without a lexicon hit the domain still needs the model's own confidence (`add`).
    if (o.ruleDomain >= 0 || (o.domain[works] >= bars.add && !o.setAside)) {
      domain = works;
      intent = k.complaint;
    }
  }
  const confidence = domain !== k.none && intent === k.complaint ? o.capture : o.domain[domain] * o.intent[intent];
  return { domain, intent, confidence };
}

/** The intent head finds thanks, a question or a suggestion at SPEECH_ACT_VETO or more. */
function speechActNamed(p: Float64Array, k: PolicyClasses): boolean {
  for (let c = 0; c < k.intents; c++) if (c !== k.complaint && c !== k.other && p[c] >= SPEECH_ACT_VETO) return true;
  return false;
}

function domainOf(o: Opinions, bars: DomainDecision, k: PolicyClasses): number {
  const best = argmax(o.domain, k.domains);
  if (o.ruleDomain < 0) return best !== k.none && o.domain[best] >= bars.add && !o.setAside ? best : k.none;
  if (o.domain[k.none] >= bars.overturn) return k.none;
  const switches = best !== k.none && o.domain[best] >= bars.overturn && o.domain[best] > 2 * o.domain[o.ruleDomain];
  return switches ? best : o.ruleDomain;
}

function likeliestWorksDomain(p: Float64Array, k: PolicyClasses): number {
  let best = -1;
  for (let c = 0; c < k.domains; c++) if (c !== k.none && (best < 0 || p[c] > p[best])) best = c;
  return best;
}
