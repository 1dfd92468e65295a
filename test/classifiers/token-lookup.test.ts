import path from 'node:path';
import fc from 'fast-check';
import { readLabeledSet } from '../../classifiers/eval/metrics';
import { loadClassifierData } from '../../classifiers/lexicon-files';
import { NormalizeBuffer } from '../../classifiers/normalize-buffer';
import { normalizeInto } from '../../classifiers/normalize-pass';
import { buildPhraseIndex } from '../../classifiers/phrase-index';
import { TokenResolver } from '../../classifiers/token-lookup';

const LABELED = path.join(__dirname, '..', 'fixtures', 'classifier', 'labeled.jsonl');

/** Each token's word id and flags, as `resolver` resolves `text`. */
function resolved(resolver: TokenResolver, text: string): string[] {
  const b = new NormalizeBuffer();
  normalizeInto(text, b);
  resolver.resolveAll(b);
  return Array.from({ length: b.tokenCount }, (_, t) => `${b.slice(b.tokStart[t], b.tokEnd[t])}:${resolver.ids[t]}:${resolver.flags[t]}`);
}

describe('the token resolution cache', () => {
  const index = buildPhraseIndex(loadClassifierData());
  const texts = readLabeledSet(LABELED).map((r) => r.text);

  // The cache only skips repeated searches: with it, with one slot (every word evicts the last) and
  // without it, every token of the team-written set resolves to the same word id and flags, the
  // second time round (from the cache) as the first.
  it('resolves every token as a resolver without a cache does', () => {
    const fresh = new TokenResolver(index, 0);
    const cached = new TokenResolver(index);
    const oneSlot = new TokenResolver(index, 1);
    let lexiconWords = 0;
    for (let round = 0; round < 2; round++) {
      for (const text of texts) {
        const expected = resolved(fresh, text);
        expect(resolved(cached, text)).toEqual(expected);
        expect(resolved(oneSlot, text)).toEqual(expected);
        lexiconWords += expected.filter((r) => !r.includes(':-1:')).length;
      }
    }
    // Not a vacuous comparison: over a thousand of the set's tokens resolve to lexicon words.
    expect(lexiconWords).toBeGreaterThan(1000);
  });

  it('keeps misspelt and clitic matches flagged when they come from the cache', () => {
    const cached = new TokenResolver(index);
    const text = 'بحفرة في التحوبلات والمجايرر كل sewege';
    const first = resolved(cached, text);
    // «بحفرة» is حفرة after a clitic (flag 2); «التحوبلات» and «والمجايرر» are one edit from a
    // lexicon word (flag 1); English is never matched by edit distance ("sewege" stays unknown).
    expect(first.filter((r) => r.endsWith(':2'))).toHaveLength(1);
    expect(first.filter((r) => r.endsWith(':1'))).toHaveLength(2);
    expect(first.find((r) => r.startsWith('sewege:'))).toBe('sewege:-1:0');
    expect(resolved(cached, text)).toEqual(first);
  });

  it('agrees with a resolver without a cache on any text, with words that share a hash slot', () => {
    const fresh = new TokenResolver(index, 0);
    const twoSlots = new TokenResolver(index, 2);
    const word = fc.constantFrom('حفرة', 'حفره', 'مجاري', 'المجاري', 'بالمجاري', 'طفح', 'sewage', 'potholes', 'شارع', 'الشوارع', '4107', 'مجمع', 'xyz');
    fc.assert(
      fc.property(fc.array(fc.oneof(word, fc.string({ maxLength: 30 })), { maxLength: 12 }), (words) => {
        const text = words.join(' ');
        expect(resolved(twoSlots, text)).toEqual(resolved(fresh, text));
      }),
      { numRuns: 300 },
    );
  });

  it('refuses a slot count that is not a power of two', () => {
    expect(() => new TokenResolver(index, 3000)).toThrow(/power of two/);
  });
});
