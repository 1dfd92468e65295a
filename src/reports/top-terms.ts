/**
 * Top terms of the week: natural's TfIdf over Arabic-normalized mention texts (classifiers'
 * normalizeForSearch), stop words and handles removed. Runs on a bounded sample the store returns
 * (sampleMentionTexts), never on every mention. A term's score is its total count times its idf,
 * i.e. the sum of its tf-idf over the sampled mentions; it must appear in at least two mentions.
 * Terms are counted in normalized form and shown in their most frequent original spelling.
 *
 * Texts are tokenized one space-separated chunk at a time, each distinct chunk normalized once per
 * call (chunk-tokens.ts): posts repeat their words, and normalizing every text with its offset map
 * was most of the summary's top-terms time. The tokens and spellings are the same as normalizing
 * the whole text (test/reports/top-terms.test.ts compares them).
 */
import { TfIdf } from 'natural/lib/natural/tfidf';
import { normalize, normalizeForSearch } from '../../classifiers/normalize';
import { ChunkTokenizer, type ChunkTokens } from './chunk-tokens';

export interface TopTerm {
  /** The most frequent original spelling, e.g. سترة (for display). */
  term: string;
  /** The normalized form the counts are keyed on, e.g. ستره. */
  normalized: string;
  score: number;
  /** Sampled mentions of this week containing the term. */
  mentions: number;
  /** Sampled mentions of the previous week containing it. */
  previousMentions: number;
}

// natural ships English stop words without typings for this file.
// eslint-disable-next-line @typescript-eslint/no-require-imports
const ENGLISH_STOP_WORDS: string[] = (require('natural/lib/natural/util/stopwords') as { words: string[] }).words;

/** Arabic (MSA and Gulf) function words, greetings and the ministry's own names. */
const ARABIC_STOP_WORDS = `في من على الى إلى عن مع هذا هذه ذلك تلك هذي هاذي هذيك التي الذي الذين اللي هو هي هم هن
  انا أنا احنا نحن انت أنت انتي انتم أنتم كان كانت كانوا يكون تكون صار صارت ما ماذا لماذا ليش ليه متى كيف شلون وين
  اين أين هل لا لم لن ان أن إن او أو ثم قد كل كله بعض غير بين عند عندنا عندهم حتى بعد قبل فوق تحت منذ يا وش شنو
  شو ايش عشان علشان مب مو مش بس واجد وايد يعني شي شيء لو لكن بل اذا إذا كذلك ايضا أيضا جدا الله والله شاء
  مساء صباح الخير السلام عليكم شكرا لكم لنا له لها لهم فيه فيها منه منها عليه عليها الحين اليوم امس أمس كذا
  جذي هناك هنا مثل لين الين اللهم تم يتم وزارة وزاره الأشغال الاشغال الوزارة الوزاره`;

const HANDLE_OR_BRAND = /^(@|mow|moworks|mowbahrain)/;

let stopWords: Set<string> | undefined;
function stopWordSet(): Set<string> {
  stopWords ??= new Set([
    ...ARABIC_STOP_WORDS.split(/\s+/).filter(Boolean).map((w) => normalizeForSearch(w)),
    ...ENGLISH_STOP_WORDS,
  ]);
  return stopWords;
}

const keep = (t: string, stop: Set<string>) => t.length >= 3 && !/^\p{N}+$/u.test(t) && !HANDLE_OR_BRAND.test(t) && !stop.has(t);

/** Normalized tokens of one text worth counting: words of 3+ letters, no numbers, no handles. */
export function termsOf(text: string): string[] {
  const stop = stopWordSet();
  return normalizeForSearch(text).split(/[^\p{L}\p{N}@_]+/u).filter((t) => keep(t, stop));
}

/**
 * The kept tokens of one space-free chunk of text with the original spelling of each (what
 * normalizing the whole text yields for that chunk: the normalizer never joins across a space).
 */
export function chunkTokens(chunk: string): ChunkTokens {
  const stop = stopWordSet();
  const norm = normalize(chunk);
  const terms: string[] = [];
  const surfaces: string[] = [];
  for (const m of norm.text.matchAll(/[\p{L}\p{N}@_]+/gu)) {
    const term = m[0];
    if (!keep(term, stop)) continue;
    const span = norm.toOriginal(m.index as number, (m.index as number) + term.length);
    terms.push(term);
    surfaces.push(chunk.slice(span.start, span.end));
  }
  return { terms, surfaces };
}

/** The most frequent spelling of each wanted term over every tokenized chunk occurrence. */
function spellings(tokenizer: ChunkTokenizer, wanted: Set<string>): Map<string, string> {
  const forms = new Map<string, Map<string, number>>();
  for (const [tokens, n] of tokenizer.occurrences()) {
    tokens.terms.forEach((term, i) => {
      if (!wanted.has(term)) return;
      const byForm = forms.get(term) ?? new Map<string, number>();
      byForm.set(tokens.surfaces[i], (byForm.get(tokens.surfaces[i]) ?? 0) + n);
      forms.set(term, byForm);
    });
  }
  const out = new Map<string, string>();
  for (const [term, byForm] of forms) out.set(term, [...byForm].sort((a, b) => b[1] - a[1] || a[0].localeCompare(b[0]))[0][0]);
  return out;
}

/**
 * A document for natural's TfIdf as its term → count map (what addDocument builds from an array
 * of terms), on a prototype-free object: natural's idf looks the term up in every document, and
 * the objects addDocument builds, each of its own shape, made that lookup three times slower.
 */
function termFrequencies(terms: string[]): Record<string, number> {
  const tf = Object.create(null) as Record<string, number>;
  for (const t of terms) tf[t] = (tf[t] ?? 0) + 1;
  return tf;
}

function documentFrequency(docs: string[][]): Map<string, number> {
  const df = new Map<string, number>();
  for (const d of docs) for (const t of new Set(d)) df.set(t, (df.get(t) ?? 0) + 1);
  return df;
}

export function topTerms(texts: string[], previousTexts: string[], limit: number): TopTerm[] {
  // Spellings are counted for this week's texts only; the previous week's are only looked up.
  const tokenizer = new ChunkTokenizer(chunkTokens);
  const docs = texts.map((t) => tokenizer.terms(t, true));
  // natural's serialized form: its documents as term → count maps (see termFrequencies)
  const tfidf = new TfIdf({ documents: docs.map(termFrequencies) });
  const df = documentFrequency(docs);
  const totals = new Map<string, number>();
  for (const d of docs) for (const t of d) totals.set(t, (totals.get(t) ?? 0) + 1);
  // idf is O(documents) per term in natural: only score the most frequent candidates
  const candidates = [...totals].filter(([t]) => (df.get(t) ?? 0) >= 2).sort((a, b) => b[1] - a[1]).slice(0, Math.max(limit * 4, 60));
  const previousDf = documentFrequency(previousTexts.map((t) => tokenizer.terms(t, false)));
  const spelled = spellings(tokenizer, new Set(candidates.map(([t]) => t)));
  return candidates
    .map(([term, count]) => ({
      term: spelled.get(term) ?? term,
      normalized: term,
      score: Math.round(count * tfidf.idf(term) * 1000) / 1000,
      mentions: df.get(term) ?? 0,
      previousMentions: previousDf.get(term) ?? 0,
    }))
    .sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.normalized.localeCompare(b.normalized))
    .slice(0, limit);
}
