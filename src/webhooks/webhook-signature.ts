/**
 * HMAC-SHA256 signatures shared by outgoing webhooks, case forwarding and the inbound complaints
 * webhook. The signed string is `${timestamp}.${rawBody}` so a captured delivery cannot be replayed
 * later; receivers check the timestamp is recent and compare in constant time.
 *
 * Headers: X-Rasid-Timestamp (unix seconds), X-Rasid-Signature (`sha256=<hex>`).
 */
import { createHmac, timingSafeEqual } from 'node:crypto';

export const SIGNATURE_HEADER = 'x-rasid-signature';
export const TIMESTAMP_HEADER = 'x-rasid-timestamp';

/** Five minutes either way, as most webhook senders allow for clock skew. */
export const DEFAULT_TOLERANCE_S = 300;

export function signBody(secret: string, body: string | Buffer, timestamp: number): string {
  const mac = createHmac('sha256', secret).update(`${timestamp}.`).update(body).digest('hex');
  return `sha256=${mac}`;
}

/** Header pair to send with a body. */
export function signatureHeaders(secret: string, body: string, now: Date): Record<string, string> {
  const ts = Math.floor(now.getTime() / 1000);
  return { 'X-Rasid-Timestamp': String(ts), 'X-Rasid-Signature': signBody(secret, body, ts) };
}

export type SignatureCheck = { ok: true } | { ok: false; reason: 'missing' | 'stale' | 'mismatch' };

export function verifySignature(
  secret: string,
  rawBody: Buffer,
  header: { signature?: string; timestamp?: string },
  now: Date,
  toleranceS = DEFAULT_TOLERANCE_S,
): SignatureCheck {
  if (!header.signature || !header.timestamp || !/^\d{1,12}$/.test(header.timestamp)) return { ok: false, reason: 'missing' };
  const ts = Number(header.timestamp);
  if (Math.abs(now.getTime() / 1000 - ts) > toleranceS) return { ok: false, reason: 'stale' };
  const expected = Buffer.from(signBody(secret, rawBody, ts));
  const given = Buffer.from(header.signature);
  return expected.length === given.length && timingSafeEqual(expected, given) ? { ok: true } : { ok: false, reason: 'mismatch' };
}
