import { createClassifier } from '../../../classifiers';
import { cohensKappa } from '../../../classifiers/eval/agreement';
import { expectedCalibrationError } from '../../../classifiers/eval/real-text-metrics';
import { applyIsotonic, DEFAULT_DOMAIN_DECISION, LinearModel, logitsInto, softmaxInPlace, type HeadName, type HeadWeights } from '../../../classifiers/model/linear-model';
import { FeatureBuffer, HASH_DIMS } from '../../../classifiers/model/hashed-features';
import { fitCalibrationToLogits, fitIsotonic, fitTemperature, predictHead, toModelFile, trainHead, DEFAULT_TRAIN_OPTIONS, type FeatureVector } from '../../../classifiers/model/train-linear';

/** Small labelled posts, written here only to exercise the mechanics (not a measure of quality). */
const POSTS: [string, 'roads' | 'drainage' | 'none', 'complaint' | 'other'][] = [
  ['حفرة كبيرة في الشارع خربت سيارتي', 'roads', 'complaint'],
  ['الشارع كله حفر ومطبات ولا أحد يصلح', 'roads', 'complaint'],
  ['الاسفلت متكسر عند الدوار من شهر', 'roads', 'complaint'],
  ['المجاري طافحة عند بيتنا والريحة لا تطاق', 'drainage', 'complaint'],
  ['مياه الأمطار غرقت الشارع والبيوت', 'drainage', 'complaint'],
  ['المنهول مفتوح والمياه تطفح', 'drainage', 'complaint'],
  ['غرقان بالديون ما أدري شسوي', 'none', 'other'],
  ['مباراة حلوة اليوم والجمهور رائع', 'none', 'other'],
  ['سيارة للبيع بحالة ممتازة والتمويل متوفر', 'none', 'other'],
  ['الجو جميل والمطر خفيف الحمد لله', 'none', 'other'],
];
const DOMAINS = ['roads', 'drainage', 'buildings', 'none'];
const INTENTS = ['complaint', 'inquiry', 'suggestion', 'praise', 'other'];

function trainTiny(seed = 7): Record<HeadName, HeadWeights> {
  const base = createClassifier({ model: false });
  const xs: FeatureVector[] = POSTS.map(([t]) => base.featureVector(t));
  const opts = { ...DEFAULT_TRAIN_OPTIONS, epochs: 30, seed };
  return {
    domain: trainHead(DOMAINS, xs, POSTS.map(([, d]) => DOMAINS.indexOf(d)), opts),
    intent: trainHead(INTENTS, xs, POSTS.map(([, , i]) => INTENTS.indexOf(i)), opts),
    capture: trainHead(['no', 'yes'], xs, POSTS.map(([, d, i]) => (d !== 'none' && i === 'complaint' ? 1 : 0)), opts),
  };
}

describe('the learned model over the lexicons', () => {
  it('learns its training posts and names its version on every classification', () => {
    const heads = trainTiny();
    const c = createClassifier({ model: new LinearModel('test-1', heads, 0.5) });
    for (const [text, domain, intent] of POSTS) {
      const r = c.classify(text);
      expect({ text, domain: r.primaryDomain ?? 'none', intent: r.intent }).toEqual({ text, domain, intent });
      expect(r.modelVersion).toBe('test-1');
      expect(r.confidence).toBeGreaterThanOrEqual(0);
      expect(r.confidence).toBeLessThanOrEqual(1);
    }
  });

  it('points its evidence at words of the original text', () => {
    const c = createClassifier({ model: new LinearModel('test-1', trainTiny(), 0.5) });
    const text = 'يا جماعة الحفرة في شارعنا كبيرة!! متى تصلحونها؟';
    const r = c.classify(text);
    const spans = [...(r.modelEvidence ?? []), ...r.domains.flatMap((d) => d.evidence)];
    expect(spans.length).toBeGreaterThan(0);
    for (const e of spans) expect(text.slice(e.start, e.end).length).toBeGreaterThan(0);
    for (const e of r.modelEvidence ?? []) expect(text.slice(e.start, e.end).replace(/[^\u0600-\u06ff]/g, '').length).toBeGreaterThan(1);
  });

  it('trains the same weights from the same data and seed, and different ones from another seed', () => {
    const a = toModelFile(trainTiny(1), 0.5, DEFAULT_DOMAIN_DECISION, {}, '2026-12-07T00:00:00.000Z');
    const b = toModelFile(trainTiny(1), 0.5, DEFAULT_DOMAIN_DECISION, {}, '2026-12-07T00:00:00.000Z');
    const c = toModelFile(trainTiny(2), 0.5, DEFAULT_DOMAIN_DECISION, {}, '2026-12-07T00:00:00.000Z');
    expect(JSON.stringify(a)).toBe(JSON.stringify(b));
    expect(a.version).not.toBe(c.version);
  });

  it('reads back from its file with the same decisions (weights are stored as int8)', () => {
    const heads = trainTiny();
    const file = toModelFile(heads, 0.42, DEFAULT_DOMAIN_DECISION, { note: 'x' }, '2026-12-07T00:00:00.000Z');
    const loaded = LinearModel.fromJson(JSON.parse(JSON.stringify(file)));
    expect(loaded.version).toBe(file.version);
    expect(loaded.captureThreshold).toBe(0.42);
    const direct = createClassifier({ model: new LinearModel(file.version, heads, 0.42) });
    const reloaded = createClassifier({ model: loaded });
    for (const [text] of POSTS) {
      const x = direct.classify(text);
      const y = reloaded.classify(text);
      expect([y.primaryDomain, y.intent]).toEqual([x.primaryDomain, x.intent]);
      expect(Math.abs(y.confidence - x.confidence)).toBeLessThan(0.05);
    }
  });

  it('averages the weights of several shuffles, so the seed alone moves the model less', () => {
    const base = createClassifier({ model: false });
    const xs = POSTS.map(([t]) => base.featureVector(t));
    const ys = POSTS.map(([, d]) => DOMAINS.indexOf(d));
    const opts = { ...DEFAULT_TRAIN_OPTIONS, epochs: 5 };
    const runs = [0, 1, 2].map((k) => trainHead(DOMAINS, xs, ys, { ...opts, seed: opts.seed + k, shuffles: 1 }));
    const averaged = trainHead(DOMAINS, xs, ys, { ...opts, shuffles: 3 });
    // Shuffles differ, so single runs do; the averaged head is their mean, weight by weight.
    const touched = [...runs[0].weights.keys()].filter((i) => runs[0].weights[i] !== 0);
    expect(touched.some((i) => runs[0].weights[i] !== runs[1].weights[i])).toBe(true);
    for (const i of touched) expect(averaged.weights[i]).toBeCloseTo((runs[0].weights[i] + runs[1].weights[i] + runs[2].weights[i]) / 3, 5);
    for (let c = 0; c < DOMAINS.length; c++) expect(averaged.bias[c]).toBeCloseTo((runs[0].bias[c] + runs[1].bias[c] + runs[2].bias[c]) / 3, 5);
  });

  it('fits a temperature that lowers the log-loss of an over-confident head', () => {
    const base = createClassifier({ model: false });
    const xs = POSTS.map(([t]) => base.featureVector(t));
    const ys = POSTS.map(([, d]) => DOMAINS.indexOf(d));
    const head = trainHead(DOMAINS, xs, ys, { ...DEFAULT_TRAIN_OPTIONS, epochs: 60, learningRate: 1 });
    // Held-out posts the head has not seen, half of them "wrong" for it: it should soften.
    const heldOut = ['الطريق زحمة اليوم', 'المطر غرق الحديقة', 'حفرة في الملعب', 'شارع جميل للمشي'].map((t) => base.featureVector(t));
    const gold = [3, 1, 3, 3];
    const loss = (t: number) => {
      head.temperature = t;
      return -gold.reduce((a, y, i) => a + Math.log(predictHead(head, heldOut[i])[y]), 0);
    };
    const fitted = fitTemperature(head, heldOut, gold);
    expect(loss(fitted)).toBeLessThanOrEqual(loss(1) + 1e-9);
  });

  it('moves a yes/no head\'s base rate when held-out text holds fewer positives than it predicts', () => {
    // Logits that say "yes" about half the time, on text where 1 in 10 is a yes.
    const logits = Array.from({ length: 200 }, (_, i) => Float64Array.from([0, i % 2 === 0 ? 0.5 : -0.5]));
    const ys = logits.map((_, i) => (i % 10 === 0 ? 1 : 0));
    const c = fitCalibrationToLogits(logits, ys);
    expect(c.shift[0]).toBe(0);
    expect(c.shift[1]).toBeLessThan(0);
    const meanYes = (shift: number, t: number) => logits.reduce((a, l) => a + softmaxInPlace(Float64Array.from([l[0], l[1] + shift]), 2, t)[1], 0) / logits.length;
    expect(meanYes(0, 1)).toBeCloseTo(0.5, 2);
    expect(meanYes(c.shift[1], c.temperature)).toBeCloseTo(0.1, 1);
    // A multi-class head gets a temperature only.
    expect(fitCalibrationToLogits([Float64Array.from([1, 0, 0])], [0]).shift).toEqual([0, 0, 0]);
  });

  it('maps probabilities to the rates seen at them, never decreasing, and so lowers the calibration error', () => {
    // Over-confident: says 0.9 where one in three is a yes, 0.1 where none is.
    const p = [...Array(60).fill(0.9), ...Array(60).fill(0.1)];
    const y = [...Array(60).fill(0).map((_, i) => i % 3 === 0), ...Array(60).fill(false)];
    const map = fitIsotonic(p, y);
    for (let i = 1; i < map.y.length; i++) expect(map.y[i]).toBeGreaterThan(map.y[i - 1]);
    expect(applyIsotonic(map, 0.9)).toBeCloseTo(1 / 3, 2);
    expect(applyIsotonic(map, 0.1)).toBeCloseTo(0, 5);
    expect(applyIsotonic(map, 0.5)).toBeGreaterThan(0);
    expect(applyIsotonic(map, 0.5)).toBeLessThan(1 / 3);
    expect(expectedCalibrationError(p.map((x) => applyIsotonic(map, x)), y)).toBeLessThan(0.01);
    expect(expectedCalibrationError(p, y)).toBeGreaterThan(0.3);
  });

  // score() adds four weights per 32-bit word in 16-bit lanes, flushed every 256 features: these
  // heads have integer weights in [-127, 127] with a 127 in each (so int8 storage is exact), and
  // the texts repeat the heaviest rows far past the flush, so a lane that overflowed, a byte read
  // from the wrong place or a lost bias would move the logits away from the plain float sums.
  it.each([
    ['the usual heads (4 + 5 + 2 classes)', 5],
    ['heads of another width (4 + 7 + 2 classes)', 7],
  ])('scores %s exactly as the sum of their weights, however many features a text has', (_name, intents) => {
    let seed = 12345;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const head = (k: number): HeadWeights => {
      const weights = new Float32Array(HASH_DIMS * k);
      for (let i = 0; i < 4000; i++) weights[(next() % HASH_DIMS) * k + (next() % k)] = (next() % 255) - 127;
      for (let c = 0; c < k; c++) {
        weights[7 * k + c] = c % 2 === 0 ? 127 : -127; // row 7: the heaviest and lightest lanes
        weights[9 * k + c] = c % 2 === 0 ? -127 : 127; // row 9: the other way round
      }
      // A high temperature keeps the probabilities off 0 and 1, so they show a logit that is off by one.
      return { classes: Array.from({ length: k }, (_, c) => `c${c}`), weights, bias: new Float32Array(k).fill(0.25), temperature: 1e5 };
    };
    const heads = { domain: head(4), intent: head(intents), capture: head(2) };
    heads.domain.classes[3] = 'none';
    heads.intent.classes[0] = 'complaint';
    const model = new LinearModel('lanes', heads, 0.5);
    const mixed = (i: number): number => (i % 3 === 0 ? 7 : i % 3 === 1 ? next() : i % 5 === 0 ? 9 : 11);
    const heaviest = (): number => 7;
    for (const [count, row] of [[0, mixed], [1, mixed], [700, mixed], [3000, mixed], [255, heaviest], [256, heaviest], [257, heaviest], [1000, heaviest]] as const) {
      const f = new FeatureBuffer();
      for (let i = 0; i < count; i++) f.push(row(i), i);
      model.score(f);
      for (const name of ['domain', 'intent', 'capture'] as const) {
        const h = heads[name];
        const k = h.classes.length;
        const expected = new Float64Array(k);
        logitsInto(h, f.index, f.count, expected);
        softmaxInPlace(expected, k, h.temperature);
        const got = model.probabilities(name, new Float64Array(k));
        for (let c = 0; c < k; c++) expect(got[c]).toBeCloseTo(expected[c], 9);
      }
    }
  });

  it('keeps the isotonic map through the model file, and applies it to P(works complaint)', () => {
    const heads = trainTiny();
    heads.capture.isotonic = { x: [0, 1], y: [0.2, 0.3] };
    const model = LinearModel.fromJson(JSON.parse(JSON.stringify(toModelFile(heads, 0.25, DEFAULT_DOMAIN_DECISION, {}, '2026-12-07T00:00:00.000Z'))));
    expect(model.heads.capture.isotonic).toEqual({ x: [0, 1], y: [0.2, 0.3] });
    const p = createClassifier({ model }).captureProbability('المجاري طافحة عند بيتنا والريحة لا تطاق') ?? -1;
    expect(p).toBeGreaterThanOrEqual(0.2);
    expect(p).toBeLessThanOrEqual(0.3);
  });
});

describe('the figures the model is judged by', () => {
  it("computes Cohen's kappa: 1 for full agreement, 0 for chance, and a known value", () => {
    expect(cohensKappa(['a', 'b', 'a'], ['a', 'b', 'a']).kappa).toBe(1);
    // 50 items: 20 yes/yes, 5 yes/no, 10 no/yes, 15 no/no → po 0.7, pe 0.5, kappa 0.4
    const a = [...Array(20).fill('y'), ...Array(5).fill('y'), ...Array(10).fill('n'), ...Array(15).fill('n')];
    const b = [...Array(20).fill('y'), ...Array(5).fill('n'), ...Array(10).fill('y'), ...Array(15).fill('n')];
    expect(cohensKappa(a, b)).toEqual({ observed: 0.7, kappa: 0.4 });
  });

  it('gives a calibration error of 0 for honest probabilities and a large one for over-confident ones', () => {
    const outcomes = [true, false, true, false];
    expect(expectedCalibrationError([0.55, 0.55, 0.55, 0.55].map(() => 0.5), outcomes)).toBeCloseTo(0, 10);
    expect(expectedCalibrationError([0.99, 0.99, 0.99, 0.99], outcomes)).toBeCloseTo(0.49, 2);
  });
});
