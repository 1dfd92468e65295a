/** The channel port and its typed errors, in one import for adapters. */
export type {
  Channel,
  ChannelKv,
  ChannelLog,
  PollContext,
  PollResult,
  ReplyLength,
  ReplyTarget,
  SentReply,
} from '../src/domain/channel';
export { AuthFailed, ChannelError, OutcomeUnknown, Permanent, RateLimited, Transient } from '../src/domain/channel-errors';
