/** Each channel's cursor, health and rate-limit state, with its scheduler job figures. */
import { Router } from 'express';
import type { ChannelState, Store } from '../domain';
import type { JobStats } from '../scheduler/job';

export interface ChannelRouteDeps {
  store: Store;
  /** Enabled channels by name, with their schedule. */
  channels: { name: string; schedule: string; canReply: boolean }[];
  jobStats: () => JobStats[];
}

/**
 * A channel that slows itself down (X's monthly budget) says until when and why in its state
 * (`info.paced`); shown while that time is ahead, so a long wait is never silent.
 */
function pacedField(state: ChannelState, now: Date): { paced?: Record<string, unknown> } {
  const paced = state.info?.paced as { until?: string } | undefined;
  return paced?.until && Date.parse(paced.until) > now.getTime() ? { paced } : {};
}

export function channelRoutes(deps: ChannelRouteDeps): Router {
  const router = Router();
  router.get('/channels', async (_req, res) => {
    const states = new Map((await deps.store.listChannelStates()).map((s) => [s.channel, s]));
    const jobs = new Map(deps.jobStats().map((j) => [j.name, j]));
    const now = new Date();
    const items = deps.channels.map((c) => {
      const state = states.get(c.name) ?? { channel: c.name, cursor: null, health: 'ok' as const, consecutiveFailures: 0 };
      return {
        name: c.name,
        enabled: true,
        schedule: c.schedule,
        canReply: c.canReply,
        state,
        ...pacedField(state, now),
        job: jobs.get(`poll:${c.name}`) ?? null,
      };
    });
    // Channels with stored state but no longer enabled still show, marked disabled.
    for (const [name, state] of states) {
      if (!deps.channels.some((c) => c.name === name)) items.push({ name, enabled: false, schedule: '', canReply: false, state: { ...state, health: 'disabled' }, job: null });
    }
    res.json({ items });
  });
  return router;
}
