/**
 * The X (Twitter) channel on twitter-api-v2: mentions and listening queries with per-source
 * cursors, own-post metrics, budget- and rate-limit-aware polling, and replies.
 * Modules live in channels/x/; this file wires them into the Channel port.
 */
import type { Channel, PollContext, PollResult, ReplyTarget, SentReply } from './channel';
import { createXClients } from './x/client';
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
    poll(cursor: string | null, ctx: PollContext): Promise<PollResult> {
      lastCtx = ctx;
      return pollX(clients, opts, cursor, ctx);
    },
    reply(target: ReplyTarget, text: string, _idempotencyKey: string): Promise<SentReply> {
      return sendXReply(clients, opts, target, text, accountHandle);
    },
    async findReply(target: ReplyTarget, text: string, since: Date): Promise<SentReply | null> {
      return findXReply(clients, opts, await accountId(), target, text, since, accountHandle);
    },
    measureReply: measureXReply,
    async close(): Promise<void> {
      clients.close();
    },
  };
}
