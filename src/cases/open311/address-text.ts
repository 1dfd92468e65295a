/**
 * A case's location as the one-line address GeoReport v2 asks for, most specific part first.
 * Arabic when the location is Arabic (its area or governorate is written in Arabic, as the
 * gazetteer writes them), so an Arabic post reads «مجمع 367، طريق 12، سترة» in a partner's system
 * rather than a mix of English keywords and Arabic names. A reporter's own address_string wins:
 * it is what they will recognise.
 */
import type { Location } from '../../domain';

const ARABIC = /[\u0600-\u06ff]/;
const DIGITS = /^\d+$/;

export function addressOf(l: Location): string | null {
  if (l.address) return l.address;
  const arabic = ARABIC.test(`${l.area ?? ''}${l.governorate ?? ''}${l.road ?? ''}`);
  // The governorate only when no area is known: the area already says where it is.
  const place = l.area ?? l.governorate;
  const road = (word: string) => l.road && (DIGITS.test(l.road) ? `${word} ${l.road}` : l.road);
  const parts = arabic
    ? [l.flat && `شقة ${l.flat}`, l.building && `مبنى ${l.building}`, l.block && `مجمع ${l.block}`, road('طريق'), place]
    : [l.flat && `Flat ${l.flat}`, l.building && `Building ${l.building}`, road('Road'), l.block && `Block ${l.block}`, place];
  const present = parts.filter((p): p is string => Boolean(p));
  return present.length ? present.join(arabic ? '، ' : ', ') : null;
}
