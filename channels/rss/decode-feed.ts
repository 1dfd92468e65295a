/**
 * Turns feed bytes into text in the right character set. Arabic news sites still publish in
 * windows-1256, and some UTF-8 feeds start with a byte-order mark. Order of trust: BOM, then the
 * XML declaration, then the Content-Type charset, then UTF-8. The declaration is preferred to
 * the header because servers often add a default charset that does not match the file.
 */
import iconv from 'iconv-lite';

export interface DecodedFeed {
  text: string;
  charset: string;
  /** Set when the named charset was unknown and UTF-8 was used instead. */
  fellBackFrom?: string;
}

export function detectCharset(bytes: Buffer, contentType: string | null): string {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return 'utf-8';
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return 'utf-16be';
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return 'utf-16le';
  const head = bytes.subarray(0, 512).toString('latin1');
  const declared = /^\s*<\?xml[^>]*?\bencoding\s*=\s*["']([A-Za-z0-9._:-]+)["']/i.exec(head)?.[1];
  if (declared) return declared.toLowerCase();
  const fromHeader = /charset\s*=\s*"?([A-Za-z0-9._:-]+)"?/i.exec(contentType ?? '')?.[1];
  return (fromHeader ?? 'utf-8').toLowerCase();
}

export function decodeFeed(bytes: Buffer, contentType: string | null): DecodedFeed {
  const charset = detectCharset(bytes, contentType);
  if (!iconv.encodingExists(charset)) {
    return { text: iconv.decode(bytes, 'utf-8'), charset: 'utf-8', fellBackFrom: charset };
  }
  // iconv-lite strips a BOM while decoding.
  return { text: iconv.decode(bytes, charset), charset };
}
