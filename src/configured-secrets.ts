/**
 * The configured credentials (tokens, app secrets, passwords) out of any text that may leave a
 * channel or the outbox: a server or a gateway may echo what it was sent («Malformed access token
 * EAAG…»), and errors end up in the log, the channels API and the console.
 */

/**
 * `text` with each secret replaced by ***, as given and as a URL or a form body carries it
 * (encodeURIComponent; URLSearchParams writes a space as + and escapes ! ' ( ) ~ too): a server
 * may echo it either way. Secrets under 4 characters are left (they would mask ordinary words).
 */
export function maskConfiguredSecrets(text: string, secrets: readonly (string | undefined)[]): string {
  let out = text;
  for (const secret of secrets) {
    if (!secret || secret.length < 4) continue;
    const formEncoded = new URLSearchParams({ k: secret }).toString().slice(2);
    for (const form of new Set([secret, encodeURIComponent(secret), formEncoded])) out = out.split(form).join('***');
  }
  return out;
}

/** The error with the secrets masked in its message and stack (in place: typed errors keep their class and fields). */
export function maskErrorSecrets<T>(err: T, secrets: readonly (string | undefined)[]): T {
  if (err instanceof Error) {
    err.message = maskConfiguredSecrets(err.message, secrets);
    if (err.stack) err.stack = maskConfiguredSecrets(err.stack, secrets);
  }
  return err;
}

/** `fn` whose failures carry no secret: for a channel's poll, reply and lookups. */
export function withMaskedErrors<A extends unknown[], R>(fn: (...args: A) => Promise<R>, secrets: readonly (string | undefined)[]): (...args: A) => Promise<R> {
  return (...args) =>
    fn(...args).catch((err: unknown) => {
      throw maskErrorSecrets(err, secrets);
    });
}
