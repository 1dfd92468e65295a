/**
 * A message whose words depend on a number, one text per plural category of the language
 * (Intl.PluralRules: Arabic has zero, one, two, few 3–10, many 11–99, other): pass `count`.
 */
export type PluralMessage = Partial<Record<Intl.LDMLPluralRule, string>> & { other: string };
export type Message = string | PluralMessage;
