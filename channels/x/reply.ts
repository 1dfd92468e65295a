/** Replies on X: weighted-length check (twitter-text) before any request, then POST /2/tweets. */
import { parseTweet } from 'twitter-text';
import type { ReplyLength, ReplyTarget, SentReply } from '../channel';
import { Permanent } from '../channel';
import type { XClients } from './client';
import { mapXError } from './errors';
import { postUrl } from './map-tweet';
import type { ResolvedXOptions } from './resolved-options';

export const X_MAX_WEIGHTED_LENGTH = 280;

export function measureXReply(text: string): ReplyLength {
  return { length: parseTweet(text).weightedLength, max: X_MAX_WEIGHTED_LENGTH };
}

interface CreateBody {
  data?: { id: string; text: string };
  errors?: { title?: string; detail?: string }[];
}

/**
 * X has no idempotency header: exactly-once is the outbox's job (it records the attempt before
 * calling and never re-sends an `unknown` reply blindly). The key is accepted for the port only.
 */
export async function sendXReply(
  clients: XClients,
  opts: ResolvedXOptions,
  target: ReplyTarget,
  text: string,
  accountHandle: () => Promise<string | undefined>,
): Promise<SentReply> {
  const { length, max } = measureXReply(text);
  if (!text.trim()) throw new Permanent('x reply: empty text', 'empty', 'x');
  if (length > max) throw new Permanent(`x reply: weighted length ${length} > ${max}`, 'too_long', 'x');
  let body: CreateBody;
  try {
    const res = await clients.user.v2.post<CreateBody>(
      'tweets',
      { text, reply: { in_reply_to_tweet_id: target.externalId } },
      { fullResponse: true, timeout: opts.requestTimeoutMs },
    );
    body = res.data ?? {};
  } catch (err) {
    throw mapXError(err, { now: opts.now?.() ?? new Date() });
  }
  if (!body.data?.id) {
    const why = (body.errors ?? []).map((e) => e.detail ?? e.title).join('; ') || 'no post id returned';
    throw new Permanent(`x reply refused: ${why}`, 'refused', 'x');
  }
  return { externalId: body.data.id, url: postUrl(await accountHandle(), body.data.id) };
}
