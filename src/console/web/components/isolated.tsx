/**
 * A translated message with some of its values isolated for the bidi algorithm: a person's name
 * in <bdi> (a Latin name ending in a dot keeps its dot), a code such as a case number in
 * <bdi dir="ltr"> that does not wrap («MOW-2026-000013» would otherwise break at a hyphen and
 * put it on the Arabic side). The message is translated with markers in the values' places and
 * split at them, so the words around stay the dictionary's.
 */
import type { ComponentChildren } from 'preact';
import type { MessageKey, Translate } from '../i18n';

export interface IsolatedValue {
  value: string;
  /** A code (case number, id): left to right and unbroken. A name by default. */
  code?: boolean;
  testId?: string;
}

const MARK = /\uE000(\w+)\uE001/;

export function isolated(t: Translate, key: MessageKey, vars: Record<string, string | number>, values: Record<string, IsolatedValue>): ComponentChildren[] {
  const marked = { ...vars, ...Object.fromEntries(Object.keys(values).map((name) => [name, `\uE000${name}\uE001`])) };
  // split with a capture group: even parts are the message's words, odd ones the values' names
  return t(key, marked)
    .split(MARK)
    .map((part, i) => (i % 2 === 0 ? part : <Isolate key={i} {...values[part]} />));
}

export function Isolate({ value, code, testId }: IsolatedValue) {
  return code ? (
    <bdi dir="ltr" style={{ whiteSpace: 'nowrap' }} data-testid={testId}>
      {value}
    </bdi>
  ) : (
    <bdi data-testid={testId}>{value}</bdi>
  );
}
