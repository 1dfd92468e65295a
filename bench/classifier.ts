/**
 * npm run bench:classifier [-- --quick]
 * Measures, in one run on the same texts (the labeled set): this classifier's mentions/s (with the
 * learned model; also with its word cache off, every word new), the lexicon rules alone (so the
 * model's share of the time), a bare normalization pass, a naive baseline testing one RegExp per
 * lexicon term, and natural's BayesClassifier; each as the fastest of five windows (see WINDOWS).
 * Goals: ≥ 200,000 mentions/s, ≤ 3× the normalization cost, faster than both
 * baselines. runClassifierBench() returns the rows for an aggregate `npm run bench`.
 */
import path from 'node:path';
import { createClassifier, normalize, normalizeForSearch } from '../classifiers';
import { loadClassifierData } from '../classifiers/lexicon-files';
import { readLabeledSet } from '../classifiers/eval/metrics';
import { BayesClassifier } from '../classifiers/natural-parts';
import { DOMAINS } from '../src/domain/classification';

import type { BenchRow } from './support/bench-row';

export type { BenchRow };

const LABELED = path.join(__dirname, '..', 'test', 'fixtures', 'classifier', 'labeled.jsonl');

/** Texts per second over equal windows of one run: the fastest window, and the median one. */
interface Rate {
  fastest: number;
  median: number;
}

/**
 * Windows a measurement is cut into. This machine is shared (other processes only ever slow a
 * window down, never speed it up), so the fastest window is the estimate of what the code costs on
 * one core, and the median says how much the neighbours took.
 */
const WINDOWS = 5;

/** Runs fn over all texts repeatedly for about `ms`, in WINDOWS equal windows. */
function throughput(texts: string[], ms: number, fn: (t: string) => unknown): Rate {
  let sink = 0;
  // Warm-up: let the JIT optimize the hot path before the clock starts.
  const warmEnd = process.hrtime.bigint() + BigInt(Math.max(100, ms / 4)) * 1_000_000n;
  while (process.hrtime.bigint() < warmEnd) for (let i = 0; i < texts.length; i++) sink += fn(texts[i]) ? 1 : 0;
  const rates: number[] = [];
  const budget = BigInt(Math.ceil(ms / WINDOWS)) * 1_000_000n;
  for (let w = 0; w < WINDOWS; w++) {
    let done = 0;
    const start = process.hrtime.bigint();
    let elapsed = 0n;
    while (elapsed < budget) {
      for (let i = 0; i < texts.length; i++) sink += fn(texts[i]) ? 1 : 0;
      done += texts.length;
      elapsed = process.hrtime.bigint() - start;
    }
    rates.push(done / (Number(elapsed) / 1e9));
  }
  if (sink < 0) process.stdout.write('');
  rates.sort((a, b) => a - b);
  return { fastest: rates[rates.length - 1], median: rates[Math.floor(rates.length / 2)] };
}

function escapeRegExp(s: string): string {
  return s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

/** Naive baseline: every lexicon term as its own RegExp, tested against the normalized text. */
function naiveRegexClassifier(): (text: string) => string | null {
  const data = loadClassifierData();
  const rules: { re: RegExp; domain: number; weight: number }[] = [];
  data.lexicons.forEach((lex, d) => {
    for (const g of lex.groups) {
      for (const term of g.terms) rules.push({ re: new RegExp(escapeRegExp(normalizeForSearch(term))), domain: d, weight: g.weight });
    }
  });
  const scores = new Float64Array(DOMAINS.length);
  return (text) => {
    const norm = normalizeForSearch(text);
    scores.fill(0);
    for (const r of rules) if (r.re.test(norm)) scores[r.domain] += r.weight;
    let best = 0;
    for (let d = 1; d < scores.length; d++) if (scores[d] > scores[best]) best = d;
    return scores[best] >= 1 ? DOMAINS[best] : null;
  };
}

/** natural's BayesClassifier trained on the same texts, tokens = whitespace split of the normalized text. */
function naturalBayes(rows: { text: string; domain: string | null }[]): (text: string) => string {
  const tokenizer = { tokenizeAndStem: (t: string) => normalizeForSearch(t).split(' ').filter((w) => w.length > 1) };
  const bayes = new BayesClassifier(tokenizer);
  for (const r of rows) {
    const tokens = tokenizer.tokenizeAndStem(r.text);
    if (tokens.length > 0) bayes.addDocument(tokens, r.domain ?? 'none');
  }
  bayes.train();
  return (text) => bayes.classify(tokenizer.tokenizeAndStem(text));
}

export async function runClassifierBench(opts: { quick: boolean }): Promise<BenchRow[]> {
  const rows = readLabeledSet(LABELED);
  const texts = rows.map((r) => r.text);
  const ms = opts.quick ? 300 : 2000;
  const classifier = createClassifier();
  // Every word scored feature by feature, as if no word had been seen before: the worst case of the
  // model's word cache (a live stream sits between the two, its common words cached).
  const uncached = createClassifier({ wordCacheSlots: 0 });
  const rulesOnly = createClassifier({ model: false });
  const naive = naiveRegexClassifier();
  const bayes = naturalBayes(rows);

  const measured = throughput(texts, ms, (t) => classifier.classify(t));
  const classify = measured.fastest;
  const cacheOff = throughput(texts, ms, (t) => uncached.classify(t)).fastest;
  const rules = throughput(texts, ms, (t) => rulesOnly.classify(t)).fastest;
  const normOnly = throughput(texts, ms, (t) => normalize(t)).fastest;
  const regex = throughput(texts, opts.quick ? ms : ms / 2, naive).fastest;
  const bayesRate = throughput(texts, opts.quick ? ms : ms / 2, bayes).fastest;
  const meanChars = texts.reduce((a, t) => a + t.length, 0) / texts.length;
  const r2 = (x: number): number => Math.round(x * 100) / 100;

  return [
    { name: 'classifier throughput', value: Math.round(classify), unit: 'mentions/s', reference: 'goal', referenceValue: 200000, ratio: r2(classify / 200000) },
    { name: 'classifier throughput, median window', value: Math.round(measured.median), unit: 'mentions/s' },
    { name: "classifier with the model's word cache off", value: Math.round(cacheOff), unit: 'mentions/s' },
    { name: 'lexicon rules alone (no learned model)', value: Math.round(rules), unit: 'mentions/s' },
    { name: "learned model's share of the time", value: Math.max(0, Math.round((1 - classify / rules) * 100)), unit: '%' },
    { name: 'bare normalization throughput', value: Math.round(normOnly), unit: 'mentions/s' },
    { name: 'classifier cost / normalization cost', value: r2(normOnly / classify), unit: 'x', reference: 'goal (at most)', referenceValue: 3 },
    { name: 'naive RegExp-per-term baseline', value: Math.round(regex), unit: 'mentions/s', reference: 'classifier', referenceValue: Math.round(classify), ratio: r2(classify / regex) },
    { name: "natural's BayesClassifier baseline", value: Math.round(bayesRate), unit: 'mentions/s', reference: 'classifier', referenceValue: Math.round(classify), ratio: r2(classify / bayesRate) },
    { name: 'mean mention length', value: Math.round(meanChars), unit: 'chars' },
  ];
}

function printTable(rows: BenchRow[]): void {
  const head = ['benchmark', 'value', 'unit', 'reference', 'ref value', 'ratio'];
  const cells = rows.map((r) => [r.name, String(r.value), r.unit, r.reference ?? '', r.referenceValue === undefined ? '' : String(r.referenceValue), r.ratio === undefined ? '' : `${r.ratio}x`]);
  const widths = head.map((h, i) => Math.max(h.length, ...cells.map((c) => c[i].length)));
  const line = (c: string[]): string => c.map((v, i) => (i === 0 ? v.padEnd(widths[i]) : v.padStart(widths[i]))).join('  ');
  process.stdout.write(`${line(head)}\n${widths.map((w) => '-'.repeat(w)).join('  ')}\n${cells.map(line).join('\n')}\n`);
}

if (require.main === module) {
  runClassifierBench({ quick: process.argv.includes('--quick') }).then(printTable, (err: Error) => {
    process.stderr.write(`${err.stack}\n`);
    process.exitCode = 1;
  });
}
