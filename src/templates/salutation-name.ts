/**
 * The name a reply addresses its citizen by ({name}): the display name as people write it on X
 * and Instagram carries more than a name («راشد | الرفاع», «Fatima 🌸 - Riffa», «أم علي (سترة)»),
 * and a public reply reading «نود إفادتك راشد | الرفاع» looks careless. Only the part before
 * the first separator, without emoji; the @handle when nothing name-like is left.
 */
import type { Author } from '../domain';

/** What people put between a name and the rest: bars, bullets, dashes and slashes, brackets. */
const SEPARATOR = /\s*(?:[|｜•·/\\\u2013\u2014(（[{«"]|\s-\s).*$/su;
const PICTOGRAPHS = /[\p{Extended_Pictographic}\p{Regional_Indicator}\uFE0F\u200D\u20E3]/gu;
/** Longer than this is not a name but a slogan or a bio. */
const MAX_WORDS = 4;
const MAX_LENGTH = 40;

export function salutationName(author: Pick<Author, 'name' | 'handle'>): string {
  const cut = (author.name ?? '').replace(PICTOGRAPHS, ' ').replace(SEPARATOR, '').replace(/\s+/g, ' ').trim().replace(/[\s.,،:;!?؟-]+$/u, '');
  const words = cut.split(' ').filter(Boolean);
  if (!/[\p{L}]/u.test(cut) || words.length > MAX_WORDS || cut.length > MAX_LENGTH) return `@${author.handle}`;
  return cut;
}
