/**
 * Every channel with its cursor, health and rate-limit state and its scheduler job figures. Known
 * channels that are off are listed too (`configured: false`), with the variables they still need.
 */
import { Router } from 'express';
import type { KnownChannel } from '../channel-catalog';
import type { ChannelState } from '../domain';
import type { ChannelStateStore } from '../mentions/store/channel-state-store';
import type { JobStats } from '../scheduler/job';
import { maskUrlSecrets } from '../url-secrets';

export interface ChannelRouteDeps {
  store: { channelStates: ChannelStateStore };
  /** Enabled channels by name, with their schedule. */
  channels: { name: string; schedule: string; canReply: boolean }[];
  /** Every channel Rasid knows, running or not (see channel-catalog.ts). */
  known?: KnownChannel[];
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

function offState(name: string, stored: ChannelState | undefined): ChannelState {
  return { ...(stored ?? { channel: name, cursor: null, consecutiveFailures: 0 }), health: 'disabled' };
}

export function channelRoutes(deps: ChannelRouteDeps): Router {
  const router = Router();
  router.get('/channels', async (_req, res) => {
    const states = new Map((await deps.store.channelStates.listChannelStates()).map((s) => [s.channel, s]));
    const jobs = new Map(deps.jobStats().map((j) => [j.name, j]));
    const now = new Date();
    const running = new Set(deps.channels.map((c) => c.name));
    const items: Record<string, unknown>[] = deps.channels.map((c) => {
      const state = states.get(c.name) ?? { channel: c.name, cursor: null, health: 'ok' as const, consecutiveFailures: 0 };
      return {
        name: c.name,
        enabled: true,
        configured: true,
        missing: [],
        schedule: c.schedule,
        canReply: c.canReply,
        state,
        ...pacedField(state, now),
        job: jobs.get(`poll:${c.name}`) ?? null,
      };
    });
    for (const k of deps.known ?? []) {
      if (running.has(k.name)) continue;
      items.push({
        name: k.name,
        enabled: false,
        configured: false,
        missing: k.missing,
        ...(k.orInstead ? { orInstead: k.orInstead } : {}),
        ...(k.switchedOffBy ? { switchedOffBy: k.switchedOffBy } : {}),
        schedule: k.schedule,
        canReply: k.canReply,
        state: offState(k.name, states.get(k.name)),
        job: null,
      });
    }
    // Channels with stored state that are neither running nor known (replay, now off) still show.
    const listed = new Set(items.map((i) => i.name));
    for (const [name, state] of states) {
      if (!listed.has(name)) items.push({ name, enabled: false, configured: false, missing: [], schedule: '', canReply: false, state: offState(name, state), job: null });
    }
    // Known channels in their usual order (X, Instagram, news), running or not; the rest after.
    const order = (name: unknown) => {
      const i = (deps.known ?? []).findIndex((k) => k.name === name);
      return i < 0 ? Number.MAX_SAFE_INTEGER : i;
    };
    items.sort((a, b) => order(a.name) - order(b.name));
    // Cursors and errors name feed URLs, whose query may hold the feed's key: shown as ***.
    res.type('application/json').send(maskUrlSecrets(JSON.stringify({ items })));
  });
  return router;
}
