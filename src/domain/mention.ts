/** A post, comment, message or news item that mentions the ministry, as stored. */
import type { Classification } from './classification';

/** Channel ids are config keys: 'x', 'instagram', 'instagram_graph', 'rss', 'replay'. */
export type ChannelName = string;

export type MentionStatus = 'new' | 'needs_reply' | 'replied' | 'no_action' | 'spam' | 'duplicate';
export const MENTION_STATUSES: readonly MentionStatus[] = [
  'new',
  'needs_reply',
  'replied',
  'no_action',
  'spam',
  'duplicate',
];

export interface Author {
  id: string;
  handle: string;
  name?: string;
  followers?: number;
  verified?: boolean;
  location?: string;
}

/** Public engagement figures; channels fill what they know. */
export interface PublicMetrics {
  likes?: number;
  replies?: number;
  reposts?: number;
  quotes?: number;
  impressions?: number;
}

/** What a kind of item it is on its channel; decides whether a reply is possible. */
export type MentionKind = 'post' | 'comment' | 'direct' | 'news';

/** What a channel delivers: a remote item turned into our shape, not yet classified or stored. */
export interface RawMention {
  /** Unique per channel; the dedupe key with the channel name. */
  externalId: string;
  url?: string;
  author: Author;
  text: string;
  lang?: string;
  /** UTC ISO 8601. */
  createdAt: string;
  inReplyTo?: string;
  conversationId?: string;
  metrics?: PublicMetrics;
  kind?: MentionKind;
  /** False for items that cannot be answered in-channel (news). Default true. */
  replyable?: boolean;
  /** How the channel found it, e.g. ['mentions', 'query:الأشغال']; merged across polls. */
  sources?: string[];
  /** Title of a news item. */
  title?: string;
  /**
   * The network the item lives on ('x', 'instagram', 'rss', ...) when the channel is a relay such
   * as the replay/demo channel. Defaults to the channel name. Reports group "by channel" on this.
   */
  network?: string;
}

export interface Claim {
  by: string;
  until: string;
}

export interface Mention extends RawMention {
  id: string;
  channel: ChannelName;
  network: string;
  fetchedAt: string;
  classification: Classification;
  status: MentionStatus;
  claim?: Claim;
  caseId?: string;
}

/** One of the ministry's own posts, kept apart from citizens' mentions (weekly engagement). */
export interface OwnPost {
  externalId: string;
  url?: string;
  text: string;
  createdAt: string;
  metrics: PublicMetrics;
}
