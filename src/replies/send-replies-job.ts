/**
 * The outbox sender: sends queued replies one at a time, exactly once. Each reply moves
 * queued → sending in one atomic write BEFORE the channel is called, then → sent with the remote
 * id. A crash in between leaves `sending`; at start-up those become `unknown` for a supervisor
 * to resolve, never re-sent automatically. Transient and rate-limit errors go back to `queued`
 * with a backoff; permanent ones end in `failed` with the channel's message. A send whose outcome
 * the channel cannot tell (OutcomeUnknown: a timeout after the request went out) is looked up on
 * the channel and recorded as sent when found, else it becomes `unknown` too.
 */
import { ChannelError, OutcomeUnknown, RateLimited } from '../../channels/errors';
import { AuditLog, subject } from '../audit/audit-log';
import type { Channel, Mention, MentionStore, Reply, ReplyStore, ReplyTarget, SentReply } from '../domain';
import { backoffDelay, type BackoffPolicy } from '../ingest/backoff';
import type { Logger } from '../logger';
import type { ChannelLookup } from './reply-service';

type Store = Pick<MentionStore, 'getMention'> &
  Pick<ReplyStore, 'takeNextOutboxReply' | 'recordReplySent' | 'transitionReply' | 'markInterruptedSendsUnknown'>;

/** Called after a reply is recorded as sent (case first response, reply.sent webhook ...). */
export type ReplySentListener = (reply: Reply, mention: Mention) => Promise<void> | void;

export interface ReplySenderDeps {
  store: Store;
  audit: AuditLog;
  channels: ChannelLookup;
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

export interface SendOutcome {
  sent: number;
  retried: number;
  failed: number;
  unknown: number;
}

export class ReplySender {
  private readonly listeners: ReplySentListener[] = [];
  private readonly now: () => Date;

  constructor(private readonly deps: ReplySenderDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  onSent(listener: ReplySentListener): void {
    this.listeners.push(listener);
  }

  /** At start-up, before the first run: interrupted sends become `unknown` (audited, logged). */
  async recoverInterrupted(): Promise<Reply[]> {
    const replies = await this.deps.store.markInterruptedSendsUnknown(this.now().toISOString());
    for (const r of replies) {
      await this.deps.audit.record({ actor: 'system', action: 'reply.unknown', subject: subject('reply', r.id), before: { state: 'sending' }, after: { state: 'unknown' } });
      this.deps.log.warn({ replyId: r.id, mentionId: r.mentionId }, 'reply was being sent when the service stopped: marked unknown for a supervisor to resolve');
    }
    if (replies.length) this.deps.onOutcome?.({ sent: 0, retried: 0, failed: 0, unknown: replies.length });
    return replies;
  }

  /** One run: sends due replies until none is left or the batch limit is reached. */
  async perform(): Promise<SendOutcome> {
    const outcome: SendOutcome = { sent: 0, retried: 0, failed: 0, unknown: 0 };
    for (let i = 0; i < (this.deps.batchLimit ?? 20); i++) {
      const reply = await this.deps.store.takeNextOutboxReply(this.now().toISOString());
      if (!reply) break;
      outcome[await this.sendOne(reply)]++;
    }
    if (outcome.sent + outcome.retried + outcome.failed + outcome.unknown > 0) {
      this.deps.log.info({ ...outcome }, `reply outbox: ${outcome.sent} sent, ${outcome.retried} to retry, ${outcome.failed} failed, ${outcome.unknown} unknown`);
      this.deps.onOutcome?.(outcome);
    }
    return outcome;
  }

  private async sendOne(reply: Reply): Promise<keyof SendOutcome> {
    const mention = await this.deps.store.getMention(reply.mentionId);
    const channel = mention ? this.deps.channels(mention.channel) : undefined;
    if (!mention || (channel && !channel.reply)) {
      return this.fail(reply, mention ? `channel ${mention.channel} cannot send replies` : 'mention not found');
    }
    if (!channel?.reply) return this.retry(reply, `channel ${mention.channel} is not enabled`, undefined);
    const attemptedAt = this.now();
    let sent;
    try {
      sent = await channel.reply(targetOf(mention), reply.text, reply.idempotencyKey);
    } catch (err) {
      if (err instanceof OutcomeUnknown) return this.settleUnknownOutcome(reply, mention, channel, err, attemptedAt);
      return this.handleError(reply, err);
    }
    this.deps.afterChannelCall?.(reply);
    return this.recordSent(reply, mention, sent, false);
  }

  private async recordSent(reply: Reply, mention: Mention, sent: SentReply, foundByLookup: boolean): Promise<keyof SendOutcome> {
    const recorded = await this.deps.store.recordReplySent(reply.id, { externalId: sent.externalId, url: sent.url, at: this.now().toISOString() });
    if (!recorded) return 'unknown';
    const after = { state: 'sent', externalId: sent.externalId, ...(foundByLookup ? { foundByLookup: true } : {}) };
    await this.deps.audit.record({ actor: 'system', action: 'reply.sent', subject: subject('reply', reply.id), before: { state: 'sending' }, after });
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
      } catch (lookupErr) {
        lookup = `looking it up failed: ${(lookupErr as Error).message}`;
      }
    }
    await this.move(reply, { state: 'unknown', error: `${err.message}; ${lookup}` }, 'reply.unknown');
    this.deps.log.warn({ replyId: reply.id, mentionId: reply.mentionId, err: err.message, lookup }, 'reply may or may not have been posted: marked unknown for a supervisor to resolve');
    return 'unknown';
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

  private async fail(reply: Reply, message: string): Promise<keyof SendOutcome> {
    await this.move(reply, { state: 'failed', error: message, nextAttemptAt: null }, 'reply.failed');
    this.deps.log.error({ replyId: reply.id, mentionId: reply.mentionId, err: message }, 'reply failed for good');
    return 'failed';
  }

  private async move(reply: Reply, change: Parameters<Store['transitionReply']>[2], action: string): Promise<void> {
    await this.deps.store.transitionReply(reply.id, ['sending'], change);
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
