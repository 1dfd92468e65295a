import { TfIdf } from 'natural/lib/natural/tfidf';
import { normalize, normalizeForSearch } from '../../classifiers/normalize';
import { generateText, seededRandom } from '../../bench/support/generate-mentions';
import { ChunkTokenizer } from '../../classifiers/terms/chunk-tokens';
import { chunkTokens, isCountedTerm, termsOf } from '../../classifiers/terms/term-tokens';
import { idf, topTerms } from '../../src/summaries/top-terms';

/**
 * The top terms as computed before chunk-wise tokenization (every text normalized whole, with its
 * offset map): the reference the cached tokenization must match exactly.
 */
function referenceTopTerms(texts: string[], previousTexts: string[], limit: number) {
  const surfaces = new Map<string, Map<string, number>>();
  const docs = texts.map((text) => {
    const norm = normalize(text);
    const out: string[] = [];
    const kept = new Set(termsOf(text));
    for (const m of norm.text.matchAll(/[\p{L}\p{N}@_]+/gu)) {
      const term = m[0];
      if (!kept.has(term)) continue;
      out.push(term);
      const span = norm.toOriginal(m.index as number, (m.index as number) + term.length);
      const forms = surfaces.get(term) ?? new Map<string, number>();
      const surface = text.slice(span.start, span.end);
      forms.set(surface, (forms.get(surface) ?? 0) + 1);
      surfaces.set(term, forms);
    }
    return out;
  });
  const df = (ds: string[][]) => {
    const m = new Map<string, number>();
    for (const d of ds) for (const t of new Set(d)) m.set(t, (m.get(t) ?? 0) + 1);
    return m;
  };
  const tfidf = new TfIdf();
  for (const d of docs) tfidf.addDocument(d);
  const cur = df(docs);
  const totals = new Map<string, number>();
  for (const d of docs) for (const t of d) totals.set(t, (totals.get(t) ?? 0) + 1);
  const candidates = [...totals].filter(([t]) => (cur.get(t) ?? 0) >= 2).sort((a, b) => b[1] - a[1]).slice(0, Math.max(limit * 4, 60));
  const prev = df(previousTexts.map(termsOf));
  return candidates
    .map(([term, count]) => ({
      term: [...surfaces.get(term)!].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0],
      normalized: term,
      score: Math.round(count * tfidf.idf(term) * 1000) / 1000,
      mentions: cur.get(term) ?? 0,
      previousMentions: prev.get(term) ?? 0,
    }))
    .sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.normalized.localeCompare(b.normalized))
    .slice(0, limit);
}

/** Texts that stress the normalizer: URLs, handles, hashtags, marks, tatweel, emoji, odd spaces. */
const TRICKY = [
  'الشـــارع   مكسور\nفي سترة https://example.com/a?b=c#d بعد',
  '@MOWBahrain الشارع!!! #شارع_مكسور_جدا 😡😡 road2410 ٤١٠٧',
  'مَدِينَةُ عِيسَى\tمدينة عيسى\u00a0مدينه  عيسي',
  'www.example.org/path الحفريات,الحفريات؟ الحفريات.',
  'ﻻ يوجد إنارة\u2003الإنارة ‏الانارة‎ Lights lights LIGHTS',
  '',
  '   ',
];

function generated(seed: number, n: number): string[] {
  const rnd = seededRandom(seed);
  return Array.from({ length: n }, () => generateText(rnd));
}

describe('chunk-wise tokenization', () => {
  it('gives the tokens and spellings of normalizing the whole text', () => {
    for (const text of [...TRICKY, ...generated(3, 300)]) {
      const tokenizer = new ChunkTokenizer(chunkTokens);
      expect(tokenizer.terms(text, true)).toEqual(chunkTokens(text).terms);
      expect(tokenizer.terms(text, false)).toEqual(termsOf(text));
      const spelled = [...tokenizer.occurrences()].flatMap(([t, n]) => Array.from({ length: n }, () => t.surfaces).flat());
      expect(spelled.sort()).toEqual([...chunkTokens(text).surfaces].sort());
    }
  });

  it('normalizes each distinct chunk once', () => {
    const seen: string[] = [];
    const tokenizer = new ChunkTokenizer((c) => (seen.push(c), chunkTokens(c)));
    tokenizer.terms('الشارع مكسور الشارع', true);
    tokenizer.terms('مكسور  الشارع', false);
    expect(seen).toEqual(['الشارع', 'مكسور']);
    expect([...tokenizer.occurrences()].map(([t, n]) => [t.terms, n])).toEqual([[['الشارع'], 2], [['مكسور'], 1]]);
  });
});

describe('idf', () => {
  it("equals natural's TfIdf.idf for every term of generated documents", () => {
    const docs = [...generated(7, 500), ...TRICKY].map(termsOf);
    const tfidf = new TfIdf();
    for (const d of docs) tfidf.addDocument(d);
    const df = new Map<string, number>();
    for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
    expect(df.size).toBeGreaterThan(100);
    for (const [term, n] of df) expect(idf(docs.length, n)).toBe(tfidf.idf(term));
    expect(idf(docs.length, 0)).toBe(tfidf.idf('كلمة_ليست_في_النصوص'));
  });
});

describe('topTerms', () => {
  it('equals the whole-text computation on generated weeks', () => {
    const cur = [...generated(5, 2000), ...TRICKY];
    const prev = generated(6, 2000);
    const got = topTerms(cur, prev, 15);
    expect(got).toEqual(referenceTopTerms(cur, prev, 15));
    expect(got.length).toBe(15);
  });

  it('shows the most frequent original spelling of a normalized term', () => {
    const got = topTerms(['مدينة عيسى', 'مدينه عيسى', 'مدينة عيسي', 'المدرسة'], [], 5);
    expect(got.find((t) => t.normalized === normalizeForSearch('مدينة'))?.term).toBe('مدينة');
    expect(got.find((t) => t.normalized === normalizeForSearch('عيسى'))?.term).toBe('عيسى');
  });
});

describe('isCountedTerm', () => {
  it('keeps words of three letters or more and drops stop words, also with the conjunction و, numbers and handles', () => {
    for (const term of ['حفره', 'شارع', 'flooding']) expect(isCountedTerm(term)).toBe(true);
    for (const term of ['في', 'ولا', 'وفي', 'ومن', 'the', 'ab', '2026', '@mow_bahrain']) expect(isCountedTerm(term)).toBe(false);
  });
});
