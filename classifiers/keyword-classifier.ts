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
import { PhraseMatcher } from './keyword-match';
import type { PhraseIndex } from './phrase-index-types';
import { decideIntent, intentEvidence, decideSentiment, decideUrgency } from './intent-rules';
import { extractLocation } from './location-extractor';
import type { BayesSecondOpinion } from './bayes-second-opinion';
import { extractFeatures, FeatureBuffer, type RuleDecision } from './model/hashed-features';
import type { LinearModel } from './model/linear-model';
import { DEFAULT_CACHE_SLOTS, WordCacheScorer } from './model/word-cache-scorer';
import { decide, rulesStand, type Opinions } from './model/decision-policy';
import type { FeatureVector } from './model/train-linear';

export { FUZZY_FACTOR } from './keyword-match';

/** A domain needs this keyword score to be primary. */
export const DOMAIN_THRESHOLD = 1.0;
/** Below the threshold but at least this: the learned model decides domain vs none. */
export const WEAK_DOMAIN_SCORE = 0.6;
/** The runner-up within this ratio of the top domain is a tie for the learned model to break. */
export const TIE_RATIO = 0.75;
/** Another body's topic wins over a works domain when its score exceeds the domain's by this factor. */
export const OFFTOPIC_MARGIN = 1.25;
/** Ministry mentions make a post relevant at this score. */
export const MINISTRY_RELEVANT = 2;

export interface KeywordClassifierOptions {
  index: PhraseIndex;
  secondOpinion?: BayesSecondOpinion;
  /** The learned model over the lexicons: when given, it decides domain and intent and sets the confidence. */
  model?: LinearModel;
  /** Slots of the model's word cache (word-cache-scorer.ts; default DEFAULT_CACHE_SLOTS), or 0 for none. */
  wordCacheSlots?: number;
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
  private scorer?: WordCacheScorer;
  private readonly wordCacheSlots: number;
  /** What the lexicon rules decided for the last text, before the model. */
  private readonly rule: RuleDecision = { domain: -1, intent: 0 };
  /** The rules found works words but set them aside (a figurative use, another body's topic). */
  private setAside = false;
  private readonly pDomain = new Float64Array(8);
  private readonly pIntent = new Float64Array(8);
  private readonly pCapture = new Float64Array(8);
  /** Normalized buffer, token ids, signals and evidence of the last text matched. */
  private readonly matcher: PhraseMatcher;

  constructor(opts: KeywordClassifierOptions) {
    this.index = opts.index;
    this.secondOpinion = opts.secondOpinion;
    this.model = opts.model;
    this.wordCacheSlots = opts.wordCacheSlots ?? DEFAULT_CACHE_SLOTS;
    this.matcher = new PhraseMatcher(opts.index);
  }

  /** P(works complaint) from the model's capture head, for every text (calibration), if a model is loaded. */
  captureProbability(text: string): number | undefined {
    if (!this.model) return undefined;
    this.classify(text);
    this.scoreModel(this.model);
    return this.model.probabilities('capture', this.pCapture)[1];
  }

  /** Scores the text just matched with the model (with the word cache: the same sums, faster). */
  private scoreModel(model: LinearModel): void {
    if (this.wordCacheSlots === 0) {
      extractFeatures(this.matcher.buf, this.matcher.signals, this.rule, this.features);
      model.score(this.features);
      return;
    }
    // Made on first use: a classifier that never scores a text keeps no cache.
    this.scorer ??= new WordCacheScorer(model, this.wordCacheSlots);
    this.scorer.score(this.matcher.buf, this.matcher.signals, this.rule);
  }

  /** The tokens that pushed P(works complaint) up most in the text just scored. */
  private strongestTokens(model: LinearModel): number[] {
    if (this.scorer) return this.scorer.strongestTokens(MODEL_EVIDENCE_TOKENS);
    return model.strongestTokens('capture', 1, this.features, MODEL_EVIDENCE_TOKENS);
  }

  /** The learned model's features of a text (for training), from the same matching as classify(). */
  featureVector(text: string): FeatureVector {
    this.classify(text);
    extractFeatures(this.matcher.buf, this.matcher.signals, this.rule, this.features);
    return { index: this.features.index.slice(0, this.features.count) };
  }

  /** classify() plus the normalized text it matched against, read from the same buffer. */
  classifyWithNormalized(text: string, opts?: ClassifyOptions): { classification: Classification; normalized: string } {
    const classification = this.classify(text, opts);
    const b = this.matcher.buf;
    return { classification, normalized: b.slice(0, b.length) };
  }

  classify(text: string, _opts?: ClassifyOptions): Classification {
    const m = this.matcher;
    m.match(text);
    return this.decide(extractLocation(m.buf, m.resolver, this.index, typeof text === 'string' ? text : undefined));
  }

  private decide(location: Classification['location']): Classification {
    const s = this.matcher.signals;
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
    this.setAside = top >= 0 && offtopicWins;
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
      const post = opinion.posterior(this.matcher.buf);
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
      if (scores[d] > 0) tags.push({ domain: domains[d], score: round2(scores[d]), evidence: this.matcher.domainEvidence[d] });
    }
    tags.sort((a, b) => b.score - a.score);

    let primaryDomain: Domain | null = primary >= 0 ? domains[primary] : null;
    const ruleIntent = decideIntent(s, primaryDomain !== null);
    let intent = ruleIntent.intent;
    let confidence = Math.sqrt(domainConfidence * ruleIntent.confidence);
    let modelEvidence: Evidence[] | undefined;
    this.rule.domain = primary;
    this.rule.intent = INTENTS.indexOf(intent);
    // When the model cannot change domain or intent (a model trained with --keep-rules), it
    // matters only for a works complaint, whose confidence it sets: elsewhere the rules' own score
    // is kept, and the model's time goes to the posts a case may open for.
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
    if (this.matcher.intentEvidence.length > 0) result.intentEvidence = this.matcher.intentEvidence;
    if (urgency === 'high' && this.matcher.urgencyEvidence.length > 0) result.urgencyEvidence = this.matcher.urgencyEvidence;
    if (this.model) result.modelVersion = this.model.version;
    if (modelEvidence && modelEvidence.length > 0) result.modelEvidence = modelEvidence;
    return result;
  }

  /**
   * The figurative phrases (lexicon entries such as «الطريق الصحيح») that set works words aside in
   * the text last classified: `npm run eval:classifier` checks them against real text.
   */
  figurativeTerms(): readonly string[] {
    return this.matcher.figurativeTerms;
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
      ruleEvidence: intentEvidence(this.matcher.signals, INTENTS[this.rule.intent]),
      setAside: this.setAside,
      hazard: this.matcher.signals.urgencyHigh >= 1,
      declared: this.matcher.signals.declaredIntent >= 0 && this.matcher.signals.urgencyHigh === 0,
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
    const b = this.matcher.buf;
    const evidence = this.strongestTokens(model).map((t) => {
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