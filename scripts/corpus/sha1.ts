import { createHash } from 'node:crypto';

/** SHA-1 (hex) of a text's UTF-8 bytes: how every corpus pointer names its text. */
export function sha1Hex(text: string): string {
  return createHash('sha1').update(Buffer.from(text, 'utf8')).digest('hex');
}
