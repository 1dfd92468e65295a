/**
 * Which of a case update's outbox targets a change queues: the status targets when the status
 * changed, the unit targets when the unit changed; a target asked for by both (forwarding the
 * case's new state) is queued once, since one delivery carries the whole current case.
 */
import type { CaseUpdate, OutboxTarget } from './case-store';

export function changeTargets(u: CaseUpdate, changed: { status: boolean; unit: boolean }): OutboxTarget[] {
  const all = [...(changed.status ? (u.onStatusChanged ?? []) : []), ...(changed.unit ? (u.onUnitChanged ?? []) : [])];
  return all.filter((t, i) => all.findIndex((o) => o.topic === t.topic && o.destination === t.destination && o.onceKey === t.onceKey) === i);
}
