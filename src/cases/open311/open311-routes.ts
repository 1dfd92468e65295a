/**
 * Open311 GeoReport v2 over our cases: GET services, GET/POST requests, GET one request, in JSON
 * or XML. POST needs an api_key from OPEN311_API_KEYS. Errors use the spec's error list on these
 * routes (never the /api error shape). Only one jurisdiction: jurisdiction_id is accepted and ignored.
 */
import express, { Router, type ErrorRequestHandler, type Request } from 'express';
import { timingSafeEqual } from 'node:crypto';
import type { Location } from '../../domain';
import { AppError } from '../../errors';
import { toAppError } from '../../http/error-handler';
import type { Logger } from '../../logger';
import type { CaseService } from '../case-service';
import type { RoutingTable } from '../routing-table';
import { isServiceCode, listServices } from './service-catalog';
import { locationFromAddress, OPEN311_REPORTER, statusesFor, toServiceRequest } from './service-request-mapper';
import { sendOpen311, sendOpen311Error, type Open311Format } from './open311-format';
import { Open311CreateSchema, Open311ListQuerySchema } from './open311-schemas';
import type { z } from 'zod';
import type { CaseStore } from '../store/case-store';

export interface Open311Deps {
  cases: CaseService;
  caseStore: Pick<CaseStore, 'getCase' | 'listCases'>;
  routing: RoutingTable;
  apiKeys: readonly string[];
  log: Logger;
  /**
   * Reads an address_string into address parts, area, governorate and coordinates (the
   * classifier's location extractor); without it only block/road/building numbers are read.
   */
  locate?: (text: string) => Location;
  now?: () => Date;
}

const DAY = 86_400_000;
const MAX_RESULTS = 1000;
const REQUESTS = { root: 'service_requests', item: 'request' } as const;

export function open311Routes(deps: Open311Deps): Router {
  const now = deps.now ?? (() => new Date());
  const v2 = Router();
  v2.use(express.urlencoded({ extended: false, limit: '16kb' }));

  v2.get('/services.:format', (req, res) => {
    sendOpen311(res, formatOf(req), 200, { root: 'services', item: 'service' }, listServices(deps.routing));
  });

  v2.get('/services/:code.:format', (req, res) => {
    const format = formatOf(req);
    if (!isServiceCode(req.params.code)) throw new AppError(404, 'not_found', `service_code ${req.params.code} not found`);
    sendOpen311(res, format, 200, { root: 'service_definition', item: 'attribute' }, { service_code: req.params.code, attributes: [] });
  });

  v2.get('/requests.:format', async (req, res) => {
    const format = formatOf(req);
    const q = parse(Open311ListQuerySchema, req.query);
    if (q.service_request_id) {
      const found = await Promise.all(q.service_request_id.slice(0, MAX_RESULTS).map((id) => deps.caseStore.getCase(id)));
      return sendOpen311(res, format, 200, REQUESTS, found.filter((c) => c !== null).map(toServiceRequest));
    }
    const unknown = q.service_code?.find((code) => !isServiceCode(code));
    if (unknown) throw new AppError(404, 'not_found', `service_code ${unknown} not found`);
    // The spec's default window: the most recent 90 days (ending at end_date when given).
    const end = q.end_date ?? now().toISOString();
    const start = q.start_date ?? new Date(Date.parse(end) - 90 * DAY).toISOString();
    const page = await deps.caseStore.listCases({
      limit: MAX_RESULTS,
      domains: q.service_code?.filter(isServiceCode),
      statuses: q.status ? q.status.flatMap(statusesFor) : undefined,
      openedFrom: start,
      openedTo: end,
    });
    sendOpen311(res, format, 200, REQUESTS, page.items.map(toServiceRequest));
  });

  v2.get('/requests/:id.:format', async (req, res) => {
    const format = formatOf(req);
    const c = await deps.caseStore.getCase(req.params.id);
    if (!c) throw new AppError(404, 'not_found', `service_request_id ${req.params.id} not found`);
    sendOpen311(res, format, 200, REQUESTS, [toServiceRequest(c)]);
  });

  v2.post('/requests.:format', async (req, res) => {
    const format = formatOf(req);
    const form = req.body && typeof req.body === 'object' && !Array.isArray(req.body) ? (req.body as Record<string, unknown>) : {};
    const body = { ...(req.query as Record<string, unknown>), ...form };
    if (!validKey(deps.apiKeys, body.api_key)) throw new AppError(403, 'forbidden', 'invalid or missing api_key');
    const input = parse(Open311CreateSchema, body);
    if (!isServiceCode(input.service_code)) throw new AppError(404, 'not_found', `service_code ${input.service_code} not found`);
    // The description as the citizen wrote it (none: none); where it is lives in the location.
    const created = await deps.cases.openReported({
      domain: input.service_code,
      description: input.description || undefined,
      location: reportedLocation(input, deps.locate),
      reporter: input.account_id || OPEN311_REPORTER,
      source: 'open311',
      mediaUrl: input.media_url,
    });
    const notice = `Routed to ${created.unit}; expected by ${created.slaDueAt}.`;
    const answer: Record<string, string> = { service_request_id: created.number, service_notice: notice };
    if (input.account_id) answer.account_id = input.account_id;
    sendOpen311(res, format, 200, REQUESTS, [answer]);
  });

  const router = Router();
  router.use('/open311/v2', v2);
  router.use('/open311', (req, _res, next) => next(new AppError(404, 'not_found', `no Open311 resource at ${req.originalUrl.split('?')[0]}`)));
  router.use('/open311', open311Errors(deps.log));
  return router;
}

/**
 * The case's location from a POST: the address parts read from address_string, kept verbatim
 * too (an Arabic address stays Arabic), and the reporter's lat/long as a point, which beats any
 * centroid the address would give. An address_id alone is kept as the address (labelled), since
 * nothing here resolves it.
 */
function reportedLocation(input: z.infer<typeof Open311CreateSchema>, locate: Open311Deps['locate']): Location {
  const loc: Location = {};
  if (input.address_string) {
    Object.assign(loc, locate ? locate(input.address_string) : locationFromAddress(input.address_string));
    loc.address = input.address_string;
  } else if (input.address_id) {
    // No address repository to resolve it against: kept as the reporter's address, labelled.
    loc.address = `address_id ${input.address_id}`;
  }
  if (input.lat !== undefined && input.long !== undefined) {
    loc.lat = input.lat;
    loc.long = input.long;
    loc.precision = 'point';
  }
  return loc;
}

function formatOf(req: Request): Open311Format {
  const f = req.params.format;
  if (f === 'json' || f === 'xml') return f;
  throw new AppError(404, 'not_found', `format ${f} is not served: use .json or .xml`);
}

function parse<S extends z.ZodType>(schema: S, input: unknown): z.infer<S> {
  const r = schema.safeParse(input);
  if (r.success) return r.data;
  const issue = r.error.issues[0];
  throw new AppError(400, 'validation_failed', `${issue.path.join('.') || 'request'}: ${issue.message}`);
}

function validKey(keys: readonly string[], given: unknown): boolean {
  if (typeof given !== 'string' || !given) return false;
  const g = Buffer.from(given);
  return keys.some((k) => {
    const b = Buffer.from(k);
    return b.length === g.length && timingSafeEqual(b, g);
  });
}

function open311Errors(log: Logger): ErrorRequestHandler {
  return (err, req, res, _next) => {
    const e = toAppError(err);
    if (e.status >= 500) log.error({ path: req.path, err: (err as Error)?.message }, 'open311 request failed');
    const format: Open311Format = /\.xml$/i.test(req.path) ? 'xml' : 'json';
    sendOpen311Error(res, format, e.status, e.status >= 500 ? 'General service error: try again later' : e.message);
  };
}
