/**
 * The X (Twitter) channel on twitter-api-v2: mentions and listening queries with per-source
 * cursors, own-post metrics, budget- and rate-limit-aware polling, and replies.
 * Modules live in channels/x/; this file wires them into the Channel port.
 */
import type { Channel, ChannelLog, PollContext, PollResult, ReplyTarget, SentReply } from './channel';
import { createXClients } from './x/client';
import { maskConfiguredSecrets, maskErrorSecrets, withMaskedErrors } from '../src/configured-secrets';
import { X_DEFAULTS, xChannelOptionsComplete, type XChannelOptions, type XOptionsCheck } from './x/options';
import { pollX } from './x/poll';
import { mapXError } from './x/errors';
import { findXReply, measureXReply, sendXReply } from './x/reply';
import { resolveOptions } from './x/resolved-options';

export { xChannelOptionsComplete, X_DEFAULTS };
export type { XChannelOptions, XOptionsCheck };

export function createXChannel(options: XChannelOptions): Channel {
  const check = xChannelOptionsComplete(options);
  if (!check.ok) throw new Error(`X channel misconfigured, missing: ${check.missing.join(', ')}`);
  const opts = resolveOptions(options);
  const clients = createXClients(options, opts.apiBaseUrl);
  // A gateway (X_API_BASE_URL) or X itself may echo what it was sent («Invalid token AAAA…»): the
  // configured credentials never leave the channel in an error or a log line.
  const secrets = [options.bearerToken, options.userToken, options.oauth1?.appKey, options.oauth1?.appSecret, options.oauth1?.accessToken, options.oauth1?.accessSecret];
  /** Handle for reply URLs, learnt from the poller's users/me (kept in the kv). */
  let lastCtx: PollContext | undefined;

  /** The account's id: configured, else learnt by the poller (kv), else users/me. */
  const accountId = async (): Promise<string> => {
    if (opts.accountId) return opts.accountId;
    const raw = await lastCtx?.kv.get('x.account');
    if (raw) return (JSON.parse(raw) as { id: string }).id;
    try {
      const me = await clients.user.v2.get<{ data: { id: string } }>('users/me', {}, { timeout: opts.requestTimeoutMs });
      return me.data.id;
    } catch (err) {
      throw mapXError(err, { now: opts.now?.() ?? new Date() });
    }
  };

  const accountHandle = async (): Promise<string | undefined> => {
    const raw = await lastCtx?.kv.get('x.account');
    return raw ? (JSON.parse(raw) as { username?: string }).username : undefined;
  };

  return {
    name: 'x',
    poll: withMaskedErrors((cursor: string | null, ctx: PollContext): Promise<PollResult> => {
      lastCtx = ctx;
      return pollX(clients, opts, cursor, { kv: ctx.kv, log: maskingLog(ctx.log, secrets), now: () => ctx.now() });
    }, secrets),
    reply: withMaskedErrors((target: ReplyTarget, text: string): Promise<SentReply> => sendXReply(clients, opts, target, text, accountHandle), secrets),
    findReply: withMaskedErrors(async (target: ReplyTarget, text: string, since: Date): Promise<SentReply | null> => findXReply(clients, opts, await accountId(), target, text, since, accountHandle), secrets),
    measureReply: measureXReply,
    async close(): Promise<void> {
      clients.close();
    },
  };
}

/** The poll's log with the secrets masked in the message and in every string field (failures are logged with their error text). */
function maskingLog(log: ChannelLog, secrets: readonly (string | undefined)[]): ChannelLog {
  const clean = (v: unknown, depth = 0): unknown => {
    if (typeof v === 'string') return maskConfiguredSecrets(v, secrets);
    if (v instanceof Error) return maskErrorSecrets(v, secrets);
    if (depth > 4 || v === null || typeof v !== 'object') return v;
    if (Array.isArray(v)) return v.map((x) => clean(x, depth + 1));
    if (Object.getPrototypeOf(v) !== Object.prototype) return v;
    return Object.fromEntries(Object.entries(v).map(([k, x]) => [k, clean(x, depth + 1)]));
  };
  return {
    info: (obj, msg) => log.info(clean(obj) as Record<string, unknown>, maskConfiguredSecrets(msg, secrets)),
    warn: (obj, msg) => log.warn(clean(obj) as Record<string, unknown>, maskConfiguredSecrets(msg, secrets)),
  };
}
