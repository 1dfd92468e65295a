/**
 * Every write to a mention (status, reply, correction) is made by the agent holding its claim, so
 * two people never act on one citizen's post at once: the console's "claim it first", on the server.
 */
import type { Mention } from '../domain';
import { ConflictError } from '../errors';
import type { User } from '../users/store/user-store';

export function assertHoldsClaim(mention: Mention, user: User, now: Date): void {
  const live = mention.claim && mention.claim.until > now.toISOString() ? mention.claim : undefined;
  if (live?.by === user.id) return;
  if (live) throw new ConflictError('claimed_by_other', 'another agent holds this mention', { claim: live });
  throw new ConflictError('claim_required', 'claim this mention before changing it', { mentionId: mention.id });
}
