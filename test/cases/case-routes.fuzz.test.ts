/**
 * API fuzz (fast-check): random bodies, numbers, query strings and signatures on the case,
 * complaints webhook and Open311 routes never give a 5xx.
 */
import fc from 'fast-check';
import request from 'supertest';
import { signBody } from '../../src/webhooks/webhook-signature';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

jest.setTimeout(120_000);

let t: CaseApp;
const SECRET = 'fuzz-secret';

beforeAll(async () => {
  t = await setupCaseApp({ inboundSecret: SECRET });
  await t.complain();
  await t.complain({ author: { id: 'b', handle: 'b' } }, { primaryDomain: 'drainage' });
});
afterAll(async () => t.cleanup());

const ROUTES: [string, string][] = [
  ['get', '/api/cases'],
  ['get', '/api/case-units'],
  ['get', '/api/cases/:id'],
  ['patch', '/api/cases/:id'],
  ['post', '/api/cases/:id/notes'],
  ['post', '/api/integrations/complaints/webhook'],
  ['get', '/open311/v2/services.json'],
  ['get', '/open311/v2/services/:id.xml'],
  ['get', '/open311/v2/requests.json'],
  ['get', '/open311/v2/requests.xml'],
  ['get', '/open311/v2/requests/:id.json'],
  ['post', '/open311/v2/requests.json'],
  ['post', '/open311/v2/requests.xml'],
];

const KEYS = ['status', 'domain', 'unit', 'urgency', 'area', 'assignee', 'overdue', 'limit', 'cursor', 'note', 'text', 'caseNumber', 'externalRef',
  'api_key', 'service_code', 'service_request_id', 'start_date', 'end_date', 'lat', 'long', 'address_string', 'address_id', 'description', 'account_id', 'media_url'];

const key = fc.oneof(fc.constantFrom(...KEYS), fc.string({ maxLength: 12 }));
const scalar = fc.oneof(
  fc.string({ maxLength: 40 }),
  fc.constantFrom('open', 'in_progress', 'resolved', 'closed', 'roads', 'high', 'true', 'false', 'MOW-2026-000001', 'open311-test-key', '2026-11-20T00:00:00Z', 'Block 338', '-1', '1e9', 'WyJ4Il0', 'Sanitary Engineering Operations'),
  fc.integer(),
  fc.double(),
  fc.boolean(),
  fc.constant(null),
);
const value = fc.oneof(scalar, fc.array(scalar, { maxLength: 3 }), fc.dictionary(key, scalar, { maxKeys: 3 }));
const body = fc.oneof(fc.dictionary(key, value, { maxKeys: 6 }), fc.array(value, { maxLength: 3 }), scalar);
const query = fc.dictionary(key, fc.oneof(scalar.map(String), fc.array(fc.string({ maxLength: 10 }), { maxLength: 3 })), { maxKeys: 4 });
const id = fc.oneof(fc.constantFrom('MOW-2026-000001', 'MOW-2026-000002', 'MOW-2026-999999', 'roads', 'x.y'), fc.string({ minLength: 1, maxLength: 30 }).map(encodeURIComponent));

describe('case, webhook and Open311 route fuzz', () => {
  it('never answers 5xx to random input on any route, for any role', async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...ROUTES), id, query, body, fc.constantFrom('admin', 'supervisor', 'agent'), fc.boolean(), fc.boolean(), async ([method, route], anId, q, b, who, signIt, form) => {
        const url = route.replace(':id', anId);
        const raw = JSON.stringify(b);
        let req = (request(t.app) as unknown as Record<string, (u: string) => request.Test>)[method](url).query(q).set(bearer(t.tokens[who as keyof typeof t.tokens]));
        if (signIt) {
          const ts = Math.floor(t.now().getTime() / 1000);
          req = req.set('X-Rasid-Timestamp', String(ts)).set('X-Rasid-Signature', signBody(SECRET, raw, ts));
        }
        const res =
          method === 'get'
            ? await req
            : form && b && typeof b === 'object' && !Array.isArray(b)
              ? await req.type('form').send(Object.fromEntries(Object.entries(b).map(([k, v]) => [k, typeof v === 'object' ? JSON.stringify(v) : String(v)])))
              : await req.set('Content-Type', 'application/json').send(raw);
        if (res.status >= 500) throw new Error(`${method.toUpperCase()} ${url} ${JSON.stringify(q)} ${raw} → ${res.status} ${res.text}`);
        expect(res.status).toBeLessThan(500);
      }),
      { numRuns: 400 },
    );
  });
});
