/**
 * The direction a citizen's post reads in, and the runs inside it that keep their own direction.
 *
 * `dir="auto"` takes the first strong letter, and replies to the ministry open with "@MOWBahrain"
 * or a link: an Arabic post then lays out left to right, its handle at the far left as if it ended
 * the sentence. So handles, links, e-mail addresses and Latin hashtags are set aside, and the post
 * reads right to left when Arabic letters are at least as many as Latin ones.
 *
 * Inside a right-to-left paragraph those same runs break apart: "@", "#", "+" and a link's trailing
 * "/" are neutral and join the Arabic side, so «صباح الخير @MOWBahrain» shows "MOWBahrain@".
 * `bidiTokens` finds them, and the console renders each one isolated in its own direction
 * (components/post-text.tsx). An Arabic hashtag is isolated right to left: in an Arabic paragraph
 * that changes nothing, in an English one it keeps the "#" to the right of the word.
 */
import { evidenceRuns, type EvidenceSpan, type TextRun } from './evidence';

export type BidiTokenKind = 'url' | 'email' | 'handle' | 'hashtag' | 'phone' | 'case';

export interface BidiToken {
  /** UTF-16 offsets into the text, like the classifier's evidence. */
  start: number;
  end: number;
  kind: BidiTokenKind;
  dir: 'ltr' | 'rtl';
}

const ARABIC = '\\u0600-\\u06FF\\u0750-\\u077F\\u08A0-\\u08FF\\uFB50-\\uFDFF\\uFE70-\\uFEFF';
const TOKEN = new RegExp(
  [
    // A link up to the next space (its sentence's closing punctuation is trimmed below).
    String.raw`(?<url>(?:https?:\/\/|www\.)[^\s]+)`,
    String.raw`(?<email>(?<![\w.%+-])[A-Za-z0-9._%+-]+@[A-Za-z0-9-]+(?:\.[A-Za-z0-9-]+)+)`,
    // X and Instagram handles: letters, digits, "_" and (Instagram) inner dots.
    String.raw`(?<handle>(?<![\w@.])@[A-Za-z0-9_](?:[A-Za-z0-9_.]*[A-Za-z0-9_])?)`,
    String.raw`(?<hashtag>(?<![\p{L}\p{N}_&#])#[\p{L}\p{M}\p{N}_]*[\p{L}\p{N}][\p{L}\p{M}\p{N}_]*)`,
    // An international phone number: in Arabic text "+973 1754 5555" would come out "5555 1754 973+".
    String.raw`(?<phone>(?<![\w+])\+\d{1,4}(?:[ -]?\d{2,5}){1,4}(?!\w))`,
    // A case number (MOW-2026-000013, as CaseNumberSchema has it): one run, so a line never breaks
    // at its hyphens with a hyphen left on the Arabic side (styles.css keeps it unbroken).
    String.raw`(?<case>(?<![\w-])[A-Z][A-Z0-9]{0,9}-\d{4}-\d{6}(?![\w-]))`,
  ].join('|'),
  'gu',
);
/** What a link, an e-mail address or a hashtag is followed by rather than made of. */
const TRAILING = /[.,;:!?،؛؟'"»…)\]}>]+$/u;
const ARABIC_LETTER = new RegExp(`[${ARABIC}]`, 'g');
const LATIN_LETTER = /[A-Za-z\u00C0-\u024F]/g;
const FIRST_STRONG = new RegExp(`[${ARABIC}]|[A-Za-z\\u00C0-\\u024F]`);

/** The handles, links, e-mail addresses, hashtags, phone numbers and case numbers of a text, in order. */
export function bidiTokens(text: string): BidiToken[] {
  const out: BidiToken[] = [];
  for (const m of text.matchAll(TOKEN)) {
    const g = m.groups ?? {};
    const kind = (Object.keys(g) as BidiTokenKind[]).find((k) => g[k] !== undefined);
    if (!kind || m.index === undefined) continue;
    let value = m[0];
    if (kind === 'url') {
      // Keep a closing bracket the link opened itself (Wikipedia's "..._(road)").
      let trimmed = value.replace(TRAILING, '');
      const tail = value.slice(trimmed.length);
      for (const [open, close] of [['(', ')'], ['[', ']']]) {
        if (tail.startsWith(close) && trimmed.split(open).length > trimmed.split(close).length) trimmed += close;
      }
      value = trimmed;
    }
    if (value.length < 2) continue;
    const first = FIRST_STRONG.exec(value)?.[0];
    const dir = kind === 'hashtag' && first !== undefined && new RegExp(`[${ARABIC}]`).test(first) ? 'rtl' : 'ltr';
    out.push({ start: m.index, end: m.index + value.length, kind, dir });
  }
  return out;
}

export function textDirection(text: string): 'rtl' | 'ltr' | 'auto' {
  let rest = '';
  let at = 0;
  for (const t of bidiTokens(text)) {
    if (t.dir !== 'ltr') continue;
    rest += `${text.slice(at, t.start)} `;
    at = t.end;
  }
  rest += text.slice(at);
  const arabic = rest.match(ARABIC_LETTER)?.length ?? 0;
  const latin = rest.match(LATIN_LETTER)?.length ?? 0;
  if (arabic === 0 && latin === 0) return 'auto'; // emoji, numbers, a bare handle: the browser's call
  return arabic >= latin ? 'rtl' : 'ltr';
}

/** A stretch of a post: plain, or a token to isolate; its evidence runs add up to its text. */
export interface PostSegment {
  text: string;
  start: number;
  token?: BidiToken;
  runs: TextRun[];
}

/**
 * A post cut for rendering: the tokens to isolate, and inside and between them the evidence runs
 * (a highlight that straddles a token's edge is cut in two). The segments' texts, and their runs'
 * texts, add up to the text exactly, so evidence offsets stay those of the original.
 */
export function postSegments(text: string, spans: EvidenceSpan[] = []): PostSegment[] {
  const runs = evidenceRuns(text, spans);
  const bounds: { start: number; end: number; token?: BidiToken }[] = [];
  let at = 0;
  for (const token of bidiTokens(text)) {
    if (token.start > at) bounds.push({ start: at, end: token.start });
    bounds.push({ start: token.start, end: token.end, token });
    at = token.end;
  }
  if (at < text.length || bounds.length === 0) bounds.push({ start: at, end: text.length });

  const segments: PostSegment[] = [];
  let runStart = 0;
  let r = 0;
  for (const b of bounds) {
    const seg: PostSegment = { text: text.slice(b.start, b.end), start: b.start, token: b.token, runs: [] };
    while (r < runs.length && runStart < b.end) {
      const run = runs[r];
      const runEnd = runStart + run.text.length;
      const from = Math.max(runStart, b.start);
      const to = Math.min(runEnd, b.end);
      if (to > from) seg.runs.push({ ...run, text: text.slice(from, to) });
      if (runEnd <= b.end) {
        runStart = runEnd;
        r++;
      } else break; // the run goes on into the next segment
    }
    segments.push(seg);
  }
  return segments;
}
