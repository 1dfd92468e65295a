/**
 * Builds the channels that config enables, each with its poll schedule. A channel missing its
 * credentials is left out with one clear log line; the service still starts.
 */
import path from 'node:path';
import cron from 'node-cron';
import { createReplayChannel } from '../channels/replay';
import { createXChannel, xChannelOptionsComplete, type XChannelOptions } from '../channels/x';
import type { Config } from './config';
import type { Channel } from './domain';
import type { Logger } from './logger';

export interface ScheduledChannel {
  channel: Channel;
  schedule: string;
}

export async function createChannels(config: Config, log: Logger): Promise<ScheduledChannel[]> {
  const out: ScheduledChannel[] = [];
  const replay = config.channels.replay;
  if (replay.enabled) {
    if (replay.file) {
      const channel = createReplayChannel({
        file: replay.file,
        batchSize: replay.batchSize,
        sentFile: path.join(config.storage.dataDir, 'replay-sent.jsonl'),
      });
      out.push({ channel, schedule: replay.schedule });
    } else {
      log.warn({ channel: 'replay' }, 'replay channel disabled: set REPLAY_FILE (or DEMO=true)');
    }
  }
  const x = xChannel(config, log);
  if (x) out.push(x);
  return out;
}

/** The interval between two runs of a cron schedule, for channels that pace themselves. */
export function scheduleIntervalMs(schedule: string): number {
  const task = cron.createTask(schedule, () => undefined);
  const [a, b] = task.getNextRuns(2);
  void task.destroy();
  return a && b ? b.getTime() - a.getTime() : 5 * 60_000;
}

function xChannel(config: Config, log: Logger): ScheduledChannel | undefined {
  const x = config.channels.x;
  if (!x.enabled) return undefined;
  const opts: XChannelOptions = {
    apiBaseUrl: x.apiBaseUrl,
    bearerToken: x.bearerToken,
    oauth1: x.oauth1,
    userToken: x.userToken,
    accountId: x.accountId,
    queries: x.queries,
    monthlyPostCap: x.monthlyPostCap,
    pollIntervalMs: scheduleIntervalMs(x.schedule),
  };
  const check = xChannelOptionsComplete(opts);
  if (!check.ok) {
    log.info({ channel: 'x', missing: check.missing }, `x channel disabled: missing ${check.missing.join(', ')}`);
    return undefined;
  }
  return { channel: createXChannel(opts), schedule: x.schedule };
}
