/** Builders for test records: sensible defaults, override what the test is about. */
import type { Classification, ClassifiedMention, RawMention } from '../../src/domain';

let seq = 0;

export function buildRaw(overrides: Partial<RawMention> = {}): RawMention {
  seq++;
  return {
    externalId: `ext-${seq}`,
    author: { id: `u-${seq}`, handle: `citizen${seq}`, name: 'Citizen', followers: 10 },
    text: 'حفرة كبيرة في شارع الاستقلال',
    lang: 'ar',
    createdAt: new Date(Date.UTC(2026, 10, 20, 8, 0, seq % 60)).toISOString(),
    metrics: { likes: 1, replies: 0, reposts: 0 },
    kind: 'post',
    sources: ['mentions'],
    ...overrides,
  };
}

export function buildClassification(overrides: Partial<Classification> = {}): Classification {
  return {
    domains: [{ domain: 'roads', score: 1, evidence: [{ term: 'حفرة', start: 0, end: 4 }] }],
    primaryDomain: 'roads',
    intent: 'complaint',
    urgency: 'medium',
    sentiment: 'negative',
    location: { area: 'المحرق' },
    relevant: true,
    confidence: 0.9,
    ...overrides,
  };
}

export function buildClassified(raw: Partial<RawMention> = {}, c: Partial<Classification> = {}): ClassifiedMention {
  return { raw: buildRaw(raw), classification: buildClassification(c), status: 'needs_reply' };
}
