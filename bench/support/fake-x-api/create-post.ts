/** POST /2/tweets: the account posts (or replies), refused for a deleted target or duplicate text. */
import { DELETED_TARGET_403, DUPLICATE_CONTENT_403, problem, type HandlerResult } from './problems';
import type { FakePost, FakeUser } from './types';

/** The server state a new post touches: the account, the posts it may reply to, earlier created posts. */
export interface CreatePostState {
  accountId: string;
  users: Map<string, FakeUser>;
  posts: Map<string, FakePost>;
  /** Posts created through POST /2/tweets, in order; the new one is appended. */
  created: FakePost[];
  addPost: (p: { text: string; author?: string; inReplyTo?: string }) => FakePost;
}

export function createPost(state: CreatePostState, body: unknown): HandlerResult {
  const b = body as { text?: string; reply?: { in_reply_to_tweet_id?: string } } | undefined;
  if (!b?.text) return problem(400, 'text is required');
  const target = b.reply?.in_reply_to_tweet_id;
  if (target && !state.posts.has(target)) return { status: 403, body: DELETED_TARGET_403, count: 0 };
  if (state.created.some((p) => p.text === b.text)) return { status: 403, body: DUPLICATE_CONTENT_403, count: 0 };
  const me = state.users.get(state.accountId)!;
  const post = state.addPost({ text: b.text, author: me.username, inReplyTo: target });
  state.created.push(post);
  return { status: 201, body: { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } }, count: 0 };
}
