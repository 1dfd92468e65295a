/**
 * Scores a classifier on a labeled set: per-class precision/recall/F1, macro-F1 and confusion
 * matrices for domain and intent, urgency and relevance accuracy, and location exact match.
 * Pure functions; scripts/eval-classifier.ts prints the report and a test locks the figures in.
 */
import fs from 'node:fs';
import type { Classification, Classifier, Domain, Intent, Location, Urgency } from '../../src/domain/classification';
import { DOMAINS, INTENTS } from '../../src/domain/classification';
import type { Gazetteer } from '../gazetteer-files';

export interface LabeledMention {
  text: string;
  domain: Domain | null;
  intent: Intent;
  urgency: Urgency;
  location?: Location;
  relevant?: boolean;
}

export interface ClassScore {
  label: string;
  precision: number;
  recall: number;
  f1: number;
  support: number;
}

export interface ConfusionReport {
  labels: string[];
  /** matrix[gold][predicted] counts, in labels order. */
  matrix: number[][];
  perClass: ClassScore[];
  macroF1: number;
  accuracy: number;
}

export interface EvaluationReport {
  total: number;
  domain: ConfusionReport;
  /** Macro-F1 over the three works domains only (the "none" class left out). */
  domainMacroF1Works: number;
  intent: ConfusionReport;
  complaintF1: number;
  urgency: ConfusionReport;
  relevantAccuracy: number;
  location: { labeled: number; exact: number; rate: number; spurious: number };
  errors: { text: string; field: string; gold: unknown; predicted: unknown }[];
}

const NONE = 'none';

/** Reads a JSONL labeled set; throws with the line number on a malformed line. */
export function readLabeledSet(file: string): LabeledMention[] {
  return fs
    .readFileSync(file, 'utf8')
    .split('\n')
    .map((line, i) => ({ line, i }))
    .filter(({ line }) => line.trim() !== '')
    .map(({ line, i }) => {
      const row = JSON.parse(line) as LabeledMention;
      if (typeof row.text !== 'string' || !INTENTS.includes(row.intent)) throw new Error(`${file}:${i + 1}: bad row`);
      return row;
    });
}

export function confusion(labels: string[], gold: string[], predicted: string[]): ConfusionReport {
  const idx = new Map(labels.map((l, i) => [l, i]));
  const matrix = labels.map(() => labels.map(() => 0));
  let correct = 0;
  gold.forEach((g, k) => {
    const p = predicted[k];
    matrix[idx.get(g)!][idx.get(p)!]++;
    if (g === p) correct++;
  });
  const perClass = labels.map((label, i) => {
    const tp = matrix[i][i];
    const goldCount = matrix[i].reduce((a, b) => a + b, 0);
    const predCount = matrix.reduce((a, row) => a + row[i], 0);
    const precision = predCount === 0 ? 0 : tp / predCount;
    const recall = goldCount === 0 ? 0 : tp / goldCount;
    const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
    return { label, precision, recall, f1, support: goldCount };
  });
  const withSupport = perClass.filter((c) => c.support > 0);
  const macroF1 = withSupport.reduce((a, c) => a + c.f1, 0) / Math.max(1, withSupport.length);
  return { labels, matrix, perClass, macroF1, accuracy: gold.length === 0 ? 0 : correct / gold.length };
}

const ADDRESS_FIELDS = ['block', 'road', 'building', 'area'] as const;

/**
 * Exact match on block, road, building and area; governorate only when the gold record has one.
 * Labels hold the location as written, so a post naming only «مجمع 338» has no area in its label,
 * while the extractor adds the block's area from blocks.json on purpose: with `blockAreas`
 * (block → area name), that inferred area is not counted as a wrong one.
 */
export function locationMatches(gold: Location, predicted: Location, blockAreas?: ReadonlyMap<string, string>): boolean {
  const inferredArea = gold.area === undefined && gold.block !== undefined && predicted.block === gold.block && blockAreas?.get(gold.block) === predicted.area;
  for (const f of ADDRESS_FIELDS) {
    if (f === 'area' && inferredArea) continue;
    if ((gold[f] ?? null) !== (predicted[f] ?? null)) return false;
  }
  if (gold.governorate !== undefined && gold.governorate !== predicted.governorate) return false;
  return true;
}

/** Block number → its area's name, for locationMatches (from the loaded gazetteer). */
export function blockAreasOf(gz: Pick<Gazetteer, 'blocks' | 'areas'>): Map<string, string> {
  return new Map([...gz.blocks].map(([block, b]) => [block, gz.areas[b.area].name]));
}

export function evaluate(classifier: Classifier, rows: LabeledMention[], blockAreas?: ReadonlyMap<string, string>): EvaluationReport {
  const predictions: Classification[] = rows.map((r) => classifier.classify(r.text));
  const errors: EvaluationReport['errors'] = [];
  const goldDomain = rows.map((r) => r.domain ?? NONE);
  const predDomain = predictions.map((p) => p.primaryDomain ?? NONE);
  const domain = confusion([...DOMAINS, NONE], goldDomain, predDomain);
  const intent = confusion([...INTENTS], rows.map((r) => r.intent), predictions.map((p) => p.intent));
  const urgency = confusion(['high', 'medium', 'low'], rows.map((r) => r.urgency), predictions.map((p) => p.urgency));
  let relevantRight = 0;
  let relevantLabeled = 0;
  let labeled = 0;
  let exact = 0;
  let spurious = 0;
  rows.forEach((r, k) => {
    const p = predictions[k];
    if (goldDomain[k] !== predDomain[k]) errors.push({ text: r.text, field: 'domain', gold: goldDomain[k], predicted: predDomain[k] });
    if (r.intent !== p.intent) errors.push({ text: r.text, field: 'intent', gold: r.intent, predicted: p.intent });
    if (r.urgency !== p.urgency) errors.push({ text: r.text, field: 'urgency', gold: r.urgency, predicted: p.urgency });
    if (r.relevant !== undefined) {
      relevantLabeled++;
      if (r.relevant === p.relevant) relevantRight++;
      else errors.push({ text: r.text, field: 'relevant', gold: r.relevant, predicted: p.relevant });
    }
    if (r.location) {
      labeled++;
      if (locationMatches(r.location, p.location, blockAreas)) exact++;
      else errors.push({ text: r.text, field: 'location', gold: r.location, predicted: p.location });
    } else if (ADDRESS_FIELDS.some((f) => p.location[f] !== undefined)) {
      spurious++;
      errors.push({ text: r.text, field: 'location', gold: {}, predicted: p.location });
    }
  });
  const works = domain.perClass.filter((c) => c.label !== NONE);
  return {
    total: rows.length,
    domain,
    domainMacroF1Works: works.reduce((a, c) => a + c.f1, 0) / works.length,
    intent,
    complaintF1: intent.perClass.find((c) => c.label === 'complaint')!.f1,
    urgency,
    relevantAccuracy: relevantLabeled === 0 ? 0 : relevantRight / relevantLabeled,
    location: { labeled, exact, rate: labeled === 0 ? 0 : exact / labeled, spurious },
    errors,
  };
}

function pct(x: number): string {
  return x.toFixed(3);
}

/** Human-readable report (tables) for the eval script. */
export function formatReport(rep: EvaluationReport): string {
  const out: string[] = [];
  const section = (title: string, c: ConfusionReport): void => {
    out.push(`\n== ${title} ==`);
    out.push(`${'class'.padEnd(12)} ${'P'.padStart(6)} ${'R'.padStart(6)} ${'F1'.padStart(6)} ${'n'.padStart(5)}`);
    for (const s of c.perClass) {
      out.push(`${s.label.padEnd(12)} ${pct(s.precision).padStart(6)} ${pct(s.recall).padStart(6)} ${pct(s.f1).padStart(6)} ${String(s.support).padStart(5)}`);
    }
    out.push(`macro-F1 ${pct(c.macroF1)}   accuracy ${pct(c.accuracy)}`);
    out.push(`confusion (rows = gold, columns = predicted):`);
    out.push(`${''.padEnd(12)}${c.labels.map((l) => l.slice(0, 10).padStart(11)).join('')}`);
    c.matrix.forEach((row, i) => out.push(`${c.labels[i].padEnd(12)}${row.map((v) => String(v).padStart(11)).join('')}`));
  };
  out.push(`labeled mentions: ${rep.total}`);
  section('domain', rep.domain);
  out.push(`macro-F1 over the three works domains: ${pct(rep.domainMacroF1Works)}`);
  section('intent', rep.intent);
  out.push(`complaint F1: ${pct(rep.complaintF1)}`);
  section('urgency', rep.urgency);
  out.push(`\nrelevant accuracy: ${pct(rep.relevantAccuracy)}`);
  out.push(
    `location exact match: ${rep.location.exact}/${rep.location.labeled} = ${pct(rep.location.rate)}; spurious locations on unlabeled rows: ${rep.location.spurious}`,
  );
  return out.join('\n');
}
