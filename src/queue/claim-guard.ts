/**
 * Every write to a mention (status, reply, correction) is made by the agent holding its claim, so
 * two people never act on one citizen's post at once: the console's "claim it first", on the server.
 */
import type { Mention } from '../domain';
import { ConflictError } from '../errors';
import type { User, UserStore } from '../users/store/user-store';

/** Where the holder's name is read, so the refusal says who to ask (as a refused claim does). */
export type ClaimHolderNames = Pick<UserStore, 'getUser'>;

export async function assertHoldsClaim(mention: Mention, user: User, now: Date, users: ClaimHolderNames): Promise<void> {
  const live = mention.claim && mention.claim.until > now.toISOString() ? mention.claim : undefined;
  if (live?.by === user.id) return;
  if (live) {
    const name = (await users.getUser(live.by))?.name;
    throw new ConflictError('claimed_by_other', `${name ?? 'another agent'} is working on this mention`, { claim: { ...live, byName: name } });
  }
  throw new ConflictError('claim_required', 'claim this mention before changing it', { mentionId: mention.id });
}
