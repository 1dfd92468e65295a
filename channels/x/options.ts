/** Settings of the X channel, their defaults, and the check that decides whether it can run. */

/** OAuth 1.0a user-context keys of the ministry's account. */
export interface XOAuth1Credentials {
  appKey: string;
  appSecret: string;
  accessToken: string;
  accessSecret: string;
}

export interface XChannelOptions {
  /** Base URL every library request is redirected to (gateway or test server). Default https://api.x.com. */
  apiBaseUrl?: string;
  /** App-only bearer token: recent search and usage/tweets. */
  bearerToken?: string;
  /** User context for mentions, own timeline and posting: OAuth 1.0a keys ... */
  oauth1?: XOAuth1Credentials;
  /** ... or an OAuth 2.0 user access token (scopes tweet.read tweet.write users.read). */
  userToken?: string;
  /** The ministry's numeric account id; resolved once with users/me (kept in kv) when absent. */
  accountId?: string;
  /** Listening queries for recent search, e.g. `"وزارة الأشغال" OR #الأشغال -is:retweet`. */
  queries?: string[];
  /** Posts the project may read per month (X_MONTHLY_POST_CAP); 0 or absent: no local cap. */
  monthlyPostCap?: number;
  /** The scheduler's base polling interval in ms; pacing stretches it when the budget is short. */
  pollIntervalMs?: number;
  /**
   * Longest interval budget pacing may stretch polling to while budget remains (default 1 h): a
   * citizen's post must not wait days because the projection is gloomy; the cap itself is the
   * hard stop.
   */
  maxPollIntervalMs?: number;
  /** Pages followed on the very first poll of a source (no cursor yet). Default 1: newest 100 only. */
  initialBackfillPages?: number;
  /** Own timeline refresh for engagement reporting: interval (default 1 h) and size (default 20). */
  ownPostsIntervalMs?: number;
  ownPostsMax?: number;
  /** How often usage/tweets is read. Default 1 h. */
  usageRefreshMs?: number;
  /** Posts kept in reserve below the cap (never read). Default 1% of the cap. */
  budgetReserve?: number;
  /** Per-request timeout in ms. Default 15000. */
  requestTimeoutMs?: number;
  now?: () => Date;
}

export const X_DEFAULTS = {
  apiBaseUrl: 'https://api.x.com',
  pollIntervalMs: 5 * 60_000,
  maxPollIntervalMs: 60 * 60_000,
  initialBackfillPages: 1,
  ownPostsIntervalMs: 60 * 60_000,
  ownPostsMax: 20,
  usageRefreshMs: 60 * 60_000,
  requestTimeoutMs: 15_000,
} as const;

export type XOptionsCheck = { ok: true } | { ok: false; missing: string[] };

/**
 * Whether the X channel has what it needs to run. The lead's wiring disables the channel with a
 * log line naming `missing` (env var names) instead of failing at boot.
 * Rule: user context (OAuth 1.0a four keys, or an OAuth 2.0 user token) is required for mentions
 * and replies; the bearer token is optional (search falls back to user context, budget reading
 * needs it); X_QUERIES may be empty.
 */
export function xChannelOptionsComplete(opts: Partial<XChannelOptions>): XOptionsCheck {
  const missing: string[] = [];
  const o1 = opts.oauth1;
  const oauth1Parts: [string, string | undefined][] = [
    ['X_APP_KEY', o1?.appKey],
    ['X_APP_SECRET', o1?.appSecret],
    ['X_ACCESS_TOKEN', o1?.accessToken],
    ['X_ACCESS_SECRET', o1?.accessSecret],
  ];
  const hasOAuth1 = oauth1Parts.every(([, v]) => !!v);
  if (!hasOAuth1 && !opts.userToken) {
    const given = oauth1Parts.filter(([, v]) => !!v);
    // Some OAuth 1.0a keys given: name the rest; none given: name both alternatives.
    if (given.length > 0) missing.push(...oauth1Parts.filter(([, v]) => !v).map(([k]) => k));
    else missing.push('X_USER_TOKEN (or X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET)');
  }
  if (opts.apiBaseUrl) {
    try {
      new URL(opts.apiBaseUrl);
    } catch {
      missing.push('X_API_BASE_URL (not a URL)');
    }
  }
  return missing.length ? { ok: false, missing } : { ok: true };
}
