/**
 * Builds the channels that config enables, each with its poll schedule. A channel missing its
 * credentials is left out with one clear log line; the service still starts.
 */
import path from 'node:path';
import cron from 'node-cron';
import { createReplayChannel } from '../channels/replay';
import { createInstagramGraphChannel, instagramGraphOptionsComplete, type InstagramGraphChannel } from '../channels/instagram-graph';
import { createInstagramPrivateChannel, instagramPrivateOptionsComplete } from '../channels/instagram-private';
import { createRssChannel, parseRssFeedsSetting, parseRssTermsSetting, rssOptionsComplete } from '../channels/rss';
import { createXChannel, xChannelOptionsComplete, type XChannelOptions } from '../channels/x';
import type { Config } from './config';
import { channelCredentials } from './config-channels';
import type { Channel, ChannelKv } from './domain';
import type { Logger } from './logger';

export interface ScheduledChannel {
  channel: Channel;
  schedule: string;
}

/** Opens a channel's persistent key/value space (the private Instagram session lives there). */
export type KvFor = (channel: string) => ChannelKv;

export async function createChannels(config: Config, log: Logger, kvFor?: KvFor): Promise<ScheduledChannel[]> {
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
  for (const make of [xChannel, instagramGraphChannel, instagramPrivateChannel, rssChannel]) {
    const scheduled = make(config, log, kvFor);
    if (scheduled) out.push(scheduled);
  }
  return out;
}

function disabled(log: Logger, channel: string, missing: string[], config: Config): undefined {
  // Some of its credentials set: it was meant to run, so say it louder (and name what is set).
  const given = channelCredentials(config.channels).find((c) => c.channel === channel)?.given ?? [];
  if (given.length) log.warn({ channel, missing, given }, `${channel} channel disabled: missing ${missing.join(', ')}; ${given.join(', ')} ${given.length > 1 ? 'are' : 'is'} set`);
  else log.info({ channel, missing }, `${channel} channel disabled: missing ${missing.join(', ')}`);
  return undefined;
}

function instagramGraphChannel(config: Config, log: Logger): ScheduledChannel | undefined {
  const g = config.channels.instagramGraph;
  if (!g.enabled) return undefined;
  const opts = { accessToken: g.accessToken ?? '', igUserId: g.igUserId ?? '', baseUrl: g.baseUrl, appSecret: g.appSecret };
  const check = instagramGraphOptionsComplete(opts);
  if (!check.ok) return disabled(log, 'instagram_graph', check.missing, config);
  return { channel: createInstagramGraphChannel(opts), schedule: g.schedule };
}

function instagramPrivateChannel(config: Config, log: Logger, kvFor?: KvFor): ScheduledChannel | undefined {
  const p = config.channels.instagramPrivate;
  if (!p.enabled) return undefined;
  const opts = { username: p.username ?? '', password: p.password ?? '', proxyUrl: p.proxyUrl, kv: kvFor?.('instagram') };
  const check = instagramPrivateOptionsComplete(opts);
  if (!check.ok) return disabled(log, 'instagram', check.missing, config);
  log.warn({ channel: 'instagram' }, 'instagram private-API channel enabled: prefer the Graph API channel in production');
  return { channel: createInstagramPrivateChannel(opts), schedule: p.schedule };
}

function rssChannel(config: Config, log: Logger): ScheduledChannel | undefined {
  const r = config.channels.rss;
  if (!r.enabled) return undefined;
  const opts = { feeds: parseRssFeedsSetting(r.feeds), terms: parseRssTermsSetting(r.terms) };
  const check = rssOptionsComplete(opts);
  if (!check.ok) return disabled(log, 'rss', check.missing, config);
  return { channel: createRssChannel(opts), schedule: r.schedule };
}

/** The Graph channel, when enabled, also resolves webhook mentions. */
export function findGraphChannel(channels: ScheduledChannel[]): InstagramGraphChannel | undefined {
  return channels.find((c) => c.channel.name === 'instagram_graph')?.channel as InstagramGraphChannel | undefined;
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
  if (!check.ok) return disabled(log, 'x', check.missing, config);
  return { channel: createXChannel(opts), schedule: x.schedule };
}
