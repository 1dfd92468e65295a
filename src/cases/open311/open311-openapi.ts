/** OpenAPI paths for the Open311 GeoReport v2 endpoints (public: no API token). */
import { pathParam, queryParams, type JsonSchema, type Paths } from '../../http/openapi/builder';
import type { OpenApiArea } from '../../http/openapi/document';
import { Open311ListQuerySchema } from './open311-schemas';

const str = { type: 'string' };

/** Open311 answers: JSON arrays (or XML with the same fields), errors as [{ code, description }]. */
const OPEN311_ERROR = { type: 'array', items: { type: 'object', required: ['code', 'description'], properties: { code: { type: 'integer' }, description: str } } };
const openErr = (...statuses: number[]) =>
  Object.fromEntries(statuses.map((s) => [String(s), { description: 'Open311 error list', content: { 'application/json': { schema: OPEN311_ERROR }, 'application/xml': {} } }]));
const format = { name: 'format', in: 'path', required: true, description: 'json or xml', schema: { enum: ['json', 'xml'] } };
const open311Ok = (description: string, item: JsonSchema) => ({
  '200': { description, content: { 'application/json': { schema: { type: 'array', items: item } }, 'application/xml': {} } },
});
const SERVICE = { type: 'object', properties: { service_code: str, service_name: str, description: str, metadata: { type: 'boolean' }, type: { enum: ['realtime'] }, keywords: str, group: str } };
const REQUEST = {
  type: 'object',
  description: 'A case as a GeoReport v2 service request: service_code = domain, status open (open, in progress) or closed (resolved, closed), address from the location, agency_responsible = unit, expected_datetime = SLA due time.',
  properties: Object.fromEntries(
    ['service_request_id', 'status', 'status_notes', 'service_name', 'service_code', 'description', 'agency_responsible', 'service_notice', 'requested_datetime', 'updated_datetime', 'expected_datetime', 'address', 'address_id', 'zipcode', 'lat', 'long', 'media_url'].map((k) => [k, {}]),
  ),
};
const OPEN311_CREATE = {
  type: 'object',
  required: ['api_key', 'service_code'],
  properties: {
    api_key: { ...str, description: 'One of OPEN311_API_KEYS' },
    jurisdiction_id: { ...str, description: 'Accepted and ignored (one jurisdiction)' },
    service_code: { enum: ['roads', 'drainage', 'buildings'] },
    lat: { type: 'number', description: 'WGS84; lat and long must lie in Bahrain (Hawar included), else 400' },
    long: { type: 'number', description: 'WGS84; see lat' },
    address_string: str,
    address_id: str,
    description: { ...str, description: 'Kept and returned as given (null when none)' },
    account_id: { ...str, description: 'Shown as the reporter in the console' },
    media_url: { ...str, description: 'Returned as media_url' },
  },
  description: 'A location is required: lat and long, address_string or address_id.',
};
const PUBLIC = { security: [] as Record<string, string[]>[] };

const paths: Paths = {
  '/open311/v2/services.{format}': {
    get: { summary: 'Open311: the service list (one per works domain)', tags: ['open311'], ...PUBLIC, parameters: [format], responses: { ...open311Ok('Services', SERVICE), ...openErr(404) } },
  },
  '/open311/v2/services/{code}.{format}': {
    get: {
      summary: 'Open311: a service definition (no extra attributes)',
      tags: ['open311'],
      ...PUBLIC,
      parameters: [pathParam('code', 'service_code'), format],
      responses: { '200': { description: 'Definition', content: { 'application/json': { schema: { type: 'object', properties: { service_code: str, attributes: { type: 'array' } } } } } }, ...openErr(404) },
    },
  },
  '/open311/v2/requests.{format}': {
    get: {
      summary: 'Open311: service requests (cases), default the last 90 days, up to 1000',
      tags: ['open311'],
      ...PUBLIC,
      parameters: [format, ...queryParams(Open311ListQuerySchema)],
      responses: { ...open311Ok('Requests', REQUEST), ...openErr(400, 404) },
    },
    post: {
      summary: 'Open311: report a problem (opens a routed, numbered case)',
      tags: ['open311'],
      ...PUBLIC,
      parameters: [format],
      requestBody: { required: true, content: { 'application/x-www-form-urlencoded': { schema: OPEN311_CREATE }, 'application/json': { schema: OPEN311_CREATE } } },
      responses: { ...open311Ok('The new request id', { type: 'object', properties: { service_request_id: str, service_notice: str, account_id: str } }), ...openErr(400, 403, 404) },
    },
  },
  '/open311/v2/requests/{id}.{format}': {
    get: {
      summary: 'Open311: one service request',
      tags: ['open311'],
      ...PUBLIC,
      parameters: [pathParam('id', 'service_request_id (the case number)'), format],
      responses: { ...open311Ok('A one-item list', REQUEST), ...openErr(404) },
    },
  },
};

export const open311OpenApi: OpenApiArea = { paths };
