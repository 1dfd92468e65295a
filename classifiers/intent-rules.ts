/**
 * The decision rules that turn cue scores into intent, urgency and sentiment. Kept apart from the
 * matching so the rules read as a policy:
 *
 * Intent
 *  0. A post that names its own speech act at its start («اقتراح:», «استفسار:», "Idea for …:") is
 *     that suggestion or inquiry, unless it reports a hazard (DECLARED).
 *  1. Praise: thanks/good-work cues ≥ 2 win when no grievance is voiced (a thank-you that names the
 *     fixed defect is still praise) or when a resolution word is present ("تم الإصلاح", "سرعة").
 *  2. Complaint: grievance cues (لين متى، وين الأشغال، حسبي الله، خربان، صار له شهر…) plus defect
 *     evidence from the lexicons (pothole, overflow, crack: 0.8 × weight, capped) plus negative
 *     emoji reach 1.2 and at least 0.6 × the best other intent. So a question that carries a
 *     grievance is a complaint ("متى بتصلحون الحفرة؟"), while «متى» alone, a schedule question
 *     ("متى موعد افتتاح الجسر؟") or a how-to-report question stays an inquiry.
 *  3. Otherwise the strongest of inquiry (question words with a '?', schedule words), suggestion (اقترح،
 *     ياليت، نتمنى…) and praise, if ≥ 1. A plea («نرجو», «الرجاء») counts for the complaint when
 *     the post reports a defect or a hazard (it asks for the fix), for a suggestion otherwise.
 *  4. Otherwise a bare report of a defect ("حفرة في شارع 12") is a complaint, and so is any post
 *     about a works domain that carries no other speech act, unless it reads as an announcement
 *     (بدء أعمال، اعتبارا من، مناقصة…): citizens rarely post neutral news about their street.
 *     Anything else is other.
 *
 * Urgency: high for hazards to people or property (open manhole, collapse, sinkhole, water in
 * homes, exposed wires, accidents, danger words) in a relevant post; medium for a complaint or a
 * defect in a works domain; low otherwise.
 */
import type { Intent, Sentiment, Urgency } from '../src/domain/classification';

/** Scores gathered while matching one text; reused between calls. */
export class Signals {
  domainScore = new Float64Array(3);
  /** Sum of the weights of defect terms (pothole, overflow, crack…). */
  problem = 0;
  offtopic = 0;
  ministry = 0;
  /** complaint, inquiry, suggestion, praise (INTENTS order). */
  intentScore = new Float64Array(5);
  /** Pleas («نرجو», «الرجاء»): a complaint's demand after a reported defect, else a suggestion. */
  plea = 0;
  resolution = false;
  /** Announcement wording seen. */
  news = 0;
  urgencyHigh = 0;
  sentiment = 0;
  emojiPositive = 0;
  emojiNegative = 0;
  questionMarks = 0;
  /** Figurative uses of works words matched (طريق النجاح، غرقان بالديون): the model's hint. */
  figurative = 0;
  /** Of those, figurative phrases of several words (a single stemmed word is weaker evidence). */
  figurativePhrases = 0;
  /** The intent the post names for itself at its start («اقتراح:», "Question:"), or -1 (declaredIntent()). */
  declaredIntent = -1;

  reset(): void {
    this.domainScore.fill(0);
    this.problem = 0;
    this.offtopic = 0;
    this.ministry = 0;
    this.intentScore.fill(0);
    this.plea = 0;
    this.resolution = false;
    this.news = 0;
    this.urgencyHigh = 0;
    this.sentiment = 0;
    this.emojiPositive = 0;
    this.emojiNegative = 0;
    this.questionMarks = 0;
    this.figurative = 0;
    this.figurativePhrases = 0;
    this.declaredIntent = -1;
  }
}

const COMPLAINT = 0;
const INQUIRY = 1;
const SUGGESTION = 2;
const PRAISE = 3;

/**
 * A post that opens by naming its own speech act — «اقتراح للأشغال: …», "Idea for @MOWBahrain: …",
 * «استفسار: …», "Question: …" (the label, then a colon within a few words) — is what it says it is,
 * whatever other cues it holds ("…would save everyone a lot of frustration" is no complaint). Posts
 * written to the ministry open this way; none of the labelled real texts does, so this is the
 * citizens' own word against the cues, not a figure. A hazard still makes it a complaint.
 */
const DECLARED: readonly [RegExp, number][] = [
  // (?=[\s:]) rather than \b: \b knows only ASCII letters.
  [/^\s*(?:اقتراح|مقترح|فكرة|فكره|suggestion|idea|proposal)(?=[\s:])[^:\n]{0,40}:/iu, SUGGESTION],
  [/^\s*(?:استفسار|سؤال|question|query|inquiry)(?=[\s:])[^:\n]{0,40}:/iu, INQUIRY],
];

/** The post's own word: as sure as the rules get. */
const DECLARED_CONFIDENCE = 0.9;

export function declaredIntent(text: string): number {
  for (const [label, intent] of DECLARED) if (label.test(text)) return intent;
  return -1;
}

export interface IntentDecision {
  intent: Intent;
  /** 0..1 margin of the chosen intent over the runner-up. */
  confidence: number;
}

/** Defect evidence as complaint score: 0.8 × weight, capped so defects alone never outshout cues. */
export function problemEvidence(s: Signals): number {
  return Math.min(1.6, s.problem * 0.8);
}

interface IntentScores {
  /** Complaint words, negative emoji and hazards: the grievance voiced, defects aside. */
  grievance: number;
  complaint: number;
  inquiry: number;
  suggestion: number;
  praise: number;
}

function intentScores(s: Signals): IntentScores {
  const cues = s.intentScore;
  // A hazard report is a grievance even without complaint words; an announcement of one (news
  // wording, no complaint cue beyond a weak one such as «إصلاح») is not, and its complaint score
  // weighs half: the ministry or a paper telling of a closure or repair it is handling.
  const announced = s.news > 0 && cues[COMPLAINT] < 1;
  const hazard = announced ? 0 : Math.min(1.2, s.urgencyHigh * 0.6);
  const grievance = cues[COMPLAINT] + Math.min(0.8, s.emojiNegative * 0.4) + hazard;
  // «نرجو التدخل» after «الأسلاك طالعة» asks for the fix of what was reported; with no defect,
  // «نرجو إضافة ممر مشاة» asks for something new.
  const demand = s.problem > 0 || hazard > 0 ? s.plea : 0;
  return {
    grievance,
    complaint: (grievance + demand + problemEvidence(s)) * (announced ? 0.5 : 1),
    inquiry: cues[INQUIRY] + (s.questionMarks > 0 ? 0.6 : 0),
    suggestion: cues[SUGGESTION] + s.plea - demand,
    praise: cues[PRAISE] + Math.min(0.6, s.emojiPositive * 0.3),
  };
}

/**
 * How strongly the rules' own cues back the intent they chose (the score decideIntent weighed it
 * by; 0 for `other`, which no cue backs). The learned model may overturn only weaker findings.
 */
export function intentEvidence(s: Signals, intent: Intent): number {
  const x = intentScores(s);
  return intent === 'other' ? 0 : x[intent];
}

export function decideIntent(s: Signals, hasDomain: boolean): IntentDecision {
  const cues = s.intentScore;
  const { grievance, complaint, inquiry, suggestion, praise } = intentScores(s);
  if (s.declaredIntent >= 0 && s.urgencyHigh === 0) return { intent: s.declaredIntent === SUGGESTION ? 'suggestion' : 'inquiry', confidence: DECLARED_CONFIDENCE };

  if (cues[PRAISE] >= 2 && (s.resolution || grievance < 1) && praise >= grievance) {
    return { intent: 'praise', confidence: margin(praise, Math.max(grievance, inquiry, suggestion)) };
  }
  const otherBest = Math.max(inquiry, suggestion, praise);
  if (complaint >= 1.2 && complaint >= 0.6 * otherBest) {
    return { intent: 'complaint', confidence: margin(complaint, otherBest * 0.6) };
  }
  if (otherBest >= 1) {
    const intent: Intent = inquiry >= suggestion && inquiry >= praise ? 'inquiry' : suggestion >= praise ? 'suggestion' : 'praise';
    const second = intent === 'inquiry' ? Math.max(suggestion, praise, complaint) : intent === 'suggestion' ? Math.max(inquiry, praise, complaint) : Math.max(inquiry, suggestion, complaint);
    return { intent, confidence: margin(otherBest, second) };
  }
  if (s.problem >= 1 && s.news === 0) return { intent: 'complaint', confidence: margin(complaint, otherBest) };
  if (hasDomain && s.news === 0 && !s.resolution) return { intent: 'complaint', confidence: 0.4 };
  return { intent: 'other', confidence: margin(1, Math.max(complaint, otherBest)) };
}

function margin(best: number, second: number): number {
  return Math.max(0.05, Math.min(1, (best - second + 0.5) / (best + 0.5)));
}

export function decideUrgency(s: Signals, intent: Intent, hasDomain: boolean, relevant: boolean): Urgency {
  if (!relevant) return 'low';
  if (s.urgencyHigh >= 1 && (hasDomain || intent === 'complaint')) return 'high';
  if (hasDomain && (intent === 'complaint' || s.problem > 0)) return 'medium';
  return 'low';
}

export function decideSentiment(s: Signals, intent: Intent): Sentiment {
  let score = s.sentiment + 0.5 * (s.emojiPositive - s.emojiNegative);
  if (intent === 'complaint') score -= 1;
  else if (intent === 'praise') score += 1;
  if (score >= 0.5) return 'positive';
  if (score <= -0.5) return 'negative';
  return 'neutral';
}
