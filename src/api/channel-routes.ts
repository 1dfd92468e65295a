/** Each channel's cursor, health and rate-limit state, with its scheduler job figures. */
import { Router } from 'express';
import type { Store } from '../domain';
import type { JobStats } from '../scheduler/job';

export interface ChannelRouteDeps {
  store: Store;
  /** Enabled channels by name, with their schedule. */
  channels: { name: string; schedule: string; canReply: boolean }[];
  jobStats: () => JobStats[];
}

export function channelRoutes(deps: ChannelRouteDeps): Router {
  const router = Router();
  router.get('/channels', async (_req, res) => {
    const states = new Map((await deps.store.listChannelStates()).map((s) => [s.channel, s]));
    const jobs = new Map(deps.jobStats().map((j) => [j.name, j]));
    const items = deps.channels.map((c) => ({
      name: c.name,
      enabled: true,
      schedule: c.schedule,
      canReply: c.canReply,
      state: states.get(c.name) ?? { channel: c.name, cursor: null, health: 'ok', consecutiveFailures: 0 },
      job: jobs.get(`poll:${c.name}`) ?? null,
    }));
    // Channels with stored state but no longer enabled still show, marked disabled.
    for (const [name, state] of states) {
      if (!deps.channels.some((c) => c.name === name)) items.push({ name, enabled: false, schedule: '', canReply: false, state: { ...state, health: 'disabled' }, job: null });
    }
    res.json({ items });
  });
  return router;
}
