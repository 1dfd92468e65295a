/**
 * Secrets an operator may put inside a URL: a password before the host («https://user:pw@…»)
 * and keys in the query («…/rss?key=…», «?access_token=…»). A URL is shown (channels page, API)
 * and logged (a feed that failed, a delivery that failed) with those parts as ***.
 */

/** Query parameters whose value is a credential, by name (case-insensitive; `api_key`, `apikey`, `x-api-key`…). */
const SECRET_PARAM = /^(?:.*[-_.]?(?:key|token|secret|password|passwd|pwd|signature|sig|auth|credential)s?|code)$/i;

/**
 * «https://user:password@host/…» as «https://***@host/…», wherever it appears in a text; up to
 * the authority's last «@», since a password may hold an unescaped one.
 */
export function withoutUrlCredentials(text: string): string {
  return text.replace(/(\b[a-z][a-z0-9+.-]*:\/\/)[^\s/?#@]*(?:@[^\s/?#@]*)*@/gi, '$1***@');
}

/** Every URL in `text` with its password and its credential query values as ***. */
export function maskUrlSecrets(text: string): string {
  // A value ends at the next parameter, a fragment, a space, a quote or backslash (a URL inside a
  // JSON string inside JSON), or a colon before a space («feed …?key=…: HTTP 404»).
  return withoutUrlCredentials(text).replace(/([?&])([^=&#\s"'\\]+)=([^&#\s"'\\]*?)(?=[&#\s"'\\]|:\s|:?$)/g, (all, sep: string, name: string) => (SECRET_PARAM.test(decodeSafely(name)) ? `${sep}${name}=***` : all));
}

function decodeSafely(s: string): string {
  try {
    return decodeURIComponent(s);
  } catch {
    return s;
  }
}
