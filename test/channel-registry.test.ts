import { createChannels } from '../src/channel-registry';
import { loadConfig } from '../src/config';
import { memoryLogger } from './support/silent-log';

describe('createChannels', () => {
  it('enables only the demo replay channel when no credentials are set, and says why X is off', async () => {
    const { log, lines } = memoryLogger();
    const channels = await createChannels(loadConfig({ DATA_DIR: '/tmp/rasid-registry' }), log);
    expect(channels.map((c) => c.channel.name)).toEqual(['replay']);
    expect(lines().map((l) => l.msg)).toContainEqual(expect.stringMatching(/^x channel disabled: missing X_USER_TOKEN/));
  });

  it('enables X with user-context credentials and its own schedule', async () => {
    const { log } = memoryLogger();
    const config = loadConfig({ DATA_DIR: '/tmp/rasid-registry', X_USER_TOKEN: 'user-token', X_SCHEDULE: '*/2 * * * *', X_API_BASE_URL: 'http://127.0.0.1:9' });
    const channels = await createChannels(config, log);
    expect(config.demo.enabled).toBe(false);
    expect(channels.map((c) => [c.channel.name, c.schedule])).toEqual([['x', '*/2 * * * *']]);
    expect(typeof channels[0].channel.reply).toBe('function');
    await channels[0].channel.close?.();
  });

  it('keeps X off when X_ENABLED=false even with credentials', async () => {
    const { log } = memoryLogger();
    const channels = await createChannels(loadConfig({ X_USER_TOKEN: 't', X_ENABLED: 'false', DEMO: 'false' }), log);
    expect(channels).toEqual([]);
  });
});

describe('createChannels with news and Instagram settings', () => {
  it('enables RSS with feeds, the Graph API with a token and account id, and names what is missing otherwise', async () => {
    const { log, lines } = memoryLogger();
    const channels = await createChannels(
      loadConfig({ RSS_FEEDS: 'الوطن|http://127.0.0.1:9/feed.xml', IG_GRAPH_TOKEN: 'tok', IG_GRAPH_USER_ID: '1784' , IG_USERNAME: 'ministry' }),
      log,
    );
    expect(channels.map((c) => c.channel.name).sort()).toEqual(['instagram_graph', 'rss']);
    expect(channels.find((c) => c.channel.name === 'rss')?.channel.reply).toBeUndefined();
    expect(lines().map((l) => l.msg)).toContainEqual(expect.stringMatching(/^instagram channel disabled: missing .*IG_PASSWORD/));
  });

  it('rejects a feed list with a bad URL at start, naming RSS_FEEDS', () => {
    expect(() => loadConfig({ RSS_FEEDS: 'Paper|not a url' })).toThrow(/RSS_FEEDS/);
  });
});
