/**
 * Typed errors every channel adapter throws, so the scheduler and the sender can decide
 * (wait, back off, give up, ask a human) without knowing any remote API.
 */
import type { RateLimitInfo } from './channel-state';

export abstract class ChannelError extends Error {
  abstract readonly kind: 'rate_limited' | 'auth_failed' | 'transient' | 'permanent' | 'outcome_unknown';
  /** What the channel knows of itself despite the failure (the news channel's feeds), kept as a poll's info is. */
  info?: Record<string, unknown>;
  constructor(message: string, readonly channel?: string) {
    super(message);
    this.name = new.target.name;
  }
}

/** The remote said "too many requests": do not call again before resetAt. */
export class RateLimited extends ChannelError {
  readonly kind = 'rate_limited' as const;
  /** The channel's windows as it knows them now, so the health view shows the current ones. */
  rateLimits?: RateLimitInfo[];
  constructor(readonly resetAt: Date, message = `rate limited until ${resetAt.toISOString()}`, channel?: string) {
    super(message, channel);
  }
}

/** Credentials rejected, session expired, checkpoint/challenge: a human must act. */
export class AuthFailed extends ChannelError {
  readonly kind = 'auth_failed' as const;
}

/** Network error, timeout, 5xx: retry later with backoff. */
export class Transient extends ChannelError {
  readonly kind = 'transient' as const;
}

/** The remote refused for good (duplicate content, deleted post, not allowed): never retry. */
export class Permanent extends ChannelError {
  readonly kind = 'permanent' as const;
  constructor(message: string, readonly code?: string, channel?: string) {
    super(message, channel);
  }
}

/**
 * A write whose request may have been carried out: it timed out or lost its connection after it
 * was sent, or the remote failed with a 5xx other than "unavailable". Retrying could post the
 * same reply twice, so the sender never retries it blindly: it looks for the post on the remote
 * side (Channel.findReply) and otherwise asks a supervisor.
 */
export class OutcomeUnknown extends ChannelError {
  readonly kind = 'outcome_unknown' as const;
}
