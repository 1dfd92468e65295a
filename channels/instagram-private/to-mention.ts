/**
 * Maps instagram-private-api items (comments, usertag posts, direct messages, own media) to
 * RawMention / OwnPost. Ids stay exactly as Instagram gives them so a re-sighting of the same
 * item dedupes on (channel, externalId) and only refreshes its metrics.
 */
import type { Author, OwnPost, RawMention } from '../../src/domain/mention';

/** The fields we read; json-bigint may hand numbers back as strings, hence the unions. */
export interface IgUserLike {
  pk?: number | string;
  username?: string;
  full_name?: string;
  is_verified?: boolean;
}

export interface IgCommentLike {
  pk: string | number;
  user_id?: number | string;
  user?: IgUserLike;
  text?: string;
  created_at?: number;
  created_at_utc?: number;
  comment_like_count?: number;
  child_comment_count?: number;
  parent_comment_id?: string;
  preview_child_comments?: IgCommentLike[];
}

export interface IgMediaLike {
  pk: string | number;
  id: string;
  code?: string;
  taken_at?: number;
  caption?: { text?: string } | null;
  like_count?: number;
  comment_count?: number;
  user?: IgUserLike;
}

export interface IgDirectItemLike {
  item_id: string;
  user_id: number | string;
  timestamp: string | number;
  item_type?: string;
  text?: string;
  link?: { text?: string };
}

export interface IgThreadLike {
  thread_id: string;
  thread_title?: string;
  users?: IgUserLike[];
  items?: IgDirectItemLike[];
}

export function toAuthor(user: IgUserLike | undefined, fallbackId?: string | number): Author {
  return {
    id: String(user?.pk ?? fallbackId ?? ''),
    handle: user?.username ?? '',
    ...(user?.full_name ? { name: user.full_name } : {}),
    ...(user?.is_verified !== undefined ? { verified: user.is_verified } : {}),
  };
}

export function postUrl(code: string | undefined): string | undefined {
  return code ? `https://www.instagram.com/p/${code}/` : undefined;
}

export function commentToMention(c: IgCommentLike, media: { id: string; code?: string }): RawMention {
  const seconds = c.created_at_utc ?? c.created_at ?? 0;
  const url = postUrl(media.code);
  return {
    externalId: String(c.pk),
    ...(url ? { url: `${url}c/${String(c.pk)}/` } : {}),
    author: toAuthor(c.user, c.user_id),
    text: c.text ?? '',
    createdAt: new Date(seconds * 1000).toISOString(),
    inReplyTo: c.parent_comment_id ? String(c.parent_comment_id) : media.id,
    conversationId: media.id,
    metrics: { likes: c.comment_like_count ?? 0, replies: c.child_comment_count ?? 0 },
    kind: 'comment',
    replyable: true,
    sources: ['comments'],
  };
}

export function usertagToMention(m: IgMediaLike): RawMention {
  const url = postUrl(m.code);
  return {
    externalId: m.id,
    ...(url ? { url } : {}),
    author: toAuthor(m.user),
    text: m.caption?.text ?? '',
    createdAt: new Date((m.taken_at ?? 0) * 1000).toISOString(),
    conversationId: m.id,
    metrics: { likes: m.like_count ?? 0, replies: m.comment_count ?? 0 },
    kind: 'post',
    replyable: true,
    sources: ['usertags'],
  };
}

export function directItemToMention(item: IgDirectItemLike, thread: IgThreadLike, box: string): RawMention {
  const sender = thread.users?.find((u) => String(u.pk) === String(item.user_id));
  return {
    externalId: item.item_id,
    author: toAuthor(sender, item.user_id),
    text: item.text ?? item.link?.text ?? `[${item.item_type ?? 'message'}]`,
    createdAt: new Date(Number(BigInt(String(item.timestamp)) / 1000n)).toISOString(),
    conversationId: thread.thread_id,
    kind: 'direct',
    replyable: true,
    sources: [box === 'pending' ? 'direct:requests' : 'direct'],
  };
}

export function mediaToOwnPost(m: IgMediaLike): OwnPost {
  const url = postUrl(m.code);
  return {
    externalId: m.id,
    ...(url ? { url } : {}),
    text: m.caption?.text ?? '',
    createdAt: new Date((m.taken_at ?? 0) * 1000).toISOString(),
    metrics: { likes: m.like_count ?? 0, replies: m.comment_count ?? 0 },
  };
}
