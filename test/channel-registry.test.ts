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
