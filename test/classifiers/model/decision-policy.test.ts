import { decide, rulesStand, type Opinions, type PolicyClasses } from '../../../classifiers/model/decision-policy';
import { DEFAULT_DOMAIN_DECISION, type DomainDecision } from '../../../classifiers/model/decision-bars';

// Class positions as the trained heads order them: roads, drainage, buildings, none; complaint … other.
const K: PolicyClasses = { domains: 4, none: 3, intents: 5, complaint: 0, other: 4 };
const ROADS = 0;
const DRAINAGE = 1;
const OTHER = 4;
const PRAISE = 3;
const BARS: DomainDecision = { overturn: 0.8, add: 0.7, intentOverturn: 0.8, captureOverride: 1.01, guard: 1.5 };

function opinions(o: Partial<Opinions>): Opinions {
  return {
    ruleDomain: DRAINAGE,
    ruleIntent: 0,
    domain: Float64Array.from([0.02, 0.03, 0.0, 0.95]),
    intent: Float64Array.from([0.05, 0.0, 0.0, 0.0, 0.95]),
    capture: 0.1,
    ruleEvidence: 0,
    setAside: false,
    hazard: false,
    declared: false,
    ...o,
  };
}

describe('how the model and the rules combine', () => {
  it('lets a confident model overturn a finding the rules hold on weak evidence', () => {
    const d = decide(opinions({ ruleEvidence: 0.4 }), BARS, K);
    expect(d.domain).toBe(K.none);
    expect(d.intent).toBe(OTHER);
  });

  it('keeps the rules’ domain and intent when their own evidence of a complaint reaches the guard', () => {
    const d = decide(opinions({ ruleEvidence: 1.5, capture: 0.3 }), BARS, K);
    expect(d).toEqual({ domain: DRAINAGE, intent: K.complaint, confidence: 0.3 });
  });

  it('keeps a hazard the rules found in a works domain a complaint there, however sure the model is', () => {
    const d = decide(opinions({ hazard: true, capture: 0.3 }), BARS, K);
    expect(d).toEqual({ domain: DRAINAGE, intent: K.complaint, confidence: 0.3 });
  });

  it('guards only a domain the rules found: without one the model still needs `add` to name a domain', () => {
    const weak = decide(opinions({ ruleDomain: -1, ruleEvidence: 5, domain: Float64Array.from([0.6, 0.1, 0.0, 0.3]) }), BARS, K);
    expect(weak.domain).toBe(K.none);
    const sure = decide(opinions({ ruleDomain: -1, ruleEvidence: 5, domain: Float64Array.from([0.75, 0.05, 0.0, 0.2]) }), BARS, K);
    expect(sure.domain).toBe(ROADS);
  });

  it('adds no domain where the rules set works words aside as figurative or another body\'s topic', () => {
    const sure = { ruleDomain: -1, domain: Float64Array.from([0.9, 0.05, 0.0, 0.05]), intent: Float64Array.from([0.9, 0, 0, 0, 0.1]), capture: 0.9 };
    expect(decide(opinions(sure), { ...BARS, captureOverride: 0.5 }, K).domain).toBe(ROADS);
    const setAside = decide(opinions({ ...sure, setAside: true }), { ...BARS, captureOverride: 0.5 }, K);
    expect(setAside.domain).toBe(K.none);
  });

  it('opens a complaint at captureOverride, but not over the intent head\'s own reading of thanks', () => {
    const bars = { ...BARS, captureOverride: 0.7 };
    const repaved = { ruleDomain: ROADS, ruleIntent: PRAISE, capture: 0.77, domain: Float64Array.from([0.8, 0.05, 0.05, 0.1]) };
    const thanks = decide(opinions({ ...repaved, intent: Float64Array.from([0.17, 0.11, 0.03, 0.58, 0.11]) }), bars, K);
    expect(thanks).toMatchObject({ domain: ROADS, intent: PRAISE });
    // Just under the veto, and when the intent head's leaning is 'other', the capture head decides.
    const unsure = decide(opinions({ ...repaved, intent: Float64Array.from([0.17, 0.11, 0.03, 0.49, 0.2]) }), bars, K);
    expect(unsure).toEqual({ domain: ROADS, intent: K.complaint, confidence: 0.77 });
    const other = decide(opinions({ ...repaved, intent: Float64Array.from([0.1, 0.0, 0.0, 0.0, 0.9]) }), bars, K);
    expect(other.intent).toBe(K.complaint);
  });

  it('keeps the intent a post names for itself, against the intent head and the capture head', () => {
    const SUGGESTION = 2;
    const idea = { ruleDomain: ROADS, ruleIntent: SUGGESTION, capture: 0.9, domain: Float64Array.from([0.8, 0.05, 0.05, 0.1]), intent: Float64Array.from([0.9, 0.02, 0.04, 0.02, 0.02]) };
    const bars = { ...BARS, captureOverride: 0.7, intentOverturn: 0.5 };
    expect(decide(opinions({ ...idea, declared: true }), bars, K)).toMatchObject({ domain: ROADS, intent: SUGGESTION });
    expect(decide(opinions(idea), bars, K)).toMatchObject({ domain: ROADS, intent: K.complaint });
  });

  it('reads bars that leave the rules standing, whatever the guard', () => {
    expect(rulesStand({ overturn: 1.01, add: 1.01, intentOverturn: 1.01, captureOverride: 1.01, guard: 0 })).toBe(true);
    expect(rulesStand(BARS)).toBe(false);
    expect(DEFAULT_DOMAIN_DECISION.guard).toBeGreaterThan(10);
  });
});
