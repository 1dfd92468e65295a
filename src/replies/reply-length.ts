/**
 * A reply's length by its channel's rules, checked before queueing. The channel's own
 * measureReply wins; relayed mentions (replay/demo) are measured by their network (X: weighted
 * length via twitter-text, 280).
 */
import { parseTweet } from 'twitter-text';
import type { Channel, Mention, ReplyLength } from '../domain';

const X_MAX_WEIGHTED_LENGTH = 280;
/** Instagram caps comments at 2,200 characters. */
const INSTAGRAM_MAX = 2200;

export function measureReplyFor(mention: Pick<Mention, 'network'>, channel: Pick<Channel, 'measureReply'> | undefined, text: string): ReplyLength | null {
  if (channel?.measureReply) return channel.measureReply(text);
  if (mention.network === 'x') return { length: parseTweet(text).weightedLength, max: X_MAX_WEIGHTED_LENGTH };
  if (mention.network === 'instagram') return { length: [...text].length, max: INSTAGRAM_MAX };
  return null;
}
