/**
 * Which credentials of each real channel are set and which are still missing, read from the
 * channel settings of the config. A channel counts as configured only with all of them (it runs
 * then, unless its *_ENABLED is false): the demo's default follows that, and a channel with only
 * some of them gets a WARN line at start (src/channel-registry.ts). The channels check the same
 * (channels/x/options.ts, channels/instagram-graph.ts, channels/instagram-private.ts,
 * channels/rss.ts); test/config/config-channels.test.ts keeps the two in step.
 */
import { parseRssFeedsSetting, parseRssTermsSetting } from './feed-settings';

/** The part of Config['channels'] read here (structural, so this module does not import config.ts). */
export interface ChannelCredentialSettings {
  x: { bearerToken?: string; oauth1?: { appKey: string; appSecret: string; accessToken: string; accessSecret: string }; userToken?: string };
  instagramGraph: { accessToken?: string; igUserId?: string };
  instagramPrivate: { username?: string; password?: string };
  rss: { feeds?: string; terms: string };
}

export interface ChannelCredentials {
  /** The channel's name, as in GET /api/channels and the log. */
  channel: 'x' | 'instagram_graph' | 'instagram' | 'rss';
  /** Its credential variables that are set. */
  given: string[];
  /** What it still needs; empty = configured. */
  missing: string[];
}

const named = (pairs: [string, unknown][]) => pairs.filter(([, v]) => !!v).map(([k]) => k);
const unset = (pairs: [string, unknown][]) => pairs.filter(([, v]) => !v).map(([k]) => k);

export function channelCredentials(c: ChannelCredentialSettings): ChannelCredentials[] {
  const o1 = c.x.oauth1;
  const oauth1: [string, unknown][] = [
    ['X_APP_KEY', o1?.appKey],
    ['X_APP_SECRET', o1?.appSecret],
    ['X_ACCESS_TOKEN', o1?.accessToken],
    ['X_ACCESS_SECRET', o1?.accessSecret],
  ];
  const xUser = c.x.userToken || unset(oauth1).length === 0;
  const graph: [string, unknown][] = [
    ['IG_GRAPH_TOKEN', c.instagramGraph.accessToken],
    ['IG_GRAPH_USER_ID', c.instagramGraph.igUserId],
  ];
  const ig: [string, unknown][] = [
    ['IG_USERNAME', c.instagramPrivate.username],
    ['IG_PASSWORD', c.instagramPrivate.password],
  ];
  const rss: [string, unknown][] = [
    ['RSS_FEEDS', parseRssFeedsSetting(c.rss.feeds).length],
    ['RSS_TERMS', parseRssTermsSetting(c.rss.terms).length],
  ];
  return [
    {
      channel: 'x',
      given: named([['X_BEARER_TOKEN', c.x.bearerToken], ...oauth1, ['X_USER_TOKEN', c.x.userToken]]),
      // Some OAuth 1.0a keys: the rest of them; none: the user token (or all four keys).
      missing: xUser ? [] : named(oauth1).length ? unset(oauth1) : ['X_USER_TOKEN'],
    },
    { channel: 'instagram_graph', given: named(graph), missing: unset(graph) },
    { channel: 'instagram', given: named(ig), missing: unset(ig) },
    // RSS_TERMS has a default: only RSS_FEEDS says that news was asked for.
    { channel: 'rss', given: named(rss.slice(0, 1)), missing: unset(rss) },
  ];
}
