/**
 * Why a line of an import (replay) file was left out, as parts rather than a sentence, so that the
 * console says it in its own language; the log and the poll's report keep the English sentence of
 * `skippedWords`.
 */
export type SkippedLine =
  | { line: number; problem: 'json' }
  | { line: number; problem: 'repeat'; id: string; firstLine: number }
  /** `detail` is the validator's English words («required», «must be x, instagram, rss or replay»). */
  | { line: number; problem: 'field'; field: string; missing: boolean; detail: string };

/** The English sentence for the log and the import report: «line 4: text: required». */
export function skippedWords(s: SkippedLine): string {
  switch (s.problem) {
    case 'json':
      return `line ${s.line}: not valid JSON`;
    case 'repeat':
      return `line ${s.line}: externalId ${JSON.stringify(s.id)} repeats line ${s.firstLine}`;
    case 'field':
      return `line ${s.line}: ${s.field}: ${s.detail}`;
  }
}

export function isSkippedLine(x: unknown): x is SkippedLine {
  if (typeof x !== 'object' || x === null) return false;
  const s = x as SkippedLine;
  return typeof s.line === 'number' && (s.problem === 'json' || s.problem === 'repeat' || s.problem === 'field');
}
