/**
 * Builds the channels that config enables, each with its poll schedule. A channel missing its
 * credentials is left out with one clear log line; the service still starts.
 */
import path from 'node:path';
import { createReplayChannel } from '../channels/replay';
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
  return out;
}
