import path from 'node:path';
import fc from 'fast-check';
import { createClassifier, LinearModel } from '../../../classifiers';
import { HASH_DIMS } from '../../../classifiers/model/hashed-features';
import type { HeadWeights } from '../../../classifiers/model/linear-model';
import { readLabeledSet } from '../../../classifiers/eval/metrics';

// The word cache must change nothing but speed: every classification (domain, intent, confidence
// to the last digit, the model's evidence) is the same with the cache, with a cache of two slots
// (every word evicts another, and a word shares its set with others), and without one.
const LABELED = path.join(__dirname, '..', '..', 'fixtures', 'classifier', 'labeled.jsonl');

describe('the model word cache', () => {
  const uncached = createClassifier({ wordCacheSlots: 0 });
  const tiny = createClassifier({ wordCacheSlots: 2 });
  const cached = createClassifier();

  it('classifies every post of the team-written set exactly as scoring every feature does', () => {
    const texts = readLabeledSet(LABELED).map((r) => r.text);
    expect(uncached.model).toBeDefined();
    // Twice: the second pass finds the words the first one cached.
    for (const text of [...texts, ...texts]) {
      const expected = uncached.classify(text);
      expect({ text, got: cached.classify(text) }).toEqual({ text, got: expected });
      expect({ text, got: tiny.classify(text) }).toEqual({ text, got: expected });
    }
    expect(texts.some((t) => (uncached.classify(t).modelEvidence ?? []).length > 0)).toBe(true);
  });

  it('classifies generated texts exactly as scoring every feature does, repeated and very long words included', () => {
    const words = ['حفرة', 'الشارع', 'المجاري', 'طافحة', 'في', 'مجمع', '324', 'مدرسة', 'تسرب', 'road', 'pothole', 'Block', '#شارع_الاستقلال', 'ما', 'يصلحون؟', 'شكراً', 'الوزارة', 'والمياهههههههههههههههههههههههههه', 'supercalifragilisticexpialidociousroads'];
    const post = fc.array(fc.oneof(fc.constantFrom(...words), fc.string({ minLength: 1, maxLength: 30 })), { minLength: 1, maxLength: 40 }).map((w) => w.join(' '));
    fc.assert(
      fc.property(post, (text) => {
        const expected = uncached.classify(text);
        expect(cached.classify(text)).toEqual(expected);
        expect(tiny.classify(text)).toEqual(expected);
      }),
      { numRuns: 300, seed: 20261207 },
    );
  });

  // Models of other shapes: 4 + 6 + 2 classes fill all twelve sums of a word (the last is P(yes)),
  // 4 + 7 + 2 need more than twelve. Weights are random over every feature, so every lane counts.
  it.each([6, 7])('scores a model with %i intents exactly as scoring every feature does', (intents) => {
    let seed = 99;
    const next = (): number => (seed = (Math.imul(seed, 1103515245) + 12345) >>> 0);
    const head = (classes: string[]): HeadWeights => ({
      classes,
      weights: Float32Array.from({ length: HASH_DIMS * classes.length }, () => ((next() % 255) - 127) / 64),
      bias: new Float32Array(classes.length),
      temperature: 40,
    });
    const intentClasses = ['complaint', 'inquiry', 'suggestion', 'praise', 'other', 'x6', 'x7'].slice(0, intents);
    const model = new LinearModel('shape', { domain: head(['roads', 'drainage', 'buildings', 'none']), intent: head(intentClasses), capture: head(['no', 'yes']) }, 0.5);
    const plain = createClassifier({ model, wordCacheSlots: 0 });
    const withCache = createClassifier({ model, wordCacheSlots: 4 });
    for (const { text } of readLabeledSet(LABELED).slice(0, 120)) {
      expect(withCache.captureProbability(text)).toBe(plain.captureProbability(text));
      expect(withCache.classify(text)).toEqual(plain.classify(text));
    }
  });

  it('refuses a slot count that is not a power of two', () => {
    expect(() => createClassifier({ wordCacheSlots: 3 }).classify('حفرة في الشارع')).toThrow(/power of two/);
  });
});
