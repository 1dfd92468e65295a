/**
 * The matching pass of the keyword classifier: normalize a text into its buffer, resolve tokens to
 * word ids, greedily match the topic and cue layers' phrases and add their effects to the signals,
 * with the evidence (term and original span) behind each domain, intent and urgency score.
 */
import type { Evidence } from '../src/domain/classification';
import { NormalizeBuffer } from './normalize-buffer';
import { normalizeInto } from './normalize-pass';
import { EffectKind, Layer, type Phrase, type PhraseIndex } from './phrase-index-types';
import { TokenFlag, TokenResolver } from './token-lookup';
import { declaredIntent, Signals } from './intent-rules';

// Enum members copied into module constants: under tsx (esbuild) every imported binding is a
// getter, and reading one per character or token dominated the profile.
const EFFECT_KIND_DOMAIN = EffectKind.Domain;
const EFFECT_KIND_FIGURATIVE = EffectKind.Figurative;
const EFFECT_KIND_INTENT = EffectKind.Intent;
const EFFECT_KIND_MINISTRY = EffectKind.Ministry;
const EFFECT_KIND_NEWS = EffectKind.News;
const EFFECT_KIND_PLEA = EffectKind.Plea;
const EFFECT_KIND_OFFTOPIC = EffectKind.Offtopic;
const EFFECT_KIND_RESOLUTION = EffectKind.Resolution;
const EFFECT_KIND_SENTIMENT = EffectKind.Sentiment;
const EFFECT_KIND_URGENCY = EffectKind.Urgency;
const LAYER_CUE = Layer.Cue;
const LAYER_TOPIC = Layer.Topic;
const TOKEN_FLAG_FUZZY = TokenFlag.Fuzzy;

/** A fuzzy (misspelt) match counts this fraction of the term's weight. */
export const FUZZY_FACTOR = 0.6;

/** Scratch space and phrase matching for one classifier; match() overwrites it. */
export class PhraseMatcher {
  private readonly index: PhraseIndex;
  readonly buf = new NormalizeBuffer();
  readonly resolver: TokenResolver;
  readonly signals = new Signals();
  /** domainEvidence[d], intentEvidence, urgencyEvidence: the matches behind each score of the last text. */
  domainEvidence: Evidence[][] = [[], [], []];
  intentEvidence: Evidence[] = [];
  urgencyEvidence: Evidence[] = [];
  /** The figurative phrases (lexicon entries) the last text matched: for the lexicons' authors. */
  figurativeTerms: string[] = [];

  constructor(index: PhraseIndex) {
    this.index = index;
    this.resolver = new TokenResolver(index);
  }

  match(text: string): void {
    const b = this.buf;
    normalizeInto(typeof text === 'string' ? text : '', b);
    this.resolver.resolveAll(b);
    const s = this.signals;
    s.reset();
    s.questionMarks = b.questionMarks;
    s.declaredIntent = typeof text === 'string' ? declaredIntent(text) : -1;
    this.domainEvidence = [[], [], []];
    this.intentEvidence = [];
    this.urgencyEvidence = [];
    this.figurativeTerms = [];
    this.matchLayer(LAYER_TOPIC);
    this.matchLayer(LAYER_CUE);
    this.scoreEmoji();
  }

  /** Greedy longest match of one layer's phrases over the token ids. */
  private matchLayer(layer: Layer): void {
    const b = this.buf;
    const ids = this.resolver.ids;
    const n = b.tokenCount;
    const lists = this.index.byFirst[layer];
    let i = 0;
    while (i < n) {
      const id = ids[i];
      const list = id >= 0 ? lists[id] : undefined;
      let advanced = false;
      if (list !== undefined) {
        for (let p = 0; p < list.length; p++) {
          const phrase = list[p];
          const m = phrase.ids.length;
          if (i + m > n) continue;
          let k = 1;
          while (k < m && ids[i + k] === phrase.ids[k]) k++;
          if (k < m) continue;
          this.apply(phrase, i, i + m);
          i += m;
          advanced = true;
          break;
        }
      }
      if (!advanced) i++;
    }
  }

  private apply(phrase: Phrase, first: number, last: number): void {
    const s = this.signals;
    const b = this.buf;
    let fuzzy = false;
    for (let t = first; t < last; t++) if ((this.resolver.flags[t] & TOKEN_FLAG_FUZZY) !== 0) fuzzy = true;
    const factor = fuzzy ? FUZZY_FACTOR : 1;
    const effects = phrase.effects;
    let figurative = false;
    for (let k = 0; k < effects.length; k++) if (effects[k].kind === EFFECT_KIND_FIGURATIVE) figurative = true;
    if (figurative) {
      this.figurativeTerms.push(phrase.term);
      s.figurative++;
      if (last - first >= 2) s.figurativePhrases++;
      return;
    }
    const evidence: Evidence = {
      term: fuzzy ? `~${phrase.term}` : phrase.term,
      start: b.starts[b.tokStart[first]],
      end: b.ends[b.tokEnd[last - 1] - 1],
    };
    for (let k = 0; k < effects.length; k++) {
      const e = effects[k];
      switch (e.kind) {
        case EFFECT_KIND_DOMAIN:
          s.domainScore[e.domain] += e.weight * factor;
          if (e.problem) s.problem += e.weight * factor;
          this.domainEvidence[e.domain].push(evidence);
          break;
        case EFFECT_KIND_OFFTOPIC:
          s.offtopic += e.weight;
          break;
        case EFFECT_KIND_MINISTRY:
          s.ministry += e.weight;
          break;
        case EFFECT_KIND_INTENT:
          s.intentScore[e.intent] += e.weight * factor;
          this.intentEvidence.push(evidence);
          break;
        case EFFECT_KIND_PLEA:
          s.plea += e.weight * factor;
          this.intentEvidence.push(evidence);
          break;
        case EFFECT_KIND_RESOLUTION:
          s.resolution = true;
          break;
        case EFFECT_KIND_NEWS:
          s.news++;
          break;
        case EFFECT_KIND_URGENCY:
          s.urgencyHigh += e.weight * factor;
          this.urgencyEvidence.push(evidence);
          break;
        case EFFECT_KIND_SENTIMENT:
          s.sentiment += e.polarity;
          break;
        default:
          break;
      }
    }
  }

  private scoreEmoji(): void {
    const emoji = this.buf.emoji;
    const polarity = this.index.emojiPolarity;
    for (let k = 0; k < emoji.length; k++) {
      const p = polarity.get(emoji[k]);
      if (p === 1) this.signals.emojiPositive++;
      else if (p === -1) this.signals.emojiNegative++;
    }
  }
}
