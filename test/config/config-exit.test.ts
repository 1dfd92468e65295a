/**
 * The service as `npm start` runs it: a bad URL, a MongoDB connection string the driver cannot
 * read, a replay file that is not there, or a forward format that is neither rasid nor open311
 * (or open311 without its api_key) stops it at once with exit code 2 and one line naming
 * the variable, no stack trace, and no password in it.
 */
import { makeTempDir } from '../support/temp-dir';
import { runServiceToExit } from '../support/service-process';

const tmp = makeTempDir('rasid-config-exit-');
afterAll(() => tmp.remove());

it.each([
  [{ COMPLAINTS_FORWARD_URL: 'https://rasid:Passw0rd@host/api' }, 'COMPLAINTS_FORWARD_URL', 'Passw0rd'],
  [{ WEBHOOK_URLS: 'http://user:HookPw@127.0.0.1:3109/hook', WEBHOOK_SECRET: 's' }, 'WEBHOOK_URLS', 'HookPw'],
  [{ STORE: 'mongodb', MONGODB_URI: 'mongodb://u:S3cret@Pw@127.0.0.1/' }, 'MONGODB_URI', 'S3cret'],
  [{ STORE: 'mongodb', MONGODB_URI: 'mongodb://u:S3cret@127.0.0.1:notaport/' }, 'MONGODB_URI', 'S3cret'],
  [{ REPLAY_ENABLED: 'true', DEMO: 'false', REPLAY_FILE: '/nonexistent/replay.jsonl' }, 'REPLAY_FILE', undefined],
  [{ COMPLAINTS_FORWARD_URL: 'http://127.0.0.1:9/requests.json', COMPLAINTS_FORWARD_FORMAT: 'xml', COMPLAINTS_FORWARD_API_KEY: 'O311-Key-Secret' }, 'COMPLAINTS_FORWARD_FORMAT', 'O311-Key-Secret'],
  [{ COMPLAINTS_FORWARD_URL: 'http://127.0.0.1:9/requests.json', COMPLAINTS_FORWARD_FORMAT: 'open311' }, 'COMPLAINTS_FORWARD_API_KEY', undefined],
])('exits with code 2 and one line naming the variable for %j', async (env, variable, secret) => {
  const { code, output } = await runServiceToExit({ DATA_DIR: tmp.dir, PORT: '0', ...env });
  expect(code).toBe(2);
  expect(output.trim().split('\n')).toEqual([expect.stringMatching(new RegExp(`^Invalid configuration: ${variable} `))]);
  if (secret) expect(output).not.toContain(secret);
});
