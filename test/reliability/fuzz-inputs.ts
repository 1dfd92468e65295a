/**
 * fast-check arbitraries for "bad input everywhere": request bodies (random JSON with the API's
 * own field names, wrong types, huge strings, invalid UTF-8, deep nesting, wrong Content-Types),
 * raw query strings (broken percent-encoding, repeated and bracketed keys) and path params
 * (known ids mixed with garbage), each sent with the admin token, no token or a junk one.
 */
import fc from 'fast-check';
import type { AppRoute } from './app-routes';
import type { RawRequest } from './raw-http';

/** Field and query names the API really reads, so random input also reaches deep validation. */
const FIELDS = [
  'text', 'templateId', 'variables', 'status', 'reason', 'outcome', 'externalId', 'userId', 'role', 'name', 'trainee', 'disabled', 'key',
  'bodies', 'ar', 'en', 'domain', 'channel', 'intent', 'urgency', 'assignee', 'q', 'limit', 'cursor', 'state', 'mentionId', 'since',
  'subject', 'actor', 'action', 'unit', 'area', 'overdue', 'note', 'caseNumber', 'externalRef', 'api_key', 'service_code',
  'service_request_id', 'start_date', 'end_date', 'lat', 'long', 'address_string', 'description', 'week', 'format', 'token', 'password',
  '__proto__', 'constructor',
];
const WORDS = ['needs_reply', 'high', 'roads', 'drainage', 'admin', 'agent', 'sent', 'unknown', 'open', 'closed', 'true', '-1', '1e309', 'NaN', '2026-W47', '2026-13-45', '{name}', '{x}', 'WyJ4Il0', '../../etc/passwd', "' OR 1=1 --", '<script>', 'حفرة', '\u0000', '\ud800'];

const key = fc.oneof(fc.constantFrom(...FIELDS), fc.string({ maxLength: 12 }), fc.string({ unit: 'grapheme', maxLength: 8 }));
const scalar = fc.oneof(
  fc.constantFrom(...WORDS),
  fc.string({ maxLength: 40 }),
  fc.string({ unit: 'binary', maxLength: 40 }),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
  fc.integer({ min: 1_000, max: 60_000 }).map((n) => 'ب'.repeat(n)),
);
const value: fc.Arbitrary<unknown> = fc.letrec<{ v: unknown }>((tie) => ({
  v: fc.oneof({ depthSize: 'small', withCrossShrink: true }, scalar, fc.array(tie('v'), { maxLength: 4 }), fc.dictionary(key, tie('v'), { maxKeys: 5 })),
})).v;

interface BodyCase {
  kind: string;
  contentType?: string;
  body?: Buffer;
}

const JSON_TYPES = ['application/json', 'application/json; charset=utf-8', 'application/merge-patch+json'];
const OTHER_TYPES = ['text/plain', 'application/x-www-form-urlencoded', 'multipart/form-data; boundary=xyz', 'application/xml', 'application/json; charset=utf-16', 'application/json; charset=klingon', ';;;', 'application/octet-stream'];

const jsonBody = fc.record({ v: fc.oneof(fc.dictionary(key, value, { maxKeys: 8 }), value), type: fc.constantFrom(...JSON_TYPES) })
  .map(({ v, type }): BodyCase => ({ kind: 'random JSON', contentType: type, body: Buffer.from(JSON.stringify(v) ?? 'null') }));

const hugeString = fc.record({ field: fc.constantFrom(...FIELDS), n: fc.integer({ min: 20_000, max: 400_000 }), ch: fc.constantFrom('a', 'ح', '😀', '\\u0000') })
  .map(({ field, n, ch }): BodyCase => ({ kind: 'huge string', contentType: 'application/json', body: Buffer.from(`{"${field}":"${ch.repeat(n)}"}`) }));

/** Bytes that are not UTF-8 (lone continuation bytes, overlongs, surrogates, 0xFF) inside JSON. */
const invalidUtf8 = fc.record({
  field: fc.constantFrom(...FIELDS),
  bad: fc.array(fc.constantFrom([0x80], [0xc0, 0xaf], [0xed, 0xa0, 0x80], [0xff], [0xf8, 0x88, 0x80, 0x80, 0x80], [0xc3], [0xe2, 0x28, 0xa1]), { minLength: 1, maxLength: 6 }),
  where: fc.constantFrom('value', 'key', 'raw'),
}).map(({ field, bad, where }): BodyCase => {
  const b = Buffer.from(bad.flat());
  const parts = where === 'value' ? [Buffer.from(`{"${field}":"`), b, Buffer.from('"}')] : where === 'key' ? [Buffer.from('{"'), b, Buffer.from('":1}')] : [b];
  return { kind: 'invalid UTF-8', contentType: 'application/json; charset=utf-8', body: Buffer.concat(parts) };
});

const deepNesting = fc.record({ depth: fc.integer({ min: 500, max: 20_000 }), shape: fc.constantFrom('array', 'object', 'field') }).map(({ depth, shape }): BodyCase => {
  const open = shape === 'array' ? '[' : '{"a":';
  const close = shape === 'array' ? ']' : '}';
  const nested = open.repeat(depth) + '1' + close.repeat(depth);
  return { kind: 'deep nesting', contentType: 'application/json', body: Buffer.from(shape === 'field' ? `{"text":${nested},"variables":${nested}}` : nested) };
});

const wrongType = fc.record({ type: fc.constantFrom(...OTHER_TYPES), raw: fc.oneof(fc.string({ maxLength: 200 }), fc.uint8Array({ maxLength: 200 }).map((a) => Buffer.from(a).toString('latin1'))) })
  .map(({ type, raw }): BodyCase => ({ kind: 'wrong content type', contentType: type, body: Buffer.from(raw, 'latin1') }));

const truncated = fc.record({ v: fc.dictionary(key, value, { minKeys: 1, maxKeys: 5 }), cut: fc.double({ min: 0, max: 0.99, noNaN: true }) }).map(({ v, cut }): BodyCase => {
  const s = JSON.stringify(v);
  return { kind: 'truncated JSON', contentType: 'application/json', body: Buffer.from(s.slice(0, Math.floor(s.length * cut))) };
});

export const bodyCase: fc.Arbitrary<BodyCase> = fc.oneof(
  { weight: 6, arbitrary: jsonBody },
  { weight: 1, arbitrary: hugeString },
  { weight: 2, arbitrary: invalidUtf8 },
  { weight: 1, arbitrary: deepNesting },
  { weight: 2, arbitrary: wrongType },
  { weight: 1, arbitrary: truncated },
  { weight: 1, arbitrary: fc.constant<BodyCase>({ kind: 'no body' }) },
);

/** Percent-encodes the UTF-8 bytes of any string (lone surrogates included, as U+FFFD). */
function pct(s: string): string {
  return [...Buffer.from(s, 'utf8')].map((b) => (/[A-Za-z0-9\-_.~]/.test(String.fromCharCode(b)) ? String.fromCharCode(b) : `%${b.toString(16).toUpperCase().padStart(2, '0')}`)).join('');
}

/** URL-safe on the wire (what a client can send), but anything to the server: %-junk, brackets, repeats. */
const rawToken = fc.oneof(
  fc.string({ maxLength: 30 }).map(pct),
  fc.string({ unit: 'binary', maxLength: 10 }).map(pct),
  fc.string({ unit: 'grapheme', maxLength: 10 }).map(pct),
  fc.constantFrom('%', '%E0%A4%A', '%C3%28', '%FF%FE', '%00', '%ED%A0%80', '[]', 'a[b][c]', '__proto__', 'constructor[prototype]', '+', '..%2F..', ''),
  fc.stringMatching(/^[!-~]{0,20}$/).map((s) => s.replace(/[#?/]/g, '')),
  fc.constantFrom(...WORDS).map(pct),
);
export const rawQuery: fc.Arbitrary<string> = fc.oneof(
  fc.constant(''),
  fc.array(fc.tuple(fc.oneof(fc.constantFrom(...FIELDS), rawToken), rawToken), { maxLength: 6 }).map((pairs) => pairs.map(([k, v]) => `${k}=${v}`).join('&')),
  rawToken,
);

/** A path param: a real id from the store (so the handler runs), or garbage. */
export function paramValue(known: string[]): fc.Arbitrary<string> {
  return fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom(...known).map(pct) },
    { weight: 3, arbitrary: rawToken.filter((s) => s.length > 0) },
    { weight: 1, arbitrary: fc.integer({ min: 500, max: 6_000 }).map((n) => 'x'.repeat(n)) },
  );
}

export type Auth = 'admin' | 'none' | 'junk';
export const authCase: fc.Arbitrary<Auth> = fc.constantFrom<Auth>('admin', 'admin', 'none', 'junk');

export interface FuzzCase {
  request: RawRequest;
  bodyKind: string;
  auth: Auth;
}

/** One request on one route: params, query, body and auth all random. */
export function fuzzCase(route: AppRoute, known: Record<string, string[]>, adminToken: string): fc.Arbitrary<FuzzCase> {
  const params = fc.record(Object.fromEntries(route.params.map((p) => [p, paramValue(known[p] ?? known.id)])) as Record<string, fc.Arbitrary<string>>);
  const hasBody = !['GET', 'HEAD', 'DELETE'].includes(route.method);
  return fc.record({ params, query: rawQuery, body: hasBody ? bodyCase : fc.constant<BodyCase>({ kind: 'no body' }), auth: authCase, junk: fc.string({ maxLength: 60 }) }).map(({ params: values, query, body, auth, junk }) => {
    const path = route.path.replace(/:(\w+)/g, (_m, name: string) => values[name]);
    const headers: Record<string, string> = {};
    if (auth === 'admin') headers.authorization = `Bearer ${adminToken}`;
    if (auth === 'junk') headers.authorization = `Bearer ${pct(junk)}`;
    if (body.contentType) headers['content-type'] = body.contentType;
    return { request: { method: route.method, path: query ? `${path}?${query}` : path, headers, body: body.body }, bodyKind: body.kind, auth };
  });
}
