/**
 * Splits a text into runs for highlighting the classifier's evidence. Offsets are UTF-16 indices
 * into the ORIGINAL text (as the classifier reports them), which is what JS string slicing uses.
 * Overlapping spans are fine: each run lists every kind that covers it.
 */
export type EvidenceKind = 'domain' | 'intent' | 'urgency';

export interface EvidenceSpan {
  start: number;
  end: number;
  kind: EvidenceKind;
  term: string;
}

export interface TextRun {
  text: string;
  kinds: EvidenceKind[];
  terms: string[];
}

export function evidenceRuns(text: string, spans: EvidenceSpan[]): TextRun[] {
  const valid = spans
    .map((s) => ({ ...s, start: Math.max(0, Math.min(text.length, s.start)), end: Math.max(0, Math.min(text.length, s.end)) }))
    .filter((s) => s.end > s.start);
  const cuts = new Set<number>([0, text.length]);
  for (const s of valid) {
    cuts.add(s.start);
    cuts.add(s.end);
  }
  const points = [...cuts].sort((a, b) => a - b);
  const runs: TextRun[] = [];
  for (let i = 0; i < points.length - 1; i++) {
    const [from, to] = [points[i], points[i + 1]];
    const covering = valid.filter((s) => s.start <= from && s.end >= to);
    const kinds = [...new Set(covering.map((s) => s.kind))];
    const terms = [...new Set(covering.map((s) => s.term))];
    const last = runs[runs.length - 1];
    if (last && last.kinds.join() === kinds.join() && kinds.length === 0) last.text += text.slice(from, to);
    else runs.push({ text: text.slice(from, to), kinds, terms });
  }
  return runs;
}

/** All evidence of a classification, tagged by what it supports. */
export function spansOf(c: {
  domains?: { domain: string; evidence?: { term: string; start: number; end: number }[] }[];
  intentEvidence?: { term: string; start: number; end: number }[];
  urgencyEvidence?: { term: string; start: number; end: number }[];
}): EvidenceSpan[] {
  const out: EvidenceSpan[] = [];
  for (const d of c.domains ?? []) for (const e of d.evidence ?? []) out.push({ ...e, kind: 'domain' });
  for (const e of c.intentEvidence ?? []) out.push({ ...e, kind: 'intent' });
  for (const e of c.urgencyEvidence ?? []) out.push({ ...e, kind: 'urgency' });
  return out;
}
