/**
 * Bahrain address extraction from the place layer: "مجمع 701 / block 701", "طريق 1234 / شارع 12 /
 * road 1234", "مبنى 45 / منزل 45 / house 45" (an optional رقم/no between keyword and number), named
 * roads and highways, areas and governorates from the gazetteer. Ambiguous place names (عالي،
 * سند، جو…) need context: a locative word or clitic before them, a cue word (منطقة، قرية، فريج),
 * or an address number in the same post.
 */
import type { Location } from '../src/domain/classification';
import { NormalizeBuffer, TokenKind } from './normalize';
import { EffectKind, Layer, PlaceRole, type PhraseIndex } from './phrase-index';
import { TokenFlag, type TokenResolver } from './token-lookup';

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
const TOKEN_KIND_DIGITS = TokenKind.Digits;
const TOKEN_FLAG_CLITIC = TokenFlag.Clitic;

const MAX_ADDRESS_DIGITS = 5;

export function extractLocation(b: NormalizeBuffer, r: TokenResolver, index: PhraseIndex): Location {
  const n = b.tokenCount;
  const ids = r.ids;
  const lists = index.byFirst[LAYER_PLACE];
  let loc: Location | undefined;
  let hasNumber = false;
  let weakArea = -1;
  let i = 0;
  while (i < n) {
    const id = ids[i];
    const list = id >= 0 ? lists[id] : undefined;
    let len = 1;
    if (list !== undefined) {
      for (let p = 0; p < list.length; p++) {
        const phrase = list[p];
        const m = phrase.ids.length;
        if (i + m > n) continue;
        let k = 1;
        while (k < m && ids[i + k] === phrase.ids[k]) k++;
        if (k < m) continue;
        len = m;
        for (const e of phrase.effects) {
          switch (e.kind) {
            case EFFECT_KIND_ADDRESS_KEY: {
              let j = i + m;
              if (j < n && ids[j] >= 0 && (index.placeRole[ids[j]] & PLACE_ROLE_NUMBER_WORD) !== 0) j++;
              if (j < n && b.tokKind[j] === TOKEN_KIND_DIGITS && b.tokEnd[j] - b.tokStart[j] <= MAX_ADDRESS_DIGITS) {
                loc ??= {};
                if (loc[e.field] === undefined) loc[e.field] = b.slice(b.tokStart[j], b.tokEnd[j]);
                hasNumber = true;
              }
              break;
            }
            case EFFECT_KIND_NAMED_ROAD:
              loc ??= {};
              loc.road ??= e.name;
              break;
            case EFFECT_KIND_GOVERNORATE:
              loc ??= {};
              loc.governorate ??= e.name;
              break;
            case EFFECT_KIND_AREA: {
              if (loc?.area !== undefined) break;
              const prevRole = i > 0 && ids[i - 1] >= 0 ? index.placeRole[ids[i - 1]] : 0;
              const cued = (prevRole & PLACE_ROLE_CUE_WORD) !== 0;
              const locative = cued || (prevRole & PLACE_ROLE_LOCATIVE) !== 0 || (r.flags[i] & TOKEN_FLAG_CLITIC) !== 0;
              if (e.cue === 0 || (e.cue === 1 && locative) || (e.cue === 2 && cued)) {
                loc ??= {};
                loc.area = index.areas[e.area].name;
              } else if (weakArea < 0) {
                weakArea = e.area + (e.cue << 16);
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
  // An ambiguous name next to an address number in the same post is taken as the place.
  if (weakArea >= 0 && hasNumber && loc?.area === undefined) {
    loc ??= {};
    loc.area = index.areas[weakArea & 0xffff].name;
  }
  if (loc?.area !== undefined && loc.governorate === undefined) {
    const area = index.areas.find((a) => a.name === loc!.area);
    if (area?.governorate) loc.governorate = area.governorate;
  }
  return loc ?? {};
}
