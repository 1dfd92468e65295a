/**
 * A local Instagram Graph API double on a real socket: own media, comments with nested replies,
 * tags, mention lookups and replies, in the wire format of test/fixtures/instagram
 * (graph-api-examples.json): `{data, paging:{cursors,next}}` envelopes, `fields=` selection,
 * Graph error bodies, and usage headers. Tests change its state between polls.
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export interface FakeComment {
  id: string;
  text: string;
  timestamp: string;
  username: string;
  from?: { id: string; username: string };
  like_count?: number;
  parent_id?: string;
  replies?: FakeComment[];
}

export interface FakeMedia {
  id: string;
  caption?: string;
  timestamp: string;
  permalink: string;
  comments_count?: number;
  like_count?: number;
  username?: string;
  media_type?: string;
}

export interface FakeFailure {
  /** Matches "METHOD /path" (path without the version prefix), e.g. /^GET \/1784\/media/. */
  match: RegExp;
  status: number;
  body: unknown;
  headers?: Record<string, string>;
}

export interface RecordedRequest {
  method: string;
  path: string;
  query: Record<string, string>;
  body: Record<string, string>;
}

export interface FakeGraphApi {
  baseUrl: string;
  igUserId: string;
  /** The account's username (its own replies are posted under it). */
  username: string;
  token: string;
  media: FakeMedia[];
  comments: Record<string, FakeComment[]>;
  tags: FakeMedia[];
  /** Sent on every response while set: X-App-Usage / X-Business-Use-Case-Usage values. */
  usage: { app?: Record<string, number>; business?: Record<string, unknown[]> };
  requests: RecordedRequest[];
  replies: { to: string; message: string; id: string }[];
  /** One-shot failures, consumed in order when they match. */
  failures: FakeFailure[];
  /** One-shot slow answers: the matching request is carried out, and answered, after `ms`. */
  delays: { match: RegExp; ms: number }[];
  close(): Promise<void>;
}

const VERSION = 'v21.0';

export function graphError(code: number, message: string, extra: Record<string, unknown> = {}) {
  return { error: { message, type: code === 190 ? 'OAuthException' : 'GraphMethodException', code, fbtrace_id: 'AbCdEf123', ...extra } };
}

export async function startFakeGraphApi(init: { igUserId?: string; token?: string; username?: string } = {}): Promise<FakeGraphApi> {
  const fake: Omit<FakeGraphApi, 'baseUrl' | 'close'> = {
    igUserId: init.igUserId ?? '17841400000000001',
    username: init.username ?? 'mow.bahrain',
    token: init.token ?? 'test-token',
    media: [],
    comments: {},
    tags: [],
    usage: {},
    requests: [],
    replies: [],
    failures: [],
    delays: [],
  };
  let nextReplyId = 18000000000000001n;

  const server = http.createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on('data', (c: Buffer) => chunks.push(c));
    req.on('end', () => {
      const delayAt = fake.delays.findIndex((d) => d.match.test(`${req.method ?? 'GET'} ${new URL(req.url ?? '/', 'http://127.0.0.1').pathname.replace(`/${VERSION}`, '')}`));
      if (delayAt < 0) return handle();
      const [delay] = fake.delays.splice(delayAt, 1);
      setTimeout(handle, delay.ms);
    });
    const handle = () => {
      const url = new URL(req.url ?? '/', 'http://127.0.0.1');
      const query = Object.fromEntries(url.searchParams);
      const body = Object.fromEntries(new URLSearchParams(Buffer.concat(chunks).toString('utf8')));
      const path = url.pathname.replace(`/${VERSION}`, '');
      const method = req.method ?? 'GET';
      fake.requests.push({ method, path, query, body });
      const params = { ...query, ...body };
      const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
        const usageHeaders: Record<string, string> = {};
        if (fake.usage.app) usageHeaders['x-app-usage'] = JSON.stringify(fake.usage.app);
        if (fake.usage.business) usageHeaders['x-business-use-case-usage'] = JSON.stringify(fake.usage.business);
        res.writeHead(status, { 'content-type': 'application/json; charset=UTF-8', ...usageHeaders, ...headers });
        res.end(JSON.stringify(payload));
      };

      const failureAt = fake.failures.findIndex((f) => f.match.test(`${method} ${path}`));
      if (failureAt >= 0) {
        const [f] = fake.failures.splice(failureAt, 1);
        return send(f.status, f.body, f.headers);
      }
      if (params.access_token !== fake.token) {
        return send(400, graphError(190, 'Invalid OAuth access token - Cannot parse access token'));
      }
      const base = `http://127.0.0.1:${(server.address() as AddressInfo).port}/${VERSION}`;
      const segments = path.split('/').filter(Boolean);

      if (method === 'GET' && segments.length === 2 && segments[0] === fake.igUserId && segments[1] === 'media') {
        return send(200, page(fake.media, query, `${base}${path}`, true));
      }
      if (method === 'GET' && segments.length === 2 && segments[0] === fake.igUserId && segments[1] === 'tags') {
        // Per the reference, /tags pages carry cursors but no next/previous links.
        return send(200, page(fake.tags, query, `${base}${path}`, false));
      }
      if (method === 'GET' && segments.length === 2 && segments[1] === 'comments') {
        const list = fake.comments[segments[0]];
        if (!list) return send(400, graphError(100, `Unsupported get request. Object with ID '${segments[0]}' does not exist`, { error_subcode: 33 }));
        return send(200, page(list, query, `${base}${path}`, true));
      }
      if (method === 'GET' && segments.length === 1 && segments[0] === fake.igUserId) {
        return send(200, mentionLookup(fake, query.fields ?? ''));
      }
      if (method === 'POST' && segments.length === 2 && segments[1] === 'replies') {
        const target = findComment(fake, segments[0]);
        if (!target) return send(400, graphError(100, `Unsupported post request. Object with ID '${segments[0]}' does not exist`, { error_subcode: 33 }));
        if (target.parent_id) return send(400, graphError(100, 'Replies to replies are not supported'));
        if (!params.message) return send(400, graphError(100, '(#100) The parameter message is required'));
        const id = String(nextReplyId++);
        fake.replies.push({ to: segments[0], message: params.message, id });
        // The reply is a comment of the account under the top-level comment, like any other reply.
        const timestamp = new Date().toISOString().replace(/\.\d{3}Z$/, '+0000');
        const from = { id: fake.igUserId, username: fake.username };
        (target.replies ??= []).push({ id, text: params.message, timestamp, username: fake.username, from, parent_id: target.id, like_count: 0 });
        return send(200, { id });
      }
      if (method === 'GET' && segments.length === 2 && segments[1] === 'replies') {
        const target = findComment(fake, segments[0]);
        if (!target) return send(400, graphError(100, `Unsupported get request. Object with ID '${segments[0]}' does not exist`, { error_subcode: 33 }));
        return send(200, page(target.replies ?? [], query, `${base}${path}`, true));
      }
      if (method === 'POST' && segments.length === 2 && segments[0] === fake.igUserId && segments[1] === 'mentions') {
        const id = String(nextReplyId++);
        fake.replies.push({ to: params.media_id, message: params.message, id });
        return send(200, { id });
      }
      return send(400, graphError(100, `Unknown path components: ${path}`));
    };
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  const port = (server.address() as AddressInfo).port;
  return Object.assign(fake, {
    baseUrl: `http://127.0.0.1:${port}/${VERSION}`,
    close: () => new Promise<void>((resolve) => server.close(() => resolve())),
  });
}

/** One page of a list with Graph's cursor envelope; cursors are base64 offsets. */
function page<T extends object>(all: T[], query: Record<string, string>, selfUrl: string, withLinks: boolean) {
  const limit = Number(query.limit ?? 25);
  const start = query.after ? Number(Buffer.from(query.after, 'base64').toString()) : 0;
  const slice = all.slice(start, start + limit);
  const data = slice.map((item) => selectFields(item as Record<string, unknown>, query.fields));
  const cursors = { before: Buffer.from(String(start)).toString('base64'), after: Buffer.from(String(start + slice.length)).toString('base64') };
  const more = start + slice.length < all.length;
  const next = new URL(selfUrl);
  for (const [k, v] of Object.entries(query)) next.searchParams.set(k, v);
  next.searchParams.set('after', cursors.after);
  return { data, ...(slice.length ? { paging: { cursors, ...(withLinks && more ? { next: next.toString() } : {}) } } : {}) };
}

/** Graph returns `id` plus the requested fields; `replies{...}` becomes a nested list. */
function selectFields(item: Record<string, unknown>, fields: string | undefined): Record<string, unknown> {
  if (!fields) return { id: item.id, ...('timestamp' in item ? { timestamp: item.timestamp } : {}), ...('text' in item ? { text: item.text } : {}) };
  const out: Record<string, unknown> = { id: item.id };
  for (const field of splitFields(fields)) {
    const nested = /^(\w+)\{(.*)\}$/.exec(field);
    if (nested) {
      const list = item[nested[1]];
      if (Array.isArray(list) && list.length) out[nested[1]] = { data: list.map((x) => selectFields(x as Record<string, unknown>, nested[2])) };
    } else if (item[field] !== undefined) {
      out[field] = item[field];
    }
  }
  return out;
}

function splitFields(fields: string): string[] {
  const out: string[] = [];
  let depth = 0;
  let current = '';
  for (const ch of fields) {
    if (ch === ',' && depth === 0) {
      out.push(current);
      current = '';
      continue;
    }
    if (ch === '{' || ch === '(') depth++;
    if (ch === '}' || ch === ')') depth--;
    current += ch;
  }
  if (current) out.push(current);
  return out;
}

function findComment(fake: Omit<FakeGraphApi, 'baseUrl' | 'close'>, id: string): FakeComment | undefined {
  for (const list of Object.values(fake.comments)) {
    for (const c of list) {
      if (c.id === id) return c;
      const reply = c.replies?.find((r) => r.id === id);
      if (reply) return reply;
    }
  }
  return undefined;
}

function mentionLookup(fake: Omit<FakeGraphApi, 'baseUrl' | 'close'>, fields: string) {
  const comment = /^mentioned_comment\.comment_id\((\w+)\)\{(.*)\}$/.exec(fields);
  if (comment) {
    const c = findComment(fake, comment[1]);
    const mediaId = Object.entries(fake.comments).find(([, list]) => list.some((x) => x.id === comment[1]))?.[0];
    const media = fake.tags.find((m) => m.id === mediaId) ?? fake.media.find((m) => m.id === mediaId);
    return { id: fake.igUserId, ...(c ? { mentioned_comment: { ...selectFields(c as never, comment[2].replace(/,?media\{[^}]*\}/, '')), ...(media ? { media: { id: media.id, permalink: media.permalink } } : {}) } } : {}) };
  }
  const media = /^mentioned_media\.media_id\((\w+)\)\{(.*)\}$/.exec(fields);
  if (media) {
    const m = fake.tags.find((x) => x.id === media[1]);
    return { id: fake.igUserId, ...(m ? { mentioned_media: selectFields(m as never, media[2]) } : {}) };
  }
  return { id: fake.igUserId };
}
