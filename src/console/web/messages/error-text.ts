/**
 * An API refusal in the console's language: the error's code (src/errors.ts and the services'
 * ConflictError / UnprocessableError codes) picks the message, its details fill it in; a code the
 * console does not know is described by its HTTP status, and only a 400/409/422 with an unknown
 * code shows the server's (English) message. Plain data in, text out: no UI imports.
 */
import type { MessageKey } from './catalog';
import { label, type Translate } from './translate';

/** The parts of an ApiError (src/console/web/api.ts) the text depends on. */
export interface ErrorLike {
  status?: number;
  code?: string;
  message?: string;
  details?: unknown;
}

export interface ErrorTextOptions {
  /** A user's name for an id (claims carry the holder's id; the claim route adds byName). */
  nameOf?: (id: string) => string | undefined;
}

type Details = Record<string, unknown>;

/** Codes whose message needs nothing from the details. */
const BY_CODE: Record<string, MessageKey> = {
  invalid_json: 'err_bad_request', bad_request: 'err_bad_request', unauthorized: 'sessionExpired',
  claim_required: 'err_claim_required', user_name_taken: 'nameTaken', cannot_demote_self: 'cannotChangeSelf',
  template_key_taken: 'keyTaken', template_in_use: 'err_template_in_use', template_body_required: 'bodyRequired', template_case_number_required: 'caseNumberRequired',
  reply_empty: 'err_reply_empty', not_replyable: 'cannotReplyChannel', unknown_unit: 'err_unknown_unit', unknown_user: 'err_unknown_user',
  payload_too_large: 'err_payload_too_large', unsupported_media_type: 'err_unsupported_media_type', unsupported_encoding: 'err_unsupported_media_type',
  rate_limited: 'tooManyAttempts', account_disabled: 'err_account_disabled', search_without_words: 'err_search_without_words', not_ready: 'err_unavailable', internal_error: 'err_internal',
};

/** A code the console does not know, or a bare status (no JSON body, e.g. from a proxy). */
const BY_STATUS: Record<number, MessageKey> = {
  401: 'sessionExpired', 403: 'err_forbidden', 413: 'err_payload_too_large', 415: 'err_unsupported_media_type',
  429: 'tooManyAttempts', 502: 'err_unavailable', 503: 'err_unavailable', 504: 'err_unavailable',
};

/** NotFoundError's details name what was missing: `{ case: 'MOW-2026-000001' }`. */
const MISSING: [string, MessageKey][] = [
  ['case', 'err_not_found_case'], ['mention', 'err_not_found_mention'], ['reply', 'err_not_found_reply'],
  ['template', 'err_not_found_template'], ['user', 'err_not_found_user'], ['week', 'err_not_found_week'],
];

const str = (v: unknown): string | undefined => (typeof v === 'string' && v ? v : undefined);

/** The API answered (an ApiError), as opposed to a network failure or a bug. */
export function isApiError(err: unknown): err is ErrorLike & { status: number; code: string } {
  const e = err as ErrorLike | null | undefined;
  return !!e && typeof e === 'object' && typeof e.status === 'number' && typeof e.code === 'string';
}

/** True for a 404: the page should offer a way back, not "try again". */
export const isNotFound = (err: unknown): boolean => isApiError(err) && err.status === 404;

/** Worth offering "try again": the network, the server's side, or a rate limit; not a refusal. */
export const isRetryable = (err: unknown): boolean => !isApiError(err) || err.status >= 500 || err.status === 429 || err.status === 408;

export function errorText(t: Translate, err: unknown, opts: ErrorTextOptions = {}): string {
  if (!isApiError(err)) {
    // fetch() rejects with a TypeError when the server cannot be reached
    if (err instanceof TypeError) return t('err_network');
    return (err as Error | undefined)?.message ?? String(err);
  }
  const d: Details = err.details && typeof err.details === 'object' ? (err.details as Details) : {};
  const known = BY_CODE[err.code] ?? (err.code.startsWith('store_') ? 'err_unavailable' : undefined); // the store's codes come as 503
  if (known) return t(known);
  const text = withDetails(t, err.code, d, opts);
  if (text !== undefined) return text;
  if (err.status === 404) return notFound(t, d);
  const byStatus = BY_STATUS[err.status] ?? (err.status >= 500 ? 'err_internal' : undefined);
  return byStatus ? t(byStatus) : err.message || t('error');
}

function withDetails(t: Translate, code: string, d: Details, opts: ErrorTextOptions): string | undefined {
  switch (code) {
    case 'validation_failed': {
      if (str(d.cursor)) return t('err_invalid_cursor');
      // The cases list and the map: a link (or typed dates) with the start after the end.
      if (d.from === 'from must not be after to') return t('err_from_after_to');
      const fields = Object.keys(d);
      return fields.length ? t('err_validation_fields', { fields: fields.join(', ') }) : t('err_validation_failed');
    }
    case 'forbidden':
      return d.header === 'X-CSRF-Token' ? t('err_csrf') : t('err_forbidden');
    case 'not_found':
      return notFound(t, d);
    case 'claimed_by_other': {
      const claim = (d.claim ?? {}) as Details;
      const by = str(claim.by);
      const name = str(claim.byName) ?? (by ? opts.nameOf?.(by) : undefined);
      return name ? t('err_claimed_by_other', { name }) : t('err_claimed_by_other_anon');
    }
    case 'reply_state_conflict': {
      const s = label(t, 'reply', str(d.state));
      const expected = Array.isArray(d.expected) ? d.expected : [];
      if (expected.includes('awaiting_approval')) return t('err_reply_already_reviewed', { s });
      return t(expected.includes('unknown') ? 'err_reply_already_settled' : 'err_reply_state_conflict', { s });
    }
    // approving a draft whose post is closed or already answered (src/replies/approval-block.ts)
    case 'mention_closed':
      return t('err_mention_closed', { s: label(t, 'status', str(d.status)) });
    case 'mention_already_answered':
      return t('err_mention_already_answered', { s: label(t, 'reply', str(d.state)) });
    case 'invalid_transition':
      return t('err_invalid_transition', { from: label(t, 'case', str(d.from)), to: label(t, 'case', str(d.to)) });
    case 'case_changed':
      return str(d.status) ? t('err_case_changed_to', { s: label(t, 'case', str(d.status)) }) : t('err_case_changed');
    case 'invalid_status_change':
      return t('err_invalid_status_change', { from: label(t, 'status', str(d.status)), to: label(t, 'status', str(d.wanted)) });
    case 'reply_too_long':
      return typeof d.length === 'number' && typeof d.max === 'number' ? t('err_reply_too_long', { length: d.length, max: d.max }) : t('tooLong');
    case 'reply_unfilled_placeholder':
      return t('err_reply_unfilled_placeholder', { placeholder: str(d.placeholder) ?? '{…}' });
    case 'template_brace_unbalanced':
      return t('err_template_brace_unbalanced', { field: str(d.field) ?? '', position: typeof d.position === 'number' ? d.position : '?' });
    case 'missing_template_variable':
      return t('err_missing_template_variable', { vars: (Array.isArray(d.missing) ? d.missing : []).map((v) => `{${String(v)}}`).join('، ') });
    default:
      return undefined;
  }
}

function notFound(t: Translate, d: Details): string {
  const hit = MISSING.find(([what]) => str(d[what]));
  return hit ? t(hit[1], { id: d[hit[0]] as string }) : t('err_not_found');
}
