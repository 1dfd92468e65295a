/**
 * The direction a citizen's post reads in. `dir="auto"` takes the first strong letter, and replies
 * to the ministry open with "@MOWBahrain" or a link: an Arabic post then lays out left to right,
 * its handle at the far left as if it ended the sentence. So handles, links and Latin hashtags are
 * set aside, and the post reads right to left when Arabic letters are at least as many as Latin ones.
 */
const SET_ASIDE = /@\w+|https?:\/\/\S+|www\.\S+|#[A-Za-z0-9_]+/g;
const ARABIC_LETTER = /[\u0600-\u06FF\u0750-\u077F\u08A0-\u08FF\uFB50-\uFDFF\uFE70-\uFEFF]/g;
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;

export function textDirection(text: string): 'rtl' | 'ltr' | 'auto' {
  const rest = text.replace(SET_ASIDE, ' ');
  const arabic = rest.match(ARABIC_LETTER)?.length ?? 0;
  const latin = rest.match(LATIN_LETTER)?.length ?? 0;
  if (arabic === 0 && latin === 0) return 'auto'; // emoji, numbers, a bare handle: the browser's call
  return arabic >= latin ? 'rtl' : 'ltr';
}
