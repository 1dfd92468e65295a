/**
 * The shapes of the compiled phrase index and the enums the hot path switches on: layers, effect
 * kinds and place roles, with the weights and lengths the build and the lookups share.
 */
import type { Domain, Intent } from '../src/domain/classification';
import type { KeyTable, MultiTable } from './key-table';

/** Multi-word terms score this many times their group weight (phrases beat words). */
export const PHRASE_BOOST = 1.5;
/**
 * Arabic words at least this long (after the article) are matched with edit distance ≤ 1, so a
 * misspelt «المجايرر» still reads as «مجارير». Not shorter: Arabic roots are dense, and at five
 * letters one edit turned «المجتمع» (society) into «متجمع» (pooled water), «الاتفاق» (agreement)
 * into «انفاق», «التدريب» (training) into «تسريب» (a leak) and «الرابعة» into «رافعة» (a crane):
 * on the real training text most five-letter fuzzy hits were such words. Not English either: there
 * "bring" read as "bridge", "leading" and "leaving" as "leaking", "drivers" as "diversion". Without
 * those hits the figures on real text fell by under 0.005 held out (wrong words that happened to
 * sit in works posts); a misspelling still reaches the model through its character grams.
 */
export const FUZZY_MIN_LENGTH = 6;

/** Matches in one layer compete for tokens (longest first); different layers overlap freely. */
export const enum Layer {
  Topic = 0,
  Cue = 1,
  Place = 2,
}

export const enum EffectKind {
  Domain,
  Figurative,
  Offtopic,
  Ministry,
  Intent,
  Plea,
  Resolution,
  News,
  Urgency,
  Sentiment,
  Area,
  Governorate,
  NamedRoad,
  AddressKey,
  NumberWord,
  CueWord,
  Locative,
  Unit,
  Council,
  Facility,
  Landmark,
}

export type AddressField = 'block' | 'road' | 'building' | 'flat';

export type Effect =
  | { kind: EffectKind.Domain; domain: number; weight: number; problem: boolean }
  | { kind: EffectKind.Figurative }
  | { kind: EffectKind.Offtopic; topic: string; weight: number }
  | { kind: EffectKind.Ministry; weight: number }
  | { kind: EffectKind.Intent; intent: number; weight: number }
  | { kind: EffectKind.Plea; weight: number }
  | { kind: EffectKind.Resolution }
  | { kind: EffectKind.News }
  | { kind: EffectKind.Urgency; weight: number }
  | { kind: EffectKind.Sentiment; polarity: 1 | -1 }
  | { kind: EffectKind.Area; area: number; cue: number }
  | { kind: EffectKind.Governorate; gov: number }
  | { kind: EffectKind.NamedRoad; name: string }
  | { kind: EffectKind.AddressKey; field: AddressField }
  | { kind: EffectKind.NumberWord }
  | { kind: EffectKind.CueWord }
  | { kind: EffectKind.Locative }
  | { kind: EffectKind.Unit }
  | { kind: EffectKind.Council }
  | { kind: EffectKind.Facility }
  | { kind: EffectKind.Landmark };

export const enum PlaceRole {
  NumberWord = 1,
  CueWord = 2,
  Locative = 4,
  /** A measure, amount, duration or count word: the number before it is not an address. */
  Unit = 8,
  /** Council or municipality: the place after it is who was asked, not where the problem is. */
  Council = 16,
  /** Starts an address part (مجمع، طريق، منزل …). */
  AddressKey = 32,
  /** Hospital, medical complex: a place beside it is part of the facility's name. */
  Facility = 64,
  /** A public place named after its area (ممشى، حديقة، كورنيش; walkway, park): the name beside it is that area. */
  Landmark = 128,
}

export interface Phrase {
  ids: Int32Array;
  /** The term as written in the data file (shown as evidence). */
  term: string;
  effects: Effect[];
}

export interface AreaInfo {
  name: string;
  governorate: string | null;
  /** Some Arabic spelling carries the article (المحرق): else «العالي» is an adjective or surname, not عالي. */
  article: boolean;
  /** Some Arabic spelling lacks the article (محرق): else «مصلى» without it is the common noun, not المصلى. */
  bare: boolean;
  /** Some Arabic spelling ends in ي (عالي، عذاري): else a token ending in ي is a nisba («الجدحفصي»), not the place. */
  yeh: boolean;
  lat: number | null;
  lon: number | null;
}

export interface GovernorateInfo {
  name: string;
  lat: number | null;
  lon: number | null;
}

export interface PhraseIndex {
  vocabulary: KeyTable;
  wordCount: number;
  /** byFirst[layer][wordId]: phrases starting with that word, longest first. */
  byFirst: (Phrase[] | undefined)[][];
  fuzzy: MultiTable;
  /** fuzzyKeys[v] and fuzzyWords[v]: the word a fuzzy candidate v stands for. */
  fuzzyKeys: string[];
  fuzzyWords: number[];
  /** Longest fuzzy key: a word more than one letter longer cannot be one edit away from any. */
  fuzzyMaxLength: number;
  areas: AreaInfo[];
  governorates: GovernorateInfo[];
  /** governorateOf[area]: index into governorates, or -1. */
  governorateOf: Int32Array;
  /**
   * English address keywords as written (block, road, flat …): the English stemmer folds
   * "blocked" and "blocking" into "block", so a Latin keyword hit must be one of these surfaces.
   */
  latinAddressKeys: Set<string>;
  /** Block number (digits as written, no leading zeros) → its place and centroid (blocks.json). */
  blocks: Map<string, { area: number; lat: number | null; lon: number | null }>;
  emojiPolarity: Map<number, 1 | -1>;
  /** placeRole[wordId]: PlaceRole bits of the single word (number word, cue word, locative). */
  placeRole: Uint8Array;
  domains: readonly Domain[];
  intents: readonly Intent[];
}
