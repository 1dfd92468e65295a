/**
 * body-parser decodes a JSON body as UTF-8 (its default charset) and turns bytes that are not
 * UTF-8 into U+FFFD: a reply sent in Latin-1 by mistake would go out to the citizen as «��».
 * `express.json({ verify: utf8Only })` refuses such a body instead (400 invalid_encoding).
 */
import type { IncomingMessage } from 'node:http';
import { AppError } from '../errors';

const decoder = new TextDecoder('utf-8', { fatal: true });

export function utf8Only(_req: IncomingMessage, _res: unknown, body: Buffer, encoding: string): void {
  // Another declared charset was decoded as declared (or refused with 415 before this).
  if (encoding.toLowerCase().replace('-', '') !== 'utf8') return;
  try {
    decoder.decode(body);
  } catch {
    throw new AppError(400, 'invalid_encoding', 'the request body is not valid UTF-8: send JSON encoded as UTF-8');
  }
}
