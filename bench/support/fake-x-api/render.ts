/** Posts and users in the X API v2 wire shape, with only the fields the request asked for. */
import type { FakePost, FakeUser } from './types';

export function renderPost(p: FakePost, fields: Set<string>): Record<string, unknown> {
  const out: Record<string, unknown> = { id: p.id, text: p.text, edit_history_tweet_ids: [p.id], author_id: p.authorId };
  if (fields.has('created_at')) out.created_at = p.createdAt;
  if (fields.has('conversation_id')) out.conversation_id = p.conversationId;
  if (fields.has('lang') && p.lang) out.lang = p.lang;
  if (fields.has('in_reply_to_user_id') && p.inReplyToUserId) out.in_reply_to_user_id = p.inReplyToUserId;
  if (fields.has('referenced_tweets') && p.inReplyToTweetId) out.referenced_tweets = [{ type: 'replied_to', id: p.inReplyToTweetId }];
  if (fields.has('public_metrics')) {
    const m = p.metrics;
    // The wire name is retweet_count (spec 2.159, the library); spec 2.167 calls it repost_count.
    out.public_metrics = { retweet_count: m.reposts, repost_count: m.reposts, reply_count: m.replies, like_count: m.likes, quote_count: m.quotes, bookmark_count: 0, impression_count: m.impressions };
  }
  return out;
}

export function renderUser(u: FakeUser, userFields = ''): Record<string, unknown> {
  const f = new Set(userFields.split(',').filter(Boolean));
  const out: Record<string, unknown> = { id: u.id, name: u.name, username: u.username };
  if (f.has('verified')) out.verified = u.verified ?? false;
  if (f.has('location') && u.location) out.location = u.location;
  if (f.has('public_metrics')) {
    out.public_metrics = { followers_count: u.followers ?? 0, following_count: 10, tweet_count: 100, post_count: 100, listed_count: 0 };
  }
  return out;
}
