/**
 * The outbox sender: sends queued replies one at a time, exactly once. Each reply moves
 * queued → sending in one atomic write BEFORE the channel is called, then → sent with the remote
 * id. A crash in between leaves `sending`; at start-up those become `unknown`, never re-sent
 * automatically. Transient and rate-limit errors go back to `queued` with a backoff; permanent
 * ones end in `failed` with the channel's message. A send whose outcome the channel cannot tell
 * (OutcomeUnknown: a timeout after the request went out) is looked up on the channel
 * (Channel.findReply) and recorded as sent when found, else it becomes `unknown` too. `unknown`
 * replies are looked up again a few times on later runs (reconcileUnknown); what is still not
 * found, or is on a channel that cannot look replies up, a supervisor resolves.
 */
import { ChannelError, OutcomeUnknown, RateLimited } from '../domain/channel-errors';
import { AuditLog, subject } from '../audit/audit-log';
import type { Channel, Mention, Reply, ReplyState, ReplyTarget, SentReply } from '../domain';
import { backoffDelay, type BackoffPolicy } from '../scheduler/backoff';
import type { Logger } from '../logger';
import type { ChannelLookup } from './reply-service';
import type { ReplyChange, ReplyStore } from './store/reply-store';
import type { MentionStore } from '../mentions/store/mention-store';
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import { CLOSED_STATUSES } from './approval-block';


/** Called after a reply is recorded as sent (case first response, reply.sent webhook ...). */
export type ReplySentListener = (reply: Reply, mention: Mention) => Promise<void> | void;

export interface ReplySenderDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  replies: Pick<ReplyStore, 'takeNextOutboxReply' | 'recordReplySent' | 'transitionReply' | 'markInterruptedSendsUnknown' | 'listReplies'>;
  audit: AuditLog;
  channels: ChannelLookup;
  /** Where a reply refused for the channel's credentials is said (the channels page), and cleared once one goes out. */
  channelStates?: Pick<ChannelStateStore, 'saveChannelHealth'>;
  log: Logger;
  /** Retry delays for transient errors (REPLY_RETRY_BASE_SECONDS / REPLY_RETRY_MAX_MINUTES). */
  backoff: BackoffPolicy;
  /** After this many attempts a transient failure becomes `failed` (REPLY_MAX_ATTEMPTS). */
  maxAttempts: number;
  /** Replies sent per run at most (bounded work per tick). */
  batchLimit?: number;
  /** Told the outcome of every run and of the start-up recovery (metrics). */
  onOutcome?: (outcome: SendOutcome) => void;
  /** Test hook only (RASID_TEST_CRASH_AFTER_SEND): runs right after the channel call. */
  afterChannelCall?: (reply: Reply) => void;
  now?: () => Date;
}

/** How far before the attempt a lookup of an unknown outcome starts. */
const LOOKUP_CLOCK_SKEW_MS = 2 * 60_000;
/**
 * Lookups of an `unknown` reply: the n-th comes RECHECK_AFTER_MS[n - 1] after the one before
 * (the first at once); a post still in flight at the remote shows up within minutes if at all.
 */
const RECHECK_AFTER_MS = [0, 60_000, 5 * 60_000, 15 * 60_000];

export interface SendOutcome {
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
  /** Not sent because the post was closed (spam, no action, duplicate) after the reply was queued. */
  withdrawn: number;
}

export class ReplySender {
  private readonly listeners: ReplySentListener[] = [];
  /** Lookups of `unknown` replies done by this process, and when the next is due (by reply id). */
  private readonly lookups = new Map<string, { done: number; nextAt: number }>();
  /** Channels whose stored replyError this process knows to be clear (none at start: one write clears it). */
  private readonly repliesFlowing = new Set<string>();
  private readonly now: () => Date;

  constructor(private readonly deps: ReplySenderDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  onSent(listener: ReplySentListener): void {
    this.listeners.push(listener);
  }

  /** At start-up, before the first run: interrupted sends become `unknown` (audited, logged). */
  async recoverInterrupted(): Promise<Reply[]> {
    const replies = await this.deps.replies.markInterruptedSendsUnknown(this.now().toISOString());
    for (const r of replies) {
      await this.deps.audit.record({ actor: 'system', action: 'reply.unknown', subject: subject('reply', r.id), before: { state: 'sending' }, after: { state: 'unknown' } });
      this.deps.log.warn({ replyId: r.id, mentionId: r.mentionId }, 'reply was being sent when the service stopped: marked unknown (looked up on the channel, else a supervisor resolves it)');
    }
    if (replies.length) this.deps.onOutcome?.({ sent: 0, retried: 0, failed: 0, unknown: replies.length, withdrawn: 0 });
    return replies;
  }

  /**
   * One run: first looks again for `unknown` replies that are due a lookup, then sends due
   * replies until none is left or the batch limit is reached.
   */
  async perform(): Promise<SendOutcome> {
    const outcome: SendOutcome = { sent: 0, retried: 0, failed: 0, unknown: 0, withdrawn: 0 };
    outcome.sent += await this.reconcileUnknown();
    for (let i = 0; i < (this.deps.batchLimit ?? 20); i++) {
      const reply = await this.deps.replies.takeNextOutboxReply(this.now().toISOString());
      if (!reply) break;
      outcome[await this.sendOne(reply)]++;
    }
    if (outcome.sent + outcome.retried + outcome.failed + outcome.unknown + outcome.withdrawn > 0) {
      this.deps.log.info({ ...outcome }, `reply outbox: ${outcome.sent} sent, ${outcome.retried} to retry, ${outcome.failed} failed, ${outcome.unknown} unknown, ${outcome.withdrawn} withdrawn`);
      this.deps.onOutcome?.(outcome);
    }
    return outcome;
  }

  /**
   * Looks on the channel for replies left `unknown` (a crash between the channel call and the
   * record, or a lookup that came before the remote had finished): one found is recorded as
   * sent. Each is looked up a few times, spaced out (RECHECK_AFTER_MS); after that, or on a
   * channel that cannot look replies up, a supervisor resolves it as before. Never sends.
   * Returns how many were settled.
   */
  private async reconcileUnknown(): Promise<number> {
    const { items } = await this.deps.replies.listReplies({ state: 'unknown', limit: 50 });
    // Forget replies no longer unknown (resolved by a supervisor, or found).
    const listed = new Set(items.map((r) => r.id));
    for (const id of this.lookups.keys()) if (!listed.has(id)) this.lookups.delete(id);
    let settled = 0;
    for (const reply of items) {
      const checks = this.lookups.get(reply.id) ?? { done: 0, nextAt: 0 };
      if (checks.done >= RECHECK_AFTER_MS.length || this.now().getTime() < checks.nextAt) continue;
      const mention = await this.deps.mentions.getMention(reply.mentionId);
      const channel = mention ? this.deps.channels(mention.channel) : undefined;
      if (!mention || !channel?.findReply) {
        this.lookups.set(reply.id, { done: RECHECK_AFTER_MS.length, nextAt: 0 });
        continue;
      }
      let found: SentReply | null = null;
      try {
        // The post cannot be older than the reply itself.
        found = await channel.findReply(targetOf(mention), reply.text, new Date(Date.parse(reply.createdAt) - LOOKUP_CLOCK_SKEW_MS));
      } catch (err) {
        this.deps.log.warn({ replyId: reply.id, err: (err as Error).message }, 'looking up an unknown reply failed');
      }
      this.noteLookup(reply.id, checks.done + 1);
      if (!found) continue;
      // unknown → sending → sent, as a supervisor's "it was sent" does; another actor may have been first.
      const moving = await this.deps.replies.transitionReply(reply.id, ['unknown'], { state: 'sending' });
      if (!moving) continue;
      if ((await this.recordSent(moving, mention, found, true, 'unknown')) === 'sent') settled++;
    }
    return settled;
  }

  private noteLookup(replyId: string, done: number): void {
    this.lookups.set(replyId, { done, nextAt: this.now().getTime() + (RECHECK_AFTER_MS[done] ?? 0) });
  }

  private async sendOne(reply: Reply): Promise<keyof SendOutcome> {
    const mention = await this.deps.mentions.getMention(reply.mentionId);
    const channel = mention ? this.deps.channels(mention.channel) : undefined;
    if (!mention || (channel && !channel.reply)) {
      return this.fail(reply, mention ? `channel ${mention.channel} cannot send replies` : 'mention not found');
    }
    if (!channel?.reply) return this.retry(reply, `channel ${mention.channel} is not enabled`, undefined);
    // Marked spam, no action or duplicate after this reply was queued (an acknowledgement queued
    // at capture, a notice, an approved draft): the team's later decision wins, nothing goes out.
    if (CLOSED_STATUSES.includes(mention.status)) return this.withdraw(reply, mention.status);
    const attemptedAt = this.now();
    let sent;
    try {
      sent = await channel.reply(targetOf(mention), reply.text, reply.idempotencyKey);
    } catch (err) {
      if (err instanceof OutcomeUnknown) return this.settleUnknownOutcome(reply, mention, channel, err, attemptedAt);
      if (err instanceof ChannelError && err.kind === 'auth_failed') await this.noteRefusedCredentials(mention.channel, err);
      return this.handleError(reply, err);
    }
    this.deps.afterChannelCall?.(reply);
    const outcome = await this.recordSent(reply, mention, sent, false);
    await this.noteRepliesFlowing(mention.channel); // after the record: nothing between the post and it
    return outcome;
  }

  /** `from`: the state the audit entry shows before (an `unknown` reply found by a later lookup). */
  private async recordSent(reply: Reply, mention: Mention, sent: SentReply, foundByLookup: boolean, from: ReplyState = 'sending'): Promise<keyof SendOutcome> {
    const recorded = await this.deps.replies.recordReplySent(reply.id, { externalId: sent.externalId, url: sent.url, at: this.now().toISOString() });
    if (!recorded) return 'unknown';
    const after = { state: 'sent', externalId: sent.externalId, ...(foundByLookup ? { foundByLookup: true } : {}) };
    await this.deps.audit.record({ actor: 'system', action: 'reply.sent', subject: subject('reply', reply.id), before: { state: from }, after });
    this.deps.log.info({ channel: mention.channel, mentionId: mention.id, replyId: reply.id, foundByLookup }, 'reply sent');
    await this.notify(recorded, mention);
    return 'sent';
  }

  /**
   * The channel may or may not have posted the reply (timeout or connection lost after sending):
   * sending again could post it twice. It is looked up on the channel: found, it is recorded as
   * sent; not found (it may still be in flight) or not searchable, a supervisor resolves it.
   */
  private async settleUnknownOutcome(reply: Reply, mention: Mention, channel: Channel, err: OutcomeUnknown, since: Date): Promise<keyof SendOutcome> {
    let lookup = `${mention.channel} cannot look its replies up`;
    if (channel.findReply) {
      try {
        // A little before the attempt: the remote's clock may be behind ours.
        const found = await channel.findReply(targetOf(mention), reply.text, new Date(since.getTime() - LOOKUP_CLOCK_SKEW_MS));
        if (found) return this.recordSent(reply, mention, found, true);
        lookup = `not found on ${mention.channel}`;
        this.noteLookup(reply.id, 1);
      } catch (lookupErr) {
        lookup = `looking it up failed: ${(lookupErr as Error).message}`;
      }
    }
    await this.move(reply, { state: 'unknown', error: `${err.message}; ${lookup}` }, 'reply.unknown');
    this.deps.log.warn({ replyId: reply.id, mentionId: reply.mentionId, err: err.message, lookup }, 'reply may or may not have been posted: marked unknown (looked up again later, else a supervisor resolves it)');
    return 'unknown';
  }

  /**
   * Retrying is right (a fixed token lets the reply go out), but nobody would know why it waits:
   * the channels page says that its replies are refused, and the reply keeps the channel's words.
   */
  private async noteRefusedCredentials(channel: string, err: ChannelError): Promise<void> {
    this.repliesFlowing.delete(channel);
    try {
      await this.deps.channelStates?.saveChannelHealth(channel, { replyError: { at: this.now().toISOString(), message: err.message, code: err.kind } });
    } catch (saveErr) {
      this.deps.log.warn({ channel, err: (saveErr as Error).message }, 'could not record the refused reply on the channel');
    }
    this.deps.log.error({ channel, err: err.message }, `${channel} refused a reply for its credentials: replies wait until they are fixed`);
  }

  private async noteRepliesFlowing(channel: string): Promise<void> {
    if (this.repliesFlowing.has(channel)) return;
    try {
      await this.deps.channelStates?.saveChannelHealth(channel, { replyError: undefined });
      this.repliesFlowing.add(channel);
    } catch {
      // Said again after the next reply; the reply itself is sent and recorded.
    }
  }

  private async handleError(reply: Reply, err: unknown): Promise<keyof SendOutcome> {
    const message = (err as Error)?.message ?? String(err);
    if (err instanceof RateLimited) return this.retry(reply, message, err.resetAt);
    if (err instanceof ChannelError) {
      if (err.kind === 'permanent') return this.fail(reply, message);
      return this.retry(reply, message, undefined);
    }
    // Not a typed channel error: we cannot tell whether the post went out, so a human decides.
    await this.move(reply, { state: 'unknown', error: `unexpected error while sending: ${message}` }, 'reply.unknown');
    this.deps.log.error({ replyId: reply.id, mentionId: reply.mentionId, err: message }, 'reply send ended in an unexpected error: marked unknown');
    return 'unknown';
  }

  private async retry(reply: Reply, message: string, notBefore: Date | undefined): Promise<keyof SendOutcome> {
    if (reply.attempts >= this.deps.maxAttempts) return this.fail(reply, `gave up after ${reply.attempts} attempts: ${message}`);
    const at = notBefore ?? new Date(this.now().getTime() + backoffDelay(reply.attempts, this.deps.backoff));
    await this.move(reply, { state: 'queued', error: message, nextAttemptAt: at.toISOString() }, 'reply.retry_scheduled');
    this.deps.log.warn({ replyId: reply.id, mentionId: reply.mentionId, attempts: reply.attempts, nextAttemptAt: at.toISOString(), err: message }, 'reply send failed, will retry');
    return 'retried';
  }

  private async withdraw(reply: Reply, status: Mention['status']): Promise<keyof SendOutcome> {
    await this.move(reply, { state: 'rejected', error: `not sent: the post was marked ${status} after this reply was queued`, nextAttemptAt: null }, 'reply.rejected');
    this.deps.log.info({ replyId: reply.id, mentionId: reply.mentionId, status }, `reply withdrawn: the post was marked ${status}`);
    return 'withdrawn';
  }

  private async fail(reply: Reply, message: string): Promise<keyof SendOutcome> {
    await this.move(reply, { state: 'failed', error: message, nextAttemptAt: null }, 'reply.failed');
    this.deps.log.error({ replyId: reply.id, mentionId: reply.mentionId, err: message }, 'reply failed for good');
    return 'failed';
  }

  private async move(reply: Reply, change: ReplyChange, action: string): Promise<void> {
    await this.deps.replies.transitionReply(reply.id, ['sending'], change);
    await this.deps.audit.record({ actor: 'system', action, subject: subject('reply', reply.id), before: { state: 'sending' }, after: { state: change.state, error: change.error ?? undefined } });
  }

  private async notify(reply: Reply, mention: Mention): Promise<void> {
    for (const listener of this.listeners) {
      try {
        await listener(reply, mention);
      } catch (err) {
        // The reply is sent and recorded; a listener's failure must not turn it into a retry.
        this.deps.log.error({ replyId: reply.id, err: (err as Error).message }, 'reply-sent listener failed');
      }
    }
  }
}

function targetOf(m: Mention): ReplyTarget {
  return { externalId: m.externalId, kind: m.kind, conversationId: m.conversationId, authorHandle: m.author.handle, parentId: m.inReplyTo };
}
