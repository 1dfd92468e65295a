/**
 * COMPLAINTS_FORWARD_FORMAT=open311: the real outbox job forwards to a local, strict GeoReport v2
 * server (node http on 127.0.0.1) that takes nothing but a form-encoded POST of requests.json with
 * the right api_key, a known service_code and a location. A new case is one POST with the spec's
 * fields, its service_request_id becomes the case's reference; later changes are not sent (no
 * update method in GeoReport v2) and the case's forwarding says so; an Open311 error array shows
 * its description on the case; the api_key never shows in the stored error, the API or the log.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import request from 'supertest';
import { OPEN311_NO_UPDATES_NOTE } from '../../src/cases/forwarding-state';
import { bearer, setupCaseApp, type CaseApp } from './case-app';

const NUMBER = 'MOW-2026-000001';
const HOUR = 3_600_000;
/** Spaces and ! ( ) ~: its form-encoded spelling differs from encodeURIComponent's. */
const API_KEY = 'o311 live!(key)~7Qz';
const JURISDICTION = 'mow.gov.bh';
const SERVICES = ['roads', 'drainage', 'buildings'];
const PATH = '/dev/v2/requests.json';

interface Received {
  method: string;
  url: string;
  headers: http.IncomingHttpHeaders;
  body: string;
  form: Record<string, string>;
}

type Answer = { status: number; body: unknown };

const error = (code: number, description: string): Answer => ({ status: code, body: [{ code, description }] });

/**
 * A GeoReport v2 server as strict as the spec: POST requests.json only, form-encoded UTF-8, a valid
 * api_key (403 otherwise), jurisdiction_id when it serves one, a known service_code (404), a
 * location (lat and long, address_string or address_id), a description of at most 4000
 * characters; errors in the spec's array. A valid request is answered from `script` when one is
 * queued, else 201 [{"service_request_id":"SR-<n>"}].
 */
async function startGeoReport(script: Answer[] = []) {
  const received: Received[] = [];
  let created = 0;
  const check = (r: Received): Answer | undefined => {
    const url = new URL(r.url, 'http://x');
    if (url.pathname !== PATH) return error(404, `no such resource: ${url.pathname}`);
    if (r.method !== 'POST') return error(400, `${r.method} is not how a request is created`);
    if (!/^application\/x-www-form-urlencoded(;|$)/i.test(r.headers['content-type'] ?? '')) return error(400, 'requests are created with an application/x-www-form-urlencoded body');
    const f = r.form;
    if (f.api_key !== API_KEY) return error(403, "Invalid api_key received -- can't proceed with create_request.");
    if (f.jurisdiction_id !== JURISDICTION) return error(400, 'jurisdiction_id was not provided');
    if (!f.service_code) return error(400, 'service_code was not provided');
    if (!SERVICES.includes(f.service_code)) return error(404, `service_code ${f.service_code} was not found`);
    const point = f.lat !== undefined && f.long !== undefined;
    if ((f.lat !== undefined || f.long !== undefined) && (!point || !Number.isFinite(Number(f.lat)) || !Number.isFinite(Number(f.long)))) return error(400, 'lat and long go together, as numbers');
    if (!point && !f.address_string && !f.address_id) return error(400, 'a location is required: lat and long, address_string or address_id');
    if (f.description !== undefined && Array.from(f.description).length > 4000) return error(400, 'description is limited to 4000 characters');
    return undefined;
  };
  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const body = Buffer.concat(chunks).toString('utf8');
      const r: Received = { method: req.method ?? '', url: req.url ?? '', headers: req.headers, body, form: Object.fromEntries(new URLSearchParams(body)) };
      received.push(r);
      const answer = check(r) ?? script.shift() ?? { status: 201, body: [{ service_request_id: `SR-${++created}`, service_notice: '', account_id: null }] };
      res.writeHead(answer.status, { 'content-type': 'application/json; charset=utf-8' }).end(JSON.stringify(answer.body));
    });
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  return {
    url: `http://127.0.0.1:${(server.address() as AddressInfo).port}${PATH}`,
    received,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  };
}

describe('forwarding to a national system that speaks Open311 GeoReport v2', () => {
  let t: CaseApp;
  let server: Awaited<ReturnType<typeof startGeoReport>> | undefined;
  afterEach(async () => {
    await server?.close();
    await t?.cleanup();
  });

  const open311 = (url: string) => ({ forward: { url, format: 'open311' as const, apiKey: API_KEY, jurisdictionId: JURISDICTION } });
  const getCase = () => request(t.app).get(`/api/cases/${NUMBER}`).set(bearer(t.tokens.agent)).expect(200);
  const move = (body: object) => request(t.app).patch(`/api/cases/${NUMBER}`).set(bearer(t.tokens.supervisor)).send(body).expect(200);
  const forwards = () => t.store.caseOutbox.listOutbox({ topic: 'complaints_forward', limit: 20 });
  /** WARN and ERROR lines about a case or an outbox message (not the start's own). */
  const forwardWarnings = () => t.log().filter((l) => (l.level as number) >= 40 && ('caseNumber' in l || 'outboxId' in l));
  const formEncodedKey = new URLSearchParams({ k: API_KEY }).toString().slice(2);

  it('POSTs a new case once, form-encoded with the GeoReport v2 fields, and stores its service_request_id', async () => {
    server = await startGeoReport();
    t = await setupCaseApp(open311(server.url));
    const text = 'حفرة عميقة أمام المدرسة في العدلية';
    await t.complain({ text }, { location: { block: '338', area: 'العدلية', lat: 26.2161, long: 50.5856 } });
    expect(await t.feature.outbox.perform()).toMatchObject({ delivered: 1, retrying: 0, dead: 0 });

    expect(server.received).toHaveLength(1);
    const [sent] = server.received;
    expect(sent.method).toBe('POST');
    expect(sent.headers['content-type']).toBe('application/x-www-form-urlencoded; charset=utf-8');
    expect(sent.headers['idempotency-key']).toEqual(expect.any(String));
    expect(sent.headers.authorization).toBeUndefined();
    expect(sent.headers['x-rasid-signature']).toBeUndefined();
    // The location as text is what Rasid's own Open311 GET gives as `address`.
    const own = await request(t.app).get(`/open311/v2/requests/${NUMBER}.json`).expect(200);
    expect(own.body[0].address).toBe('مجمع 338، العدلية');
    expect(sent.form).toEqual({
      api_key: API_KEY,
      jurisdiction_id: JURISDICTION,
      service_code: 'roads',
      lat: '26.2161',
      long: '50.5856',
      address_string: own.body[0].address,
      description: text,
    });

    const c = await getCase();
    expect(c.body.externalRef).toBe('SR-1');
    expect(c.body.forwarding).toEqual({ state: 'forwarded', externalRef: 'SR-1', forwardedAt: t.now().toISOString(), note: OPEN311_NO_UPDATES_NOTE, canForward: false });
    expect(forwardWarnings()).toEqual([]);
  });

  it('sends no request for later changes of status or unit, says so on the case, and logs it once per case at debug', async () => {
    server = await startGeoReport();
    t = await setupCaseApp(open311(server.url));
    await t.complain();
    await t.feature.outbox.perform();
    const forwardedAt = t.now().toISOString();
    t.advance(60_000);
    await move({ status: 'in_progress' });
    expect(await t.feature.outbox.perform()).toMatchObject({ retrying: 0, dead: 0 });
    t.advance(60_000);
    await move({ unit: 'Sanitary Engineering Operations' });
    await move({ status: 'resolved', note: 'patched' });
    t.advance(HOUR);
    await t.feature.outbox.perform();
    await t.feature.outbox.perform();

    expect(server.received).toHaveLength(1);
    expect((await forwards()).map((m) => m.state)).toEqual(['delivered', 'delivered', 'delivered', 'delivered']);
    const c = await getCase();
    expect(c.body.status).toBe('resolved');
    expect(c.body.forwarding).toEqual({ state: 'forwarded', externalRef: 'SR-1', forwardedAt, note: OPEN311_NO_UPDATES_NOTE, canForward: false });
    // "Send again" would send nothing: not offered, and a press queues nothing.
    const again = await request(t.app).post(`/api/cases/${NUMBER}/forward`).set(bearer(t.tokens.supervisor)).expect(200);
    expect(again.body.queued).toBe(false);

    const skipped = t.log().filter((l) => typeof l.msg === 'string' && l.msg.includes('later changes of the case are not sent'));
    expect(skipped).toEqual([expect.objectContaining({ level: 20, caseNumber: NUMBER })]);
    expect(forwardWarnings()).toEqual([]);
  });

  it('sends a case resolved before its first forward went out once, as a new request', async () => {
    server = await startGeoReport();
    t = await setupCaseApp(open311(server.url));
    await t.complain();
    await move({ status: 'in_progress' });
    await t.feature.outbox.perform();
    await t.feature.outbox.perform();
    expect(server.received).toHaveLength(1);
    expect((await forwards()).map((m) => m.state)).toEqual(['delivered', 'delivered']);
    expect((await getCase()).body.externalRef).toBe('SR-1');
  });

  it('shows the description of an Open311 error array on the case, the api_key masked everywhere', async () => {
    // The server echoes the key it was sent, as given and as the form carried it.
    server = await startGeoReport([error(400, `General Service Error: CRM is down for api_key ${API_KEY} (${formEncodedKey})`)]);
    t = await setupCaseApp(open311(server.url));
    await t.complain();
    expect(await t.feature.outbox.perform()).toMatchObject({ dead: 1 });
    expect(server.received).toHaveLength(1);

    const c = await getCase();
    expect(c.body.forwarding).toMatchObject({ state: 'failed', attempts: 1, canForward: true });
    expect(c.body.forwarding.lastError).toBe('HTTP 400: General Service Error: CRM is down for api_key *** (***)');
    expect(c.body.forwarding.note).toBeUndefined();
    const [stored] = await forwards();
    expect(stored.lastError).toBe('HTTP 400: General Service Error: CRM is down for api_key *** (***)');
    const logged = JSON.stringify(t.log());
    expect(logged).toContain('outbox delivery given up');
    for (const text of [c.text, JSON.stringify(await forwards()), logged]) {
      expect(text).not.toContain(API_KEY);
      expect(text).not.toContain(formEncodedKey);
      expect(text).not.toContain('live!(key)');
    }

    // A retry ("forward now") of the case never accepted is a new request again.
    await request(t.app).post(`/api/cases/${NUMBER}/forward`).set(bearer(t.tokens.supervisor)).expect(202);
    await t.feature.outbox.perform();
    expect(server.received).toHaveLength(2);
    expect(server.received[1].form.service_code).toBe('roads');
    expect((await getCase()).body.forwarding).toMatchObject({ state: 'forwarded', externalRef: 'SR-1', note: OPEN311_NO_UPDATES_NOTE });
  });

  it('shows the strict server\'s own refusal too (a wrong api_key: 403, masked)', async () => {
    server = await startGeoReport();
    t = await setupCaseApp({ forward: { url: server.url, format: 'open311', apiKey: 'not-the-key', jurisdictionId: JURISDICTION } });
    await t.complain();
    await t.feature.outbox.perform();
    expect((await getCase()).body.forwarding).toMatchObject({ state: 'failed', lastError: "HTTP 403: Invalid api_key received -- can't proceed with create_request." });
  });

  it('sends address_string without lat/long when the location has no coordinates, the description cut to 4000 characters', async () => {
    server = await startGeoReport();
    t = await setupCaseApp({ forward: { url: server.url, format: 'open311', apiKey: API_KEY, jurisdictionId: JURISDICTION } });
    const text = `طفح مجاري في الشارع ${'🚧'.repeat(4100)}`;
    await t.complain({ text }, { primaryDomain: 'drainage', location: { area: 'المحرق' } });
    await t.feature.outbox.perform();
    expect(server.received).toHaveLength(1);
    const { form } = server.received[0];
    expect(form).toEqual({ api_key: API_KEY, jurisdiction_id: JURISDICTION, service_code: 'drainage', address_string: 'المحرق', description: expect.any(String) });
    const chars = Array.from(form.description);
    expect(chars).toHaveLength(4000);
    expect(form.description.startsWith('طفح مجاري في الشارع 🚧')).toBe(true);
    expect(chars[3999]).toBe('…');
    expect((await getCase()).body.externalRef).toBe('SR-1');
  });

  it('stores no reference for a batch service\'s token, and logs the token', async () => {
    server = await startGeoReport([{ status: 201, body: [{ token: 'TK-9', service_notice: null }] }]);
    t = await setupCaseApp(open311(server.url));
    await t.complain();
    expect(await t.feature.outbox.perform()).toMatchObject({ delivered: 1 });
    const c = await getCase();
    expect(c.body.externalRef).toBeUndefined();
    expect(c.body.forwarding).toMatchObject({ state: 'forwarded', note: OPEN311_NO_UPDATES_NOTE });
    expect(t.log()).toContainEqual(expect.objectContaining({ level: 30, caseNumber: NUMBER, requestToken: 'TK-9' }));
    expect(forwardWarnings()).toEqual([]);
  });

  it('does not send a case without any location (the spec requires one): the forward fails saying why', async () => {
    server = await startGeoReport();
    t = await setupCaseApp(open311(server.url));
    await t.complain({}, { location: {} });
    await t.feature.outbox.perform();
    expect(server.received).toHaveLength(0);
    expect((await getCase()).body.forwarding).toMatchObject({ state: 'failed', lastError: expect.stringContaining('no location') });
  });
});
