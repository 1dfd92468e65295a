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

/** The variables that have a value: an empty field in a form means "use the default". */
export function withoutEmpty(vars: TemplateVariables = {}): TemplateVariables {
  return Object.fromEntries(Object.entries(vars).filter(([, v]) => typeof v === 'string' && v !== '')) as TemplateVariables;
}

/** Fills the placeholders; a variable without a value is a 422 (never send "{case_number}"). */
export function renderTemplate(body: string, vars: TemplateVariables): string {
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
