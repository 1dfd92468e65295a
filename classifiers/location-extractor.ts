/**
 * Bahrain address extraction from the place layer: "مجمع 701 / block 701", "طريق 1234 / شارع 12 /
 * road 1234 / avenue 45", "مبنى 45 / منزل 45 / building 45", "شقة 3 / flat 21" (an optional
 * رقم/no between keyword and number), named roads and highways, areas and governorates from the
 * gazetteer (places.json, blocks.json), then coordinates (location-coordinates.ts).
 *
 * Rules, each because of a miss seen in posts:
 * - Ambiguous place names (عالي، سند، جو، الحد …) need context: a locative word or clitic before
 *   them (cue 1), a cue word (منطقة، قرية، فريج) before them (cue 2), or an address part right
 *   beside them («سند مجمع 743»). Anywhere else they are ordinary words («الحد من الحوادث»).
 * - A number after an address keyword is not an address when a unit, amount, duration or count
 *   word follows it («الشارع 7 متر», «البيت 3 ايام») or another number does (a phone or a time).
 * - A 3–4 digit block-range number right before a place («أهالي 367 بقرية كرزكان») is the block,
 *   written without «مجمع».
 * - The area wins over the governorate: the governorate reported is the area's own. A place right
 *   after a council word («بلدية المحرق») is whom the citizen wrote to: when no other place is
 *   named it gives only the governorate (each council serves a whole governorate), not the area.
 * - A known block with no area named gives its area and governorate (blocks.json).
 * - A clitic ب/ل/و on a word the resolver read otherwise or not at all («بجد الحاج»: جد has two
 *   letters, too short to stem; «لطريق 3412»: لطريق is its own word in «وصلنا لطريق مسدود») is
 *   stripped when the rest starts a place phrase; a rest under three letters only starts a
 *   phrase of two or more words, and never after و («وجد» is the verb 'found').
 * - A person's nisba is not the place: a token ending in ي for a place none of whose spellings
 *   ends in ي («علي الجدحفصي»), or carrying the article for a place never written with it
 *   («العالي»: the adjective 'high' or the surname), is no match; nor is a token without the
 *   article for a place always written with it («في مصلى النساء» is a prayer hall, not المصلى).
 * - A dateline is the place: a place at the start of the post or of a line followed by a dash
 *   («عذاري - اسم المراسل …», «عالي – …») counts as cued, whatever its cue level.
 * - A public place named after its area («ممشى الحد», «حديقة عالي», "Seef walkway") names that
 *   area: a landmark word right before or after a place cues it as a cue word does.
 * - A place right before or after a facility word («مستشفى السلمانية», «مجمع السلمانية الطبي»,
 *   Salmaniya Medical Complex) is the facility's name, not where the problem is.
 */
import type { Location } from '../src/domain/classification';
import { NormalizeBuffer } from './normalize-buffer';
import { TokenKind } from './normalize-pass';
import { placeCoordinates } from './location-coordinates';
import { EffectKind, Layer, PlaceRole, type PhraseIndex } from './phrase-index-types';
import { TokenFlag, type TokenResolver } from './token-lookup';
import { articleLength } from './light-stemmer';

// Enum members copied into module constants: under tsx (esbuild) every imported binding is a
// getter, and reading one per character or token dominated the profile.
const EFFECT_KIND_ADDRESS_KEY = EffectKind.AddressKey;
const EFFECT_KIND_AREA = EffectKind.Area;
const EFFECT_KIND_GOVERNORATE = EffectKind.Governorate;
const EFFECT_KIND_NAMED_ROAD = EffectKind.NamedRoad;
const LAYER_PLACE = Layer.Place;
const PLACE_ROLE_CUE_WORD = PlaceRole.CueWord;
const PLACE_ROLE_LOCATIVE = PlaceRole.Locative;
const PLACE_ROLE_NUMBER_WORD = PlaceRole.NumberWord;
const PLACE_ROLE_UNIT = PlaceRole.Unit;
const PLACE_ROLE_COUNCIL = PlaceRole.Council;
const PLACE_ROLE_FACILITY = PlaceRole.Facility;
const PLACE_ROLE_LANDMARK = PlaceRole.Landmark;
const TOKEN_KIND_ARABIC = TokenKind.Arabic;
const TOKEN_KIND_DIGITS = TokenKind.Digits;
const TOKEN_KIND_LATIN = TokenKind.Latin;
const TOKEN_FLAG_CLITIC = TokenFlag.Clitic;

const MAX_ADDRESS_DIGITS = 5;
const WAW = 0x0648;
const BEH = 0x0628;
const LAM = 0x0644;
const YEH = 0x064a;
const ALEF_MAKSURA = 0x0649;
/** Shortest rest after a stripped clitic that may start a one-word place phrase. */
const MIN_CLITIC_REST = 3;
/** Bahrain's block numbers run from 101 to the 1200s (Hamad Town): a bare number outside is no block. */
const MIN_BARE_BLOCK = 100;
const MAX_BARE_BLOCK = 1299;

export function extractLocation(b: NormalizeBuffer, r: TokenResolver, index: PhraseIndex, text?: string): Location {
  const n = b.tokenCount;
  const ids = r.ids;
  const role = index.placeRole;
  const lists = index.byFirst[LAYER_PLACE];
  let loc: Location | undefined;
  let area = -1;
  let councilArea = -1;
  let gov = -1;
  // Allocated only when a post has an address part or an ambiguous name (most posts have neither).
  let taken: number[] | undefined; // pairs: keyword position, number position
  let weak: number[] | undefined; // triples: area, first token, token after the name
  let i = 0;
  while (i < n) {
    const id = ids[i];
    let list = id >= 0 ? lists[id] : undefined;
    let clitic = (r.flags[i] & TOKEN_FLAG_CLITIC) !== 0;
    let shortRest = false;
    let stripped = false;
    if (list === undefined && b.tokKind[i] === TOKEN_KIND_ARABIC) {
      const s = b.tokStart[i];
      const c = b.codes[s];
      const rest = b.tokEnd[i] - s - 1;
      if ((c === BEH || c === LAM || c === WAW) && rest >= 2 && (c !== WAW || rest >= MIN_CLITIC_REST)) {
        const alt = r.lookup(b, s + 1, b.tokEnd[i]);
        if (alt >= 0 && lists[alt] !== undefined) {
          list = lists[alt];
          clitic = true;
          stripped = true;
          shortRest = rest < MIN_CLITIC_REST;
        }
      }
    }
    let len = 1;
    if (list !== undefined) {
      for (let p = 0; p < list.length; p++) {
        const phrase = list[p];
        const m = phrase.ids.length;
        if (i + m > n || (shortRest && m === 1)) continue;
        let k = 1;
        while (k < m && ids[i + k] === phrase.ids[k]) k++;
        if (k < m) continue;
        len = m;
        for (const e of phrase.effects) {
          switch (e.kind) {
            case EFFECT_KIND_ADDRESS_KEY: {
              if (b.tokKind[i] === TOKEN_KIND_LATIN && !isLatinKeyword(b, i, index)) break;
              let j = i + m;
              if (j < n && ids[j] >= 0 && (role[ids[j]] & PLACE_ROLE_NUMBER_WORD) !== 0) j++;
              if (isAddressNumber(b, ids, role, j)) {
                loc ??= {};
                if (loc[e.field] === undefined) loc[e.field] = b.slice(b.tokStart[j], b.tokEnd[j]);
                (taken ??= []).push(i, j);
              }
              break;
            }
            case EFFECT_KIND_NAMED_ROAD:
              loc ??= {};
              loc.road ??= e.name;
              break;
            case EFFECT_KIND_GOVERNORATE:
              if (gov < 0) gov = e.gov;
              break;
            case EFFECT_KIND_AREA: {
              if (area >= 0) break;
              const info = index.areas[e.area];
              if (b.tokKind[i] === TOKEN_KIND_ARABIC && (startsWithArticle(b, i, stripped) ? !info.article : !info.bare)) break;
              if (!info.yeh && endsWithYeh(b, i + m - 1)) break;
              const prevRole = i > 0 && ids[i - 1] >= 0 ? role[ids[i - 1]] : 0;
              const nextRole = i + m < n && ids[i + m] >= 0 ? role[ids[i + m]] : 0;
              if (((prevRole | nextRole) & PLACE_ROLE_FACILITY) !== 0) break;
              const cued = (prevRole & (PLACE_ROLE_CUE_WORD | PLACE_ROLE_LANDMARK)) !== 0 || (nextRole & PLACE_ROLE_LANDMARK) !== 0 || isDateline(b, i, i + m, text);
              const locative = cued || (prevRole & PLACE_ROLE_LOCATIVE) !== 0 || clitic;
              if (e.cue === 0 || (e.cue === 1 && locative) || (e.cue === 2 && cued)) {
                // «بلدية المحرق», "Muharraq council"
                if (((prevRole | nextRole) & PLACE_ROLE_COUNCIL) !== 0) {
                  if (councilArea < 0) councilArea = e.area;
                } else {
                  area = e.area;
                  const block = bareBlockBefore(b, ids, role, i, taken);
                  if (block !== undefined) {
                    loc ??= {};
                    loc.block ??= block;
                  }
                }
              } else {
                (weak ??= []).push(e.area, i, i + m);
              }
              break;
            }
            default:
              break;
          }
        }
        break;
      }
    }
    i += len;
  }
  if (area < 0 && weak !== undefined && taken !== undefined) area = weakBesideAddress(weak, taken);
  if (area < 0 && loc?.block !== undefined) area = index.blocks.get(loc.block)?.area ?? -1;
  // Bahrain's municipalities and municipal councils are one per governorate (بلدية المحرق, مجلس
  // المحرق البلدي, المجلس البلدي الشمالي; the capital's Trusteeship Council): the council's place
  // stands for its governorate, never for the town it is named after.
  if (area < 0 && councilArea >= 0 && gov < 0 && index.governorateOf[councilArea] >= 0) gov = index.governorateOf[councilArea];
  if (area >= 0) {
    loc ??= {};
    loc.area = index.areas[area].name;
    if (index.governorateOf[area] >= 0) gov = index.governorateOf[area];
  }
  if (gov >= 0) {
    loc ??= {};
    loc.governorate = index.governorates[gov].name;
  }
  if (loc === undefined) return {};
  placeCoordinates(loc, area, gov, index);
  return loc;
}

/** The Arabic token at i carries the article (ال، وال، بال …), after the clitic already stripped. */
function startsWithArticle(b: NormalizeBuffer, i: number, stripped: boolean): boolean {
  return articleLength(b.codes, b.tokStart[i] + (stripped ? 1 : 0), b.tokEnd[i]) > 0;
}

/** The token at j is Arabic and ends in ي (a nisba: جدحفصي، ستراوي). */
function endsWithYeh(b: NormalizeBuffer, j: number): boolean {
  if (b.tokKind[j] !== TOKEN_KIND_ARABIC) return false;
  const c = b.codes[b.tokEnd[j] - 1];
  return c === YEH || c === ALEF_MAKSURA;
}

function isDash(c: number): boolean {
  return c === 0x2d || (c >= 0x2010 && c <= 0x2015) || c === 0x2212 || c === 0xfe58 || c === 0xfe63 || c === 0xff0d;
}

/** «عذاري - اسم المراسل …»: the phrase start..end begins the post or a line and a dash follows it, before more text. */
function isDateline(b: NormalizeBuffer, start: number, end: number, text: string | undefined): boolean {
  if (end >= b.tokenCount) return false;
  let dash = false;
  for (let k = b.tokEnd[end - 1]; k < b.tokStart[end]; k++) {
    if (isDash(b.codes[k])) {
      dash = true;
      break;
    }
  }
  if (!dash) return false;
  if (start === 0) return true;
  if (text === undefined) return false;
  // Newlines are spaces in the normalized buffer: look between the two tokens in the original text.
  const from = b.ends[b.tokEnd[start - 1] - 1];
  const to = b.starts[b.tokStart[start]];
  for (let k = from; k < to; k++) if (text.charCodeAt(k) === 0x0a) return true;
  return false;
}

/** "block", "blocks", "Blk" — not "blocked" or "blocking", which the stemmer folds into block. */
function isLatinKeyword(b: NormalizeBuffer, i: number, index: PhraseIndex): boolean {
  const word = b.slice(b.tokStart[i], b.tokEnd[i]).toLowerCase();
  return index.latinAddressKeys.has(word) || (word.endsWith('s') && index.latinAddressKeys.has(word.slice(0, -1)));
}

/** Digits of address length, not followed by a unit word (a width, amount, time) or more digits (a phone number, a time). */
function isAddressNumber(b: NormalizeBuffer, ids: Int32Array, role: Uint8Array, j: number): boolean {
  const n = b.tokenCount;
  if (j >= n || b.tokKind[j] !== TOKEN_KIND_DIGITS || b.tokEnd[j] - b.tokStart[j] > MAX_ADDRESS_DIGITS) return false;
  if (j + 1 < n) {
    if (b.tokKind[j + 1] === TOKEN_KIND_DIGITS) return false;
    // «منزل رقم 12 والسيارات …»: a word joined by و starts a new phrase, it does not count the number.
    if (ids[j + 1] >= 0 && (role[ids[j + 1]] & PLACE_ROLE_UNIT) !== 0 && b.codes[b.tokStart[j + 1]] !== WAW) return false;
  }
  return true;
}

/** «أهالي 367 بقرية كرزكان»: a block-range number right before the place (a cue or locative word may sit between). */
function bareBlockBefore(b: NormalizeBuffer, ids: Int32Array, role: Uint8Array, at: number, taken: number[] | undefined): string | undefined {
  let j = at - 1;
  if (j >= 0 && ids[j] >= 0 && (role[ids[j]] & (PLACE_ROLE_CUE_WORD | PLACE_ROLE_LOCATIVE)) !== 0) j--;
  if (j < 0 || b.tokKind[j] !== TOKEN_KIND_DIGITS) return undefined;
  const len = b.tokEnd[j] - b.tokStart[j];
  if (len < 3 || len > 4) return undefined;
  if (taken !== undefined) for (let t = 1; t < taken.length; t += 2) if (taken[t] === j) return undefined;
  const digits = b.slice(b.tokStart[j], b.tokEnd[j]);
  const value = Number(digits);
  return value >= MIN_BARE_BLOCK && value <= MAX_BARE_BLOCK ? digits : undefined;
}

/** An ambiguous name right before an address keyword («سند مجمع 743») or right after its number («مجمع 743 سند»). */
function weakBesideAddress(weak: number[], taken: number[]): number {
  for (let w = 0; w < weak.length; w += 3) {
    for (let t = 0; t < taken.length; t += 2) {
      if (taken[t] === weak[w + 2] || taken[t + 1] === weak[w + 1] - 1) return weak[w];
    }
  }
  return -1;
}
