/** parseInput's 400s say what to fix: the field's full path, "required", a repeated parameter, a number that is not one. */
import { z } from 'zod';
import { parseInput } from '../../src/http/validate';
import { ValidationError } from '../../src/errors';

function failure(schema: z.ZodType, input: unknown, where: 'query' | 'body' | 'params' = 'body'): { message: string; details: Record<string, string> } {
  try {
    parseInput(schema, input, where);
  } catch (err) {
    if (err instanceof ValidationError) return { message: err.message, details: err.details as Record<string, string> };
    throw err;
  }
  throw new Error('parsed');
}

describe('parseInput', () => {
  const body = z.strictObject({ reason: z.string(), variables: z.strictObject({ name: z.string().optional() }).optional() });
  const query = z.strictObject({ limit: z.coerce.number().int().optional() });

  it('calls a missing field required, a missing choice too', () => {
    expect(failure(body, {}).details).toEqual({ reason: 'required' });
    expect(failure(z.strictObject({ role: z.enum(['agent', 'supervisor']) }), {}).details).toEqual({ role: 'required' });
    expect(failure(z.strictObject({ role: z.enum(['agent', 'supervisor']) }), { role: 'boss' }).details.role).toMatch(/agent.*supervisor/);
  });

  it('names an unknown nested field with the object it sits in', () => {
    expect(failure(body, { reason: 'x', variables: { foo: 'y' } }).details).toEqual({ 'variables.foo': 'unknown parameter' });
  });

  it('says a query parameter was given twice, and shows a number that is not one', () => {
    expect(failure(query, { limit: ['5', '6'] }, 'query').details).toEqual({ limit: 'given more than once' });
    expect(failure(query, { limit: 'abc' }, 'query').details).toEqual({ limit: 'must be a number (got "abc")' });
  });

  it('calls route parameters path parameters', () => {
    expect(failure(z.strictObject({ id: z.string().max(3) }), { id: 'abcdef' }, 'params').message).toBe('invalid path parameter: id');
  });

  it("keeps zod's own words where they already say what to fix", () => {
    expect(failure(body, { reason: 5 }).details.reason).toMatch(/expected string/);
  });
});
