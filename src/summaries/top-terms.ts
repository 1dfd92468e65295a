/**
 * Top terms of the week: tf-idf as natural's TfIdf computes it (see idf) over Arabic-normalized mention texts (classifiers'
 * normalizeForSearch), stop words and handles removed (classifiers/terms/term-tokens.ts). Runs on a bounded sample the store returns
 * (sampleMentionTexts), never on every mention. A term's score is its total count times its idf,
 * i.e. the sum of its tf-idf over the sampled mentions; it must appear in at least two mentions.
 * Terms are counted in normalized form and shown in their most frequent original spelling.
 *
 * Texts are tokenized one space-separated chunk at a time, each distinct chunk normalized once per
 * call (classifiers/terms/chunk-tokens.ts): posts repeat their words, and normalizing every text with its offset map
 * was most of the summary's top-terms time. The tokens and spellings are the same as normalizing
 * the whole text (test/summaries/top-terms.test.ts compares them).
 */
import { ChunkTokenizer } from '../../classifiers/terms/chunk-tokens';
import { chunkTokens } from '../../classifiers/terms/term-tokens';
import type { TermCandidate } from './store/summary-store';

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
