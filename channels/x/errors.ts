/** Maps twitter-api-v2 errors to the channel's typed errors (wait, back off, give up, ask a human). */
import { ApiPartialResponseError, ApiRequestError, ApiResponseError } from 'twitter-api-v2';
import { AuthFailed, ChannelError, OutcomeUnknown, Permanent, RateLimited, Transient } from '../channel';
import { maskUrlSecrets } from '../../src/url-secrets';

const CHANNEL = 'x';

/** Reasons X gives on refused posts, by detail text (v2) or v1.1 error code. */
const PERMANENT_REASONS: { code: string; detail: RegExp; v1Codes: number[] }[] = [
  { code: 'duplicate_content', detail: /duplicate content/i, v1Codes: [187] },
  { code: 'reply_not_allowed', detail: /reply to this conversation is not allowed|not allowed to reply|not been mentioned/i, v1Codes: [433] },
  { code: 'target_deleted', detail: /deleted or not visible|has been deleted|no status found/i, v1Codes: [385, 144] },
];

function problemText(data: unknown): string {
  if (!data || typeof data !== 'object') return '';
  const d = data as { title?: string; detail?: string; errors?: { message?: string; detail?: string }[] };
  const inner = (d.errors ?? []).map((e) => e.detail ?? e.message ?? '');
  // X often repeats itself («Unauthorized» as title and detail): each part once.
  return [...new Set([d.title, d.detail, ...inner].filter(Boolean))].join(' ');
}

function v1Codes(data: unknown): number[] {
  const errors = (data as { errors?: { code?: unknown }[] } | undefined)?.errors ?? [];
  return errors.map((e) => e.code).filter((c): c is number => typeof c === 'number');
}

/** Reset time of a 429: x-rate-limit-reset (epoch s), else 15 minutes from now (X's window). */
export function resetFromError(err: ApiResponseError, now: Date): Date {
  const reset = err.rateLimit?.reset ?? Number(err.headers?.['x-rate-limit-reset']);
  if (reset && Number.isFinite(reset) && reset * 1000 > now.getTime()) return new Date(reset * 1000);
  return new Date(now.getTime() + 15 * 60_000);
}

export interface MapContext {
  now: Date;
  /** Next monthly cap reset, when known: where a usage-cap 429 should send the poller. */
  capResetAt?: Date;
  /** The settings whose credentials the request used (XClients.credentials), named on a 401/403. */
  credentials?: string;
}

export function mapXError(err: unknown, ctx: MapContext): Error {
  if (err instanceof ChannelError) return err;
  if (err instanceof ApiResponseError) return mapResponseError(err, ctx);
  if (err instanceof ApiRequestError || err instanceof ApiPartialResponseError) {
    return new Transient(`X request failed: ${err.message}${causeOf(err)}`, CHANNEL);
  }
  return err instanceof Error ? err : new Error(String(err));
}

/**
 * The network's own words under the library's «Request failed.» (ECONNREFUSED, ENOTFOUND, a
 * reset…). twitter-api-v2 keeps the cause in its options as `error` (its requestError getter reads
 * `requestError`, which it never sets), so both are looked at.
 */
function causeOf(err: ApiRequestError | ApiPartialResponseError): string {
  const options = (err as unknown as { _options?: { error?: unknown; requestError?: unknown; responseError?: unknown } })._options ?? {};
  const inner = (options.requestError ?? options.responseError ?? options.error) as (Error & { code?: string }) | undefined;
  // Not instanceof Error: Node's network errors may come from another realm (a test sandbox).
  if (typeof inner?.message !== 'string') return '';
  return ` (${maskUrlSecrets(inner.message || inner.code || inner.name)})`;
}

function mapResponseError(err: ApiResponseError, ctx: MapContext): ChannelError {
  const text = problemText(err.data);
  const status = err.code;
  if (status === 429 || status === 420) {
    if (/usage.?cap/i.test(text) || /usage-capped/.test(JSON.stringify(err.data ?? ''))) {
      const until = ctx.capResetAt ?? new Date(ctx.now.getTime() + 60 * 60_000);
      return new RateLimited(until, `X monthly usage cap reached until ${until.toISOString()}`, CHANNEL);
    }
    return new RateLimited(resetFromError(err, ctx.now), undefined, CHANNEL);
  }
  if (status >= 500) return new Transient(`X ${status}: ${text || 'server error'}`, CHANNEL);
  const refused = ctx.credentials ? ` (check ${ctx.credentials})` : '';
  if (status === 401) return new AuthFailed(`X 401: ${text || 'unauthorized'}${refused}`, CHANNEL);
  const codes = v1Codes(err.data);
  const reason = PERMANENT_REASONS.find((r) => r.detail.test(text) || r.v1Codes.some((c) => codes.includes(c)));
  if (reason) return new Permanent(`X ${status}: ${text}`, reason.code, CHANNEL);
  if (status === 403) return new AuthFailed(`X 403: ${text || 'forbidden'}${refused}`, CHANNEL);
  if (status === 404) return new Permanent(`X 404: ${text || 'not found'}`, 'not_found', CHANNEL);
  return new Permanent(`X ${status}: ${text || 'refused'}`, status === 400 ? 'invalid_request' : `http_${status}`, CHANNEL);
}

/**
 * The socket error under an ApiRequestError. twitter-api-v2 (1.x) stores it as `_options.error`
 * while its `requestError` getter reads `_options.requestError`, which it never sets.
 */
function socketError(err: ApiRequestError): NodeJS.ErrnoException | undefined {
  return (err.requestError ?? (err as unknown as { _options?: { error?: Error } })._options?.error) as NodeJS.ErrnoException | undefined;
}

/** Request errors raised before anything reached X (no connection was made): nothing was posted. */
const NOT_CONNECTED = new Set(['ECONNREFUSED', 'ENOTFOUND', 'EAI_AGAIN', 'EHOSTUNREACH', 'ENETUNREACH']);

/**
 * mapXError for a write (POST /2/tweets), where "try again" is only safe when X surely did not
 * act: a timeout or a connection lost after sending, a cut-off answer, or a 5xx other than 503
 * ("over capacity": refused) become OutcomeUnknown.
 */
export function mapXWriteError(err: unknown, ctx: MapContext): Error {
  if (err instanceof ApiPartialResponseError) return new OutcomeUnknown(`X answered only in part: ${err.message}`, CHANNEL);
  if (err instanceof ApiRequestError) {
    const cause = socketError(err);
    if (!cause?.code || !NOT_CONNECTED.has(cause.code)) {
      return new OutcomeUnknown(`X request may have been carried out: ${cause?.message ?? err.message}`, CHANNEL);
    }
  }
  if (err instanceof ApiResponseError && err.code >= 500 && err.code !== 503) {
    return new OutcomeUnknown(`X ${err.code} on a write: ${problemText(err.data) || 'server error'}`, CHANNEL);
  }
  return mapXError(err, ctx);
}
