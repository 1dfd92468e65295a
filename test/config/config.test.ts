import { execFileSync } from 'node:child_process';
import fs from 'node:fs';
import path from 'node:path';
import { ConfigError, ENV_KEYS, loadConfig } from '../../src/config';

describe('loadConfig', () => {
  it('runs on defaults with demo data when no channel credentials are set', () => {
    const c = loadConfig({});
    expect(c.server).toEqual({ port: 3000, host: '127.0.0.1', trustProxy: false });
    expect(c.storage.driver).toBe('sqlite');
    expect(c.storage.sqliteFile).toBe(path.resolve('data/rasid.db'));
    expect(c.tzDisplay).toBe('Asia/Bahrain');
    expect(c.demo.enabled).toBe(true);
    expect(c.channels.replay.enabled).toBe(true);
  });

  it('turns demo mode off by default once a channel has credentials', () => {
    expect(loadConfig({ RSS_FEEDS: 'https://example.org/feed.xml' }).demo.enabled).toBe(false);
    expect(loadConfig({ RSS_FEEDS: 'https://example.org/feed.xml', DEMO: 'true' }).demo.enabled).toBe(true);
  });

  it.each([
    [{ PORT: 'abc' }, 'PORT'],
    [{ PORT: '70000' }, 'PORT'],
    [{ STORE: 'mongodb' }, 'MONGODB_URI'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL'],
    [{ DEMO: 'maybe' }, 'DEMO'],
    [{ TZ_DISPLAY: 'Nowhere/Else' }, 'TZ_DISPLAY'],
    [{ TRUST_PROXY: 'true' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: '10.0.0.0/33' }, 'TRUST_PROXY'],
    [{ TRUST_PROXY: 'proxy.example' }, 'TRUST_PROXY'],
    [{ SUMMARY_RECIPIENTS: 'ops@mow.gov.bh, notanemail' }, 'SUMMARY_RECIPIENTS'],
  ])('rejects %j naming %s', (env, variable) => {
    let error: unknown;
    try {
      loadConfig(env);
    } catch (e) {
      error = e;
    }
    expect(error).toBeInstanceOf(ConfigError);
    expect((error as ConfigError).issues.map((i) => i.variable)).toContain(variable);
    expect((error as Error).message).toContain(variable);
  });

  it.each([
    [{ STORE: 'foo' }, 'STORE must be one of sqlite, mongodb, got "foo"'],
    [{ LOG_LEVEL: 'loud' }, 'LOG_LEVEL must be one of fatal, error, warn, info, debug, trace, silent, got "loud"'],
    [{ SUMMARY_WEEK_START: 'funday' }, 'SUMMARY_WEEK_START must be one of sunday, monday, tuesday, wednesday, thursday, friday, saturday, got "funday"'],
    [{ DEMO: 'maybe' }, 'DEMO must be true or false (or 1/0, yes/no, on/off), got "maybe"'],
    [{ SUMMARY_RECIPIENTS: 'ops@mow.gov.bh,notanemail' }, 'not an e-mail address: notanemail'],
  ])('says for %j which values it takes and which it got', (env, message) => {
    expect(() => loadConfig(env)).toThrow(message);
  });

  it('takes recipients as plain addresses or with a display name', () => {
    const c = loadConfig({ SMTP_URL: 'smtp://mail.local:25', SUMMARY_RECIPIENTS: 'ops@mow.gov.bh, Khalid <khalid@mow.gov.bh>' });
    expect(c.summary.mail?.recipients).toEqual(['ops@mow.gov.bh', 'Khalid <khalid@mow.gov.bh>']);
  });

  it('reads the words of a switch and a list, and an empty value as the default', () => {
    expect(loadConfig({ DEMO: 'off', STORE: '', LOG_LEVEL: 'warn', SUMMARY_WEEK_START: 'monday' })).toMatchObject({
      demo: { enabled: false },
      storage: { driver: 'sqlite' },
    });
    expect(loadConfig({ DEMO: 'yes' }).demo.enabled).toBe(true);
  });

  it('reads TRUST_PROXY as a hop count or a list of proxy addresses for Express', () => {
    expect(loadConfig({ TRUST_PROXY: '1' }).server.trustProxy).toBe(1);
    expect(loadConfig({ TRUST_PROXY: 'loopback, 10.0.0.0/8,::1' }).server.trustProxy).toEqual(['loopback', '10.0.0.0/8', '::1']);
    expect(loadConfig({ TRUST_PROXY: 'false' }).server.trustProxy).toBe(false);
  });

  it('returns a frozen config', () => {
    const c = loadConfig({});
    expect(Object.isFrozen(c.server)).toBe(true);
  });

  it('loads as the README says (set -a; . ./.env) in bash: every value whole, the config valid', () => {
    const file = path.resolve(__dirname, '../../.env.example');
    const dump = execFileSync('bash', ['-c', 'set -a; . "$1"; set +a; env -0', '_', file], { env: { PATH: process.env.PATH ?? '' }, encoding: 'utf8' });
    const env = Object.fromEntries(dump.split('\0').filter(Boolean).map((kv) => [kv.slice(0, kv.indexOf('=')), kv.slice(kv.indexOf('=') + 1)]));
    expect(env.X_SCHEDULE).toBe('*/5 * * * *');
    expect(env.SUMMARY_SCHEDULE).toBe('0 8 * * 0');
    expect(env.SUMMARY_FROM).toBe('Rasid <rasid@localhost>');
    expect(env.RSS_TERMS).toContain('Ministry of Works');
    const listed = Object.fromEntries(ENV_KEYS.filter((k) => k in env).map((k) => [k, env[k]]));
    expect(() => loadConfig(listed)).not.toThrow();
  });

  it('is documented: .env.example lists every variable the service reads, in the same order', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8');
    const listed = [...example.matchAll(/^#?\s*([A-Z][A-Z0-9_]+)=/gm)].map((m) => m[1]);
    expect(listed).toEqual([...ENV_KEYS]);
  });

  it('describes every schedule in .env.example (a comment line right above it) and in the README table', () => {
    const example = fs.readFileSync(path.resolve(__dirname, '../../.env.example'), 'utf8').split('\n');
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const schedules = ENV_KEYS.filter((k) => k.endsWith('_SCHEDULE'));
    expect(schedules.length).toBeGreaterThan(5);
    for (const key of schedules) {
      const at = example.findIndex((l) => new RegExp(`^#?\\s*${key}=`).test(l));
      const above = example[at - 1] ?? '';
      expect({ key, above: /^# (?![A-Z][A-Z0-9_]+=)\S/.test(above) }).toEqual({ key, above: true });
      const row = new RegExp(`^\\| \`${key}\` \\| [^|]* \\| (.*) \\|$`, 'm').exec(readme);
      expect({ key, described: !!row?.[1].trim() }).toEqual({ key, described: true });
    }
  });

  it('does not send the README reader to the README', () => {
    const readme = fs.readFileSync(path.resolve(__dirname, '../../README.md'), 'utf8');
    const table = readme.slice(readme.indexOf('## Configuration'), readme.indexOf('## Replay files'));
    expect(table).not.toMatch(/see README/i);
  });
});
