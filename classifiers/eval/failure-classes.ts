/**
 * The kinds of text the classifier promises to handle (README, "The classifier"; the failure
 * classes issue 16 names), as slices of labelled real text, so each promise is measured where it
 * matters instead of on sentences the lexicons' authors wrote. A text's class is decided by its
 * gold labels and plain word lists on the normalized text, never by the classifier's own signals:
 * a filter must not grade itself.
 */
import { normalizeForSearch } from '../normalize';
import type { Classification } from '../../src/domain/classification';
import { isWorksComplaint, type CorpusRow } from './labelled-corpus';

/** What the class's texts show, read once per text. */
export interface TextMarks {
  /** A works word (road, pothole, bridge, flooding, sewage, building…) anywhere in the text. */
  works: boolean;
  /** A rain or weather word. */
  weather: boolean;
  /** A works word inside a hashtag whose words are joined by '_' («#شارع_الملك_فيصل»). */
  worksHashtag: boolean;
  /** An English address with a block number ("Block 324"), which once matched "blocked". */
  englishBlock: boolean;
}

export interface FailureClass {
  name: string;
  /** What the classifier promises for these texts. */
  promise: string;
  member(row: Pick<CorpusRow, 'domain' | 'intent'>, marks: TextMarks): boolean;
  /** The promise is broken for this text (`opened`: a case opens at the threshold). */
  broken(c: Classification, opened: boolean): boolean;
}

const givesWorksDomain = (c: Classification) => c.primaryDomain !== null;
const opensCase = (_: Classification, opened: boolean) => opened;

export const FAILURE_CLASSES: FailureClass[] = [
  {
    name: 'works words in posts about something else (figurative uses, other bodies, other topics)',
    promise: 'no works domain',
    member: (r, m) => r.domain === null && m.works,
    broken: givesWorksDomain,
  },
  { name: 'rain and weather talk with no works problem', promise: 'no works domain', member: (r, m) => r.domain === null && m.weather, broken: givesWorksDomain },
  { name: 'complaints about other services (electricity, water supply, telecom, prices…)', promise: 'no case', member: (r) => r.domain === null && r.intent === 'complaint', broken: opensCase },
  { name: 'works news and announcements', promise: 'no case', member: (r) => r.domain !== null && r.intent === 'other', broken: opensCase },
  { name: 'suggestions and questions about works', promise: 'no case', member: (r) => r.domain !== null && (r.intent === 'suggestion' || r.intent === 'inquiry'), broken: opensCase },
  { name: 'thanks and praise', promise: 'no case', member: (r) => r.intent === 'praise', broken: opensCase },
  { name: 'works complaints whose topic is in a hashtag', promise: 'a case', member: (r, m) => isWorksComplaint(r) && m.worksHashtag, broken: (_, opened) => !opened },
  { name: 'English addresses ("Block 324") outside drainage', promise: 'not drainage', member: (r, m) => m.englishBlock && r.domain !== 'drainage', broken: (c) => c.primaryDomain === 'drainage' },
];

/** Word beginnings, normalized as normalizeForSearch writes them (ة→ه, ى→ي, أ→ا). */
const WORKS_WORDS = [
  'طريق', 'طرق', 'شارع', 'شوارع', 'حفره', 'حفر', 'نقره', 'مطب', 'اسفلت', 'جسر', 'جسور', 'دوار', 'اشاره', 'غرق', 'مجاري', 'منهول',
  'مناهيل', 'طفح', 'مبني', 'مباني', 'مدرسه', 'road', 'street', 'pothole', 'asphalt', 'bridge', 'roundabout', 'flood', 'drain',
  'sewage', 'sewer', 'manhole', 'building', 'school',
];
const WEATHER_WORDS = ['مطر', 'امطار', 'سيول', 'غيوم', 'طقس', 'rain', 'storm', 'weather', 'flood'];
/** Short words that only count whole (a beginning «جو» would take in «جوال»). */
const WEATHER_WHOLE_WORDS = ['جو', 'سيل'];
/** Clitics read off a word before it is compared: و/ف, then ب/ل/ك, then ال («وبالأمطار» → «امطار»). */
const CLITICS = /^[وف]?[بلك]?(?:ال)?(?=..)/;

function hasWord(tokens: string[], beginnings: string[], wholeWords: string[] = []): boolean {
  return tokens.some((token) => {
    const bare = token.replace(CLITICS, '');
    return beginnings.some((w) => token.startsWith(w) || bare.startsWith(w)) || wholeWords.includes(token) || wholeWords.includes(bare);
  });
}

export function marksOf(text: string): TextMarks {
  const tokens = normalizeForSearch(text).split(' ');
  const hashtags = text.match(/#[^\s#]*_[^\s#]*/g) ?? [];
  return {
    works: hasWord(tokens, WORKS_WORDS),
    weather: hasWord(tokens, WEATHER_WORDS, WEATHER_WHOLE_WORDS),
    worksHashtag: hashtags.some((tag) => hasWord(normalizeForSearch(tag).split(' '), WORKS_WORDS)),
    englishBlock: /\bblock\s*\d/i.test(text),
  };
}

export interface FailureRate {
  failureClass: FailureClass;
  texts: number;
  broken: number;
}

/** How often each promise breaks on `rows`, given what the classifier said and whether a case opened. */
export function failureRates(rows: Pick<CorpusRow, 'text' | 'domain' | 'intent'>[], judge: (text: string) => { classification: Classification; opened: boolean }): FailureRate[] {
  const rates = FAILURE_CLASSES.map((failureClass) => ({ failureClass, texts: 0, broken: 0 }));
  for (const row of rows) {
    const marks = marksOf(row.text);
    const inClasses = rates.filter((r) => r.failureClass.member(row, marks));
    if (inClasses.length === 0) continue;
    const { classification, opened } = judge(row.text);
    for (const r of inClasses) {
      r.texts++;
      if (r.failureClass.broken(classification, opened)) r.broken++;
    }
  }
  return rates;
}
