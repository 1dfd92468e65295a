/**
 * Open311 GeoReport v2 on the wire: a point outside Bahrain is refused in the spec's error list
 * (JSON and XML); the description comes back exactly as the citizen gave it (null when none),
 * with the location in lat/long/address and a photo in media_url, never mixed into the text.
 */
import Ajv from 'ajv';
import addFormats from 'ajv-formats';
import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import requestSchema from '../fixtures/open311/request.json';
import requestsSchema from '../fixtures/open311/requests.json';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const KEY = 'open311-test-key';
const xml = new XMLParser({ parseTagValue: false });

function requestsValidator() {
  const ajv = new Ajv({ allErrors: true, strict: false });
  addFormats(ajv);
  ajv.addSchema(requestSchema, 'request.json');
  return ajv.compile(requestsSchema);
}

describe('Open311 POST and GET: coordinates and description', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());
  const validRequests = requestsValidator();

  it.each([
    ['New York', { lat: '40.7', long: '-74' }],
    ['lat and long swapped', { lat: '50.55', long: '26.2' }],
    ['Riyadh', { lat: '24.71', long: '46.67' }],
    ['Doha', { lat: '25.29', long: '51.53' }],
    ['the null island', { lat: '0', long: '0' }],
  ])('refuses a point outside Bahrain (%s) with a 400 error list, in JSON and XML, and opens no case', async (_where, point) => {
    t = await setupCaseApp();
    const res = await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: KEY, service_code: 'roads', description: 'Pothole', ...point })
      .expect(400);
    expect(res.body).toEqual([{ code: 400, description: expect.stringMatching(/lat.*Bahrain/) }]);
    const x = await request(t.app).post(`/open311/v2/requests.xml?api_key=${KEY}`).type('form').send({ service_code: 'roads', ...point }).expect(400);
    expect(x.headers['content-type']).toContain('application/xml');
    expect(xml.parse(x.text).errors.error).toEqual({ code: '400', description: expect.stringMatching(/lat.*Bahrain/) });
    expect((await t.store.cases.listCases({ limit: 5 })).items).toEqual([]);
  });

  it.each([
    ['Manama', '26.2', '50.55'],
    ['the Hawar islands', '25.65', '50.77'],
    ['Sitra', '26.1551', '50.6212'],
  ])('accepts a point in Bahrain (%s)', async (_where, lat, long) => {
    t = await setupCaseApp();
    await request(t.app).post('/open311/v2/requests.json').type('form').send({ api_key: KEY, service_code: 'roads', lat, long }).expect(200);
  });

  it('returns the description as the citizen gave it, with the location in its own fields', async () => {
    t = await setupCaseApp();
    const description = 'حفرة كبيرة أمام المدرسة\nPlease fix soon';
    await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: KEY, service_code: 'roads', lat: '26.2', long: '50.55', description, media_url: 'https://example.org/p/1.jpg' })
      .expect(200);
    const got = await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200);
    expect(validRequests(got.body)).toBe(true);
    expect(got.body[0]).toMatchObject({ description, lat: 26.2, long: 50.55, media_url: 'https://example.org/p/1.jpg' });
    const listed = await request(t.app).get('/open311/v2/requests.json').expect(200);
    expect(listed.body[0].description).toBe(description);
    const x = xml.parse((await request(t.app).get('/open311/v2/requests/MOW-2026-000001.xml').expect(200)).text);
    expect(x.service_requests.request).toMatchObject({ description, lat: '26.2', long: '50.55' });
    // the case API (the console) shows the same text and the point
    const c = (await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body;
    expect(c).toMatchObject({ description, source: 'open311', location: { lat: 26.2, long: 50.55, precision: 'point' } });
  });

  it('returns a null description when the citizen gave none, in JSON and XML', async () => {
    t = await setupCaseApp();
    await request(t.app).post('/open311/v2/requests.json').type('form').send({ api_key: KEY, service_code: 'roads', lat: '26.2', long: '50.55' }).expect(200);
    await request(t.app).post('/open311/v2/requests.json').type('form').send({ api_key: KEY, service_code: 'roads', address_string: 'Road 1503, Block 915, Riffa', description: '   ' }).expect(200);
    // Both opened within the same millisecond: the list's order between them is not fixed.
    const listed = (await request(t.app).get('/open311/v2/requests.json').expect(200)).body as { service_request_id: string }[];
    const first = listed.find((r) => r.service_request_id === 'MOW-2026-000001');
    const second = listed.find((r) => r.service_request_id === 'MOW-2026-000002');
    expect(validRequests([first, second])).toBe(true);
    expect(first).toMatchObject({ service_request_id: 'MOW-2026-000001', description: null, lat: 26.2, long: 50.55, media_url: null });
    expect(second).toMatchObject({ service_request_id: 'MOW-2026-000002', description: null, address: 'Road 1503, Block 915, Riffa' });
    const x = xml.parse((await request(t.app).get('/open311/v2/requests/MOW-2026-000001.xml').expect(200)).text);
    expect(x.service_requests.request.description || null).toBeNull(); // an empty element for null
    expect(JSON.stringify((await request(t.app).get('/api/cases/MOW-2026-000001').set(bearer(t.tokens.agent)).expect(200)).body)).not.toContain('Location:');
  });

  it('keeps an address_id given alone as the address, out of the description', async () => {
    t = await setupCaseApp();
    await request(t.app).post('/open311/v2/requests.json').type('form').send({ api_key: KEY, service_code: 'buildings', address_id: 'BH-4471', description: 'Crack in the wall' }).expect(200);
    const [sr] = (await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200)).body;
    expect(sr).toMatchObject({ description: 'Crack in the wall', address: 'address_id BH-4471' });
  });
});
