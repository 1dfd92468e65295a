/**
 * Ingest for mentions a remote pushes to us (webhooks) instead of us polling: same classify and
 * store path as a poll, but the channel's cursor is left alone, so polling resumes where it was.
 * Ids match what polling delivers, so an item seen both ways is stored once.
 */
import type { Classifier, Mention, RawMention } from '../domain';
import { classifyMentions } from './classify-mentions';
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import type { MentionStore } from '../mentions/store/mention-store';

export interface PushedDeps {
  store: { mentions: MentionStore; channelStates: ChannelStateStore };
  classifier: Classifier;
  onInserted?: (mentions: Mention[]) => Promise<void>;
}

export async function ingestPushed(deps: PushedDeps, channel: string, raws: RawMention[]): Promise<number> {
  const { inserted } = await deps.store.mentions.ingestBatch(channel, classifyMentions(deps.classifier, raws), undefined);
  if (inserted.length) await deps.onInserted?.(inserted);
  return inserted.length;
}
