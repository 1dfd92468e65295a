/**
 * The request Rasid sends to the national complaints system for a case, and how it reads the
 * reference that system gives back. Every request carries the case as it is at delivery time
 * (the whole record, not a change): `event` says whether the national system has accepted this
 * case before (`case.updated`) or not (`case.created`), so a receiver that dedupes new cases by
 * `caseNumber` can apply updates as the newest state (newest `updatedAt` wins). Each request has
 * its own `Idempotency-Key` (the outbox message id; a retry repeats it). Auth:
 * `Authorization: Bearer <token>` when a token is set, and/or the X-Rasid-Signature HMAC headers
 * when a secret is set. Expected answer: 2xx, with JSON carrying the reference in `reference`
 * (or `id`, `externalRef`, `caseId`, `ticketNumber`, `service_request_id`), as an object or as
 * the first element of an array (Open311 style), at least on the first one.
 *
 * In Open311 mode (COMPLAINTS_FORWARD_FORMAT=open311) the national system speaks GeoReport v2
 * instead: the first forward of a case is a form-encoded `POST requests.json` (open311Request),
 * answered `[{"service_request_id": …}]` (or `token` for a batch service), errors as
 * `[{"code", "description"}]` (open311Errors). GeoReport v2 has no update method: later changes
 * are not sent.
 */
import { withoutUrlCredentials } from '../url-secrets';
import { maskConfiguredSecrets } from '../configured-secrets';
import type { Case, Mention } from '../domain';
import { addressOf } from './open311/address-text';

export type ForwardEvent = 'case.created' | 'case.updated';

export interface ForwardBody {
  event: ForwardEvent;
  caseNumber: string;
  /** The national system's reference, once it gave one. */
  externalRef: string | null;
  domain: Case['domain'];
  unit: string;
  urgency: Case['urgency'];
  status: Case['status'];
  location: Case['location'];
  openedAt: string;
  slaDueAt: string;
  resolvedAt: string | null;
  closedAt: string | null;
  /** When the case last changed in Rasid: the receiver keeps the newest. */
  updatedAt: string;
  citizen: Case['citizen'];
  description: string | null;
  /** The citizen's post that opened the case (text and link), when it came from a mention. */
  complaint: { channel: string; text: string; url: string | null; postedAt: string } | null;
}

export function forwardBody(c: Case, first: Mention | null, event: ForwardEvent = 'case.created'): ForwardBody {
  return {
    event,
    caseNumber: c.number,
    externalRef: c.externalRef ?? null,
    domain: c.domain,
    unit: c.unit,
    urgency: c.urgency,
    status: c.status,
    location: c.location,
    openedAt: c.openedAt,
    slaDueAt: c.slaDueAt,
    resolvedAt: c.resolvedAt ?? null,
    closedAt: c.closedAt ?? null,
    updatedAt: c.updatedAt ?? c.openedAt,
    citizen: c.citizen,
    description: c.description ?? null,
    complaint: first ? { channel: first.network, text: first.text, url: first.url ?? null, postedAt: first.createdAt } : null,
  };
}

/**
 * An error text safe to store, log and show: each configured credential (token, secrets) and
 * any bearer token or HMAC signature in it replaced by ***, at most 300 characters.
 */
export function maskSecrets(text: string, secrets: (string | undefined)[]): string {
  let out = maskConfiguredSecrets(text, secrets);
  out = withoutUrlCredentials(out.replace(/(bearer\s+)[^\s"',;]+/gi, '$1***').replace(/sha256=[0-9a-f]{16,}/gi, 'sha256=***'));
  return out.length > 300 ? `${out.slice(0, 300)}…` : out;
}

const REFERENCE_KEYS = ['reference', 'externalRef', 'id', 'caseId', 'ticketNumber', 'service_request_id'];

/** A receiver's JSON answer, or undefined when it is none (an HTML error page, an empty body). */
function parsedAnswer(body: string | undefined): unknown {
  try {
    return JSON.parse(body ?? '');
  } catch {
    return undefined;
  }
}

/**
 * The external reference in a response body, or undefined when there is none we can read: an
 * object's first key of `keys` holding a string or a number, or the same in the first element of
 * an array (Open311 GeoReport v2 answers `[{"service_request_id": "…"}]`, a batch service
 * `[{"token": "…"}]`).
 */
export function readReference(body: string, keys: readonly string[] = REFERENCE_KEYS): string | undefined {
  let parsed = parsedAnswer(body);
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const key of keys) {
    const v = (parsed as Record<string, unknown>)[key];
    if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return String(v).trim().slice(0, 200);
  }
  return undefined;
}

/** GeoReport v2 limits a request's description to 4000 characters. */
export const OPEN311_DESCRIPTION_MAX = 4000;

/**
 * The GeoReport v2 POST of a new case: api_key, jurisdiction_id (when set), service_code (the
 * domain, as Rasid's own Open311 service list publishes it), lat and long when the location has
 * coordinates, address_string (the location as text, as Rasid's own Open311 GET gives `address`)
 * and description (the text of the post that opened the case, else the case's description, cut
 * to 4000 characters). Null when the case has no location to send: the spec requires one.
 */
export function open311Request(c: Case, first: Mention | null, opts: { apiKey: string; jurisdictionId?: string }): URLSearchParams | null {
  const form = new URLSearchParams({ api_key: opts.apiKey });
  if (opts.jurisdictionId) form.set('jurisdiction_id', opts.jurisdictionId);
  form.set('service_code', c.domain);
  const { lat, long } = c.location;
  const point = typeof lat === 'number' && typeof long === 'number' && Number.isFinite(lat) && Number.isFinite(long);
  if (point) {
    form.set('lat', String(lat));
    form.set('long', String(long));
  }
  const address = addressOf(c.location);
  if (address) form.set('address_string', address);
  if (!point && !address) return null;
  const text = (first?.text ?? c.description ?? '').trim();
  if (text) form.set('description', cut(text, OPEN311_DESCRIPTION_MAX));
  return form;
}

/** At most `max` characters (code points, so an emoji is never split), the last one … when cut. */
function cut(text: string, max: number): string {
  const chars = Array.from(text);
  return chars.length <= max ? text : `${chars.slice(0, max - 1).join('')}…`;
}

/**
 * The descriptions of an Open311 error answer (`[{"code": 400, "description": "…"}]`, or one such
 * object), joined with "; "; undefined when the body is not one (an HTML error page…).
 */
export function open311Errors(body: string | undefined): string | undefined {
  const parsed = parsedAnswer(body);
  const items = Array.isArray(parsed) ? parsed : [parsed];
  const descriptions = items
    .map((e) => (e && typeof e === 'object' ? (e as Record<string, unknown>).description : undefined))
    .filter((d): d is string => typeof d === 'string' && d.trim() !== '')
    .map((d) => d.trim());
  return descriptions.length ? descriptions.join('; ') : undefined;
}
