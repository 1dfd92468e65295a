/**
 * Helmet's security headers for how the service is reached. Over plain HTTP (the session cookie
 * configured without Secure) the CSP leaves out `upgrade-insecure-requests`: browsers would
 * rewrite the console's script and style URLs to https, which nothing serves, and show a blank
 * page on any host name other than localhost (the one host browsers exempt).
 */
import type { RequestHandler } from 'express';
import helmet from 'helmet';

export interface SecurityHeaderOptions {
  /** False when the service is served over plain HTTP (SESSION_COOKIE_SECURE=false). */
  https: boolean;
}

export function securityHeaders(opts: SecurityHeaderOptions): RequestHandler {
  if (opts.https) return helmet();
  return helmet({ contentSecurityPolicy: { directives: { upgradeInsecureRequests: null } } });
}
