/**
 * Settings set only half: refused (exit 2) when the service cannot do what was clearly asked (a
 * replay or demo file that is not there, REPLAY_ENABLED without a file), a WARN line otherwise (a
 * channel with only some of its credentials, SMTP_URL without recipients …). A half-configured
 * channel does not run, so it does not turn the demo off either.
 */
import fs from 'node:fs';
import path from 'node:path';
import { createChannels } from '../../src/channel-registry';
import { ConfigError, loadConfig } from '../../src/config';
import { channelCredentials } from '../../src/config-channels';
import { xChannelOptionsComplete } from '../../channels/x/options';
import { instagramGraphOptionsComplete } from '../../channels/instagram-graph';
import { instagramPrivateOptionsComplete } from '../../channels/instagram-private';
import { parseRssFeedsSetting, parseRssTermsSetting, rssOptionsComplete } from '../../channels/rss';
import { memoryLogger } from '../support/silent-log';
import { makeTempDir } from '../support/temp-dir';

function issues(env: Record<string, string>): { variable: string; message: string }[] {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err.issues;
    throw err;
  }
  return [];
}

describe('replay and demo files', () => {
  const tmp = makeTempDir('rasid-config-files-');
  afterAll(() => tmp.remove());

  it('refuses a REPLAY_FILE that is not there when the replay channel is on', () => {
    const file = path.join(tmp.dir, 'nope.jsonl');
    expect(issues({ REPLAY_ENABLED: 'true', DEMO: 'false', REPLAY_FILE: file })).toEqual([
      { variable: 'REPLAY_FILE', message: `names a file that does not exist: ${file}` },
    ]);
    expect(issues({ REPLAY_ENABLED: 'true', DEMO: 'false', REPLAY_FILE: tmp.dir })).toEqual([{ variable: 'REPLAY_FILE', message: `is not a file: ${tmp.dir}` }]);
    // The channel off: the file is not read, so it is not checked.
    expect(issues({ REPLAY_ENABLED: 'false', DEMO: 'false', REPLAY_FILE: file })).toEqual([]);
  });

  it('refuses a DEMO_FILE that is not there when the demo is on, and not when it is off', () => {
    const file = path.join(tmp.dir, 'no-demo.jsonl');
    expect(issues({ DEMO_FILE: file })).toEqual([{ variable: 'DEMO_FILE', message: `names a file that does not exist: ${file}` }]);
    expect(issues({ DEMO: 'true', DEMO_FILE: file })).toEqual([expect.objectContaining({ variable: 'DEMO_FILE' })]);
    expect(issues({ DEMO: 'false', DEMO_FILE: file })).toEqual([]);
  });

  it('refuses REPLAY_ENABLED=true without REPLAY_FILE when the demo is off', () => {
    expect(issues({ REPLAY_ENABLED: 'true', DEMO: 'false' })).toEqual([{ variable: 'REPLAY_FILE', message: 'is required when REPLAY_ENABLED=true and the demo is off' }]);
  });

  it('takes a replay file that is there', () => {
    const file = path.join(tmp.dir, 'mine.jsonl');
    fs.writeFileSync(file, '');
    expect(loadConfig({ REPLAY_ENABLED: 'true', DEMO: 'false', REPLAY_FILE: file }).channels.replay).toMatchObject({ enabled: true, file });
  });
});

describe('the demo default and half-configured channels', () => {
  it.each([
    [{ IG_USERNAME: 'ministry' }],
    [{ X_APP_KEY: 'k' }],
    [{ X_BEARER_TOKEN: 'b' }],
    [{ X_APP_KEY: 'k', X_APP_SECRET: 's', X_ACCESS_TOKEN: 't' }],
    [{ IG_GRAPH_TOKEN: 'tok' }],
    [{ IG_GRAPH_USER_ID: '1784' }],
  ])('keeps the demo on with %j alone (that channel cannot run)', (env) => {
    const c = loadConfig(env);
    expect(c.demo.enabled).toBe(true);
    expect(c.channels.replay.enabled).toBe(true);
  });

  it.each([
    [{ IG_USERNAME: 'ministry', IG_PASSWORD: 'pw' }],
    [{ X_USER_TOKEN: 'u' }],
    [{ X_APP_KEY: 'k', X_APP_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'a' }],
    [{ IG_GRAPH_TOKEN: 'tok', IG_GRAPH_USER_ID: '1784' }],
    [{ RSS_FEEDS: 'https://example.org/feed.xml' }],
    [{ IG_USERNAME: 'ministry', X_USER_TOKEN: 'u' }],
  ])('turns the demo off with a channel that has all its credentials: %j', (env) => {
    expect(loadConfig(env).demo.enabled).toBe(false);
  });

  it('logs a WARN line naming the channel and what it still needs when only some credentials are set, INFO when none are', async () => {
    const { log, lines } = memoryLogger();
    const channels = await createChannels(loadConfig({ DATA_DIR: '/tmp/rasid-half-set', IG_USERNAME: 'ministry', X_APP_KEY: 'k' }), log);
    expect(channels.map((c) => c.channel.name)).toEqual(['replay']);
    const byChannel = new Map(lines().filter((l) => typeof l.channel === 'string').map((l) => [l.channel, l]));
    expect(byChannel.get('instagram')).toMatchObject({ level: 40, missing: ['IG_PASSWORD'], msg: 'instagram channel disabled: missing IG_PASSWORD; IG_USERNAME is set' });
    expect(byChannel.get('x')).toMatchObject({ level: 40, missing: ['X_APP_SECRET', 'X_ACCESS_TOKEN', 'X_ACCESS_SECRET'], msg: expect.stringMatching(/^x channel disabled: missing X_APP_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET; X_APP_KEY is set/) });
    expect(byChannel.get('instagram_graph')).toMatchObject({ level: 30, msg: 'instagram_graph channel disabled: missing IG_GRAPH_TOKEN, IG_GRAPH_USER_ID' });
    expect(byChannel.get('rss')).toMatchObject({ level: 30 });
  });

  it.each([
    {},
    { X_BEARER_TOKEN: 'b' },
    { X_APP_KEY: 'k', X_ACCESS_SECRET: 'a' },
    { X_APP_KEY: 'k', X_APP_SECRET: 's', X_ACCESS_TOKEN: 't', X_ACCESS_SECRET: 'a' },
    { X_USER_TOKEN: 'u', X_APP_KEY: 'k' },
    { IG_GRAPH_TOKEN: 'tok' },
    { IG_GRAPH_TOKEN: 'tok', IG_GRAPH_USER_ID: '1' },
    { IG_PASSWORD: 'pw' },
    { IG_USERNAME: 'u', IG_PASSWORD: 'pw' },
    { RSS_FEEDS: 'https://example.org/feed.xml' },
    { RSS_FEEDS: 'https://example.org/feed.xml', RSS_TERMS: ',' },
  ])('agrees with the channels on what is missing: %j', (env) => {
    const c = loadConfig({ DEMO: 'false', ...env }).channels;
    const ours = Object.fromEntries(channelCredentials(c).map((x) => [x.channel, x.missing.length === 0]));
    expect(ours).toEqual({
      x: xChannelOptionsComplete({ oauth1: c.x.oauth1, userToken: c.x.userToken, bearerToken: c.x.bearerToken }).ok,
      instagram_graph: instagramGraphOptionsComplete({ accessToken: c.instagramGraph.accessToken, igUserId: c.instagramGraph.igUserId }).ok,
      instagram: instagramPrivateOptionsComplete({ username: c.instagramPrivate.username, password: c.instagramPrivate.password }).ok,
      rss: rssOptionsComplete({ feeds: parseRssFeedsSetting(c.rss.feeds), terms: parseRssTermsSetting(c.rss.terms) }).ok,
    });
  });
});

describe('settings that do nothing without another one', () => {
  it.each([
    [{ SMTP_URL: 'smtp://mail.local:25' }, 'SUMMARY_RECIPIENTS', /^SUMMARY_RECIPIENTS is not set: the weekly summary is not e-mailed/],
    [{ SUMMARY_RECIPIENTS: 'ops@mow.gov.bh' }, 'SMTP_URL', /^SMTP_URL is not set/],
    [{ COMPLAINTS_FORWARD_TOKEN: 'tok' }, 'COMPLAINTS_FORWARD_URL', /^COMPLAINTS_FORWARD_URL is not set: cases are not forwarded/],
    [{ IG_GRAPH_VERIFY_TOKEN: 'v' }, 'IG_GRAPH_APP_SECRET', /^IG_GRAPH_APP_SECRET is not set: POST \/webhooks\/instagram stays off/],
  ])('starts with %j and returns a warning naming %s', (env, variable, message) => {
    const c = loadConfig(env);
    expect(c.warnings).toEqual([{ variable, message: expect.stringMatching(message) }]);
  });

  it('has no warnings on the defaults, or with both halves set', () => {
    expect(loadConfig({}).warnings).toEqual([]);
    expect(
      loadConfig({
        SMTP_URL: 'smtp://mail.local:25',
        SUMMARY_RECIPIENTS: 'ops@mow.gov.bh',
        COMPLAINTS_FORWARD_URL: 'https://complaints.example/api',
        COMPLAINTS_FORWARD_TOKEN: 'tok',
        IG_GRAPH_VERIFY_TOKEN: 'v',
        IG_GRAPH_APP_SECRET: 's',
      }).warnings,
    ).toEqual([]);
  });
});
