/**
 * Figures on real labelled text for one classifier: domain macro-F1 (four classes and the three
 * works domains), complaint F1, case capture at the confidence threshold (precision, recall, cases
 * that are not works complaints, works complaints missed) and the calibration error of the
 * confidence that capture compares (expected calibration error, 10 equal-width bins).
 */
import type { Classification, Classifier } from '../../src/domain/classification';
import { evaluate, type EvaluationReport } from './metrics';
import { isWorksComplaint, type CorpusRow } from './labelled-corpus';

export interface CaptureFigures {
  threshold: number;
  opened: number;
  correct: number;
  precision: number;
  recall: number;
  /** Share of opened cases that are not works complaints. */
  falseCaseShare: number;
  /** Share of works complaints that open no case. */
  missedShare: number;
}

export interface RealTextFigures {
  rows: number;
  worksComplaints: number;
  domainMacroF1: number;
  domainMacroF1Works: number;
  complaintF1: number;
  capture: CaptureFigures;
  /** Expected calibration error of P(works complaint) over every text. */
  calibrationError: number;
  report: EvaluationReport;
}

/** P(works complaint) as a classification states it: its confidence when it says it is one, else 0. */
export function captureProbability(c: Classification): number {
  return c.primaryDomain !== null && c.intent === 'complaint' ? c.confidence : 0;
}

/** Cases that `predictions` open at `threshold` against the gold labels of `rows` (any labelled set). */
export function captureFigures(predictions: Classification[], rows: Pick<CorpusRow, 'domain' | 'intent'>[], threshold: number): CaptureFigures {
  let opened = 0;
  let correct = 0;
  let gold = 0;
  rows.forEach((r, i) => {
    const isGold = isWorksComplaint(r);
    if (isGold) gold++;
    if (captureProbability(predictions[i]) >= threshold) {
      opened++;
      if (isGold) correct++;
    }
  });
  const precision = opened === 0 ? 0 : correct / opened;
  const recall = gold === 0 ? 0 : correct / gold;
  return { threshold, opened, correct, precision, recall, falseCaseShare: opened === 0 ? 0 : 1 - precision, missedShare: gold === 0 ? 0 : 1 - recall };
}

/** Expected calibration error: Σ over bins of |mean probability − observed rate| × bin share. */
export function expectedCalibrationError(probabilities: number[], outcomes: boolean[], bins = 10): number {
  const sum = new Array(bins).fill(0);
  const hits = new Array(bins).fill(0);
  const count = new Array(bins).fill(0);
  probabilities.forEach((p, i) => {
    const b = Math.min(bins - 1, Math.floor(p * bins));
    sum[b] += p;
    hits[b] += outcomes[i] ? 1 : 0;
    count[b]++;
  });
  let ece = 0;
  for (let b = 0; b < bins; b++) if (count[b] > 0) ece += (Math.abs(sum[b] / count[b] - hits[b] / count[b]) * count[b]) / probabilities.length;
  return ece;
}

/**
 * `captureProbabilityOf` gives P(works complaint) for every text (the model's capture head);
 * without a model it falls back to the classification's own confidence.
 */
export function realTextFigures(classifier: Classifier, rows: CorpusRow[], threshold: number, captureProbabilityOf?: (text: string) => number): RealTextFigures {
  const predictions = rows.map((r) => classifier.classify(r.text));
  const report = evaluate(classifier, rows);
  const probabilities = rows.map((r, i) => (captureProbabilityOf ? captureProbabilityOf(r.text) : captureProbability(predictions[i])));
  return {
    rows: rows.length,
    worksComplaints: rows.filter(isWorksComplaint).length,
    domainMacroF1: report.domain.macroF1,
    domainMacroF1Works: report.domainMacroF1Works,
    complaintF1: report.complaintF1,
    capture: captureFigures(predictions, rows, threshold),
    calibrationError: expectedCalibrationError(probabilities, rows.map(isWorksComplaint)),
    report,
  };
}
