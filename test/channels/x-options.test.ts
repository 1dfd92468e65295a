/** Which X settings are enough to run, and where the library's requests are sent. */
import { createXChannel, xChannelOptionsComplete } from '../../channels/x';
import { baseUrlPlugin } from '../../channels/x/client';
import { CREDS } from '../fixtures/x/kit';

describe('xChannelOptionsComplete', () => {
  it.each([
    ['OAuth 1.0a keys', { oauth1: CREDS.oauth1 }],
    ['an OAuth 2.0 user token', { userToken: 'user-token' }],
    ['user token, bearer and queries', { userToken: 'u', bearerToken: 'b', queries: ['q'] }],
  ])('accepts %s', (_name, opts) => {
    expect(xChannelOptionsComplete(opts)).toEqual({ ok: true });
  });

  it('without any user-context credentials, names both alternatives', () => {
    expect(xChannelOptionsComplete({ bearerToken: 'b' })).toEqual({
      ok: false,
      missing: ['X_USER_TOKEN (or X_APP_KEY, X_APP_SECRET, X_ACCESS_TOKEN, X_ACCESS_SECRET)'],
    });
  });

  it('with part of the OAuth 1.0a keys, names the missing ones', () => {
    expect(xChannelOptionsComplete({ oauth1: { ...CREDS.oauth1, accessSecret: '' } })).toEqual({ ok: false, missing: ['X_ACCESS_SECRET'] });
  });

  it('rejects an X_API_BASE_URL that is not a URL', () => {
    expect(xChannelOptionsComplete({ userToken: 'u', apiBaseUrl: 'not a url' })).toEqual({ ok: false, missing: ['X_API_BASE_URL (not a URL)'] });
  });

  it('makes createXChannel throw with the same list, so wiring can check first and log', () => {
    expect(() => createXChannel({ bearerToken: 'b' })).toThrow(/X_USER_TOKEN/);
  });
});

describe('baseUrlPlugin', () => {
  it.each([
    ['http://127.0.0.1:4000', 'https://api.x.com/2/users/:id/mentions', 'http://127.0.0.1:4000/2/users/:id/mentions'],
    ['https://gateway.gov.bh/x/', 'https://api.x.com/2/tweets', 'https://gateway.gov.bh/x/2/tweets'],
    ['https://gateway.gov.bh/x', 'https://api.twitter.com/2/usage/tweets', 'https://gateway.gov.bh/x/2/usage/tweets'],
  ])('with base %s, rewrites %s to %s before the request is built', async (base, from, to) => {
    const params = { url: from, method: 'GET' };
    await baseUrlPlugin(base).onBeforeRequestConfig!({ params, url: new URL(from), client: undefined as never });
    expect(params.url).toBe(to);
  });
});
