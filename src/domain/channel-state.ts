/** A channel's cursor and health, persisted so restarts respect backoffs and rate limits. */
export interface RateLimitInfo {
  endpoint?: string;
  limit?: number;
  remaining?: number;
  /** UTC ISO time at which the window resets. */
  resetAt?: string;
}

export type ChannelHealth = 'ok' | 'failing' | 'rate_limited' | 'needs_attention' | 'disabled';

export interface ChannelState {
  channel: string;
  /** Opaque to everyone but the channel itself (often JSON). */
  cursor: string | null;
  health: ChannelHealth;
  lastPollAt?: string;
  lastSuccessAt?: string;
  lastError?: { at: string; message: string; code?: string };
  /**
   * The channel refused a reply for its credentials (expired token, revoked app): polling may
   * still work with other keys, so this is said apart from lastError, until a reply goes out again.
   */
  replyError?: { at: string; message: string; code?: string };
  consecutiveFailures: number;
  /** No poll before this time (rate limit reset or backoff). */
  backoffUntil?: string;
  rateLimits?: RateLimitInfo[];
  /** Channel-specific figures shown in the console, e.g. X monthly usage. */
  info?: Record<string, unknown>;
  updatedAt?: string;
}
