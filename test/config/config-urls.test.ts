/**
 * Every URL-valued setting goes through one check (src/config-fields.ts urlProblem): a parseable
 * URL with the right scheme, a host and a valid port; no user:password where the service's HTTP
 * client would send none (the matching token variable is named instead); a password is never
 * echoed. MONGODB_URI is checked as the MongoDB driver reads it (src/config-mongodb-uri.ts).
 */
import { ConfigError, loadConfig } from '../../src/config';
import { urlProblem, withoutUserinfo } from '../../src/config-fields';
import { mongoUriProblem } from '../../src/config-mongodb-uri';

/** The ConfigError loadConfig throws for `env` (fails the test when it does not throw one). */
function configError(env: Record<string, string>): ConfigError {
  try {
    loadConfig(env);
  } catch (err) {
    if (err instanceof ConfigError) return err;
    throw err;
  }
  throw new Error(`no ConfigError for ${JSON.stringify(env)}`);
}

describe('URL settings', () => {
  it.each([
    [{ COMPLAINTS_FORWARD_URL: 'http://' }, 'COMPLAINTS_FORWARD_URL', 'must be an http(s) URL with a host, got "http://"'],
    [{ COMPLAINTS_FORWARD_URL: 'https://host:99999/api' }, 'COMPLAINTS_FORWARD_URL', 'must have a port from 1 to 65535, got "99999" in "https://host:99999/api"'],
    [{ COMPLAINTS_FORWARD_URL: 'https://host:0/api' }, 'COMPLAINTS_FORWARD_URL', 'must have a port from 1 to 65535, got "0"'],
    [{ COMPLAINTS_FORWARD_URL: 'https://host:8o8o/api' }, 'COMPLAINTS_FORWARD_URL', 'must have a port from 1 to 65535, got "8o8o"'],
    [{ COMPLAINTS_FORWARD_URL: 'complaints.example.gov.bh/api' }, 'COMPLAINTS_FORWARD_URL', 'must be an http(s) URL, got "complaints.example.gov.bh/api"'],
    [{ RSS_FEEDS: 'Name|ftp://x' }, 'RSS_FEEDS', 'entry 1 must be an http(s) URL, got "ftp://x"'],
    [{ RSS_FEEDS: 'Gulf|https://gulf.example/rss;Paper|https://paper.example:123456/rss' }, 'RSS_FEEDS', 'entry 2 must have a port from 1 to 65535'],
    [{ X_API_BASE_URL: 'http://', X_USER_TOKEN: 't' }, 'X_API_BASE_URL', 'must be an http(s) URL with a host, got "http://"'],
    [{ IG_GRAPH_BASE_URL: 'https://graph.example:70000/v21.0' }, 'IG_GRAPH_BASE_URL', 'must have a port from 1 to 65535'],
    [{ IG_PROXY_URL: 'socks5://proxy:1080' }, 'IG_PROXY_URL', 'must be an http(s) URL, got "socks5://proxy:1080"'],
    [{ WEBHOOK_URLS: 'https://a.example/hook, http://', WEBHOOK_SECRET: 's' }, 'WEBHOOK_URLS', 'entry 2 must be an http(s) URL with a host'],
    [{ SMTP_URL: 'smtp://', SUMMARY_RECIPIENTS: 'ops@mow.gov.bh' }, 'SMTP_URL', 'must be an smtp:// or smtps:// URL with a host, got "smtp://"'],
    [{ SMTP_URL: 'smtp://mail.local:99999' }, 'SMTP_URL', 'must have a port from 1 to 65535'],
    [{ SMTP_URL: 'https://mail.local' }, 'SMTP_URL', 'must be an smtp:// or smtps:// URL'],
    // A typo is shown whole: there is no user:password in it to hide.
    [{ X_API_BASE_URL: '127.0.0.1:4401', X_USER_TOKEN: 't' }, 'X_API_BASE_URL', 'must be an http(s) URL, got "127.0.0.1:4401"'],
    [{ X_API_BASE_URL: 'htp:/127.0.0.1:4401', X_USER_TOKEN: 't' }, 'X_API_BASE_URL', 'must be an http(s) URL, got "htp:/127.0.0.1:4401"'],
  ])('refuses %j naming %s', (env, variable, message) => {
    const err = configError(env);
    expect(err.issues.map((i) => i.variable)).toEqual([variable]);
    expect(err.message).toContain(`${variable} ${message}`);
    expect(err.message).not.toContain('\n');
  });

  it.each([
    [{ COMPLAINTS_FORWARD_URL: 'https://rasid:Passw0rd@host/api' }, 'COMPLAINTS_FORWARD_URL', 'COMPLAINTS_FORWARD_TOKEN', 'Passw0rd'],
    [{ WEBHOOK_URLS: 'http://user:pw@127.0.0.1:3109/hook', WEBHOOK_SECRET: 's' }, 'WEBHOOK_URLS', 'WEBHOOK_SECRET', 'pw@'],
    [{ X_API_BASE_URL: 'https://gw:GatewayPw@gateway.example/x' }, 'X_API_BASE_URL', 'X_USER_TOKEN', 'GatewayPw'],
    [{ IG_GRAPH_BASE_URL: 'https://meta:MetaPw@graph.example/v21.0' }, 'IG_GRAPH_BASE_URL', 'IG_GRAPH_TOKEN', 'MetaPw'],
    [{ RSS_FEEDS: 'Paper|https://reader:FeedPw@paper.example/rss' }, 'RSS_FEEDS', '?key=', 'FeedPw'],
    // A password holding an unescaped "@" or "/" is not shown in part either.
    [{ COMPLAINTS_FORWARD_URL: 'https://rasid:Pass@w0rd@host/api' }, 'COMPLAINTS_FORWARD_URL', 'COMPLAINTS_FORWARD_TOKEN', 'w0rd'],
    [{ COMPLAINTS_FORWARD_URL: 'https://rasid:Pa/ss@host/api' }, 'COMPLAINTS_FORWARD_URL', '"https://***@host/api"', 'ss@'],
    // Without its scheme it is refused as no URL, still without the password.
    [{ COMPLAINTS_FORWARD_URL: 'rasid:Passw0rd@host/api' }, 'COMPLAINTS_FORWARD_URL', '"***@host/api"', 'Passw0rd'],
  ])('refuses a user:password in %j, naming %s and %s, without the password', (env, variable, instead, password) => {
    const err = configError(env);
    expect(err.issues.map((i) => i.variable)).toEqual([variable]);
    expect(err.message).toContain(variable);
    expect(err.message).toContain(instead);
    expect(err.message).toContain('***@');
    expect(err.message).not.toContain(password);
  });

  it('accepts well-formed URLs, and user:password where the library takes it (SMTP, a proxy)', () => {
    const c = loadConfig({
      COMPLAINTS_FORWARD_URL: 'https://complaints.example.gov.bh:8443/api/cases',
      WEBHOOK_URLS: 'https://hooks.example.gov.bh/rasid,http://127.0.0.1:3109/hook',
      WEBHOOK_SECRET: 's',
      X_API_BASE_URL: 'http://127.0.0.1:9',
      IG_GRAPH_BASE_URL: 'http://[::1]:9/v21.0',
      IG_PROXY_URL: 'http://proxyuser:proxypw@proxy.local:3128',
      RSS_FEEDS: 'أخبار الخليج|https://www.akhbar-alkhaleej.com/rss;https://www.gdnonline.com/rss?key=abc',
      SMTP_URL: 'smtp://user:password@mail.example.gov.bh:587',
      SUMMARY_RECIPIENTS: 'ops@mow.gov.bh',
      DEMO: 'false',
    });
    expect(c.cases.forward.url).toBe('https://complaints.example.gov.bh:8443/api/cases');
    expect(c.cases.webhooks.urls).toHaveLength(2);
    expect(c.channels.x.apiBaseUrl).toBe('http://127.0.0.1:9');
    expect(c.channels.instagramPrivate.proxyUrl).toBe('http://proxyuser:proxypw@proxy.local:3128');
    expect(c.summary.mail?.smtpUrl).toBe('smtp://user:password@mail.example.gov.bh:587');
  });

  it('is one check: the same rule gives the same answer whichever variable holds the URL', () => {
    const rule = { schemes: ['http', 'https'], kind: 'an http(s) URL' };
    expect(urlProblem('https://host/api', rule)).toBeUndefined();
    expect(urlProblem('https://u:p@host/api', rule)).toBeUndefined();
    expect(urlProblem('https://u:p@host/api', { ...rule, credentialsInstead: 'use X' })).toMatch(/use X$/);
    expect(withoutUserinfo('smtps://u:p@ss@mail:465')).toBe('smtps://***@mail:465');
    expect(withoutUserinfo('https://host/api')).toBe('https://host/api');
    // Only a userinfo before "@" and credential query values are hidden: without "@" there is no
    // user:password, and the value is shown whole so that a typo can be seen.
    expect(withoutUserinfo('notaurl:secretpw')).toBe('notaurl:secretpw');
    expect(withoutUserinfo('127.0.0.1:4401')).toBe('127.0.0.1:4401');
    expect(withoutUserinfo('user:secretpw@127.0.0.1:4401')).toBe('***@127.0.0.1:4401');
    expect(withoutUserinfo('https://feeds.example/rss?key=Abc123&lang=ar')).toBe('https://feeds.example/rss?key=***&lang=ar');
    expect(withoutUserinfo('host.example/api?access_token=EAAGsecret')).toBe('host.example/api?access_token=***');
  });
});

describe('MONGODB_URI', () => {
  it.each([
    ['notaurl', 'must start with mongodb:// or mongodb+srv://, got "notaurl"'],
    ['mongodb://u:p@127.0.0.1:notaport/', 'must have ports from 1 to 65535, got "notaport" in "mongodb://***@127.0.0.1:notaport/"'],
    ['mongodb://u:S3cret@Pw@127.0.0.1/', 'has unescaped characters in its user name or password (percent-encode them: @ as %40, : as %3A, / as %2F), got "mongodb://***@127.0.0.1/"'],
    ['mongodb://u:S3/cret@127.0.0.1/', 'has unescaped characters in its user name or password'],
    ['mongodb://h1:27017,h2:99999/?replicaSet=rs0', 'must have ports from 1 to 65535, got "99999"'],
    ['mongodb://', 'must name its hosts'],
    ['mongodb+srv://cluster.example.com:27017/', 'must not give a port with mongodb+srv://'],
    ['mongodb+srv://a.example.com,b.example.com/', 'must name one host with mongodb+srv://'],
    ['mongodb://u:S3cretPw@h/?tls=maybe', 'is not a valid MongoDB connection string (tls/ssl must be either "true" or "false"), got "mongodb://***@h/?tls=maybe"'],
    ['mongodb://h/?notAnOption=1', 'is not a valid MongoDB connection string (option notanoption is not supported)'],
  ])('refuses %s in one line naming MONGODB_URI, the password masked', (uri, message) => {
    const err = configError({ STORE: 'mongodb', MONGODB_URI: uri });
    expect(err.issues.map((i) => i.variable)).toEqual(['MONGODB_URI']);
    expect(err.message).toContain(`MONGODB_URI ${message}`);
    expect(err.message).not.toMatch(/S3cret|S3\/cret|Pw@|\n/);
  });

  it.each([
    'mongodb://127.0.0.1:27017/?replicaSet=rs0',
    'mongodb://h1:27017,h2:27017,[::1]:27018/rasid?replicaSet=rs0',
    'mongodb://rasid:S3cret%40Pw@db1.example:27017,db2.example/rasid?authSource=admin&tls=true',
    'mongodb+srv://rasid:pw@cluster0.example.mongodb.net/rasid?retryWrites=true',
    'mongodb://localhost',
  ])('accepts %s', (uri) => {
    expect(mongoUriProblem(uri)).toBeUndefined();
    expect(loadConfig({ STORE: 'mongodb', MONGODB_URI: uri }).storage.mongodbUri).toBe(uri);
  });

  it('checks MONGODB_URI when it is set even with STORE=sqlite (a wrong value is a wrong value)', () => {
    expect(configError({ MONGODB_URI: 'localhost:27017' }).issues[0].variable).toBe('MONGODB_URI');
  });
});
