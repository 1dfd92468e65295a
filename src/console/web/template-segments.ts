/**
 * Splits a template body into plain text and {variables} for the editor's live preview, with the
 * same placeholder rule the server checks at save time (src/templates/template-variables.ts):
 * anything between braces is a variable, and only {name}, {case_number} and {domain} are known.
 */
import { CASE_STATUSES } from '../../domain/case';
import { TEMPLATE_VARIABLES, type TemplateVariables } from '../../templates/template-variables';

export type Segment = { kind: 'text'; text: string } | { kind: 'var'; name: string; known: boolean; value: string | undefined };

const PLACEHOLDER = /\{([^{}]*)\}/g;
const KNOWN = TEMPLATE_VARIABLES as readonly string[];

export function segmentsOf(body: string, sample: TemplateVariables): Segment[] {
  const out: Segment[] = [];
  let last = 0;
  for (const m of body.matchAll(PLACEHOLDER)) {
    const at = m.index ?? 0;
    if (at > last) out.push({ kind: 'text', text: body.slice(last, at) });
    const known = KNOWN.includes(m[1]);
    out.push({ kind: 'var', name: m[1], known, value: known ? sample[m[1] as keyof TemplateVariables] : undefined });
    last = at + m[0].length;
  }
  if (last < body.length) out.push({ kind: 'text', text: body.slice(last) });
  return out;
}

/** The body as a citizen would read it with the sample values (unknown variables left as typed). */
export function filledText(segments: Segment[]): string {
  return segments.map((s) => (s.kind === 'text' ? s.text : s.known && s.value ? s.value : `{${s.name}}`)).join('');
}

/** Unknown variable names, once each, in order of use. */
export function unknownIn(segments: Segment[]): string[] {
  return [...new Set(segments.flatMap((s) => (s.kind === 'var' && !s.known ? [s.name] : [])))];
}

/**
 * Keys the automatic case replies look up (src/cases/deliver-outbox-job.ts): the acknowledgement,
 * and `case_<status>` for the status notices (case_resolved is seeded; others are optional).
 */
const SYSTEM_KEYS = new Set(['case_ack', ...CASE_STATUSES.map((s) => `case_${s}`)]);

export function isSystemKey(key: string): boolean {
  return SYSTEM_KEYS.has(key);
}

/**
 * "{a}، {b}" for a sentence in either language: each variable wrapped in Unicode isolates
 * (FSI…PDI) so Latin names inside Arabic text keep their order and braces.
 */
export function variableList(names: readonly string[], lang: 'ar' | 'en'): string {
  return names.map((n) => `\u2068{${n}}\u2069`).join(lang === 'ar' ? '، ' : ', ');
}
