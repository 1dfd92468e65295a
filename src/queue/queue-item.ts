/**
 * The queue list's projection of a Mention (QueueItem): used when a store has no lean
 * listQueueItems of its own, and as the reference a store's lean query must agree with.
 */
import type { Mention } from '../domain';
import type { QueueItem } from './store/queue-store';

export function toQueueItem(m: Mention): QueueItem {
  const c = m.classification;
  const item: QueueItem = {
    id: m.id,
    channel: m.channel,
    network: m.network,
    author: { handle: m.author.handle },
    text: m.text,
    createdAt: m.createdAt,
    status: m.status,
    classification: { primaryDomain: c.primaryDomain, intent: c.intent, urgency: c.urgency, location: {} },
  };
  if (m.author.name !== undefined) item.author.name = m.author.name;
  if (m.title !== undefined) item.title = m.title;
  if (c.location?.area !== undefined) item.classification.location.area = c.location.area;
  if (m.claim) item.claim = { by: m.claim.by, until: m.claim.until };
  if (m.caseId !== undefined) item.caseId = m.caseId;
  return item;
}
