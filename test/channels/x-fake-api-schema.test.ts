/**
 * The fake X API's bodies against the official X API v2 OpenAPI documents (subsets copied into
 * test/fixtures/x): spec 2.167 (current, names the schemas Post/User) and 2.159 (the Tweet names
 * and tweet.fields the library and the real wire use). Both specs leave most objects open, so the
 * negative controls at the end show the validators do catch wrong types, enums and required keys.
 */
import Ajv, { type ValidateFunction } from 'ajv';
import addFormats from 'ajv-formats';
import spec167 from '../fixtures/x/openapi-2.167-subset.json';
import spec159 from '../fixtures/x/openapi-2.159-subset.json';
import { startFakeXApi, type FakeXApi } from '../../bench/support/fake-x-api';

type Json = Record<string, unknown>;

/** OpenAPI 3.0 → JSON Schema: `nullable` becomes a null type; discriminators and examples go. */
function toJsonSchema(node: unknown): unknown {
  if (Array.isArray(node)) return node.map(toJsonSchema);
  if (!node || typeof node !== 'object') return node;
  const out: Json = {};
  for (const [k, v] of Object.entries(node as Json)) {
    if (k === 'discriminator' || k === 'example' || k === 'nullable') continue;
    out[k] = toJsonSchema(v);
  }
  if ((node as Json).nullable === true && typeof out.type === 'string') out.type = [out.type, 'null'];
  return out;
}

function validatorsFor(spec: { components: unknown }, id: string): (schemaName: string) => ValidateFunction {
  const ajv = new Ajv({ strict: false, allErrors: true });
  addFormats(ajv);
  for (const f of ['int32', 'int64', 'double', '^[0-9]{1,19}$']) ajv.addFormat(f, true);
  ajv.addSchema({ $id: id, components: toJsonSchema(spec.components) });
  return (name) => ajv.getSchema(`${id}#/components/schemas/${name}`)!;
}

const v167 = validatorsFor(spec167 as { components: unknown }, 'x-2.167');
const v159 = validatorsFor(spec159 as { components: unknown }, 'x-2.159');

/** The 200/201 response schema name of an operation in a spec subset. */
function responseSchema(spec: unknown, path: string, method: string): string {
  const op = (spec as { paths: Record<string, Record<string, { responses: Record<string, { content: Record<string, { schema: { $ref: string } }> }> }>> }).paths[path][method];
  const ok = op.responses['200'] ?? op.responses['201'];
  return ok.content['application/json'].schema.$ref.replace('#/components/schemas/', '');
}

function check(validate: ValidateFunction, body: unknown): string[] {
  return validate(body) ? [] : (validate.errors ?? []).map((e) => `${e.instancePath} ${e.message}`);
}

const USER_AUTH = 'OAuth oauth_consumer_key="ck", oauth_token="at", oauth_signature="x"';
const APP_AUTH = 'Bearer app';
const FIELDS = {
  'tweet.fields': 'created_at,conversation_id,in_reply_to_user_id,referenced_tweets,public_metrics,lang,entities,geo',
  expansions: 'author_id,referenced_tweets.id',
  'user.fields': 'username,name,public_metrics,verified,location',
};

describe('fake X API bodies against the X API v2 OpenAPI', () => {
  let fake: FakeXApi;
  beforeAll(async () => {
    fake = await startFakeXApi({ appBearer: 'app', oauth1ConsumerKey: 'ck' });
    fake.addPosts(8, { text: 'older', mentionsAccount: true, queries: ['q'] });
    const parent = fake.addPost({ text: 'post of the ministry', author: fake.accountUsername });
    const gone = fake.addPost({ text: 'deleted' });
    fake.addPost({ text: 'reply', mentionsAccount: true, inReplyTo: parent.id, queries: ['q'], metrics: { likes: 3 } });
    fake.addPost({ text: 'reply to deleted', mentionsAccount: true, inReplyTo: gone.id, queries: ['q'] });
    fake.deletePost(gone.id);
  });
  afterAll(() => fake.close());

  async function call(method: string, path: string, query: Record<string, string>, auth: string, body?: unknown) {
    const url = `${fake.url}${path}?${new URLSearchParams(query)}`;
    const res = await fetch(url, {
      method,
      headers: { authorization: auth, ...(body ? { 'content-type': 'application/json' } : {}) },
      body: body ? JSON.stringify(body) : undefined,
    });
    return { status: res.status, body: (await res.json()) as Json };
  }

  const cases: [string, string, string, () => Promise<{ status: number; body: Json }>][] = [
    ['a mentions page with includes, partial errors and next_token', '/2/users/{id}/mentions', 'get', () => call('GET', `/2/users/${fake.accountId}/mentions`, { ...FIELDS, max_results: '5' }, USER_AUTH)],
    ['an empty mentions page', '/2/users/{id}/mentions', 'get', () => call('GET', `/2/users/${fake.accountId}/mentions`, { ...FIELDS, since_id: '9999999999999999999' }, USER_AUTH)],
    ['a recent search page', '/2/tweets/search/recent', 'get', () => call('GET', '/2/tweets/search/recent', { ...FIELDS, query: 'q', max_results: '10' }, APP_AUTH)],
    ['the own timeline', '/2/users/{id}/tweets', 'get', () => call('GET', `/2/users/${fake.accountId}/tweets`, { 'tweet.fields': 'created_at,public_metrics', max_results: '5' }, USER_AUTH)],
    ['users/me', '/2/users/me', 'get', () => call('GET', '/2/users/me', {}, USER_AUTH)],
    ['a created reply', '/2/tweets', 'post', () => call('POST', '/2/tweets', {}, USER_AUTH, { text: 'شكراً', reply: { in_reply_to_tweet_id: [...fake.posts.keys()][0] } })],
  ];

  it('really exercises includes, partial errors and next_token in the first case', async () => {
    const res = await cases[0][3]();
    expect(res.body).toEqual(
      expect.objectContaining({
        includes: { users: expect.any(Array), tweets: expect.any(Array) },
        errors: [expect.objectContaining({ type: 'https://api.x.com/2/problems/resource-not-found' })],
        meta: expect.objectContaining({ next_token: expect.any(String) }),
      }),
    );
  });

  it.each(cases)('serves %s valid against spec 2.167 and 2.159', async (_name, path, method, request) => {
    const res = await request();
    expect(res.status).toBeLessThan(300);
    expect(check(v167(responseSchema(spec167, path, method)), res.body)).toEqual([]);
    expect(check(v159(responseSchema(spec159, path, method)), res.body)).toEqual([]);
  });

  it('serves usage/tweets valid against spec 2.167 (2.159 types the counts as integers, 2.167 as strings)', async () => {
    const res = await call('GET', '/2/usage/tweets', {}, APP_AUTH);
    expect(res.status).toBe(200);
    expect(check(v167(responseSchema(spec167, '/2/usage/tweets', 'get')), res.body)).toEqual([]);
  });

  it('serves error bodies that are RFC 7807 problems (spec Problem), typed ones valid against spec 2.167 too', async () => {
    fake.failNext('GET /2/users/:id/mentions', { status: 503 });
    const errors = [
      await call('GET', `/2/users/${fake.accountId}/mentions`, {}, USER_AUTH),
      await call('GET', `/2/users/${fake.accountId}/mentions`, { max_results: '1' }, USER_AUTH),
      await call('GET', '/2/usage/tweets', {}, USER_AUTH),
    ];
    fake.exhaustWindow('GET /2/users/me', 1_000);
    errors.push(await call('GET', '/2/users/me', {}, USER_AUTH));

    expect(errors.map((e) => e.status)).toEqual([503, 400, 403, 429]);
    for (const e of errors) expect(check(v159('Problem'), e.body)).toEqual([]);
    const invalid = errors[1].body;
    expect(check(v167('Problem'), invalid)).toEqual([]);
  });

  describe('negative controls: the validators reject', () => {
    const page = () => ({
      data: [{ id: '1', text: 't', edit_history_tweet_ids: ['1'], referenced_tweets: [{ type: 'replied_to', id: '2' }] }],
      includes: { users: [{ id: '9', name: 'n', username: 'u' }] },
      meta: { result_count: 1, newest_id: '1', oldest_id: '1' },
    });
    const mentions159 = () => v159(responseSchema(spec159, '/2/users/{id}/mentions', 'get'));
    const mentions167 = () => v167(responseSchema(spec167, '/2/users/{id}/mentions', 'get'));

    it('a control page that is valid', () => {
      expect(check(mentions159(), page())).toEqual([]);
      expect(check(mentions167(), page())).toEqual([]);
    });

    it('a result_count sent as a string', () => {
      const body = page();
      (body.meta as Json).result_count = '1';
      expect(check(mentions159(), body)).not.toEqual([]);
      expect(check(mentions167(), body)).not.toEqual([]);
    });

    it('an unknown referenced_tweets type', () => {
      const body = page();
      body.data[0].referenced_tweets[0].type = 'reply';
      expect(check(mentions159(), body)).not.toEqual([]);
    });

    it('a user without username', () => {
      const body = page();
      delete (body.includes.users[0] as Partial<(typeof body.includes.users)[0]>).username;
      expect(check(mentions159(), body)).not.toEqual([]);
    });

    it('a created post without text', () => {
      expect(check(v167(responseSchema(spec167, '/2/tweets', 'post')), { data: { id: '1' } })).not.toEqual([]);
    });
  });
});
