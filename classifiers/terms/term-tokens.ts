/**
 * The terms of a text as the weekly summary counts them: normalized (normalizeForSearch) words of
 * three letters or more, without numbers, handles, the ministry's names and Arabic and English
 * stop words, each with its original spelling. Shared by the summary's top terms and by the SQLite
 * week rollups that count them at ingest, so both count the same terms.
 */
import { normalize, normalizeForSearch } from '../normalize';
import { ChunkTokenizer, type ChunkTokens } from './chunk-tokens';

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
