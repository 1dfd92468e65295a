/**
 * Top terms of the week: tf-idf as natural's TfIdf computes it (see idf) over Arabic-normalized mention texts (classifiers'
 * normalizeForSearch), stop words and handles removed. Runs on a bounded sample the store returns
 * (sampleMentionTexts), never on every mention. A term's score is its total count times its idf,
 * i.e. the sum of its tf-idf over the sampled mentions; it must appear in at least two mentions.
 * Terms are counted in normalized form and shown in their most frequent original spelling.
 *
 * Texts are tokenized one space-separated chunk at a time, each distinct chunk normalized once per
 * call (chunk-tokens.ts): posts repeat their words, and normalizing every text with its offset map
 * was most of the summary's top-terms time. The tokens and spellings are the same as normalizing
 * the whole text (test/summaries/top-terms.test.ts compares them).
 */
import { normalize, normalizeForSearch } from '../../classifiers/normalize';
import type { TermCandidate } from '../domain';
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
    // each also with the conjunction و written onto it (ولا، وفي، ومن …)
    ...ARABIC_STOP_WORDS.split(/\s+/).filter(Boolean).flatMap((w) => [normalizeForSearch(w), normalizeForSearch(`و${w}`)]),
    ...ENGLISH_STOP_WORDS,
  ]);
  return stopWords;
}

const keep = (t: string, stop: Set<string>) => t.length >= 3 && !/^\p{N}+$/u.test(t) && !HANDLE_OR_BRAND.test(t) && !stop.has(t);

/**
 * Whether a normalized term is one worth counting. Also applied to terms a store counted earlier,
 * so words added to the stop lists drop out of reports at once.
 */
export const isCountedTerm = (term: string) => keep(term, stopWordSet());

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

/** How often a term occurs over a set of documents, and in how many of them. */
interface TermStats {
  count: number;
  documents: number;
  /** Index of the last document that counted towards `documents`. */
  lastDocument: number;
}

/** Occurrences and document frequency of every term, in one pass over the tokens. */
function termStats(docs: string[][]): Map<string, TermStats> {
  const stats = new Map<string, TermStats>();
  docs.forEach((doc, d) => {
    for (const term of doc) {
      let s = stats.get(term);
      if (!s) stats.set(term, (s = { count: 0, documents: 0, lastDocument: -1 }));
      s.count++;
      if (s.lastDocument !== d) {
        s.documents++;
        s.lastDocument = d;
      }
    }
  });
  return stats;
}

/**
 * natural's TfIdf.idf (natural/lib/natural/tfidf/tfidf.js: 1 + ln(N / (1 + documents with the
 * term))) from the document frequency counted above: natural counts it by looking the term up in
 * every document, O(documents) per term (test/summaries/top-terms.test.ts compares the two).
 */
export function idf(documents: number, documentsWithTerm: number): number {
  return 1 + Math.log(documents / (1 + documentsWithTerm));
}

/** How many of the most frequent terms (in two mentions or more) are scored: limit × 4, at least 60. */
export const candidateCount = (limit: number) => Math.max(limit * 4, 60);

/** Scores the candidates (count × natural's idf over `documents`) and keeps the best `limit`. */
export function rankTerms(candidates: TermCandidate[], documents: number, limit: number): TopTerm[] {
  return candidates
    .map((c) => ({
      term: c.spelling,
      normalized: c.term,
      score: Math.round(c.count * idf(documents, c.documents) * 1000) / 1000,
      mentions: c.documents,
      previousMentions: c.previousDocuments,
    }))
    .sort((a, b) => b.score - a.score || b.mentions - a.mentions || a.normalized.localeCompare(b.normalized))
    .slice(0, limit);
}

/** Top terms of a sample of texts (stores that do not count terms per week). */
export function topTerms(texts: string[], previousTexts: string[], limit: number): TopTerm[] {
  // Spellings are counted for this week's texts only; the previous week's are only looked up.
  const tokenizer = new ChunkTokenizer(chunkTokens);
  const stats = termStats(texts.map((t) => tokenizer.terms(t, true)));
  // Only the most frequent terms in two mentions or more are candidates (and spelled).
  const candidates = [...stats].filter(([, s]) => s.documents >= 2).sort((a, b) => b[1].count - a[1].count).slice(0, candidateCount(limit));
  const previous = termStats(previousTexts.map((t) => tokenizer.terms(t, false)));
  const spelled = spellings(tokenizer, new Set(candidates.map(([t]) => t)));
  const scored = candidates.map(([term, s]) => ({
    term,
    count: s.count,
    documents: s.documents,
    previousDocuments: previous.get(term)?.documents ?? 0,
    spelling: spelled.get(term) ?? term,
  }));
  return rankTerms(scored, texts.length, limit);
}

/** One text's kept terms, per distinct (term, spelling) with its occurrences: what a store counts per week. */
export type TermSpelling = [term: string, spelling: string, occurrences: number];

export function termSpellingsOf(text: string, tokenizer: ChunkTokenizer): TermSpelling[] {
  const { terms, surfaces } = tokenizer.tokens(text);
  const byPair = new Map<string, TermSpelling>();
  terms.forEach((term, i) => {
    const key = `${term}\u0000${surfaces[i]}`;
    const pair = byPair.get(key);
    if (pair) pair[2]++;
    else byPair.set(key, [term, surfaces[i], 1]);
  });
  return [...byPair.values()];
}

/** A tokenizer for termSpellingsOf (its cache of chunks is worth keeping over many texts). */
export const termTokenizer = () => new ChunkTokenizer(chunkTokens);
