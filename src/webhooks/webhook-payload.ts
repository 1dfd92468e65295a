import type { OutboxMessage } from '../domain';
/**
 * The body of an outgoing webhook delivery: `{ id, event, createdAt, data }`. `id` is the outbox
 * message id and stays the same across retries, so receivers can drop duplicates.
 */

export interface WebhookBody {
  id: string;
  event: OutboxMessage['event'];
  createdAt: string;
  data: unknown;
}

export function webhookBody(m: OutboxMessage): WebhookBody {
  return { id: m.id, event: m.event, createdAt: m.createdAt, data: m.payload };
}

export function webhookHeaders(m: OutboxMessage): Record<string, string> {
  return { 'X-Rasid-Event': m.event, 'X-Rasid-Delivery': m.id };
}
