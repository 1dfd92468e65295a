/**
 * A server (or a gateway in front of it) that echoes what it was sent must not get the configured
 * credentials into a channel's errors: they reach the log, GET /api/channels (lastError) and the
 * console. The real channels against local servers (Graph, X) and a stand-in library (private API).
 */
import { AuthFailed, Permanent, Transient } from '../../channels/channel';
import { createInstagramGraphChannel } from '../../channels/instagram-graph';
import { createInstagramPrivateChannel } from '../../channels/instagram-private';
import type { IgLibrary } from '../../channels/instagram-private/session';
import { graphError, startFakeGraphApi, type FakeGraphApi } from '../fakes/ig-graph-api';
import { testContext } from '../fixtures/instagram/poll-context';
import { CREDS, setupX, type XSetup } from '../fixtures/x/kit';

const NOW = new Date('2026-11-30T10:00:00Z');

async function failure(work: Promise<unknown>): Promise<Error> {
  const err = await work.then(
    () => undefined,
    (e: unknown) => e,
  );
  if (!(err instanceof Error)) throw new Error('expected the call to fail');
  return err;
}

function expectMasked(err: Error, secrets: string[]): void {
  for (const secret of secrets) {
    expect(err.message).not.toContain(secret);
    expect(err.stack ?? '').not.toContain(secret);
  }
  expect(err.message).toContain('***');
}

describe('instagram_graph channel', () => {
  const TOKEN = 'EAAGm0PX4ZCpsBAKsecretTOKEN1234567890';
  const APP_SECRET = 'a1b2c3d4e5f6app-secret';
  let api: FakeGraphApi;

  beforeEach(async () => {
    api = await startFakeGraphApi({ token: TOKEN });
  });
  afterEach(() => api.close());

  const channel = () => createInstagramGraphChannel({ accessToken: TOKEN, appSecret: APP_SECRET, igUserId: api.igUserId, baseUrl: api.baseUrl, now: () => NOW });

  it('masks the access token a Graph error message echoes (AuthFailed on a poll)', async () => {
    api.failures.push({ match: /^GET \//, status: 400, body: graphError(190, `Malformed access token ${TOKEN}`) });

    const err = await failure(channel().poll(null, testContext(NOW)));

    expect(err).toBeInstanceOf(AuthFailed);
    expectMasked(err, [TOKEN]);
    expect(err.message).toMatch(/^instagram graph listing own media: Malformed access token \*\*\* \(code 190\)/);
  });

  it('masks the app secret and the URL-encoded token in a server error (Transient)', async () => {
    api.failures.push({ match: /^GET \//, status: 500, body: graphError(2, `upstream said: secret=${APP_SECRET} url=?access_token=${encodeURIComponent(TOKEN)}`) });

    const err = await failure(channel().poll(null, testContext(NOW)));

    expect(err).toBeInstanceOf(Transient);
    expectMasked(err, [TOKEN, APP_SECRET]);
  });

  it('masks the token in the error of a reply (Permanent)', async () => {
    api.failures.push({ match: /^POST \/c1\/replies/, status: 400, body: graphError(100, `Invalid parameter: access_token ${TOKEN} cannot reply`) });

    const err = await failure(channel().reply({ externalId: 'c1', kind: 'comment' }, 'شكراً', 'k1'));

    expect(err).toBeInstanceOf(Permanent);
    expectMasked(err, [TOKEN]);
  });
});

describe('X channel', () => {
  let s: XSetup;
  afterEach(() => s?.close());

  it('masks the configured tokens in an error X (or a gateway) echoes, and in the log line of a failed side read', async () => {
    s = await setupX();
    const echoed = `token ${CREDS.appBearer}, oauth_token=${CREDS.oauth1.accessToken}, secret ${CREDS.oauth1.accessSecret}`;
    s.fake.failNext('GET /2/users/:id/tweets', { status: 400, body: { title: 'Invalid Request', detail: echoed, type: 'https://api.x.com/2/problems/invalid-request' } });
    await s.channel.poll(null, s.ctx);
    const logged = s.ctx.log.lines.find((l) => l.msg === 'x own timeline refresh failed');
    expect(logged).toBeDefined();
    expect(JSON.stringify(logged)).not.toMatch(/app-bearer-token|access-token|access-secret/);
    expect(String(logged!.obj.err)).toContain('***');

    s.fake.failNext('GET /2/users/:id/mentions', { status: 400, body: { title: 'Invalid Request', detail: echoed, type: 'https://api.x.com/2/problems/invalid-request' } });
    const err = await failure(s.channel.poll(null, s.ctx));

    expect(err).toBeInstanceOf(Permanent);
    expectMasked(err, [CREDS.appBearer, CREDS.oauth1.accessToken, CREDS.oauth1.accessSecret]);
  });
});

describe('instagram (private API) channel', () => {
  it('masks the password and the proxy password in an error that quotes them', async () => {
    const password = 'hunter2-very-secret';
    const proxyPassword = 'pr0xy-p@ss';
    const proxyUrl = `http://mow:${encodeURIComponent(proxyPassword)}@proxy.local:8080`;
    class IgApiClient {
      state = { proxyUrl: '', generateDevice: () => undefined };
      account = {
        login: async () => {
          throw Object.assign(new Error(`POST /api/v1/accounts/login/ - 400 Bad Request; password ${password} via ${proxyUrl} (${proxyPassword})`), { name: 'IgResponseError' });
        },
      };
    }
    const channel = createInstagramPrivateChannel({ username: 'mow', password, proxyUrl, loadLibrary: async () => ({ IgApiClient }) as unknown as IgLibrary });

    const err = await failure(channel.poll(null, testContext(NOW)));

    expect(err).toBeInstanceOf(Transient);
    expectMasked(err, [password, proxyPassword, encodeURIComponent(proxyPassword)]);
  });
});
