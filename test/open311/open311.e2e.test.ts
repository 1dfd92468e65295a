import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import requestSchema from '../fixtures/open311/request.json';
import requestsSchema from '../fixtures/open311/requests.json';
import serviceSchema from '../fixtures/open311/service.json';
import servicesSchema from '../fixtures/open311/services.json';
import { bearer, setupCaseApp, type CaseApp } from '../cases/case-app';

/** The spec's JSON Schemas (open311/schema-validation, georeport-v2), copied into fixtures. */
function validators() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(requestSchema, 'request.json');
  ajv.addSchema(serviceSchema, 'service.json');
  return { requests: ajv.compile(requestsSchema), services: ajv.compile(servicesSchema), ajv };
}

const KEY = 'open311-test-key';
const xml = new XMLParser({ parseTagValue: false });

describe('Open311 GeoReport v2', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());
  const v = validators();

  it('lists one service per works domain, valid against the spec schema, in JSON and XML', async () => {
    t = await setupCaseApp();
    const res = await request(t.app).get('/open311/v2/services.json').expect(200);
    expect(v.services(res.body)).toBe(true);
    // negative controls: the validators do reject what the spec forbids
    expect(v.services([{ service_code: 'roads' }])).toBe(false);
    expect(v.requests([{ service_request_id: 'x', status: 'pending', service_code: 'roads', requested_datetime: 'now' }])).toBe(false);
    expect(res.body.map((s: { service_code: string }) => s.service_code)).toEqual(['roads', 'drainage', 'buildings']);
    const x = await request(t.app).get('/open311/v2/services.xml').expect(200);
    expect(x.headers['content-type']).toContain('application/xml');
    const parsed = xml.parse(x.text);
    expect(parsed.services.service.map((s: { service_code: string }) => s.service_code)).toEqual(['roads', 'drainage', 'buildings']);
    expect(v.services(parsed.services.service.map((s: Record<string, string>) => ({ ...s, metadata: s.metadata === 'true' })))).toBe(true);
  });

  it('maps cases to service requests that pass the spec schema', async () => {
    t = await setupCaseApp();
    await t.complain({}, { location: { building: '12', road: '3801', block: '338', area: 'العدلية' }, urgency: 'high' });
    await request(t.app).patch('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).send({ status: 'in_progress' }).expect(200);
    const res = await request(t.app).get('/open311/v2/requests.json').expect(200);
    expect(v.requests(res.body)).toBe(true);
    expect(res.body).toEqual([
      expect.objectContaining({
        service_request_id: 'MOW-2026-000001',
        status: 'open',
        status_notes: 'in progress',
        service_code: 'roads',
        agency_responsible: 'Roads Maintenance Directorate',
        address: 'مبنى 12، مجمع 338، طريق 3801، العدلية',
        requested_datetime: t.now().toISOString(),
        expected_datetime: new Date(t.now().getTime() + 4 * 3_600_000).toISOString(),
      }),
    ]);
    const one = await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200);
    expect(v.requests(one.body)).toBe(true);
    expect(one.body[0].service_request_id).toBe('MOW-2026-000001');
    const x = xml.parse((await request(t.app).get('/open311/v2/requests/MOW-2026-000001.xml').expect(200)).text);
    expect(x.service_requests.request).toMatchObject({ service_request_id: 'MOW-2026-000001', status: 'open', service_code: 'roads' });
  });

  it('filters requests by service_code, status, dates and ids', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'a', handle: 'a' } }, { primaryDomain: 'roads' });
    t.advance(2 * 86_400_000);
    await t.complain({ author: { id: 'b', handle: 'b' } }, { primaryDomain: 'drainage' });
    for (const status of ['in_progress', 'resolved']) {
      await request(t.app).patch('/api/cases/MOW-2026-000002').set(bearer(t.tokens.agent)).send({ status }).expect(200);
    }
    const ids = async (q: string) => (await request(t.app).get(`/open311/v2/requests.json?${q}`).expect(200)).body.map((r: { service_request_id: string }) => r.service_request_id);
    expect(await ids('service_code=drainage')).toEqual(['MOW-2026-000002']);
    expect(await ids('service_code=roads,drainage')).toHaveLength(2);
    expect(await ids('status=closed')).toEqual(['MOW-2026-000002']);
    expect(await ids('status=open')).toEqual(['MOW-2026-000001']);
    expect(await ids('start_date=2026-11-21T00:00:00Z')).toEqual(['MOW-2026-000002']);
    expect(await ids('end_date=2026-11-21T00:00:00Z')).toEqual(['MOW-2026-000001']);
    expect(await ids('service_request_id=MOW-2026-000002,MOW-2026-000404&status=open')).toEqual(['MOW-2026-000002']);
  });

  it('creates a case from POST requests.json with an api_key, form-encoded', async () => {
    t = await setupCaseApp();
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: KEY, service_code: 'drainage', address_string: 'Road 1503, Block 915, Riffa', description: 'Manhole overflowing', account_id: 'fms-42', email: 'someone@example.com' })
      .expect(200);
    expect(res.body).toEqual([{ service_request_id: 'MOW-2026-000001', service_notice: expect.stringContaining('Sanitary Engineering Operations'), account_id: 'fms-42' }]);
    const c = await t.store.cases.getCase('MOW-2026-000001');
    expect(c).toMatchObject({ domain: 'drainage', source: 'open311', location: { road: '1503', block: '915' }, citizen: { channel: 'open311', handle: 'fms-42' } });
    expect(c?.description).toContain('Manhole overflowing');
    const got = await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200);
    expect(v.requests(got.body)).toBe(true);
    const x = await request(t.app).post(`/open311/v2/requests.xml?api_key=${KEY}`).type('form').send({ service_code: 'roads', lat: '26.2', long: '50.58' }).expect(200);
    expect(xml.parse(x.text).service_requests.request.service_request_id).toBe('MOW-2026-000002');
  });

  it.each([
    ['no api_key', {}, 403],
    ['a wrong api_key', { api_key: 'nope' }, 403],
    ['no service_code', { api_key: KEY }, 400],
    ['no location', { api_key: KEY, service_code: 'roads' }, 400],
    ['an unknown service_code', { api_key: KEY, service_code: 'parks', address_string: 'x' }, 404],
  ])('answers POST with %s in the Open311 error format', async (_name, form, status) => {
    t = await setupCaseApp();
    const res = await request(t.app).post('/open311/v2/requests.json').type('form').send(form).expect(status);
    expect(res.body).toEqual([{ code: status, description: expect.any(String) }]);
    expect(await t.store.cases.listCases({ limit: 5 })).toMatchObject({ items: [] });
  });

  it('answers unknown requests, formats and bad dates with Open311 errors, in XML on .xml routes', async () => {
    t = await setupCaseApp();
    expect((await request(t.app).get('/open311/v2/requests/MOW-2026-000404.json').expect(404)).body[0].code).toBe(404);
    const x = await request(t.app).get('/open311/v2/requests/MOW-2026-000404.xml').expect(404);
    expect(xml.parse(x.text).errors.error.code).toBe('404');
    expect((await request(t.app).get('/open311/v2/requests.html').expect(404)).body[0].code).toBe(404);
    expect((await request(t.app).get('/open311/v2/requests.json?start_date=yesterday').expect(400)).body[0].code).toBe(400);
    expect((await request(t.app).get('/open311/v2/nothing').expect(404)).body[0].code).toBe(404);
  });

  it('refuses a start_date after the end_date with a 400 in the Open311 error list, in JSON and XML', async () => {
    t = await setupCaseApp();
    await t.complain({});
    const range = 'start_date=2026-12-05T00:00:00Z&end_date=2026-12-01T00:00:00Z';
    const res = await request(t.app).get(`/open311/v2/requests.json?${range}`).expect(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringMatching(/start_date.*end_date/) }]);
    const x = await request(t.app).get(`/open311/v2/requests.xml?${range}`).expect(400);
    expect(xml.parse(x.text).errors.error.code).toBe('400');
    // the same instant on both sides is a valid (empty) window
    await request(t.app).get('/open311/v2/requests.json?start_date=2026-12-01T00:00:00Z&end_date=2026-12-01T00:00:00Z').expect(200);
  });

  it('never exposes the citizen handle or the mention text', async () => {
    t = await setupCaseApp();
    await t.complain({ author: { id: 'secret-id', handle: 'private_handle' }, text: 'رقمي 33445566' });
    const res = await request(t.app).get('/open311/v2/requests.json').expect(200);
    expect(JSON.stringify(res.body)).not.toMatch(/private_handle|33445566/);
  });
});
