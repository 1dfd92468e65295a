import path from 'node:path';
import fc from 'fast-check';
import { createClassifier } from '../../../classifiers';
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

  it('refuses a slot count that is not a power of two', () => {
    expect(() => createClassifier({ wordCacheSlots: 3 }).classify('حفرة في الشارع')).toThrow(/power of two/);
  });
});
