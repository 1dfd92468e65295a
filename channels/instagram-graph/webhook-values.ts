/**
 * Maps Instagram webhook deliveries (object "instagram", fields "comments" and "mentions") to
 * what the channel knows: a comment value becomes a RawMention with the same externalId polling
 * would give it, a mention value is a reference the Graph channel must look up.
 */
import type { RawMention } from '../../src/domain/mention';
import type { GraphMentionRef } from '../instagram-graph';

export interface WebhookEnvelope {
  object?: string;
  entry?: WebhookEntry[];
}

interface WebhookChange {
  field?: string;
  value?: Record<string, unknown>;
}

export interface WebhookEntry extends WebhookChange {
  id?: string;
  time?: number;
  changes?: WebhookChange[];
}

export interface WebhookItems {
  comments: RawMention[];
  mentionRefs: GraphMentionRef[];
  ignored: number;
}

interface CommentValue {
  id?: string;
  text?: string;
  from?: { id?: string; username?: string };
  media?: { id?: string };
  parent_id?: string;
}

export function readWebhook(body: WebhookEnvelope, receivedAt: Date): WebhookItems {
  const out: WebhookItems = { comments: [], mentionRefs: [], ignored: 0 };
  for (const entry of body.entry ?? []) {
    // Deliveries carry entry.changes[]; the docs' template puts field/value on the entry itself.
    const changes = entry.changes ?? (entry.field ? [{ field: entry.field, value: entry.value }] : []);
    const at = typeof entry.time === 'number' ? new Date(entry.time * 1000) : receivedAt;
    for (const change of changes) {
      if (change.field === 'comments' || change.field === 'live_comments') {
        const v = (change.value ?? {}) as CommentValue;
        // The account's own comments (our replies) come back through the webhook too.
        if (!v.id || (v.from?.id && v.from.id === entry.id)) out.ignored++;
        else out.comments.push(commentValueToMention(v, at));
      } else if (change.field === 'mentions' && typeof change.value?.media_id === 'string') {
        const commentId = change.value.comment_id;
        out.mentionRefs.push({ media_id: change.value.media_id, ...(typeof commentId === 'string' ? { comment_id: commentId } : {}) });
      } else {
        out.ignored++;
      }
    }
  }
  return out;
}

function commentValueToMention(v: CommentValue, at: Date): RawMention {
  const handle = v.from?.username ?? '';
  const mediaId = v.media?.id;
  return {
    externalId: v.id!,
    author: { id: v.from?.id ?? handle, handle },
    text: v.text ?? '',
    createdAt: at.toISOString(),
    ...(v.parent_id ? { inReplyTo: v.parent_id } : mediaId ? { inReplyTo: mediaId } : {}),
    ...(mediaId ? { conversationId: mediaId } : {}),
    kind: 'comment',
    replyable: true,
    sources: ['webhook:comments'],
  };
}
