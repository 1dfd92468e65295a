/**
 * Compiles the data files into the structures the hot path reads: a vocabulary (normalized word
 * and its light stem → word id), phrases as word-id sequences grouped by first word and layer,
 * and a deletion index for fuzzy matching of long words. Built once, read-only afterwards.
 */
import { DOMAINS, INTENTS, type Domain, type Intent } from '../src/domain/classification';
import { hashString, TokenKind } from './normalize';
import { KeyTable, MultiTable } from './key-table';
import { stemTokens } from './light-stemmer';
import type { ClassifierData, TermGroup } from './lexicon-files';

const LATIN = /^[a-z0-9 '\-]+$/i;

/** Multi-word terms score this many times their group weight (phrases beat words). */
export const PHRASE_BOOST = 1.5;
/** Words at least this long (after the article) are matched with edit distance ≤ 1. */
export const FUZZY_MIN_LENGTH = 5;

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
}

export type AddressField = 'block' | 'road' | 'building' | 'flat';

export type Effect =
  | { kind: EffectKind.Domain; domain: number; weight: number; problem: boolean }
  | { kind: EffectKind.Figurative }
  | { kind: EffectKind.Offtopic; topic: string; weight: number }
  | { kind: EffectKind.Ministry; weight: number }
  | { kind: EffectKind.Intent; intent: number; weight: number }
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
  | { kind: EffectKind.Facility };

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

interface Entry {
  layer: Layer;
  text: string;
  effect: Effect;
  fuzzy?: boolean;
}

function groupEntries(layer: Layer, groups: TermGroup[], make: (g: TermGroup, multiword: boolean) => Effect): Entry[] {
  const out: Entry[] = [];
  for (const g of groups) {
    for (const text of g.terms) {
      const multiword = stemTokens(text).length > 1;
      out.push({ layer, text, effect: make(g, multiword) });
    }
  }
  return out;
}

function phraseWeight(g: TermGroup, multiword: boolean): number {
  return multiword ? (g.phraseWeight ?? g.weight * PHRASE_BOOST) : g.weight;
}

function collectEntries(data: ClassifierData): Entry[] {
  const entries: Entry[] = [];
  data.lexicons.forEach((lex) => {
    const domain = DOMAINS.indexOf(lex.domain);
    for (const g of lex.groups) {
      for (const text of g.terms) {
        const multiword = stemTokens(text).length > 1;
        entries.push({
          layer: Layer.Topic,
          text,
          effect: { kind: EffectKind.Domain, domain, weight: phraseWeight(g, multiword), problem: g.problem === true },
          fuzzy: !multiword && g.weight >= 1,
        });
      }
    }
    for (const text of lex.figurative) entries.push({ layer: Layer.Topic, text, effect: { kind: EffectKind.Figurative } });
  });
  const ctx = data.context;
  entries.push(...groupEntries(Layer.Topic, ctx.ministry, (g, m) => ({ kind: EffectKind.Ministry, weight: phraseWeight(g, m) })));
  for (const g of ctx.offtopic) {
    for (const text of g.terms) {
      entries.push({ layer: Layer.Topic, text, effect: { kind: EffectKind.Offtopic, topic: g.topic, weight: g.weight } });
    }
  }
  const intents = data.intent.intents;
  for (const intent of ['complaint', 'inquiry', 'suggestion', 'praise'] as const) {
    const idx = INTENTS.indexOf(intent);
    entries.push(...groupEntries(Layer.Cue, intents[intent], (g, m) => ({ kind: EffectKind.Intent, intent: idx, weight: phraseWeight(g, m) })));
  }
  for (const text of data.intent.resolution) entries.push({ layer: Layer.Cue, text, effect: { kind: EffectKind.Resolution } });
  for (const text of data.intent.news) entries.push({ layer: Layer.Cue, text, effect: { kind: EffectKind.News } });
  entries.push(...groupEntries(Layer.Cue, data.urgency.levels.high, (g) => ({ kind: EffectKind.Urgency, weight: g.weight })));
  for (const text of data.sentiment.positive) entries.push({ layer: Layer.Cue, text, effect: { kind: EffectKind.Sentiment, polarity: 1 } });
  for (const text of data.sentiment.negative) entries.push({ layer: Layer.Cue, text, effect: { kind: EffectKind.Sentiment, polarity: -1 } });

  const gz = data.gazetteer;
  gz.areas.forEach((a, area) => {
    for (const text of [a.name, ...a.aliases]) {
      // A cue level measures how ambiguous the Arabic word is (الحد "the limit", القرية "the
      // village"); its transliteration (Hidd, Qurayya) is no everyday English word, so a
      // locative (in/at/near) is enough there.
      const cue = a.cue === 2 && LATIN.test(text) ? 1 : a.cue;
      entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Area, area, cue } });
    }
  });
  gz.governorates.forEach((g, gov) => {
    for (const text of [g.name, ...g.aliases]) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Governorate, gov } });
  });
  for (const r of gz.roads) {
    for (const text of [r.name, ...r.aliases]) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.NamedRoad, name: r.name } });
  }
  for (const field of ['block', 'road', 'building', 'flat'] as const) {
    for (const text of gz.addressKeywords[field]) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.AddressKey, field } });
  }
  for (const text of gz.numberWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.NumberWord } });
  for (const text of gz.cueWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.CueWord } });
  for (const text of gz.locativeWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Locative } });
  for (const text of gz.unitWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Unit } });
  for (const text of gz.councilWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Council } });
  for (const text of gz.facilityWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Facility } });
  return entries;
}

/** Builds the index. Surface forms are registered before stems, so a word beats another's stem. */
export function buildPhraseIndex(data: ClassifierData): PhraseIndex {
  const entries = collectEntries(data);
  const vocabulary = new KeyTable(8192);
  // A word id stands for a stem class: every surface form with the same light stem is one word,
  // so "الشارع", "بالشارع" and "شارع" all match a phrase written with any of them. Neutral words
  // keep an id of their own, keyed by their surface, so their stem never joins a domain word.
  const classIds = new Map<string, number>();
  const surfaces = new Map<string, number>();
  const stems = new Map<string, number>();
  let wordCount = 0;
  const classOf = (key: string): number => {
    let id = classIds.get(key);
    if (id === undefined) {
      id = wordCount++;
      classIds.set(key, id);
    }
    return id;
  };

  for (const word of data.context.neutral) {
    for (const t of stemTokens(word)) if (!surfaces.has(t.token)) surfaces.set(t.token, classOf(`=${t.token}`));
  }
  const compiled: { entry: Entry; ids: number[]; tokens: ReturnType<typeof stemTokens> }[] = [];
  for (const entry of entries) {
    const tokens = stemTokens(entry.text);
    if (tokens.length === 0) continue;
    const ids = tokens.map((t) => {
      const known = surfaces.get(t.token);
      if (known !== undefined) return known;
      const id = classOf(t.stem);
      surfaces.set(t.token, id);
      if (!stems.has(t.stem)) stems.set(t.stem, id);
      return id;
    });
    compiled.push({ entry, ids, tokens });
  }
  for (const [token, id] of surfaces) vocabulary.add(token, id);
  for (const [stem, id] of stems) if (stem.length >= 2) vocabulary.add(stem, id);

  const byFirst: (Phrase[] | undefined)[][] = [[], [], []];
  const phraseByKey = new Map<string, Phrase>();
  for (const { entry, ids } of compiled) {
    const key = `${entry.layer}:${ids.join(',')}`;
    let phrase = phraseByKey.get(key);
    if (!phrase) {
      phrase = { ids: Int32Array.from(ids), term: entry.text, effects: [] };
      phraseByKey.set(key, phrase);
      const lists = byFirst[entry.layer];
      (lists[ids[0]] ??= []).push(phrase);
    }
    mergeEffect(phrase.effects, entry.effect);
  }
  for (const lists of byFirst) for (const list of lists) list?.sort((a, b) => b.ids.length - a.ids.length);

  const fuzzy = new MultiTable();
  const fuzzyKeys: string[] = [];
  const fuzzyWords: number[] = [];
  for (const { entry, ids, tokens } of compiled) {
    if (!entry.fuzzy || tokens[0].kind === TokenKind.Handle) continue;
    const keys = new Set([tokens[0].token, tokens[0].stem]);
    for (const key of keys) {
      if (key.length < FUZZY_MIN_LENGTH) continue;
      const v = fuzzyKeys.length;
      fuzzyKeys.push(key);
      fuzzyWords.push(ids[0]);
      fuzzy.add(hashString(key), v);
      for (let k = 0; k < key.length; k++) fuzzy.add(hashString(key.slice(0, k) + key.slice(k + 1)), v);
    }
  }
  fuzzy.build();

  const emojiPolarity = new Map<number, 1 | -1>();
  for (const [list, polarity] of [
    [data.sentiment.emoji.positive, 1],
    [data.sentiment.emoji.negative, -1],
  ] as const) {
    for (const e of list) {
      const cp = e.codePointAt(0);
      if (cp !== undefined) emojiPolarity.set(cp, polarity);
    }
  }

  const placeRole = new Uint8Array(wordCount);
  for (const list of byFirst[Layer.Place]) {
    for (const p of list ?? []) {
      if (p.ids.length !== 1) continue;
      for (const e of p.effects) {
        if (e.kind === EffectKind.NumberWord) placeRole[p.ids[0]] |= PlaceRole.NumberWord;
        else if (e.kind === EffectKind.CueWord) placeRole[p.ids[0]] |= PlaceRole.CueWord;
        else if (e.kind === EffectKind.Locative) placeRole[p.ids[0]] |= PlaceRole.Locative;
        else if (e.kind === EffectKind.Unit) placeRole[p.ids[0]] |= PlaceRole.Unit;
        else if (e.kind === EffectKind.Council) placeRole[p.ids[0]] |= PlaceRole.Council;
        else if (e.kind === EffectKind.AddressKey) placeRole[p.ids[0]] |= PlaceRole.AddressKey;
        else if (e.kind === EffectKind.Facility) placeRole[p.ids[0]] |= PlaceRole.Facility;
      }
    }
  }

  const gz = data.gazetteer;
  return {
    placeRole,
    vocabulary,
    wordCount,
    byFirst,
    fuzzy,
    fuzzyKeys,
    fuzzyWords,
    fuzzyMaxLength: fuzzyKeys.reduce((max, k) => Math.max(max, k.length), 0),
    areas: gz.areas.map((a) => ({
      name: a.name,
      governorate: a.governorate,
      article: [a.name, ...a.aliases].some((t) => /^ال/.test(t)),
      bare: [a.name, ...a.aliases].some((t) => /^[\u0600-\u06ff]/.test(t) && !/^ال/.test(t)),
      yeh: [a.name, ...a.aliases].some((t) => /[يى]$/.test(t)),
      lat: a.lat,
      lon: a.lon,
    })),
    governorates: gz.governorates.map((g) => ({ name: g.name, lat: g.lat, lon: g.lon })),
    governorateOf: Int32Array.from(gz.areas, (a) => gz.governorates.findIndex((g) => g.name === a.governorate)),
    blocks: gz.blocks,
    latinAddressKeys: new Set(
      Object.values(gz.addressKeywords)
        .flat()
        .filter((k) => LATIN.test(k))
        .map((k) => k.toLowerCase()),
    ),
    emojiPolarity,
    domains: DOMAINS,
    intents: INTENTS,
  };
}

/** Same effect listed twice for one phrase: keep the stronger weight. */
function mergeEffect(effects: Effect[], e: Effect): void {
  for (let i = 0; i < effects.length; i++) {
    const x = effects[i];
    if (x.kind !== e.kind) continue;
    if (x.kind === EffectKind.Domain && e.kind === EffectKind.Domain && x.domain === e.domain) {
      effects[i] = { ...x, weight: Math.max(x.weight, e.weight), problem: x.problem || e.problem };
      return;
    }
    if (x.kind === EffectKind.Intent && e.kind === EffectKind.Intent && x.intent === e.intent) {
      effects[i] = { ...x, weight: Math.max(x.weight, e.weight) };
      return;
    }
    if ('weight' in x && 'weight' in e && x.kind !== EffectKind.Domain && x.kind !== EffectKind.Intent) {
      if (x.kind === EffectKind.Offtopic && e.kind === EffectKind.Offtopic && x.topic !== e.topic) continue;
      effects[i] = { ...x, weight: Math.max(x.weight, e.weight) } as Effect;
      return;
    }
    if (!('weight' in x) && JSON.stringify(x) === JSON.stringify(e)) return;
  }
  effects.push(e);
}
