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
 */
import { withoutUrlCredentials } from '../url-secrets';
import { maskConfiguredSecrets } from '../configured-secrets';
import type { Case, Mention } from '../domain';

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

/**
 * The external reference in a response body, or undefined when there is none we can read: an
 * object's first key of REFERENCE_KEYS holding a string or a number, or the same in the first
 * element of an array (Open311 GeoReport v2 answers `[{"service_request_id": "…"}]`).
 */
export function readReference(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (Array.isArray(parsed)) parsed = parsed[0];
  if (!parsed || typeof parsed !== 'object' || Array.isArray(parsed)) return undefined;
  for (const key of REFERENCE_KEYS) {
    const v = (parsed as Record<string, unknown>)[key];
    if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return String(v).trim().slice(0, 200);
  }
  return undefined;
}
