/**
 * A request that never reached X says why (refused, unknown host) rather than the library's bare
 * «Request failed.»: the real client against a closed port and a name that does not resolve.
 */
import net from 'node:net';
import { TwitterApi } from 'twitter-api-v2';
import { Transient } from '../../channels/channel';
import { mapXError } from '../../channels/x/errors';

async function closedPort(): Promise<number> {
  const server = net.createServer();
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const { port } = server.address() as net.AddressInfo;
  await new Promise<void>((resolve) => server.close(() => resolve()));
  return port;
}

async function failure(prefix: string): Promise<Error> {
  try {
    await new TwitterApi('bearer-token').v2.get('users/me', undefined, { prefix });
  } catch (err) {
    return mapXError(err, { now: new Date() });
  }
  throw new Error('the request succeeded');
}

it('names the network error under «Request failed.»', async () => {
  const refused = await failure(`https://127.0.0.1:${await closedPort()}/2/`);
  expect(refused).toBeInstanceOf(Transient);
  expect(refused.message).toMatch(/^X request failed: Request failed\. \(connect ECONNREFUSED 127\.0\.0\.1:\d+\)$/);
  expect((await failure('https://api.x.invalid/2/')).message).toMatch(/(ENOTFOUND|EAI_AGAIN) api\.x\.invalid/);
});
