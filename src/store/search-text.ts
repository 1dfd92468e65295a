/** The text the queue's `q` search matches: title and text, Arabic-normalized (normalizeForSearch). */
import { normalizeForSearch } from '../../classifiers/normalize';
import type { ClassifiedMention } from '../domain';

/** Taken from the classifier's pass when it gave it (same normalization), else normalized here. */
export function searchTextOf(m: ClassifiedMention): string {
  return m.searchText ?? normalizeForSearch(m.raw.title ? `${m.raw.title} ${m.raw.text}` : m.raw.text);
}
