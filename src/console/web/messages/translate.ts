/** Looking messages up: filling placeholders and choosing plural forms. */
import { DICTIONARIES, type Lang, type MessageKey } from './catalog';

export type Translate = (key: MessageKey, vars?: Record<string, string | number>) => string;

/**
 * Looks a key up and fills {placeholders}; an unknown key shows itself (never throws in the UI).
 * A plural message picks its form by `vars.count` (the raw number; `{n}` may be formatted).
 */
export function translator(lang: Lang): Translate {
  const dict = DICTIONARIES[lang];
  const plural = new Intl.PluralRules(lang);
  return (key, vars) => {
    const entry = dict[key] ?? String(key);
    const text = typeof entry === 'string' ? entry : (entry[plural.select(Number(vars?.count ?? NaN))] ?? entry.other);
    return vars ? text.replace(/\{(\w+)\}/g, (m, name: string) => (name in vars ? String(vars[name]) : m)) : text;
  };
}

/** For dynamic keys (`domain_${d}`): falls back to the raw value when no label exists. */
export function label(t: Translate, prefix: string, value: string | null | undefined): string {
  if (value === null || value === undefined || value === '') return t('none');
  const key = `${prefix}_${value}` as MessageKey;
  return key in DICTIONARIES.ar ? t(key) : value;
}
