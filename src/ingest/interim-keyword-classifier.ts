/**
 * A deliberately small keyword classifier used only until the Arabic classifier in classifiers/
 * is wired in. Same port, same record; no normalization beyond lower-casing.
 */
import type { Classification, Classifier, Domain } from '../domain';

const TERMS: Record<Domain, string[]> = {
  roads: ['شارع', 'طريق', 'حفرة', 'نقرة', 'إشارة', 'اشارة', 'road', 'pothole', 'street'],
  drainage: ['مجاري', 'صرف', 'أمطار', 'امطار', 'طفح', 'sewage', 'drain', 'flood'],
  buildings: ['مبنى', 'مدرسة', 'building', 'school'],
};

export class InterimKeywordClassifier implements Classifier {
  classify(text: string): Classification {
    const lower = text.toLowerCase();
    const domains = (Object.keys(TERMS) as Domain[])
      .map((domain) => {
        const evidence = TERMS[domain]
          .map((term) => ({ term, start: lower.indexOf(term), end: lower.indexOf(term) + term.length }))
          .filter((e) => e.start >= 0);
        return { domain, score: evidence.length, evidence };
      })
      .filter((d) => d.score > 0)
      .sort((a, b) => b.score - a.score);
    const primaryDomain = domains[0]?.domain ?? null;
    return {
      domains,
      primaryDomain,
      intent: primaryDomain ? 'complaint' : 'other',
      urgency: 'medium',
      sentiment: 'neutral',
      location: {},
      relevant: primaryDomain !== null,
      confidence: primaryDomain ? 0.5 : 0.2,
    };
  }
}
