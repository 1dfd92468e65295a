/** Parses request input with a zod schema; failures become a 400 naming every bad field and what to fix. */
import type { z } from 'zod';
import { ValidationError } from '../errors';

/** How each part of a request is named in the message ("params" is the path). */
const PART: Record<'query' | 'body' | 'params', string> = { query: 'query', body: 'body', params: 'path' };

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'query' | 'body' | 'params'): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const details: Record<string, string> = {};
  for (const issue of r.error.issues) {
    if (issue.code === 'unrecognized_keys') {
      // Named with the object they sit in: `variables.foo`, `bodies.fr`.
      for (const key of (issue as { keys: string[] }).keys) details[[...issue.path, key].join('.')] = 'unknown parameter';
      continue;
    }
    details[issue.path.join('.') || where] = issueWords(issue, input);
  }
  const names = Object.keys(details).join(', ');
  throw new ValidationError(`invalid ${PART[where]} parameter${Object.keys(details).length > 1 ? 's' : ''}: ${names}`, details);
}

/**
 * What is wrong with one field of `input`: zod's words, except where they do not say what to fix
 * (a missing field, a repeated query parameter, a number that is not one). Also the import's.
 */
export function issueWords(issue: z.core.$ZodIssue, input: unknown): string {
  const value = valueAt(input, issue.path);
  // A missing choice («one of …») or union is as missing as a missing string.
  if (value === undefined && (issue.code === 'invalid_type' || issue.code === 'invalid_value' || issue.code === 'invalid_union')) return 'required';
  if (issue.code !== 'invalid_type') return issue.message;
  if (Array.isArray(value) && issue.expected !== 'array') return 'given more than once';
  if (issue.expected === 'number' || issue.expected === 'int') return `must be a number (got ${JSON.stringify(value)})`;
  return issue.message;
}

function valueAt(input: unknown, path: PropertyKey[]): unknown {
  let at: unknown = input;
  for (const key of path) {
    if (at === null || typeof at !== 'object') return undefined;
    at = (at as Record<PropertyKey, unknown>)[key];
  }
  return at;
}
