/**
 * Replies on X: weighted-length check (twitter-text) before any request, then POST /2/tweets; and
 * the lookup of a reply already posted (the account's own timeline), for sends whose outcome is
 * unknown.
 */
import { parseTweet } from 'twitter-text';
import type { ReplyLength, ReplyTarget, SentReply } from '../channel';
import { Permanent } from '../channel';
import type { XClients } from './client';
import { mapXError, mapXWriteError } from './errors';
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
    throw mapXWriteError(err, { now: opts.now?.() ?? new Date(), credentials: clients.credentials.user });
  }
  if (!body.data?.id) {
    const why = (body.errors ?? []).map((e) => e.detail ?? e.title).join('; ') || 'no post id returned';
    throw new Permanent(`x reply refused: ${why}`, 'refused', 'x');
  }
  return { externalId: body.data.id, url: postUrl(await accountHandle(), body.data.id) };
}

interface TimelinePage {
  data?: { id: string; text: string; created_at?: string; referenced_tweets?: { type: string; id: string }[] }[];
  meta?: { next_token?: string };
}

/** Text as X gives it back: links become t.co links, so they are left out of the comparison. */
const comparable = (text: string) => text.replace(/https?:\/\/\S+/g, '').replace(/\s+/g, ' ').trim();

/** Pages of the own timeline read at most: 300 posts since the attempt is far more than a reply burst. */
const LOOKUP_PAGES = 3;

/**
 * The account's reply to `target` with this text posted since `since`, from its own timeline
 * (GET /2/users/:id/tweets, newest first, start_time), or null when there is none.
 */
export async function findXReply(
  clients: XClients,
  opts: ResolvedXOptions,
  accountId: string,
  target: ReplyTarget,
  text: string,
  since: Date,
  accountHandle: () => Promise<string | undefined>,
): Promise<SentReply | null> {
  const wanted = comparable(text);
  let token: string | undefined;
  for (let page = 0; page < LOOKUP_PAGES; page++) {
    let body: TimelinePage;
    try {
      const res = await clients.user.v2.get<TimelinePage>(
        `users/${accountId}/tweets`,
        {
          max_results: 100,
          start_time: since.toISOString(),
          'tweet.fields': 'created_at,referenced_tweets',
          ...(token ? { pagination_token: token } : {}),
        },
        { fullResponse: true, timeout: opts.requestTimeoutMs },
      );
      body = res.data ?? {};
    } catch (err) {
      throw mapXError(err, { now: opts.now?.() ?? new Date(), credentials: clients.credentials.user });
    }
    const post = (body.data ?? []).find(
      (p) =>
        (p.referenced_tweets ?? []).some((r) => r.type === 'replied_to' && r.id === target.externalId) &&
        comparable(p.text) === wanted &&
        (!p.created_at || Date.parse(p.created_at) >= since.getTime()),
    );
    if (post) return { externalId: post.id, url: postUrl(await accountHandle(), post.id) };
    token = body.meta?.next_token;
    if (!token) break;
  }
  return null;
}
