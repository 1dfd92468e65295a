/**
 * OpenAPI paths for cases and the national complaints integration; test/api/openapi.test.ts
 * checks every route of the app is documented and every documented path exists.
 */
import { errors, jsonBody, ok, pageOf, pathParam, queryParams, ref, roles, type JsonSchema, type Paths } from '../http/openapi/builder';
import type { OpenApiArea } from '../http/openapi/document';
import { MAP_CASE_LIMIT } from './case-map';
import { CaseListQuerySchema, CaseMapQuerySchema, CaseNoteSchema, CasePatchSchema, ComplaintStatusUpdateSchema } from './case-schemas';

const str = { type: 'string' };
const time = { type: 'string', format: 'date-time' };
const caseNumber = pathParam('number', 'Case number, e.g. MOW-2026-000123');

const HISTORY: JsonSchema = {
  type: 'object',
  required: ['at', 'actor', 'action'],
  properties: { at: time, actor: str, action: { ...str, description: 'opened, mention_linked, status_changed, reopened, external_status, sla_restarted (from/to: the old and new due time), closed_duplicate, closed_not_ministry_remit, closed_no_fault_found, closed_other (closed without being resolved, by a supervisor: the reason; the note says more), closed_not_a_complaint, domain_changed (a correction moved the case to another works domain), unit_assigned, user_assigned, note, external_ref_set, first_response' }, from: str, to: str, note: str },
};

const count = { type: 'integer', minimum: 0 };
const BY_DOMAIN = { type: 'object', additionalProperties: count, description: 'Domain → cases (`none`: without a domain)' };

const CASE_MAP: JsonSchema = {
  type: 'object',
  required: ['areas', 'unlocated', 'blocks', 'withoutArea', 'total', 'truncated'],
  properties: {
    areas: {
      type: 'array',
      description: 'Busiest first',
      items: {
        type: 'object',
        required: ['id', 'area', 'spellings', 'areaAr', 'areaEn', 'lat', 'lon', 'total', 'byDomain'],
        properties: {
          id: { ...str, description: 'Gazetteer place id' },
          area: { ...str, description: 'The area as stored on the cases (its commonest spelling): the cases list filter `area`' },
          spellings: { type: 'array', items: str, description: 'Every spelling stored for this place, commonest first' },
          areaAr: str,
          areaEn: str,
          lat: { type: 'number' },
          lon: { type: 'number' },
          total: count,
          byDomain: BY_DOMAIN,
        },
      },
    },
    unlocated: {
      type: 'array',
      items: {
        type: 'object',
        required: ['area', 'reason', 'total', 'byDomain'],
        properties: { area: str, areaAr: str, areaEn: str, reason: { enum: ['unknown_place', 'no_coordinates'] }, total: count, byDomain: BY_DOMAIN },
      },
    },
    blocks: {
      type: 'array',
      description: 'The 10 busiest blocks',
      items: { type: 'object', required: ['block', 'total'], properties: { block: str, area: str, areaAr: str, areaEn: str, total: count } },
    },
    withoutArea: { ...count, description: 'Cases whose location names no area' },
    total: count,
    truncated: { type: 'boolean' },
  },
};

const CASE: JsonSchema = {
  type: 'object',
  required: ['id', 'number', 'domain', 'unit', 'status', 'urgency', 'location', 'mentionIds', 'citizen', 'openedAt', 'slaDueAt', 'history', 'overdue'],
  properties: {
    id: str,
    number: { ...str, description: 'PREFIX-YYYY-NNNNNN, gap-free per year' },
    domain: { enum: ['roads', 'drainage', 'buildings'] },
    unit: { ...str, description: 'Unit owning the case (routing table), English name' },
    unitAr: { ...str, description: 'Arabic name of the unit, when known' },
    unitNamesAr: { type: 'object', additionalProperties: str, description: 'Arabic name of every unit the case and its history name, when known' },
    assignee: { ...str, description: 'User id' },
    assigneeDisabled: { type: 'boolean', description: "True when the assignee's account has been disabled since the case was given to it" },
    status: { enum: ['open', 'in_progress', 'resolved', 'closed'] },
    urgency: { enum: ['high', 'medium', 'low'] },
    location: {
      type: 'object',
      properties: {
        block: str,
        road: str,
        building: str,
        flat: str,
        area: str,
        governorate: str,
        lat: { type: 'number', description: 'WGS84 latitude of the most precise located part (see precision).' },
        long: { type: 'number', description: 'WGS84 longitude.' },
        precision: { enum: ['point', 'block', 'area', 'governorate'], description: "point: the reporter's own; block/area/governorate: that centroid." },
        address: { type: 'string', description: 'The address as the reporter typed it (Open311 address_string).' },
      },
    },
    mentionIds: { type: 'array', items: str },
    citizen: { type: 'object', properties: { channel: str, handle: str } },
    openedAt: time,
    slaDueAt: { ...time, description: "Due time by urgency (CASE_SLA_HOURS_*), counted from the citizen's post" },
    overdue: { type: 'boolean', description: 'Computed: open or in progress and past slaDueAt' },
    firstResponseAt: time,
    resolvedAt: time,
    closedAt: time,
    updatedAt: time,
    externalRef: { ...str, description: 'Reference in the national complaints system' },
    source: { enum: ['ingest', 'open311'] },
    description: str,
    history: { type: 'array', items: HISTORY },
  },
};

const FORWARDING: JsonSchema = {
  type: 'object',
  required: ['state', 'canForward'],
  description: 'Where the case stands with the national complaints system (COMPLAINTS_FORWARD_URL), read from its forwards in the outbox.',
  properties: {
    state: {
      enum: ['not_configured', 'not_forwarded', 'pending', 'forwarded', 'failed'],
      description:
        'not_configured: no COMPLAINTS_FORWARD_URL; not_forwarded: never queued (the case predates forwarding); pending: a forward waits for its next attempt; ' +
        'forwarded: the latest forward was accepted; failed: the latest forward was given up (a 4xx, or OUTBOX_MAX_ATTEMPTS reached).',
    },
    externalRef: { ...str, description: 'Reference in the national complaints system' },
    forwardedAt: { ...time, description: 'When the national system last accepted the case' },
    attempts: { ...count, description: 'pending / failed: attempts made' },
    nextAttemptAt: { ...time, description: 'pending: when the forward is tried next' },
    lastError: { ...str, description: 'pending / failed: the last failure (HTTP status and an excerpt of the answer; credentials masked)' },
    note: { ...str, description: 'forwarded, in Open311 mode (COMPLAINTS_FORWARD_FORMAT=open311): later changes of the case are not sent (GeoReport v2 has no update method)' },
    canForward: { type: 'boolean', description: 'Forwarding is configured and no forward is pending: POST /api/cases/{number}/forward would queue one' },
  },
};

const CASE_DETAIL: JsonSchema = {
  allOf: [
    CASE,
    {
      type: 'object',
      required: ['forwarding', 'publicNoticeOn'],
      properties: {
        mentions: { type: 'array', items: ref('Mention') },
        replies: { type: 'array', items: ref('Reply') },
        forwarding: FORWARDING,
        publicNoticeOn: {
          type: 'array',
          items: { enum: ['open', 'in_progress', 'resolved', 'closed'] },
          description: 'Statuses a move to which (PATCH) posts a public reply to the citizen: CASE_STATUS_REPLIES on, a post to answer and the case_<status> template present',
        },
        publicNotices: {
          type: 'array',
          description: 'For each status in publicNoticeOn, the reply it would post, as the citizen will read it',
          items: {
            type: 'object',
            required: ['status', 'posts'],
            properties: {
              status: { enum: ['open', 'in_progress', 'resolved', 'closed'] },
              posts: { ...count, description: "Posts that get it: each citizen's first post in the case that can be answered (not marked spam, no action or duplicate)" },
              text: { ...str, description: 'The case_<status> template rendered for the first of them (its author, its language); absent when it does not render' },
              lang: { enum: ['ar', 'en'] },
            },
          },
        },
      },
    },
  ],
};

const PUBLIC = { security: [] as Record<string, string[]>[] };

const paths: Paths = {
  '/api/cases': {
    get: {
      summary: 'Cases, newest first, with filters and cursor pagination',
      ...roles('agent', 'supervisor', 'admin'),
      tags: ['cases'],
      parameters: queryParams(CaseListQuerySchema),
      responses: { ...ok('A page of cases', pageOf(CASE)), ...errors(400) },
    },
  },
  '/api/cases/map': {
    get: {
      summary: 'The complaints map: matching cases per area (placed with the gazetteer) and domain, areas it cannot place, busiest blocks',
      description:
        'Counts every case the filters select (as the cases list does) under its location: areas are matched to classifiers/gazetteer/places.json ' +
        'by Arabic or English name or alias after Arabic normalization. Areas the gazetteer does not know, or cannot locate, are listed in `unlocated`; ' +
        'cases naming no area are counted in `withoutArea`. `from`/`to` bound the opening time (a bare date is a whole UTC day). ' +
        `At most ${MAP_CASE_LIMIT} cases are counted (newest first; \`truncated\` says when more matched). Roles: agent, supervisor, admin.`,
      'x-roles': ['agent', 'supervisor', 'admin'],
      tags: ['cases'],
      parameters: queryParams(CaseMapQuerySchema),
      responses: { ...ok('Counts per area', CASE_MAP), ...errors(400) },
    },
  },
  '/api/places': {
    get: {
      summary: "Every place and governorate a location can name, with its English name (Location.area holds the gazetteer's Arabic one)",
      ...roles('agent', 'supervisor', 'admin'),
      tags: ['cases'],
      responses: { ...ok('Places', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', required: ['ar', 'en'], properties: { ar: str, en: str } } } } }), ...errors() },
    },
  },
  '/api/case-units': {
    get: {
      summary: 'The routing table: which unit owns each domain (English and Arabic names)',
      ...roles('agent', 'supervisor', 'admin'),
      tags: ['cases'],
      responses: { ...ok('Units', { type: 'object', properties: { items: { type: 'array', items: { type: 'object', properties: { domain: str, name: str, nameAr: str } } } } }), ...errors() },
    },
  },
  '/api/cases/{number}': {
    get: {
      summary: 'One case with its linked mentions, replies and history',
      ...roles('agent', 'supervisor', 'admin'),
      tags: ['cases'],
      parameters: [caseNumber],
      responses: { ...ok('The case', CASE_DETAIL), ...errors(400, 404) },
    },
    patch: {
      summary: 'Change status, unit or assignee (with an optional note)',
      description:
        'Status: open → in_progress → resolved → closed; resolved or closed → open reopens; anything else is 409 invalid_transition. ' +
        'Supervisors and admins may also close an open or in-progress case without resolving it, with a `reason` (422 close_reason_required without one, ' +
        'or for `other` without a note; history: closed_<reason>; the citizen is not told and the case never counts as resolved), and give a case in progress back to open. ' +
        'Only supervisors and admins close cases, give one back or route them to another unit (403); agents may only assign a case to themselves. ' +
        'An assignee must be an active account (422 unknown_user, details.disabled for a disabled one); `"assignee": "me"` is the signed-in user, null nobody. ' +
        'Every change writes case history and an audit entry; resolving tells the citizen once (CASE_STATUS_REPLIES: see publicNoticeOn in GET). ' +
        'A reopened case gets a fresh SLA from the reopening by its urgency (history: sla_restarted). With forwarding configured, a change of status or unit ' +
        'queues a forward of the current case to the national system. Roles: agent, supervisor, admin.',
      'x-roles': ['agent', 'supervisor', 'admin'],
      tags: ['cases'],
      parameters: [caseNumber],
      requestBody: jsonBody(CasePatchSchema),
      responses: { ...ok('The case after the change', CASE), ...errors(400, 403, 404, 409, 422) },
    },
  },
  '/api/cases/{number}/forward': {
    post: {
      summary: 'Forward the case to the national complaints system now (or again, after a failure)',
      description:
        "Queues a forward of the case's current state through the outbox unless one is pending already: then nothing is queued and the answer is 200 " +
        'with queued=false (pressing twice sends once). Works for cases opened before forwarding was configured and for forwards given up. ' +
        '409 forwarding_not_configured without COMPLAINTS_FORWARD_URL. Audited (case.forward_requested). No body. Roles: supervisor, admin.',
      'x-roles': ['supervisor', 'admin'],
      tags: ['cases'],
      parameters: [caseNumber],
      responses: {
        ...ok('Queued', { type: 'object', required: ['queued', 'forwarding'], properties: { queued: { type: 'boolean', enum: [true] }, forwarding: FORWARDING } }, '202'),
        ...ok('Already pending: nothing queued', { type: 'object', required: ['queued', 'forwarding'], properties: { queued: { type: 'boolean', enum: [false] }, forwarding: FORWARDING } }),
        ...errors(400, 403, 404, 409),
      },
    },
  },
  '/api/cases/{number}/notes': {
    post: {
      summary: 'Add a note to the case history',
      ...roles('agent', 'supervisor', 'admin'),
      tags: ['cases'],
      parameters: [caseNumber],
      requestBody: jsonBody(CaseNoteSchema),
      responses: { ...ok('The case with the note', CASE, '201'), ...errors(400, 404) },
    },
  },
  '/api/integrations/complaints/webhook': {
    post: {
      summary: 'Status updates from the national complaints system (HMAC-signed, no API token)',
      description:
        'Authenticated by X-Rasid-Timestamp (unix seconds, within 5 minutes) and X-Rasid-Signature: sha256=<hex HMAC-SHA256 of "<timestamp>.<raw body>" ' +
        'keyed with COMPLAINTS_WEBHOOK_SECRET>. Missing, stale or wrong signatures get 401. The status is applied as given (their word is final), with history and audit.',
      tags: ['integrations'],
      ...PUBLIC,
      requestBody: jsonBody(ComplaintStatusUpdateSchema),
      responses: {
        ...ok('Applied (changed=false when nothing changed)', { type: 'object', properties: { caseNumber: str, status: str, changed: { type: 'boolean' } } }),
        ...errors(400, 404),
      },
    },
  },
};

export const caseOpenApi: OpenApiArea = { paths };
