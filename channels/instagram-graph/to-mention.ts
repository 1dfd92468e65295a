/**
 * Maps Graph API nodes (IG Comment, IG Media, webhook values) to RawMention / OwnPost.
 * Comment ids and media ids are used as-is, so a comment seen again (re-poll, webhook then poll)
 * keeps its externalId and only its metrics change.
 */
import type { OwnPost, RawMention } from '../../src/domain/mention';
import { isoTime } from './cursor';

export interface GraphComment {
  id: string;
  text?: string;
  timestamp?: string;
  username?: string;
  from?: { id?: string; username?: string };
  like_count?: number;
  parent_id?: string;
  replies?: { data?: GraphComment[] };
}

export interface GraphMedia {
  id: string;
  caption?: string;
  timestamp?: string;
  permalink?: string;
  comments_count?: number;
  like_count?: number;
  username?: string;
}

export const COMMENT_FIELDS = 'id,text,timestamp,username,from,like_count,parent_id';
export const MEDIA_FIELDS = 'id,caption,timestamp,permalink,comments_count,like_count';
export const TAG_FIELDS = 'id,caption,timestamp,permalink,comments_count,like_count,username';

export function commentToMention(c: GraphComment, media: { id: string; permalink?: string }, now: Date, parentId?: string): RawMention {
  const handle = c.username ?? c.from?.username ?? '';
  const parent = parentId ?? c.parent_id;
  return {
    externalId: c.id,
    ...(media.permalink ? { url: media.permalink } : {}),
    author: { id: c.from?.id ?? handle, handle },
    text: c.text ?? '',
    createdAt: isoTime(c.timestamp, now),
    inReplyTo: parent ?? media.id,
    conversationId: media.id,
    metrics: { likes: c.like_count ?? 0, replies: c.replies?.data?.length ?? 0 },
    kind: 'comment',
    replyable: true,
    sources: ['comments'],
  };
}

export function taggedMediaToMention(m: GraphMedia, now: Date, source = 'tags'): RawMention {
  return {
    externalId: m.id,
    ...(m.permalink ? { url: m.permalink } : {}),
    author: { id: m.username ?? '', handle: m.username ?? '' },
    text: m.caption ?? '',
    createdAt: isoTime(m.timestamp, now),
    conversationId: m.id,
    metrics: { likes: m.like_count ?? 0, replies: m.comments_count ?? 0 },
    kind: 'post',
    replyable: true,
    sources: [source],
  };
}

export function mediaToOwnPost(m: GraphMedia, now: Date): OwnPost {
  return {
    externalId: m.id,
    ...(m.permalink ? { url: m.permalink } : {}),
    text: m.caption ?? '',
    createdAt: isoTime(m.timestamp, now),
    metrics: { likes: m.like_count ?? 0, replies: m.comments_count ?? 0 },
  };
}
