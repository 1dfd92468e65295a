/**
 * Reads the lexicon, context, intent, urgency, sentiment and gazetteer data into flat entries: each
 * term with the layer it matches in and the effect a match has, before they become word ids.
 */
import { DOMAINS, INTENTS } from '../src/domain/classification';
import { stemTokens } from './light-stemmer';
import type { ClassifierData, TermGroup } from './lexicon-files';
import { EffectKind, Layer, PHRASE_BOOST, type Effect } from './phrase-index-types';

export const LATIN_TERM = /^[a-z0-9 '\-]+$/i;

export interface Entry {
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

export function collectEntries(data: ClassifierData): Entry[] {
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
  for (const text of data.intent.plea.terms) entries.push({ layer: Layer.Cue, text, effect: { kind: EffectKind.Plea, weight: data.intent.plea.weight } });
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
      const cue = a.cue === 2 && LATIN_TERM.test(text) ? 1 : a.cue;
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
  for (const text of gz.landmarkWords) entries.push({ layer: Layer.Place, text, effect: { kind: EffectKind.Landmark } });
  return entries;
}
