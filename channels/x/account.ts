/** The ministry's account id (and handle): from options, else users/me once, kept in the kv. */
import type { PollContext } from '../channel';
import type { XClients } from './client';
import { mapXError } from './errors';
import { ENDPOINTS } from './fetch-page';
import { toRateLimitInfo, type RateLimitBook } from './rate-limits';
import type { ResolvedXOptions } from './resolved-options';

const KV_KEY = 'x.account';

export interface XAccount {
  id: string;
  username?: string;
}

export async function resolveAccount(clients: XClients, opts: ResolvedXOptions, ctx: PollContext, book: RateLimitBook): Promise<XAccount> {
  const stored = await ctx.kv.get(KV_KEY);
  const known = stored ? (JSON.parse(stored) as XAccount) : undefined;
  if (opts.accountId && (!known || known.id !== opts.accountId)) {
    // Configured id wins; the handle (for own-post URLs) is optional, so no users/me call here.
    return { id: opts.accountId, username: known?.id === opts.accountId ? known.username : undefined };
  }
  if (known) return known;
  try {
    const res = await clients.user.v2.get<{ data: { id: string; username: string } }>('users/me', {}, { fullResponse: true, timeout: opts.requestTimeoutMs });
    book.record(toRateLimitInfo(ENDPOINTS.me, res.rateLimit));
    const account = { id: res.data.data.id, username: res.data.data.username };
    await ctx.kv.set(KV_KEY, JSON.stringify(account));
    ctx.log.info({ channel: 'x', accountId: account.id }, 'x account resolved with users/me');
    return account;
  } catch (err) {
    throw mapXError(err, { now: opts.now?.() ?? ctx.now(), credentials: clients.credentials.user });
  }
}
