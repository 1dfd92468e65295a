/** Parses request input with a zod schema; failures become a 400 naming every bad field. */
import type { z } from 'zod';
import { ValidationError } from '../errors';

export function parseInput<S extends z.ZodType>(schema: S, input: unknown, where: 'query' | 'body' | 'params'): z.infer<S> {
  const r = schema.safeParse(input ?? {});
  if (r.success) return r.data;
  const details: Record<string, string> = {};
  for (const issue of r.error.issues) {
    const keys = issue.code === 'unrecognized_keys' ? (issue as { keys: string[] }).keys : [issue.path.join('.') || where];
    for (const key of keys) details[key] = issue.code === 'unrecognized_keys' ? 'unknown parameter' : issue.message;
  }
  const names = Object.keys(details).join(', ');
  throw new ValidationError(`invalid ${where} parameter${Object.keys(details).length > 1 ? 's' : ''}: ${names}`, details);
}
