/**
 * The bars a trained model decides by, chosen on held-out text: where it may overturn the
 * lexicons' domain and intent (never past the team-written set's regression floors) and the
 * confidence at which a works complaint opens a case.
 */
import path from 'node:path';
import { createClassifier, type KeywordClassifier } from '../../classifiers';
import { captureFigures } from '../../classifiers/eval/real-text-metrics';
import { isWorksComplaint, type CorpusRow } from '../../classifiers/eval/labelled-corpus';
import { confusion, evaluate, readLabeledSet, type EvaluationReport, type LabeledMention } from '../../classifiers/eval/metrics';
import { decide, type Opinions, type PolicyClasses } from '../../classifiers/model/decision-policy';
import { LinearModel, type DomainDecision, type HeadName, type HeadWeights } from '../../classifiers/model/linear-model';
import { DOMAINS, INTENTS, type Classification } from '../../src/domain/classification';

export const DOMAIN_CLASSES = [...DOMAINS, 'none'];
export const INTENT_CLASSES = [...INTENTS];

/**
 * The goal for cases: units receive at least this share of real works complaints among the cases
 * opened, while at least TARGET_CASE_RECALL of works complaints open one (a bar that opens a
 * handful of sure cases meets the precision and helps nobody).
 */
const TARGET_CASE_PRECISION = 0.9;
const TARGET_CASE_RECALL = 0.85;
/**
 * Bars that leave the lexicons' domain and intent as they are (--keep-rules, and the last resort of
 * chooseDomainDecision): the model then only sets the confidence that case capture compares.
 */
export const KEEP_RULES: DomainDecision = { overturn: 1.01, add: 1.01, intentOverturn: 1.01, captureOverride: 1.01, guard: 99 };
/** Every held-out text with what the rules and its fold's model said about it. */
export interface HeldOut {
  row: CorpusRow;
  opinions: Opinions;
}

/** Rules' evidence bars tried for `guard` (99: the model may overturn any finding). */
const GUARDS = [0.8, 1.2, 1.6, 2, 99];
/**
 * The team-written set (test/fixtures/classifier/labeled.jsonl) measures no quality, but it holds
 * the plain ministry posts the product is for: bars under which the trained model falls below the
 * floors its regression test keeps (test/classifiers/evaluation.test.ts), loses more than
 * INTENT_SLACK of the rules' own intent macro-F1 there, or finds fewer of its thanks, questions or
 * suggestions than the rules by more than KEPT_INTENT_SLACK sentences (a plain «شكراً وزارة
 * الأشغال على ترميم…» read as a complaint costs the macro-F1 little, and opens a case), are not
 * taken. The slack counts sentences, not a share: the set holds 19 thanks, so a share of 0.05 let
 * no thanks go while it let one question of 30 go, and one sentence then decided a retrain's bars
 * (0.03–0.04 of held-out complaint F1, HISTORY.md).
 */
const TEAM_SET = path.join(__dirname, '..', '..', 'test', 'fixtures', 'classifier', 'labeled.jsonl');
const TEAM_SET_FLOOR = { domainMacroF1: 0.95, complaintF1: 0.9 };
const INTENT_SLACK = 0.01;
const KEPT_INTENTS = ['praise', 'inquiry', 'suggestion'];
const KEPT_INTENT_SLACK = 1;

/**
 * Every grid of bars for overturning the lexicons' domain and intent, best first on text from
 * somewhere new: domain macro-F1 plus complaint F1 per source (sources of one event together),
 * averaged, so one large event does not decide for all. These are the two figures the goals name;
 * the intent macro-F1 it once summed weighs rare thanks, questions and suggestions (under 5 % of
 * real text, F1 0.1–0.3) as much as complaints, and chose bars by their noise (the team-written
 * set's floors below still keep those intents).
 */
function rankDomainDecisions(held: HeldOut[], k: PolicyClasses, eventGroup: (source: string) => string): { decision: DomainDecision; score: number }[] {
  const groups = [...groupBy(held, (h) => eventGroup(h.row.source)).values()];
  const ranked: { decision: DomainDecision; score: number }[] = [];
  for (const overturn of [0.5, 0.6, 0.7, 0.8, 0.9, 0.95, 1.01]) {
    for (const add of [0.6, 0.7, 0.8, 0.9, 1.01]) {
      for (const intentOverturn of [0, 0.5, 0.6, 0.7, 0.8, 0.9, 1.01]) {
        for (const guard of GUARDS) {
          for (const captureOverride of [0.5, 0.7, 1.01]) {
            const decision = { overturn, add, intentOverturn, captureOverride, guard };
            ranked.push({ decision, score: groups.reduce((sum, g) => sum + policyScore(g, decision, k), 0) / groups.length });
          }
        }
      }
    }
  }
  // Stable sort: among equal scores the grid's order (stricter bars last) decides, so runs agree.
  return ranked.sort((a, b) => b.score - a.score);
}

/**
 * The best-ranked bars under which the final model keeps the team-written set above its floors.
 * `eventGroup` names the group a source is scored in (sources of one event together).
 */
export function chooseDomainDecision(held: HeldOut[], heads: Record<HeadName, HeadWeights>, eventGroup: (source: string) => string): DomainDecision {
  const k = new LinearModel('final', heads, 0.5).policyClasses;
  const team = readLabeledSet(TEAM_SET);
  const rules = evaluate(createClassifier({ model: false }), team);
  const intentFloor = rules.intent.macroF1 - INTENT_SLACK;
  const keptFloor = new Map(KEPT_INTENTS.map((label) => [label, foundOf(rules, label) - KEPT_INTENT_SLACK]));
  const rulesAlone = { decision: KEEP_RULES, score: Number.NaN };
  // Which floor refused the better-ranked bars: when the chosen bars score well below the best,
  // a retrain's figures move with these floors, not with the data.
  const refusals = new Map<string, number>();
  let best = Number.NaN;
  for (const candidate of [...rankDomainDecisions(held, k, eventGroup), rulesAlone]) {
    if (Number.isNaN(best)) best = candidate.score;
    const report = evaluate(createClassifier({ model: new LinearModel('final', heads, 0.5, candidate.decision) }), team);
    const failed = [
      report.domain.macroF1 < TEAM_SET_FLOOR.domainMacroF1 ? 'domain macro-F1' : '',
      report.complaintF1 < TEAM_SET_FLOOR.complaintF1 ? 'complaint F1' : '',
      report.intent.macroF1 < intentFloor ? 'intent macro-F1' : '',
      ...KEPT_INTENTS.map((label) => (foundOf(report, label) < keptFloor.get(label)! ? `${label} recall` : '')),
    ].filter(Boolean);
    if (failed.length === 0) {
      const refused = [...refusals].map(([floor, n]) => `${floor} ${n}`).join(', ');
      log(`  bars chosen: held-out score ${f(candidate.score)} (best ranked ${f(best)}${refused ? `; better-ranked bars refused by the team-written set's ${refused}` : ''}); team-written set domain macro-F1 ${f(report.domain.macroF1)}, intent macro-F1 ${f(report.intent.macroF1)}, complaint F1 ${f(report.complaintF1)}`);
      return candidate.decision;
    }
    for (const floor of failed) refusals.set(floor, (refusals.get(floor) ?? 0) + 1);
  }
  throw new Error('even the rules alone fall below the team-written set floors: fix the lexicons first');
}

/** How many of the set's texts of this intent were read as it. */
function foundOf(report: EvaluationReport, intent: string): number {
  const c = report.intent.perClass.find((x) => x.label === intent);
  return c ? Math.round(c.recall * c.support) : 0;
}

function policyScore(items: { row: LabeledMention; opinions: Opinions }[], bars: DomainDecision, k: PolicyClasses): number {
  const decided = items.map((h) => decide(h.opinions, bars, k));
  const domain = confusion(DOMAIN_CLASSES, items.map((h) => h.row.domain ?? 'none'), decided.map((d) => DOMAIN_CLASSES[d.domain]));
  const intent = confusion(INTENT_CLASSES, items.map((h) => h.row.intent), decided.map((d) => INTENT_CLASSES[d.intent]));
  return domain.macroF1 + intent.perClass.find((c) => c.label === 'complaint')!.f1;
}

/**
 * The team-written set holds the plain reports the product is for («طفح مجاري في الفريج», "huge
 * potholes in the left lane"): a threshold at which the model opens a case for fewer of its works
 * complaints than the rules do, by more than this, is not taken (at 0.2 the model once missed 16 %
 * of them where the rules missed 8 %).
 */
const CASE_RECALL_SLACK = 0.05;
/** Thresholds tried, low to high. */
const THRESHOLDS = Array.from({ length: 91 }, (_, i) => Math.round((0.05 + i * 0.01) * 100) / 100);

/**
 * The lowest confidence at which the cases opened on held-out text are at least 90 % works
 * complaints and reach 85 % of them; when none does, the one with the best F1 (the goal asks for
 * precision and recall both: a false case wastes a unit's time, a missed one leaves a citizen
 * unanswered by the unit). Only thresholds that keep the team-written set's case recall within
 * CASE_RECALL_SLACK of the rules' are taken.
 */
export function chooseThreshold(held: HeldOut[], decision: DomainDecision, heads: Record<HeadName, HeadWeights>): number {
  const k = new LinearModel('final', heads, 0.5).policyClasses;
  const decided = held.map((h) => decide(h.opinions, decision, k));
  const gold = held.map((h) => isWorksComplaint(h.row));
  const team = readLabeledSet(TEAM_SET);
  const rulesRecall = captureFigures(classifyAll(createClassifier({ model: false }), team), team, 0.5).recall;
  const modelOnTeam = classifyAll(createClassifier({ model: new LinearModel('final', heads, 0.5, decision) }), team);
  const keepsTeamCases = (threshold: number) => captureFigures(modelOnTeam, team, threshold).recall >= rulesRecall - CASE_RECALL_SLACK;
  let fallback = { threshold: THRESHOLDS[0], f: -1 };
  for (const threshold of THRESHOLDS) {
    if (!keepsTeamCases(threshold)) continue;
    let opened = 0;
    let correct = 0;
    decided.forEach((d, i) => {
      if (d.domain !== k.none && d.intent === k.complaint && d.confidence >= threshold) {
        opened++;
        if (gold[i]) correct++;
      }
    });
    const precision = opened === 0 ? 0 : correct / opened;
    const recall = correct / Math.max(1, gold.filter(Boolean).length);
    if (precision >= TARGET_CASE_PRECISION && recall >= TARGET_CASE_RECALL) return threshold;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    if (f1 > fallback.f) fallback = { threshold, f: f1 };
  }
  if (fallback.f < 0) log(`no threshold keeps the team-written set's case recall within ${CASE_RECALL_SLACK} of the rules' (${f(rulesRecall)}); taking the lowest`);
  else log(`no threshold reaches case precision ${TARGET_CASE_PRECISION} at recall ${TARGET_CASE_RECALL} on held-out text; taking the best F1 (${fallback.threshold}) among those that keep the team-written set's case recall within ${CASE_RECALL_SLACK} of the rules' (${f(rulesRecall)})`);
  return fallback.threshold;
}

function classifyAll(classifier: KeywordClassifier, rows: LabeledMention[]): Classification[] {
  return rows.map((r) => classifier.classify(r.text));
}

function groupBy<T>(items: T[], key: (t: T) => string): Map<string, T[]> {
  const out = new Map<string, T[]>();
  for (const item of items) out.set(key(item), [...(out.get(key(item)) ?? []), item]);
  return out;
}

const f = (x: number) => x.toFixed(3);
function log(line: string): void {
  process.stdout.write(`${line}\n`);
}
