/**
 * Delivers the outbox: forwarding cases to the national complaints system, outgoing webhooks
 * and automatic citizen replies. One mechanism for all: messages are leased, handed to the
 * handler of their topic, and on failure retried with exponential backoff until maxAttempts;
 * permanent failures (4xx) stop at once. A receiver's Retry-After (429, 503…) is honoured: the
 * next attempt is no earlier than it asks (up to OUTBOX_RETRY_AFTER_MAX_MS) nor than the backoff.
 * Delivery is at least once; receivers dedupe on the X-Rasid-Delivery id (forwards:
 * Idempotency-Key), and citizen replies are idempotent per (mention, purpose, status).
 *
 * A forward carries the case as it is when delivered, not as it was when queued: the newest
 * state is what the national system must hold. A case's forwards go out in the order they were
 * queued (a later one waits while an earlier one is pending, without spending its attempts), and
 * one delivery covers every forward of the case queued before it read the case.
 *
 * In Open311 mode (forward.format open311) a case's first forward is a GeoReport v2 POST and its
 * later ones are not sent (the standard has no update method): each is marked delivered without
 * a request, and this is logged once per case, at debug.
 */
import type { Case, Mention } from '../domain';
import type { Logger } from '../logger';
import { backoffDelay, type BackoffPolicy } from '../scheduler/backoff';
import { postForm, postJson, type PostOutcome } from '../webhooks/http-post';
import { signatureHeaders } from '../webhooks/webhook-signature';
import { webhookBody, webhookHeaders } from '../webhooks/webhook-payload';
import { forwardBody, maskSecrets, open311Errors, open311Request, readReference } from './complaint-forwarding';
import { ACK_REPLY } from './case-outbox-targets';
import type { CaseOutboxStore, CaseStore, OutboxMessage } from './store/case-store';
import type { MentionStore } from '../mentions/store/mention-store';

/** The reply service's enqueueSystemReply (src/replies/reply-service.ts), narrowed. */
export interface SystemReplies {
  enqueueSystemReply(input: {
    mentionId: string;
    templateKey: string;
    variables: { case_number?: string };
    purpose: 'case_ack' | 'case_status';
    status?: string;
  }): Promise<{ outcome: string; reason?: string; message?: string }>;
}

export interface DeliverOutboxDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  cases: CaseStore;
  caseOutbox: CaseOutboxStore;
  log: Logger;
  /** Records the reference the national system returned (CaseService.recordExternalRef). */
  recordExternalRef(caseNumber: string, ref: string): Promise<void>;
  /** `format` open311: GeoReport v2 with `apiKey` (and `jurisdictionId`); default rasid (our JSON). */
  forward: { token?: string; secret?: string; format?: 'rasid' | 'open311'; apiKey?: string; jurisdictionId?: string };
  webhookSecret?: string;
  /** Absent until the reply service is wired: citizen replies then wait in the outbox. */
  replies?: SystemReplies;
  timeoutMs?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  batch?: number;
  now?: () => Date;
  /** Told of every forward's outcome (metrics): delivered, retry, failed (given up). */
  onForwardOutcome?: (outcome: 'delivered' | 'retry' | 'failed') => void;
}

type Outcome =
  | { kind: 'delivered' }
  /**
   * `reply`: what the receiver answered, stored with the failure (the case page shows it), not
   * logged. `event`: the event the request carried, when it differs from the message's (a forward
   * is sent as case.created or case.updated, whatever change queued it). `retryAfterMs`: the
   * receiver's Retry-After.
   */
  | { kind: 'retry' | 'permanent'; error: string; reply?: string; event?: string; retryAfterMs?: number }
  /** Not tried: an earlier message of the same case goes first; due again at `until`. */
  | { kind: 'wait'; until: string }
  /** Nothing to do: an earlier delivery in this run already covered it. */
  | { kind: 'covered' };

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
  /** Forwards waiting behind an earlier forward of the same case (not an attempt). */
  waiting: number;
}

export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 30 * 60_000 };

/** The longest wait a receiver's Retry-After can impose on one message (a longer one is cut to this). */
export const OUTBOX_RETRY_AFTER_MAX_MS = 60 * 60_000;

/** The wait before the next attempt: the backoff, or the receiver's Retry-After (capped) when that is longer. */
export function retryDelay(failures: number, policy: BackoffPolicy, retryAfterMs?: number): number {
  const backoff = backoffDelay(failures, policy);
  return retryAfterMs !== undefined && retryAfterMs > 0 ? Math.max(backoff, Math.min(retryAfterMs, OUTBOX_RETRY_AFTER_MAX_MS)) : backoff;
}

/** How many cases the Open311 "later changes are not sent" debug line remembers having logged. */
const NOT_SENT_LOGGED_MAX = 10_000;

export class DeliverOutboxJob {
  private readonly now: () => Date;
  /** Cases whose later changes were not sent in Open311 mode and logged so (once per case). */
  private readonly notSentLogged = new Set<string>();

  constructor(private readonly deps: DeliverOutboxDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async perform(): Promise<DeliverySummary> {
    const summary: DeliverySummary = { delivered: 0, retrying: 0, dead: 0, waiting: 0 };
    const timeout = this.deps.timeoutMs ?? 10_000;
    const due = await this.deps.caseOutbox.claimDueOutbox(this.now().toISOString(), this.deps.batch ?? 50, timeout * 3);
    for (const m of due) {
      const outcome = await this.handle(m).catch((err: Error): Outcome => ({ kind: 'retry', error: this.mask(err.message) }));
      await this.record(m, outcome, summary);
      if (m.topic === 'complaints_forward') this.tellForwardOutcome(m, outcome);
    }
    if (due.length) this.deps.log.info({ ...summary }, `outbox: ${summary.delivered} delivered, ${summary.retrying} to retry, ${summary.dead} given up`);
    return summary;
  }

  private handle(m: OutboxMessage): Promise<Outcome> {
    switch (m.topic) {
      case 'complaints_forward':
        return this.forward(m);
      case 'webhook':
        return this.webhook(m);
      case 'citizen_reply':
        return this.citizenReply(m);
    }
  }

  private async forward(m: OutboxMessage): Promise<Outcome> {
    // The case's forwards are read BEFORE the case: each one listed was written with a change the
    // case read below already holds, so a delivery of that read covers the later ones listed.
    const queued = await this.deps.caseOutbox.listOutbox({ topic: 'complaints_forward', subject: m.subject, limit: 1000 });
    const at = queued.findIndex((q) => q.id === m.id);
    if (at >= 0 && queued[at].state !== 'pending') return { kind: 'covered' };
    const earlier = at > 0 ? queued.slice(0, at).filter((q) => q.state === 'pending') : [];
    if (earlier.length) return { kind: 'wait', until: earlier.map((q) => q.nextAttemptAt).sort().pop() as string };
    const later = at >= 0 ? queued.slice(at + 1).filter((q) => q.state === 'pending') : [];
    const known = queued.some((q) => q.state === 'delivered');
    const open311 = this.deps.forward.format === 'open311';
    if (open311 && known) return this.notSentInOpen311(m, later);
    const c = await this.deps.cases.getCase(m.subject);
    if (!c) return { kind: 'permanent', error: `case ${m.subject} no longer exists` };
    const first = c.mentionIds[0] ? await this.deps.mentions.getMention(c.mentionIds[0]) : null;
    const event = known ? 'case.updated' : 'case.created';
    const timeout = this.deps.timeoutMs ?? 10_000;
    let res: PostOutcome;
    if (open311) {
      const form = open311Request(c, first, { apiKey: this.deps.forward.apiKey ?? '', jurisdictionId: this.deps.forward.jurisdictionId });
      if (!form) return { kind: 'permanent', error: 'the case has no location, and Open311 requires one (lat/long or an address)', event };
      res = await postForm(m.destination, form, this.forwardHeaders(m, form.toString()), timeout);
    } else {
      const body = JSON.stringify(forwardBody(c, first, event));
      res = await postJson(m.destination, body, this.forwardHeaders(m, body), timeout);
    }
    // A receiver's error page may echo what it was sent: never store or log our credentials.
    if (res.kind !== 'delivered') return { ...this.failed(res, open311), event };
    const ref = readReference(res.body);
    const token = ref || !open311 ? undefined : readReference(res.body, ['token']);
    if (ref) await this.deps.recordExternalRef(c.number, ref);
    else if (token) this.deps.log.info({ caseNumber: c.number, requestToken: token }, 'national complaints system (Open311 batch service) answered a token, not a service_request_id: no reference stored');
    else if (!c.externalRef) this.deps.log.warn({ caseNumber: c.number }, 'national complaints system accepted the case without a reference');
    const deliveredAt = this.now().toISOString();
    for (const q of later) await this.deps.caseOutbox.markOutboxDelivered(q.id, deliveredAt);
    return { kind: 'delivered' };
  }

  /** A forward's headers: its Idempotency-Key, and the bearer token and HMAC signature when configured. */
  private forwardHeaders(m: OutboxMessage, body: string): Record<string, string> {
    const headers: Record<string, string> = { 'Idempotency-Key': m.id };
    if (this.deps.forward.token) headers.Authorization = `Bearer ${this.deps.forward.token}`;
    if (this.deps.forward.secret) Object.assign(headers, signatureHeaders(this.deps.forward.secret, body, this.now()));
    return headers;
  }

  /**
   * A later forward in Open311 mode: GeoReport v2 has no update method, so it (and the case's
   * later forwards queued) are marked delivered without a request; said once per case, at debug.
   */
  private async notSentInOpen311(m: OutboxMessage, later: OutboxMessage[]): Promise<Outcome> {
    const at = this.now().toISOString();
    for (const q of [m, ...later]) await this.deps.caseOutbox.markOutboxDelivered(q.id, at);
    if (!this.notSentLogged.has(m.subject)) {
      if (this.notSentLogged.size >= NOT_SENT_LOGGED_MAX) this.notSentLogged.delete(this.notSentLogged.values().next().value as string);
      this.notSentLogged.add(m.subject);
      this.deps.log.debug({ caseNumber: m.subject }, 'Open311 forwarding: later changes of the case are not sent to the national system (GeoReport v2 has no update method)');
    }
    return { kind: 'covered' };
  }

  /**
   * A failed POST as an outcome: texts masked, the receiver's Retry-After kept. In Open311 mode
   * the reply stored is the description of an Open311 error answer, when it is one.
   */
  private failed(res: Exclude<PostOutcome, { kind: 'delivered' }>, open311 = false): Extract<Outcome, { kind: 'retry' | 'permanent' }> {
    const reply = (open311 ? open311Errors(res.body) : undefined) ?? res.reply;
    return {
      kind: res.kind,
      error: this.mask(res.error),
      ...(reply ? { reply: this.mask(reply) } : {}),
      ...(res.retryAfterMs !== undefined ? { retryAfterMs: res.retryAfterMs } : {}),
    };
  }

  private mask(text: string): string {
    return maskSecrets(text, [this.deps.forward.token, this.deps.forward.secret, this.deps.forward.apiKey, this.deps.webhookSecret]);
  }

  private tellForwardOutcome(m: OutboxMessage, outcome: Outcome): void {
    const tell = this.deps.onForwardOutcome;
    if (!tell || outcome.kind === 'wait' || outcome.kind === 'covered') return;
    if (outcome.kind === 'delivered') return tell('delivered');
    tell(outcome.kind === 'permanent' || m.attempts >= (this.deps.maxAttempts ?? 10) ? 'failed' : 'retry');
  }

  private async webhook(m: OutboxMessage): Promise<Outcome> {
    const body = JSON.stringify(webhookBody(m));
    const headers = webhookHeaders(m);
    if (this.deps.webhookSecret) Object.assign(headers, signatureHeaders(this.deps.webhookSecret, body, this.now()));
    const res: PostOutcome = await postJson(m.destination, body, headers, this.deps.timeoutMs ?? 10_000);
    return res.kind === 'delivered' ? { kind: 'delivered' } : this.failed(res);
  }

  private async citizenReply(m: OutboxMessage): Promise<Outcome> {
    const replies = this.deps.replies;
    if (!replies) return { kind: 'retry', error: 'reply service not wired yet' };
    const c = m.payload as Case;
    if (!c.mentionIds[0]) return { kind: 'permanent', error: 'case has no mention to reply to' };
    const isAck = m.destination === ACK_REPLY;
    // The acknowledgement answers the post that opened the case; a change of status is news for
    // every citizen who complained, on their first post in the case. Each reply is deduplicated
    // per post, so a retry of this message never answers a post twice.
    const targets = isAck ? [c.mentionIds[0]] : (await firstPostPerAuthor(this.deps.mentions, c.mentionIds)).map((m) => m.id);
    for (const mentionId of targets) {
      const r = await replies.enqueueSystemReply({
        mentionId,
        templateKey: isAck ? 'case_ack' : `case_${c.status}`,
        variables: { case_number: c.number },
        purpose: isAck ? 'case_ack' : 'case_status',
        status: isAck ? undefined : c.status,
      });
      // 'skipped' (post marked spam / no action / duplicate, news item, no template for this
      // status) is an answer, not a failure to retry.
      if (r.outcome === 'skipped') this.deps.log.info({ caseNumber: c.number, mentionId, skipped: r.reason, reason: r.message }, 'citizen reply skipped');
    }
    return { kind: 'delivered' };
  }

  private async record(m: OutboxMessage, outcome: Outcome, summary: DeliverySummary): Promise<void> {
    const at = this.now();
    if (outcome.kind === 'covered') return;
    if (outcome.kind === 'wait') {
      summary.waiting++;
      return this.deps.caseOutbox.deferOutbox(m.id, outcome.until);
    }
    if (outcome.kind === 'delivered') {
      summary.delivered++;
      return this.deps.caseOutbox.markOutboxDelivered(m.id, at.toISOString());
    }
    const giveUp = outcome.kind === 'permanent' || m.attempts >= (this.deps.maxAttempts ?? 10);
    const next = giveUp ? null : new Date(at.getTime() + retryDelay(m.attempts, this.deps.backoff ?? OUTBOX_BACKOFF, outcome.retryAfterMs)).toISOString();
    if (giveUp) summary.dead++;
    else summary.retrying++;
    // The event the request carried (a forward's body says case.created or case.updated), not the one it was queued under.
    const fields = {
      outboxId: m.id,
      topic: m.topic,
      event: outcome.event ?? m.event,
      subject: m.subject,
      attempts: m.attempts,
      nextAttemptAt: next,
      ...(outcome.retryAfterMs !== undefined ? { retryAfterS: Math.round(outcome.retryAfterMs / 1000) } : {}),
    };
    // The receiver's answer may echo a citizen's data: the log gets our words only.
    this.deps.log[giveUp ? 'error' : 'warn']({ ...fields, err: outcome.error }, `outbox delivery ${giveUp ? 'given up' : 'failed, will retry'}`);
    await this.deps.caseOutbox.markOutboxFailed(m.id, outcome.reply ? `${outcome.error}: ${outcome.reply}` : outcome.error, next);
  }
}

/** Of a case's posts (in the order they joined it), the first one of each author. */
export async function firstPostPerAuthor(mentions: Pick<MentionStore, 'getMention'>, mentionIds: string[]): Promise<Mention[]> {
  const seen = new Set<string>();
  const out: Mention[] = [];
  for (const id of mentionIds) {
    const m = await mentions.getMention(id);
    if (!m) continue;
    const author = `${m.channel}:${m.author.id}`;
    if (seen.has(author)) continue;
    seen.add(author);
    out.push(m);
  }
  return out;
}
