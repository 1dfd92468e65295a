import fc from 'fast-check';
import { createClassifier, normalize, normalizeForSearch } from '../../classifiers';

const classifier = createClassifier();

/** Code units that stress the normalizer: lone surrogates, bidi marks, ZWJ/ZWNJ, BOM, harakat, emoji parts. */
const nastyUnit = fc.constantFrom(
  '\ud83d', '\ude00', '\ud800', '\udfff', '\u200f', '\u200e', '\u202b', '\u202e', '\u2066', '\u200d', '\u200c',
  '\ufeff', '\u064b', '\u0651', '\u0640', '\u0670', '#', '@', '_', 'http://', 'www.', '\ufdfa', '\ufefb', '٣', '۴', '؟',
  'ـــ', '😡', '🏻', '\ufe0f', 'مجمع', ' 701 ', 'طريق', 'حفرة', 'ال', 'ب', 'اا', '\n', '\u0000',
);
const nastyString = fc.array(fc.oneof(fc.string({ unit: 'binary' }), nastyUnit, fc.string({ unit: 'grapheme' })), { maxLength: 60 }).map((parts) => parts.join(''));

function assertWellFormed(text: string): void {
  const c = classifier.classify(text);
  expect(c.confidence).toBeGreaterThanOrEqual(0);
  expect(c.confidence).toBeLessThanOrEqual(1);
  for (const tag of c.domains) {
    for (const ev of tag.evidence) {
      expect(ev.start).toBeGreaterThanOrEqual(0);
      expect(ev.end).toBeGreaterThan(ev.start);
      expect(ev.end).toBeLessThanOrEqual(text.length);
    }
  }
  const n = normalize(text);
  expect(n.starts.length).toBe(n.text.length);
  // One plain loop and one assertion: an expect() per character made 100 KB inputs take minutes.
  let badOffset = -1;
  for (let i = 0; i < n.text.length && badOffset < 0; i++) {
    if (!(n.starts[i] <= n.ends[i] && n.ends[i] <= text.length)) badOffset = i;
  }
  expect(badOffset).toBe(-1);
}

describe('classifier robustness', () => {
  it('never throws on random Unicode and keeps every span inside the text', () => {
    fc.assert(
      fc.property(nastyString, (text) => {
        assertWellFormed(text);
      }),
      { numRuns: 400, seed: 20260101 },
    );
  });

  it('classifies 100 KB strings of random units without throwing', () => {
    fc.assert(
      fc.property(fc.array(nastyUnit, { minLength: 1, maxLength: 40 }), (units) => {
        let text = '';
        for (let i = 0; text.length < 100_000; i++) text += units[i % units.length];
        assertWellFormed(text);
      }),
      { numRuns: 12, seed: 7 },
    );
  });

  it('does work proportional to the input: 100 KB costs about 100 times 1 KB', () => {
    // Counted in normalized units and tokens rather than time (no timing assertions in tests):
    // a backtracking or quadratic step would show as output far larger than the input.
    const unit = 'لين متى المجاري طافحة في مجمع 701 😡 ';
    const small = unit.repeat(Math.ceil(1000 / unit.length));
    const big = unit.repeat(Math.ceil(100_000 / unit.length));
    const ratio = normalize(big).text.length / normalize(small).text.length;
    expect(ratio).toBeGreaterThan(90);
    expect(ratio).toBeLessThan(110);
    const c = classifier.classify(big);
    expect(c.primaryDomain).toBe('drainage');
  });

  it('gives with classifyWithNormalized the same classification, and exactly the search normalization of the text', () => {
    fc.assert(
      fc.property(nastyString, nastyString, (title, text) => {
        const joined = `${title}\n${text}`; // how ingest joins a title and its text
        const both = classifier.classifyWithNormalized!(joined);
        expect(both.classification).toEqual(classifier.classify(joined));
        expect(both.normalized).toBe(normalizeForSearch(`${title} ${text}`));
      }),
      { numRuns: 500 },
    );
  });
});
