/**
 * Demo mode beyond the replayed posts: once the replay channel has delivered the demo file, the
 * demo's history (data/demo/activity.json beside it) is written, and then whatever must see the
 * whole demo runs (the weekly summary). composition.ts calls afterPoll after each replay poll.
 */
import path from 'node:path';
import type { Reply } from '../domain';
import type { Logger } from '../logger';
import { readDemoActivity, type DemoActivity } from './demo-activity';
import { playDemoActivity } from './play-demo-activity';
import type { Stores } from '../stores/stores';

export interface DemoFeatureDeps {
  store: Stores;
  /** The demo mentions file (DEMO_FILE); its history is activity.json in the same folder. */
  file: string;
  onReplySent: (reply: Reply) => Promise<void>;
  /** Runs once the history is in (also when there is none, and at a later start). */
  onReady: () => Promise<void>;
  log: Logger;
  now?: () => Date;
}

export interface DemoFeature {
  /** Call after each poll of the channel replaying the demo file; a no-op once the demo is complete. */
  afterPoll(channel: string): Promise<void>;
  /** Resolves when the demo's history is in and onReady has run. */
  ready: Promise<void>;
}

export function activityFileFor(demoFile: string): string {
  return path.join(path.dirname(demoFile), 'activity.json');
}

export function createDemoFeature(deps: DemoFeatureDeps): DemoFeature {
  let activity: DemoActivity | null | undefined;
  let done = false;
  let markReady: () => void = () => {};
  const ready = new Promise<void>((resolve) => (markReady = resolve));
  return {
    ready,
    async afterPoll(channel) {
      if (done) return;
      activity ??= readDemoActivity(activityFileFor(deps.file));
      if (activity) {
        const outcome = await playDemoActivity({ store: deps.store, channel, onReplySent: deps.onReplySent, log: deps.log, now: deps.now }, activity);
        if (outcome === 'waiting_for_posts') return;
      }
      done = true;
      await deps.onReady();
      markReady();
    },
  };
}
