/**
 * What the reply sender calls after it has recorded a reply as sent: stamps the case's first
 * response time (when a person's reply answers a mention of a case) and queues the reply.sent
 * webhooks.
 */
import type { Reply } from '../domain';
import type { CaseOutboxStore, CaseStore } from './store/case-store';

export interface ReplySentHookDeps {
  cases: Pick<CaseStore, 'markCaseFirstResponse'>;
  caseOutbox: Pick<CaseOutboxStore, 'enqueueOutbox'>;
  webhookUrls: readonly string[];
}

/** Signature for the reply sender: `await onReplySent(reply)` once the reply is `sent`. */
export type ReplySentHook = (reply: Reply) => Promise<void>;

export function createReplySentHook(deps: ReplySentHookDeps): ReplySentHook {
  return async (reply) => {
    const at = reply.sentAt ?? new Date().toISOString();
    // Only a person's reply is the case's first response (as in the weekly summary's response
    // figures): an automatic acknowledgement or status notice answers nobody.
    const byPerson = (reply.purpose ?? 'agent') === 'agent';
    const caseNumber = await deps.cases.markCaseFirstResponse(reply.mentionId, at, { stamp: byPerson });
    if (!deps.webhookUrls.length) return;
    const payload = {
      replyId: reply.id,
      mentionId: reply.mentionId,
      caseNumber,
      purpose: reply.purpose ?? 'agent',
      externalId: reply.externalId ?? null,
      url: reply.url ?? null,
      sentAt: at,
      text: reply.text,
    };
    await deps.caseOutbox.enqueueOutbox(
      deps.webhookUrls.map((url) => ({ topic: 'webhook' as const, destination: url, event: 'reply.sent' as const, subject: reply.id, payload })),
      at,
    );
  };
}
