/**
 * Remembers X's x-rate-limit-* figures per endpoint (in the channel kv) so the health view shows
 * them and the adapter refuses to call an endpoint whose window is known to be spent.
 */
import type { TwitterRateLimit } from 'twitter-api-v2';
import type { RateLimitInfo } from '../../src/domain/channel-state';
import type { ChannelKv } from '../channel';

const KV_KEY = 'x.rateLimits';

export function toRateLimitInfo(endpoint: string, rl: TwitterRateLimit | undefined): RateLimitInfo | undefined {
  if (!rl || !Number.isFinite(rl.limit)) return undefined;
  return {
    endpoint,
    limit: rl.limit,
    remaining: rl.remaining,
    resetAt: Number.isFinite(rl.reset) ? new Date(rl.reset * 1000).toISOString() : undefined,
  };
}

export class RateLimitBook {
  private readonly byEndpoint = new Map<string, RateLimitInfo>();

  static async load(kv: ChannelKv): Promise<RateLimitBook> {
    const book = new RateLimitBook();
    const raw = await kv.get(KV_KEY);
    if (raw) {
      try {
        for (const info of JSON.parse(raw) as RateLimitInfo[]) if (info.endpoint) book.byEndpoint.set(info.endpoint, info);
      } catch {
        // a corrupt record only loses the precaution; X's own 429 still protects us
      }
    }
    return book;
  }

  record(info: RateLimitInfo | undefined): void {
    if (!info?.endpoint) return;
    this.byEndpoint.set(info.endpoint, info);
  }

  /** The reset time when the endpoint's window is known to be empty right now. */
  exhaustedUntil(endpoint: string, now: Date): Date | undefined {
    const info = this.byEndpoint.get(endpoint);
    if (!info || info.remaining === undefined || info.remaining > 0 || !info.resetAt) return undefined;
    const reset = new Date(info.resetAt);
    return reset > now ? reset : undefined;
  }

  all(): RateLimitInfo[] {
    return [...this.byEndpoint.values()];
  }

  async save(kv: ChannelKv): Promise<void> {
    await kv.set(KV_KEY, JSON.stringify(this.all()));
  }
}
