import { XMLParser } from 'fast-xml-parser';
import request from 'supertest';
import { locate, setupCaseApp, type CaseApp } from '../cases/case-app';

const KEY = 'open311-test-key';
const xml = new XMLParser({ parseTagValue: false });

// Centroids from classifiers/gazetteer/places.json (سترة 26.15472, 50.62056; الرفاع 26.13, 50.555).
describe('Open311 GeoReport v2: coordinates and addresses', () => {
  let t: CaseApp;
  afterEach(async () => t?.cleanup());

  it("returns a captured Arabic post's coordinates as lat/long and its address in Arabic", async () => {
    t = await setupCaseApp();
    const location = locate('المجاري طافحة عندنا مجمع 367 طريق 12 بسترة');
    expect(location).toMatchObject({ block: '367', road: '12', area: 'سترة', precision: 'area' });
    await t.complain({}, { location });
    const [sr] = (await request(t.app).get('/open311/v2/requests.json').expect(200)).body;
    expect(sr).toMatchObject({ lat: 26.15472, long: 50.62056, address: 'مجمع 367، طريق 12، سترة' });
    const x = xml.parse((await request(t.app).get(`/open311/v2/requests/${sr.service_request_id}.xml`).expect(200)).text);
    expect(x.service_requests.request).toMatchObject({ lat: '26.15472', long: '50.62056', address: 'مجمع 367، طريق 12، سترة' });
  });

  it('keeps the lat/long and the Arabic address_string a POST gives, and returns them unchanged', async () => {
    t = await setupCaseApp();
    await request(t.app)
      .post('/open311/v2/requests.json')
      .type('form')
      .send({ api_key: KEY, service_code: 'drainage', lat: '26.1551', long: '50.6212', address_string: 'مجمع 614، طريق 1423، سترة', description: 'طفح مجاري' })
      .expect(200);
    const c = await t.store.cases.getCase('MOW-2026-000001');
    expect(c?.location).toMatchObject({ block: '614', road: '1423', area: 'سترة', lat: 26.1551, long: 50.6212, precision: 'point', address: 'مجمع 614، طريق 1423، سترة' });
    const [sr] = (await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200)).body;
    expect(sr).toMatchObject({ lat: 26.1551, long: 50.6212, address: 'مجمع 614، طريق 1423، سترة' });
  });

  it('locates a POST that gives only an address_string at its area centroid', async () => {
    t = await setupCaseApp();
    await request(t.app).post('/open311/v2/requests.json').type('form').send({ api_key: KEY, service_code: 'roads', address_string: 'Road 1503, Block 915, Riffa' }).expect(200);
    const [sr] = (await request(t.app).get('/open311/v2/requests/MOW-2026-000001.json').expect(200)).body;
    expect(sr).toMatchObject({ lat: 26.13, long: 50.555, address: 'Road 1503, Block 915, Riffa' });
    expect((await t.store.cases.getCase('MOW-2026-000001'))?.location).toMatchObject({ road: '1503', block: '915', area: 'الرفاع', precision: 'area' });
  });

  it('gives null lat/long and an English address to a case with only English-keyword numbers', async () => {
    t = await setupCaseApp();
    await t.complain({}, { location: { building: '12', road: '3801' } });
    const [sr] = (await request(t.app).get('/open311/v2/requests.json').expect(200)).body;
    expect(sr).toMatchObject({ lat: null, long: null, address: 'Building 12, Road 3801' });
  });
});
