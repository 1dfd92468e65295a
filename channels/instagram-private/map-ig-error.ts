/**
 * Turns instagram-private-api errors into the channel's typed errors, so the scheduler can tell
 * "a human must act" (checkpoint, logged out, spam block) from "wait" (rate limit) and "retry".
 * Matching is by error name: the library is loaded lazily, so its classes are not imported here.
 */
import { AuthFailed, ChannelError, OutcomeUnknown, Permanent, RateLimited, Transient } from '../channel';

interface IgLikeError {
  name?: string;
  message?: string;
  response?: { statusCode?: number; body?: { message?: unknown; error_type?: unknown } };
}

const NEEDS_A_HUMAN: Record<string, string> = {
  IgCheckpointError:
    'Instagram asks for a security checkpoint (challenge_required): open the account in the Instagram app, confirm the login, then re-enable the channel',
  IgLoginTwoFactorRequiredError:
    'Instagram asks for a two-factor code, which this channel cannot enter: use the Graph API channel or turn 2FA off for this account',
  IgLoginBadPasswordError: 'Instagram rejected the password (IG_PASSWORD)',
  IgLoginInvalidUserError: 'Instagram does not know this username (IG_USERNAME)',
  IgLoginRequiredError: 'Instagram ended the session (login_required) and a fresh login did not help',
  IgUserHasLoggedOutError: 'Instagram logged the account out (user_has_logged_out): log in again from the app',
  IgActionSpamError:
    'Instagram blocked the action as spam (feedback_required): pause replies from this account for a day and check it in the app',
  IgSentryBlockError: 'Instagram blocked the account (sentry_block): check it in the app',
  IgInactiveUserError: 'Instagram reports the account as inactive',
  IgCookieNotFoundError: 'the stored Instagram session is incomplete (cookie missing): clear it and log in again',
};

export interface IgErrorContext {
  /** What we were doing, for the message (e.g. "polling comments"). */
  action: string;
  now: Date;
  rateLimitBackoffMs: number;
  /** Replies treat an unexplained 4xx as final; polls treat it as passing. */
  forReply?: boolean;
  channel?: string;
}

export function mapIgError(err: unknown, ctx: IgErrorContext): ChannelError {
  if (err instanceof ChannelError) return err;
  const e = (err ?? {}) as IgLikeError;
  const name = e.name ?? '';
  const status = e.response?.statusCode;
  const remoteMessage = typeof e.response?.body?.message === 'string' ? e.response.body.message : '';
  const detail = `${ctx.action}: ${name || 'Error'} ${remoteMessage || e.message || ''}`.trim();

  if (NEEDS_A_HUMAN[name]) return new AuthFailed(`instagram: ${NEEDS_A_HUMAN[name]} (${ctx.action})`, ctx.channel);
  if (status === 429 || /wait a few minutes/i.test(remoteMessage) || name === 'IgRequestsLimitError') {
    const resetAt = new Date(ctx.now.getTime() + ctx.rateLimitBackoffMs);
    return new RateLimited(resetAt, `instagram rate limit while ${detail}; waiting until ${resetAt.toISOString()}`, ctx.channel);
  }
  if (name === 'IgNetworkError' || name === 'IgParseError' || (status !== undefined && status >= 500)) {
    return new Transient(`instagram: ${detail}`, ctx.channel);
  }
  if (name === 'IgNotFoundError' || name === 'IgPrivateUserError') {
    return new Permanent(`instagram: ${detail}`, name === 'IgNotFoundError' ? 'not_found' : 'private_user', ctx.channel);
  }
  if (ctx.forReply && status !== undefined && status >= 400) {
    return new Permanent(`instagram: ${detail}`, `http_${status}`, ctx.channel);
  }
  return new Transient(`instagram: ${detail}`, ctx.channel);
}

/**
 * For a write without an idempotency token (a comment): a network failure, an unreadable answer
 * or a 5xx other than 503 may come after Instagram posted it, so it is OutcomeUnknown rather than
 * something to retry. Other errors are left to mapIgError (undefined).
 */
export function unknownWriteOutcome(err: unknown, action: string, channel?: string): OutcomeUnknown | undefined {
  const e = (err ?? {}) as IgLikeError;
  const status = e.response?.statusCode;
  if (e.name === 'IgNetworkError' || e.name === 'IgParseError' || (status !== undefined && status >= 500 && status !== 503)) {
    return new OutcomeUnknown(`instagram: ${action}: ${e.name ?? 'Error'} ${e.message ?? ''}`.trim(), channel);
  }
  return undefined;
}
