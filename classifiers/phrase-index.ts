/**
 * Compiles the data files into the structures the hot path reads: a vocabulary (normalized word
 * and its light stem → word id), phrases as word-id sequences grouped by first word and layer,
 * and a deletion index for fuzzy matching of long words. Built once, read-only afterwards.
 */
import { DOMAINS, INTENTS } from '../src/domain/classification';
import { hashString } from './normalize-buffer';
import { TokenKind } from './normalize-pass';
import { KeyTable, MultiTable } from './key-table';
import { stemTokens } from './light-stemmer';
import type { ClassifierData } from './lexicon-files';
import { collectEntries, LATIN_TERM, type Entry } from './phrase-entries';
import { EffectKind, FUZZY_MIN_LENGTH, Layer, PlaceRole, type Effect, type Phrase, type PhraseIndex } from './phrase-index-types';

export {
  FUZZY_MIN_LENGTH,
  PHRASE_BOOST,
  EffectKind,
  Layer,
  PlaceRole,
  type AddressField,
  type AreaInfo,
  type Effect,
  type GovernorateInfo,
  type Phrase,
  type PhraseIndex,
} from './phrase-index-types';

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
    if (!entry.fuzzy || tokens[0].kind !== TokenKind.Arabic) continue;
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
        else if (e.kind === EffectKind.Landmark) placeRole[p.ids[0]] |= PlaceRole.Landmark;
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
        .filter((k) => LATIN_TERM.test(k))
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
