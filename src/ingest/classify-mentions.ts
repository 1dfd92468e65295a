/**
 * Turns raw mentions into classified ones ready to store: dedupe within the batch (merging the
 * sources that found each item), classify, and choose the initial status.
 */
import type { Classifier, ClassifiedMention, MentionStatus, RawMention } from '../domain';

export function dedupeBatch(raws: RawMention[]): RawMention[] {
  const byId = new Map<string, RawMention>();
  for (const raw of raws) {
    const seen = byId.get(raw.externalId);
    if (!seen) {
      byId.set(raw.externalId, raw);
      continue;
    }
    // The first one stands, as when the same id comes in a later batch (the store keeps the one it
    // has): a later copy only fills what the first lacks, and adds where it was seen.
    const sources = new Set([...(seen.sources ?? []), ...(raw.sources ?? [])]);
    const kept = Object.fromEntries(Object.entries(seen).filter(([, v]) => v !== undefined));
    byId.set(raw.externalId, { ...raw, ...kept, sources: [...sources] } as RawMention);
  }
  return [...byId.values()];
}

/** Relevant items that can be answered wait in the reply queue; the rest are only recorded. */
export function initialStatus(raw: RawMention, relevant: boolean): MentionStatus {
  return relevant && raw.replyable !== false ? 'needs_reply' : 'new';
}

export function classifyMentions(classifier: Classifier, raws: RawMention[]): ClassifiedMention[] {
  return dedupeBatch(raws).map((raw) => {
    // Exactly the stored text: evidence spans index it (a channel that has a title puts it there).
    const text = raw.text;
    if (classifier.classifyWithNormalized) {
      // The classifier normalizes the text anyway; the store keeps that as the search text.
      const { classification, normalized } = classifier.classifyWithNormalized(text, { lang: raw.lang });
      return { raw, classification, status: initialStatus(raw, classification.relevant), searchText: normalized };
    }
    const classification = classifier.classify(text, { lang: raw.lang });
    return { raw, classification, status: initialStatus(raw, classification.relevant) };
  });
}
