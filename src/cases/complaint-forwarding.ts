/**
 * The request Rasid sends to the national complaints system for a new case, and how it reads
 * the reference that system gives back. Body: JSON below. Auth: `Authorization: Bearer <token>`
 * when a token is set, and/or the X-Rasid-Signature HMAC headers when a secret is set.
 * Expected answer: 2xx with JSON carrying the reference in `reference` (or `id`, `externalRef`,
 * `caseId`, `ticketNumber`).
 */
import type { Case, Mention } from '../domain';

export interface ForwardBody {
  caseNumber: string;
  domain: Case['domain'];
  unit: string;
  urgency: Case['urgency'];
  status: Case['status'];
  location: Case['location'];
  openedAt: string;
  slaDueAt: string;
  citizen: Case['citizen'];
  description: string | null;
  /** The citizen's post that opened the case (text and link), when it came from a mention. */
  complaint: { channel: string; text: string; url: string | null; postedAt: string } | null;
}

export function forwardBody(c: Case, first: Mention | null): ForwardBody {
  return {
    caseNumber: c.number,
    domain: c.domain,
    unit: c.unit,
    urgency: c.urgency,
    status: c.status,
    location: c.location,
    openedAt: c.openedAt,
    slaDueAt: c.slaDueAt,
    citizen: c.citizen,
    description: c.description ?? null,
    complaint: first ? { channel: first.network, text: first.text, url: first.url ?? null, postedAt: first.createdAt } : null,
  };
}

const REFERENCE_KEYS = ['reference', 'externalRef', 'id', 'caseId', 'ticketNumber'];

/** The external reference in a response body, or undefined when there is none we can read. */
export function readReference(body: string): string | undefined {
  let parsed: unknown;
  try {
    parsed = JSON.parse(body);
  } catch {
    return undefined;
  }
  if (!parsed || typeof parsed !== 'object') return undefined;
  for (const key of REFERENCE_KEYS) {
    const v = (parsed as Record<string, unknown>)[key];
    if ((typeof v === 'string' && v.trim()) || typeof v === 'number') return String(v).trim().slice(0, 200);
  }
  return undefined;
}
