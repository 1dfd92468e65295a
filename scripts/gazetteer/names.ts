/** Arabic and Latin name folding, the matching keys built on it, and id slugs. */

const AR_MARKS = /[\u0610-\u061a\u0640\u064b-\u065f\u0670\u06d6-\u06ed]/g;
export const ARABIC = /[\u0600-\u06ff]/;

export function stripArabic(s: string): string {
  return s.normalize('NFC').replace(AR_MARKS, '').replace(/\s+/g, ' ').trim();
}

/** The folding the classifier's normalizer applies (hamza carriers, alef maqsura, ta marbuta). */
export function foldArabic(s: string): string {
  return stripArabic(s)
    .replace(/[أإآٱ]/g, 'ا')
    .replace(/ى/g, 'ي')
    .replace(/ة/g, 'ه')
    .replace(/ؤ/g, 'و')
    .replace(/ئ/g, 'ي');
}

/** Matching key: folded, the article and word breaks removed, أبو/ابو written بو. */
function arabicKey(s: string): string {
  return foldArabic(s)
    .split(' ')
    .map((w) => (w === 'ابو' ? 'بو' : w.startsWith('ال') && w.length > 3 ? w.slice(2) : w))
    .join('');
}

export function latinFold(s: string): string {
  return s
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .replace(/[øØ]/g, 'o')
    .replace(/[åÅ]/g, 'a')
    .replace(/[‘’`ʻʿʾ´]/g, "'")
    .toLowerCase()
    .replace(/\s+/g, ' ')
    .trim();
}

const LATIN_ARTICLES = new Set(['al', 'el', 'ad', 'ar', 'as', 'ash', 'at', 'az', 'an', 'adh']);

function latinKey(s: string): string {
  const words = latinFold(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, ' ')
    .trim()
    .split(' ')
    .filter((w) => w.length > 0);
  return words.filter((w, i) => !(i === 0 && LATIN_ARTICLES.has(w) && words.length > 1)).join('');
}

export function keyOf(s: string): string {
  return ARABIC.test(s) ? `a:${arabicKey(s)}` : `l:${latinKey(s)}`;
}

export function slug(s: string): string {
  return latinFold(s)
    .replace(/'/g, '')
    .replace(/[^a-z0-9]+/g, '-')
    .replace(/^-+|-+$/g, '');
}
