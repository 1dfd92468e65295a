/**
 * Keeps only news items about the ministry's work: an item matches when its normalized title or
 * summary contains a normalized listening term. Normalization is the classifier's own
 * (classifiers/normalize.ts), so «الأشغال» matches «الاشغال» and the RSS filter never disagrees
 * with the classifier about what a word is.
 */
import { normalizeForSearch } from '../../classifiers/normalize';

export interface TermMatcher {
  /** The configured terms that occur in the text (empty = no match). */
  match(...texts: string[]): string[];
}

export function createTermMatcher(terms: string[]): TermMatcher {
  const prepared = terms
    .map((term) => ({ term: term.trim(), normalized: normalizeForSearch(term).trim() }))
    .filter((t) => t.normalized.length > 0);
  return {
    match(...texts: string[]): string[] {
      const haystack = normalizeForSearch(texts.join('\n'));
      return prepared.filter((t) => haystack.includes(t.normalized)).map((t) => t.term);
    },
  };
}
