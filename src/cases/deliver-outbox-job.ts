/**
 * Delivers the outbox: forwarding new cases to the national complaints system, outgoing webhooks
 * and automatic citizen replies. One mechanism for all: messages are leased, handed to the
 * handler of their topic, and on failure retried with exponential backoff until maxAttempts;
 * permanent failures (4xx) stop at once. Delivery is at least once; receivers dedupe on the
 * X-Rasid-Delivery id, and citizen replies are idempotent per (mention, purpose, status).
 */
import type { Case, Mention } from '../domain';
import type { Logger } from '../logger';
import { backoffDelay, type BackoffPolicy } from '../scheduler/backoff';
import { postJson, type PostOutcome } from '../webhooks/http-post';
import { signatureHeaders } from '../webhooks/webhook-signature';
import { webhookBody, webhookHeaders } from '../webhooks/webhook-payload';
import { forwardBody, readReference } from './complaint-forwarding';
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
  }): Promise<{ outcome: string; message?: string }>;
}

export interface DeliverOutboxDeps {
  mentions: Pick<MentionStore, 'getMention'>;
  cases: CaseStore;
  caseOutbox: CaseOutboxStore;
  log: Logger;
  /** Records the reference the national system returned (CaseService.recordExternalRef). */
  recordExternalRef(caseNumber: string, ref: string): Promise<void>;
  forward: { token?: string; secret?: string };
  webhookSecret?: string;
  /** Absent until the reply service is wired: citizen replies then wait in the outbox. */
  replies?: SystemReplies;
  timeoutMs?: number;
  maxAttempts?: number;
  backoff?: BackoffPolicy;
  batch?: number;
  now?: () => Date;
}

type Outcome = { kind: 'delivered' } | { kind: 'retry' | 'permanent'; error: string };

export interface DeliverySummary {
  delivered: number;
  retrying: number;
  dead: number;
}

export const OUTBOX_BACKOFF: BackoffPolicy = { baseMs: 10_000, maxMs: 30 * 60_000 };

export class DeliverOutboxJob {
  private readonly now: () => Date;

  constructor(private readonly deps: DeliverOutboxDeps) {
    this.now = deps.now ?? (() => new Date());
  }

  async perform(): Promise<DeliverySummary> {
    const summary: DeliverySummary = { delivered: 0, retrying: 0, dead: 0 };
    const timeout = this.deps.timeoutMs ?? 10_000;
    const due = await this.deps.caseOutbox.claimDueOutbox(this.now().toISOString(), this.deps.batch ?? 50, timeout * 3);
    for (const m of due) {
      const outcome = await this.handle(m).catch((err: Error): Outcome => ({ kind: 'retry', error: err.message }));
      await this.record(m, outcome, summary);
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
    const c = m.payload as Case;
    const first = c.mentionIds[0] ? await this.deps.mentions.getMention(c.mentionIds[0]) : null;
    const body = JSON.stringify(forwardBody(c, first));
    const headers: Record<string, string> = { 'Idempotency-Key': m.id };
    if (this.deps.forward.token) headers.Authorization = `Bearer ${this.deps.forward.token}`;
    if (this.deps.forward.secret) Object.assign(headers, signatureHeaders(this.deps.forward.secret, body, this.now()));
    const res = await postJson(m.destination, body, headers, this.deps.timeoutMs ?? 10_000);
    if (res.kind !== 'delivered') return res;
    const ref = readReference(res.body);
    if (ref) await this.deps.recordExternalRef(c.number, ref);
    else this.deps.log.warn({ caseNumber: c.number }, 'national complaints system accepted the case without a reference');
    return { kind: 'delivered' };
  }

  private async webhook(m: OutboxMessage): Promise<Outcome> {
    const body = JSON.stringify(webhookBody(m));
    const headers = webhookHeaders(m);
    if (this.deps.webhookSecret) Object.assign(headers, signatureHeaders(this.deps.webhookSecret, body, this.now()));
    const res: PostOutcome = await postJson(m.destination, body, headers, this.deps.timeoutMs ?? 10_000);
    return res.kind === 'delivered' ? { kind: 'delivered' } : res;
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
      // 'skipped' (news item, no template for this status) is an answer, not a failure to retry.
      if (r.outcome === 'skipped') this.deps.log.info({ caseNumber: c.number, reason: r.message }, 'citizen reply skipped');
    }
    return { kind: 'delivered' };
  }

  private async record(m: OutboxMessage, outcome: Outcome, summary: DeliverySummary): Promise<void> {
    const at = this.now();
    if (outcome.kind === 'delivered') {
      summary.delivered++;
      return this.deps.caseOutbox.markOutboxDelivered(m.id, at.toISOString());
    }
    const giveUp = outcome.kind === 'permanent' || m.attempts >= (this.deps.maxAttempts ?? 10);
    const next = giveUp ? null : new Date(at.getTime() + backoffDelay(m.attempts, this.deps.backoff ?? OUTBOX_BACKOFF)).toISOString();
    if (giveUp) summary.dead++;
    else summary.retrying++;
    const fields = { outboxId: m.id, topic: m.topic, event: m.event, subject: m.subject, attempts: m.attempts, nextAttemptAt: next };
    this.deps.log[giveUp ? 'error' : 'warn']({ ...fields, err: outcome.error }, `outbox delivery ${giveUp ? 'given up' : 'failed, will retry'}`);
    await this.deps.caseOutbox.markOutboxFailed(m.id, outcome.error, next);
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
