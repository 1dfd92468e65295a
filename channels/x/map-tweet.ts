/** Turns X API v2 post objects (plus `includes.users`) into RawMentions and OwnPosts. */
import type { ApiV2Includes, TweetV2, UserV2 } from 'twitter-api-v2';
import type { OwnPost, PublicMetrics, RawMention } from '../../src/domain/mention';

/** The request fields the mapping below relies on (mentions and search). */
export const TWEET_FIELDS =
  'created_at,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,lang,entities,geo,note_tweet';
export const EXPANSIONS = 'author_id,referenced_tweets.id';
export const USER_FIELDS = 'username,name,public_metrics,verified,location';

/** Spec 2.167 renamed retweet_count to repost_count; accept either so both wire forms map. */
type WireMetrics = Partial<Record<'like_count' | 'reply_count' | 'retweet_count' | 'repost_count' | 'quote_count' | 'impression_count', number>>;

export function mapMetrics(m: WireMetrics | undefined): PublicMetrics {
  if (!m) return {};
  return {
    likes: m.like_count,
    replies: m.reply_count,
    reposts: m.retweet_count ?? m.repost_count,
    quotes: m.quote_count,
    impressions: m.impression_count,
  };
}

export function postUrl(handle: string | undefined, id: string): string {
  return handle ? `https://x.com/${handle}/status/${id}` : `https://x.com/i/web/status/${id}`;
}

export function toRawMention(tweet: TweetV2, usersById: Map<string, UserV2>, source: string): RawMention {
  const user = tweet.author_id ? usersById.get(tweet.author_id) : undefined;
  const followers = (user?.public_metrics as { followers_count?: number } | undefined)?.followers_count;
  const repliedTo = tweet.referenced_tweets?.find((r) => r.type === 'replied_to')?.id;
  return {
    externalId: tweet.id,
    url: postUrl(user?.username, tweet.id),
    author: {
      id: tweet.author_id ?? user?.id ?? 'unknown',
      handle: user?.username ?? tweet.author_id ?? 'unknown',
      name: user?.name,
      followers,
      verified: user?.verified,
      location: user?.location,
    },
    // Long posts carry their full text in note_tweet; `text` is then cut at 280.
    text: tweet.note_tweet?.text ?? tweet.text,
    lang: tweet.lang,
    createdAt: tweet.created_at ? new Date(tweet.created_at).toISOString() : new Date(0).toISOString(),
    inReplyTo: repliedTo,
    conversationId: tweet.conversation_id,
    metrics: mapMetrics(tweet.public_metrics as WireMetrics | undefined),
    kind: 'post',
    sources: [source],
  };
}

export function usersIndex(includes: ApiV2Includes | undefined): Map<string, UserV2> {
  return new Map((includes?.users ?? []).map((u) => [u.id, u]));
}

export function toOwnPost(tweet: TweetV2, handle: string | undefined): OwnPost {
  return {
    externalId: tweet.id,
    url: postUrl(handle, tweet.id),
    text: tweet.note_tweet?.text ?? tweet.text,
    createdAt: tweet.created_at ? new Date(tweet.created_at).toISOString() : new Date(0).toISOString(),
    metrics: mapMetrics(tweet.public_metrics as WireMetrics | undefined),
  };
}

/** Adds a mention to the poll's map, merging sources when the same post came from two sources. */
export function mergeInto(acc: Map<string, RawMention>, m: RawMention): void {
  const known = acc.get(m.externalId);
  if (!known) {
    acc.set(m.externalId, m);
    return;
  }
  known.sources = [...new Set([...(known.sources ?? []), ...(m.sources ?? [])])];
}
