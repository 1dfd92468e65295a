/**
 * Every channel Rasid knows, whether it runs or not: what each still needs from the environment
 * to run, so the console can list a channel that is off with the variables to set, instead of
 * hiding it. The replay channel is a tool (demo, load tests), not a network: it shows only when on.
 */
import { instagramGraphOptionsComplete } from '../channels/instagram-graph';
import { instagramPrivateOptionsComplete } from '../channels/instagram-private';
import { parseRssFeedsSetting, parseRssTermsSetting, rssOptionsComplete } from '../channels/rss';
import { xChannelOptionsComplete } from '../channels/x';
import type { Config } from './config';

export interface KnownChannel {
  name: string;
  schedule: string;
  canReply: boolean;
  /** Environment variables still to set before it can run (empty when it has what it needs). */
  missing: string[];
  /** Variables that together stand in for `missing` (X: the four OAuth 1.0a keys instead of X_USER_TOKEN). */
  orInstead?: string[];
  /** The `*_ENABLED` variable that turns it off, when set to false. */
  switchedOffBy?: string;
}

export function knownChannels(config: Config): KnownChannel[] {
  const { x, instagramGraph: g, instagramPrivate: p, rss } = config.channels;
  return [
    { ...known('x', x, true, [], 'X_ENABLED'), ...xNeeds(x) },
    known('instagram_graph', g, true, instagramGraphOptionsComplete({ accessToken: g.accessToken, igUserId: g.igUserId }).missing, 'IG_GRAPH_ENABLED'),
    known('instagram', p, true, instagramPrivateOptionsComplete({ username: p.username, password: p.password }).missing, 'IG_ENABLED'),
    known('rss', rss, false, rssOptionsComplete({ feeds: parseRssFeedsSetting(rss.feeds), terms: parseRssTermsSetting(rss.terms) }).missing, 'RSS_ENABLED'),
  ];
}

const X_OAUTH1 = ['X_APP_KEY', 'X_APP_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'];

/** X runs with an OAuth 2.0 user token or all four OAuth 1.0a keys. */
function xNeeds(x: Config['channels']['x']): Pick<KnownChannel, 'missing' | 'orInstead'> {
  const check = xChannelOptionsComplete({ oauth1: x.oauth1, userToken: x.userToken, apiBaseUrl: x.apiBaseUrl });
  if (check.ok) return { missing: [] };
  // The check words "none given" as one sentence for the log; here the names are listed apart.
  const names = check.missing.map((m) => m.replace(/ \(.*\)$/, ''));
  return names.includes('X_USER_TOKEN') ? { missing: names, orInstead: X_OAUTH1 } : { missing: names };
}

function known(name: string, c: { enabled: boolean; schedule: string }, canReply: boolean, missing: string[], flag: string): KnownChannel {
  return { name, schedule: c.schedule, canReply, missing, ...(c.enabled ? {} : { switchedOffBy: flag }) };
}
