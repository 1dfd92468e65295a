/**
 * The works-domain classifier: normalize → resolve tokens to word ids → match phrases in three
 * layers (topic, cues, places) → decide domain, intent, urgency, sentiment, location, relevance.
 * Pure and deterministic; all state is scratch space reused between calls.
 */
import { INTENTS } from '../src/domain/classification';
import type {
  Classification,
  Classifier,
  ClassifyOptions,
  Domain,
  DomainTag,
  Evidence,
  Intent,
} from '../src/domain/classification';
import { NormalizeBuffer, normalizeInto } from './normalize';
import { EffectKind, Layer, type Phrase, type PhraseIndex } from './phrase-index';
import { TokenFlag, TokenResolver } from './token-lookup';
import { decideIntent, decideSentiment, decideUrgency, Signals } from './intent-rules';
import { extractLocation } from './location-extractor';
import type { BayesSecondOpinion } from './bayes-second-opinion';
import { extractFeatures, FeatureBuffer, type RuleDecision } from './model/hashed-features';
import type { LinearModel } from './model/linear-model';
import { decide, rulesStand, type Opinions } from './model/decision-policy';
import type { FeatureVector } from './model/train-linear';

// Enum members copied into module constants: under tsx (esbuild) every imported binding is a
// getter, and reading one per character or token dominated the profile.
const EFFECT_KIND_DOMAIN = EffectKind.Domain;
const EFFECT_KIND_FIGURATIVE = EffectKind.Figurative;
const EFFECT_KIND_INTENT = EffectKind.Intent;
const EFFECT_KIND_MINISTRY = EffectKind.Ministry;
const EFFECT_KIND_NEWS = EffectKind.News;
const EFFECT_KIND_OFFTOPIC = EffectKind.Offtopic;
const EFFECT_KIND_RESOLUTION = EffectKind.Resolution;
const EFFECT_KIND_SENTIMENT = EffectKind.Sentiment;
const EFFECT_KIND_URGENCY = EffectKind.Urgency;
const LAYER_CUE = Layer.Cue;
const LAYER_TOPIC = Layer.Topic;
const TOKEN_FLAG_FUZZY = TokenFlag.Fuzzy;

/** A domain needs this keyword score to be primary. */
export const DOMAIN_THRESHOLD = 1.0;
/** Below the threshold but at least this: the learned model decides domain vs none. */
export const WEAK_DOMAIN_SCORE = 0.6;
/** The runner-up within this ratio of the top domain is a tie for the learned model to break. */
export const TIE_RATIO = 0.75;
/** A fuzzy (misspelt) match counts this fraction of the term's weight. */
export const FUZZY_FACTOR = 0.6;
/** Another body's topic wins over a works domain when its score exceeds the domain's by this factor. */
export const OFFTOPIC_MARGIN = 1.25;
/** Ministry mentions make a post relevant at this score. */
export const MINISTRY_RELEVANT = 2;

export interface KeywordClassifierOptions {
  index: PhraseIndex;
  secondOpinion?: BayesSecondOpinion;
  /** The learned model over the lexicons: when given, it decides domain and intent and sets the confidence. */
  model?: LinearModel;
}

/** Tokens shown as the model's evidence, at most. */
const MODEL_EVIDENCE_TOKENS = 3;

export class KeywordClassifier implements Classifier {
  private readonly index: PhraseIndex;
  private readonly secondOpinion?: BayesSecondOpinion;
  /** The learned model, when one was loaded (its version and training figures are public). */
  readonly model?: LinearModel;

  get captureThreshold(): number | undefined {
    return this.model?.captureThreshold;
  }
  private readonly features = new FeatureBuffer();
  /** What the lexicon rules decided for the last text, before the model. */
  private readonly rule: RuleDecision = { domain: -1, intent: 0 };
  private readonly pDomain = new Float64Array(8);
  private readonly pIntent = new Float64Array(8);
  private readonly pCapture = new Float64Array(8);
  private readonly buf = new NormalizeBuffer();
  private readonly resolver: TokenResolver;
  private readonly signals = new Signals();
  private domainEvidence: Evidence[][] = [[], [], []];
  private intentEvidence: Evidence[] = [];
  private urgencyEvidence: Evidence[] = [];

  constructor(opts: KeywordClassifierOptions) {
    this.index = opts.index;
    this.secondOpinion = opts.secondOpinion;
    this.model = opts.model;
    this.resolver = new TokenResolver(opts.index);
  }

  /** P(works complaint) from the model's capture head, for every text (calibration), if a model is loaded. */
  captureProbability(text: string): number | undefined {
    if (!this.model) return undefined;
    this.classify(text);
    this.scoreModel(this.model);
    return this.model.probabilities('capture', this.pCapture)[1];
  }

  private scoreModel(model: LinearModel): void {
    extractFeatures(this.buf, this.signals, this.rule, this.features);
    model.score(this.features);
  }

  /** The learned model's features of a text (for training), from the same matching as classify(). */
  featureVector(text: string): FeatureVector {
    this.classify(text);
    extractFeatures(this.buf, this.signals, this.rule, this.features);
    return { index: this.features.index.slice(0, this.features.count) };
  }

  /** classify() plus the normalized text it matched against, read from the same buffer. */
  classifyWithNormalized(text: string, opts?: ClassifyOptions): { classification: Classification; normalized: string } {
    const classification = this.classify(text, opts);
    return { classification, normalized: this.buf.slice(0, this.buf.length) };
  }

  classify(text: string, _opts?: ClassifyOptions): Classification {
    this.match(text);
    return this.decide(extractLocation(this.buf, this.resolver, this.index, typeof text === 'string' ? text : undefined));
  }

  private match(text: string): void {
    const b = this.buf;
    normalizeInto(typeof text === 'string' ? text : '', b);
    this.resolver.resolveAll(b);
    const s = this.signals;
    s.reset();
    s.questionMarks = b.questionMarks;
    this.domainEvidence = [[], [], []];
    this.intentEvidence = [];
    this.urgencyEvidence = [];
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

  private decide(location: Classification['location']): Classification {
    const s = this.signals;
    const scores = s.domainScore;
    const domains = this.index.domains;
    let top = -1;
    let second = -1;
    for (let d = 0; d < scores.length; d++) {
      if (scores[d] <= 0) continue;
      if (top < 0 || scores[d] > scores[top]) {
        second = top;
        top = d;
      } else if (second < 0 || scores[d] > scores[second]) {
        second = d;
      }
    }
    const topScore = top >= 0 ? scores[top] : 0;
    const secondScore = second >= 0 ? scores[second] : 0;

    let primary = -1;
    let domainConfidence: number;
    // A figurative use («الطريق إلى النجاح… فيه مطبات») colours the works words around it: without a
    // place to send a crew to, the post is about something else.
    const figurativeOnly = s.figurativePhrases > 0 && !location.block && !location.road && !location.area;
    const offtopicWins = s.offtopic > OFFTOPIC_MARGIN * topScore || figurativeOnly;
    if (top >= 0 && topScore >= DOMAIN_THRESHOLD && !offtopicWins) {
      primary = top;
      domainConfidence = Math.min(1, (topScore - secondScore + 0.5) / (topScore + 0.7));
    } else {
      domainConfidence = Math.max(0.3, 1 - topScore / 2);
    }

    const opinion = this.secondOpinion;
    const tie = primary >= 0 && second >= 0 && secondScore >= TIE_RATIO * topScore;
    const weak = primary < 0 && top >= 0 && topScore >= WEAK_DOMAIN_SCORE && !offtopicWins;
    if (opinion && (tie || weak)) {
      const post = opinion.posterior(this.buf);
      if (tie) {
        primary = post[top] >= post[second] ? top : second;
        domainConfidence = 0.5 * domainConfidence + 0.5 * (post[primary] / (post[top] + post[second]));
      } else if (post[top] >= 0.8) {
        primary = top;
        domainConfidence = 0.5 * post[top];
      }
    }

    const tags: DomainTag[] = [];
    for (let d = 0; d < scores.length; d++) {
      if (scores[d] > 0) tags.push({ domain: domains[d], score: round2(scores[d]), evidence: this.domainEvidence[d] });
    }
    tags.sort((a, b) => b.score - a.score);

    let primaryDomain: Domain | null = primary >= 0 ? domains[primary] : null;
    const ruleIntent = decideIntent(s, primaryDomain !== null);
    let intent = ruleIntent.intent;
    let confidence = Math.sqrt(domainConfidence * ruleIntent.confidence);
    let modelEvidence: Evidence[] | undefined;
    this.rule.domain = primary;
    this.rule.intent = INTENTS.indexOf(intent);
    // When the model cannot change domain or intent (the committed policy), it matters only for a
    // works complaint, whose confidence it sets: elsewhere the rules' own score is kept, and the
    // model's share of the time goes to the posts a case may open for.
    const modelDecides = this.model && (!rulesStand(this.model.domainDecision) || (primaryDomain !== null && intent === 'complaint'));
    if (this.model && modelDecides) {
      const decided = this.decideWithModel(this.model);
      primaryDomain = decided.domain;
      intent = decided.intent;
      confidence = decided.confidence;
      modelEvidence = decided.evidence;
      if (primaryDomain && !tags.some((t) => t.domain === primaryDomain)) tags.push({ domain: primaryDomain, score: 0, evidence: modelEvidence ?? [] });
    }
    const relevant = primaryDomain !== null || (s.ministry >= MINISTRY_RELEVANT && s.ministry >= s.offtopic);
    const urgency = decideUrgency(s, intent, primaryDomain !== null, relevant);
    const result: Classification = {
      domains: tags,
      primaryDomain,
      intent,
      urgency,
      sentiment: decideSentiment(s, intent),
      location,
      relevant,
      confidence: round2(confidence),
    };
    if (this.intentEvidence.length > 0) result.intentEvidence = this.intentEvidence;
    if (urgency === 'high' && this.urgencyEvidence.length > 0) result.urgencyEvidence = this.urgencyEvidence;
    if (this.model) result.modelVersion = this.model.version;
    if (modelEvidence && modelEvidence.length > 0) result.modelEvidence = modelEvidence;
    return result;
  }

  /** What the rules and the model each say about the text just matched (training tries bars on these). */
  opinions(text: string): Opinions | undefined {
    if (!this.model) return undefined;
    this.classify(text);
    this.scoreModel(this.model);
    return this.currentOpinions(this.model, true);
  }

  private currentOpinions(model: LinearModel, copy: boolean): Opinions {
    const domainHead = model.heads.domain;
    const pd = model.probabilities('domain', this.pDomain);
    const pi = model.probabilities('intent', this.pIntent);
    return {
      ruleDomain: this.rule.domain >= 0 ? domainHead.classes.indexOf(this.index.domains[this.rule.domain]) : -1,
      ruleIntent: this.rule.intent,
      domain: copy ? pd.slice(0, domainHead.classes.length) : pd,
      intent: copy ? pi.slice(0, model.heads.intent.classes.length) : pi,
      capture: model.probabilities('capture', this.pCapture)[1],
    };
  }

  /** The model over the lexicon signals, combined with the rules' verdict by decision-policy.ts. */
  private decideWithModel(model: LinearModel): { domain: Domain | null; intent: Intent; confidence: number; evidence?: Evidence[] } {
    this.scoreModel(model);
    const decided = decide(this.currentOpinions(model, false), model.domainDecision, model.policyClasses);
    const domainName = model.heads.domain.classes[decided.domain];
    const domain = domainName === 'none' ? null : (domainName as Domain);
    const intent = model.heads.intent.classes[decided.intent] as Intent;
    // The model's own evidence explains what it decides: whether a post is a works complaint (the
    // confidence a case opens on). Elsewhere the lexicon hits are the evidence, and it costs nothing.
    if (!domain || intent !== 'complaint') return { domain, intent, confidence: decided.confidence };
    const b = this.buf;
    const evidence = model.strongestTokens('capture', 1, this.features, MODEL_EVIDENCE_TOKENS).map((t) => {
      const start = b.starts[b.tokStart[t]];
      const end = b.ends[b.tokEnd[t] - 1];
      return { term: b.slice(b.tokStart[t], b.tokEnd[t]), start, end };
    });
    return { domain, intent, confidence: decided.confidence, evidence };
  }
}

function round2(x: number): number {
  return Math.round(x * 100) / 100;
}
