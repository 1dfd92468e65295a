/**
 * npm run eval:classifier [-- <labeled.jsonl>] [--errors]
 * Prints per-class precision/recall/F1, macro-F1 and confusion matrices for domain and intent,
 * urgency and relevance accuracy and the location exact-match rate; --errors lists every miss.
 */
import path from 'node:path';
import { createClassifier } from '../classifiers';
import { evaluate, formatReport, readLabeledSet } from '../classifiers/eval/metrics';

const args = process.argv.slice(2);
const file = args.find((a) => !a.startsWith('--')) ?? path.join(__dirname, '..', 'test', 'fixtures', 'classifier', 'labeled.jsonl');
const report = evaluate(createClassifier(), readLabeledSet(file));
process.stdout.write(`${formatReport(report)}\n`);
if (args.includes('--errors')) {
  for (const e of report.errors) {
    process.stdout.write(`${e.field}\tgold=${JSON.stringify(e.gold)}\tpred=${JSON.stringify(e.predicted)}\t${e.text}\n`);
  }
}
