/**
 * The variables a reply template may use, and rendering. Anything between braces is a variable, so
 * a typo like {case_numer} is caught when the template is saved, not when a citizen sees it.
 */
import type { Domain } from '../domain';
import { UnprocessableError } from '../errors';
import type { TemplateLang } from './store/template-store';

export const TEMPLATE_VARIABLES = ['name', 'case_number', 'domain'] as const;
export type TemplateVariable = (typeof TEMPLATE_VARIABLES)[number];
export type TemplateVariables = Partial<Record<TemplateVariable, string>>;

const PLACEHOLDER = /\{([^{}]*)\}/g;

/**
 * A brace that belongs to no {placeholder}: a "{" not closed before the next "{" or the end
 * (`{case_number بخصوص`), or a "}" with no "{" before it. `index` counts UTF-16 units (for a
 * textarea's selection), `position` characters from 1 (for people).
 */
export interface BraceProblem {
  kind: 'unclosed' | 'unopened';
  char: '{' | '}';
  index: number;
  position: number;
}

/** The first stray brace in a body, or null when every brace is part of a {placeholder}. */
export function braceProblem(body: string): BraceProblem | null {
  const at = (kind: BraceProblem['kind'], index: number): BraceProblem => ({ kind, char: kind === 'unclosed' ? '{' : '}', index, position: [...body.slice(0, index)].length + 1 });
  let open = -1;
  for (let i = 0; i < body.length; i++) {
    if (body[i] === '{') {
      if (open >= 0) return at('unclosed', open);
      open = i;
    } else if (body[i] === '}') {
      if (open < 0) return at('unopened', i);
      open = -1;
    }
  }
  return open >= 0 ? at('unclosed', open) : null;
}

/**
 * Throws 422 template_brace_unbalanced for the first stray brace per language; `field` and
 * `position` name the first one, `problems` every language's.
 */
export function assertBalancedBraces(bodies: Partial<Record<TemplateLang, string>>): void {
  const problems: Partial<Record<TemplateLang, BraceProblem>> = {};
  for (const [lang, body] of Object.entries(bodies) as [TemplateLang, string | undefined][]) {
    const p = braceProblem(body ?? '');
    if (p) problems[lang] = p;
  }
  const first = (Object.entries(problems) as [TemplateLang, BraceProblem][])[0];
  if (!first) return;
  const [lang, p] = first;
  const what = p.kind === 'unclosed' ? '"{" has no closing "}"' : '"}" has no opening "{"';
  throw new UnprocessableError('template_brace_unbalanced', `bodies.${lang}: ${what} at position ${p.position}`, {
    field: `bodies.${lang}`,
    position: p.position,
    problems,
  });
}

/** Variable names used in a body, in order of first use. */
export function variablesIn(body: string): string[] {
  return [...new Set([...body.matchAll(PLACEHOLDER)].map((m) => m[1]))];
}

/** Throws 422 unknown_template_variable naming every unknown variable per language. */
export function assertKnownVariables(bodies: Partial<Record<TemplateLang, string>>): void {
  const details: Record<string, string[]> = {};
  for (const [lang, body] of Object.entries(bodies)) {
    const unknown = variablesIn(body ?? '').filter((v) => !(TEMPLATE_VARIABLES as readonly string[]).includes(v));
    if (unknown.length) details[lang] = unknown;
  }
  if (Object.keys(details).length) {
    throw new UnprocessableError(
      'unknown_template_variable',
      `templates may only use {${TEMPLATE_VARIABLES.join('}, {')}}`,
      { unknown: details, allowed: TEMPLATE_VARIABLES },
    );
  }
}

const LEFTOVER = new RegExp(`\\{\\s*(?:${TEMPLATE_VARIABLES.join('|')})\\b\\s*\\}?|\\{\\w+\\}`);

/**
 * The first piece of a reply that is still a placeholder: "{case_number}", an unclosed
 * "{case_number" or "{ name", or any "{word}". Null when none: a lone brace in free text is fine.
 */
export function leftoverPlaceholder(text: string): string | null {
  return LEFTOVER.exec(text)?.[0].trim() ?? null;
}

/** The variables that have a value: an empty field in a form means "use the default". */
export function withoutEmpty(vars: TemplateVariables = {}): TemplateVariables {
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === 'string' && v !== '')) as TemplateVariables;
}

/**
 * Fills the placeholders; a variable without a value is a 422 (never send "{case_number}"), and
 * so is a stray brace (never send "{case_number بخصوص", from a template saved before that check).
 */
export function renderTemplate(body: string, vars: TemplateVariables, lang?: TemplateLang): string {
  if (braceProblem(body)) assertBalancedBraces({ [lang ?? 'ar']: body });
  const missing = variablesIn(body).filter((v) => !vars[v as TemplateVariable]);
  if (missing.length) {
    throw new UnprocessableError('missing_template_variable', `no value for ${missing.map((m) => `{${m}}`).join(', ')}`, { missing });
  }
  return body.replace(PLACEHOLDER, (_m, name: TemplateVariable) => vars[name] as string);
}

const DOMAIN_LABELS: Record<Domain, Record<TemplateLang, string>> = {
  roads: { ar: 'الطرق', en: 'roads' },
  drainage: { ar: 'الصرف الصحي ومياه الأمطار', en: 'sewage and rain-water drainage' },
  buildings: { ar: 'المباني العامة', en: 'public buildings' },
};

/** How {domain} reads in a reply. */
export function domainLabel(domain: Domain | null | undefined, lang: TemplateLang): string | undefined {
  return domain ? DOMAIN_LABELS[domain]?.[lang] : undefined;
}
