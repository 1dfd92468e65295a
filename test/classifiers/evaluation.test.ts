import path from 'node:path';
import { createClassifier } from '../../classifiers';
import { blockAreasOf, confusion, evaluate, locationMatches, readLabeledSet } from '../../classifiers/eval/metrics';
import { loadClassifierData } from '../../classifiers/lexicon-files';
import { captureFigures } from '../../classifiers/eval/real-text-metrics';

const LABELED = path.join(__dirname, '..', 'fixtures', 'classifier', 'labeled.jsonl');

// The team wrote these sentences, so they only catch regressions; quality is measured on real text
// (npm run eval:classifier, README).
describe('evaluation on the labeled set', () => {
  const rows = readLabeledSet(LABELED);
  const report = evaluate(createClassifier({ model: false }), rows, blockAreasOf(loadClassifierData().gazetteer));

  it('holds at least 400 labeled mentions with hard negatives', () => {
    expect(rows.length).toBeGreaterThanOrEqual(400);
    expect(rows.filter((r) => r.domain === null).length).toBeGreaterThanOrEqual(100);
  });

  // Levels reached when this test was written (domain 0.958, complaint 0.910, location 0.913; now 0.959, 0.912, 0.933);
  // a change that drops below them is a regression.
  it('keeps domain macro-F1 at or above 0.95', () => {
    expect(report.domain.macroF1).toBeGreaterThanOrEqual(0.95);
  });

  it('keeps complaint F1 at or above 0.90', () => {
    expect(report.complaintF1).toBeGreaterThanOrEqual(0.9);
  });

  it('keeps location exact match at or above 0.90', () => {
    expect(report.location.rate).toBeGreaterThanOrEqual(0.9);
  });
});

describe('the committed learned model on the team-written set (regression only)', () => {
  const classifier = createClassifier();
  const report = evaluate(classifier, readLabeledSet(LABELED));

  it('is loaded by default and named on every classification', () => {
    expect(classifier.model?.version).toMatch(/^\d{4}-\d{2}-\d{2}\.[0-9a-f]{8}$/);
    expect(classifier.classify('حفرة في الشارع').modelVersion).toBe(classifier.model?.version);
  });

  it('sets the confidence of a works complaint from the model, and keeps a complaint the rules hold on strong evidence', () => {
    const rules = createClassifier({ model: false });
    const complaint = 'حفرة كبيرة في طريق 4107 مجمع 741 توبلي من أسبوع ولا أحد صلحها';
    const withModel = classifier.classify(complaint);
    expect([withModel.primaryDomain, withModel.intent]).toEqual([rules.classify(complaint).primaryDomain, 'complaint']);
    expect(withModel.confidence).toBeCloseTo(classifier.captureProbability(complaint) as number, 2);
    const other = classifier.classify('مباراة المنتخب اليوم كانت حلوة والجمهور رائع');
    expect(other.primaryDomain).toBeNull();
    expect(other.confidence).toBeGreaterThan(0);
    expect(other.confidence).toBeLessThanOrEqual(1);
  });

  // Levels the committed model must keep (it reached domain 0.953, complaint 0.916; the rules alone
  // 0.962, 0.912): training never takes bars that fall below them (scripts/train/bars.ts).
  it('keeps domain macro-F1 at or above 0.95 and complaint F1 at or above 0.90', () => {
    expect(report.domain.macroF1).toBeGreaterThanOrEqual(0.95);
    expect(report.complaintF1).toBeGreaterThanOrEqual(0.9);
  });

  // A plain thanks, question or suggestion read as a complaint would open a case: the model finds
  // them as the rules do, within one post in twenty (training refuses bars that do not).
  it.each(['praise', 'inquiry', 'suggestion'])('finds the %s posts the rules find', (intent) => {
    const rules = evaluate(createClassifier({ model: false }), readLabeledSet(LABELED));
    const recall = (r: typeof report): number => r.intent.perClass.find((c) => c.label === intent)!.recall;
    expect(recall(report)).toBeGreaterThanOrEqual(recall(rules) - 0.05);
  });

  // The plain reports the product is for must open cases: the model at its own threshold opens one
  // for the set's works complaints as the rules do, within one in twenty (training refuses a
  // threshold that does not; at 0.2 the model once reached 0.84 where the rules reach 0.92).
  it("opens a case for the works complaints the rules open one for, at the model's own threshold", () => {
    const rows = readLabeledSet(LABELED);
    const opened = (c: ReturnType<typeof createClassifier>, threshold: number) => captureFigures(rows.map((r) => c.classify(r.text)), rows, threshold);
    const rules = opened(createClassifier({ model: false }), 0.5);
    const model = opened(classifier, classifier.captureThreshold!);
    expect(model.recall).toBeGreaterThanOrEqual(rules.recall - 0.05);
    expect(model.precision).toBeGreaterThanOrEqual(rules.precision - 0.05);
  });
});

describe('metrics', () => {
  it('computes per-class precision, recall and F1 from a confusion matrix', () => {
    const c = confusion(['a', 'b'], ['a', 'a', 'b', 'b'], ['a', 'b', 'b', 'b']);
    expect(c.matrix).toEqual([
      [1, 1],
      [0, 2],
    ]);
    expect(c.perClass[0]).toMatchObject({ precision: 1, recall: 0.5 });
    expect(c.perClass[1].precision).toBeCloseTo(2 / 3);
    expect(c.accuracy).toBe(0.75);
  });

  it('compares governorate only when the gold location names one', () => {
    expect(locationMatches({ area: 'سترة' }, { area: 'سترة', governorate: 'العاصمة' })).toBe(true);
    expect(locationMatches({ area: 'سترة', governorate: 'المحرق' }, { area: 'سترة', governorate: 'العاصمة' })).toBe(false);
    expect(locationMatches({ block: '701' }, { block: '701', area: 'سترة' })).toBe(false);
  });

  it("does not count a known block's area against a label that names only the block", () => {
    const blockAreas = new Map([['338', 'العدلية']]);
    expect(locationMatches({ block: '338' }, { block: '338', area: 'العدلية' }, blockAreas)).toBe(true);
    expect(locationMatches({ block: '338' }, { block: '338', area: 'سترة' }, blockAreas)).toBe(false);
    expect(locationMatches({ block: '701' }, { block: '701', area: 'سترة' }, blockAreas)).toBe(false);
  });
});
