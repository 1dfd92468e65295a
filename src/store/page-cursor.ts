/** Opaque keyset-pagination cursors shared by every store: base64url of the last row's sort key. */
import { ValidationError } from '../errors';

export function encodePageCursor(key: (string | number)[]): string {
  return Buffer.from(JSON.stringify(key)).toString('base64url');
}

export function decodePageCursor(cursor: string, length: number): (string | number)[] {
  try {
    const key = JSON.parse(Buffer.from(cursor, 'base64url').toString('utf8'));
    if (Array.isArray(key) && key.length === length) return key;
  } catch {
    // fall through to the validation error below
  }
  throw new ValidationError('invalid cursor', { cursor: 'not a cursor returned by this API' });
}
