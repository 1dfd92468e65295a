/**
 * A small X API v2 server for the tests and the X request bench: real HTTP on 127.0.0.1, the
 * endpoints the X channel uses, an in-memory timeline, X's paging semantics (newest first,
 * since_id, next_token), per-endpoint rate-limit windows with x-rate-limit-* headers, a post-read
 * usage counter, scriptable faults and a request log. Bodies follow the X API v2 OpenAPI (checked
 * by test/channels/x-fake-api-schema.test.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';

export type XEndpoint =
  | 'GET /2/users/:id/mentions'
  | 'GET /2/tweets/search/recent'
  | 'GET /2/users/:id/tweets'
  | 'GET /2/users/me'
  | 'POST /2/tweets'
  | 'GET /2/usage/tweets';

/** X's documented windows (per user for user context, per app for app-only), 15 minutes. */
export const X_DOCUMENTED_LIMITS: Record<XEndpoint, { limit: number; windowMs: number }> = {
  'GET /2/users/:id/mentions': { limit: 300, windowMs: 15 * 60_000 },
  'GET /2/tweets/search/recent': { limit: 450, windowMs: 15 * 60_000 },
  'GET /2/users/:id/tweets': { limit: 900, windowMs: 15 * 60_000 },
  'GET /2/users/me': { limit: 75, windowMs: 15 * 60_000 },
  'POST /2/tweets': { limit: 100, windowMs: 15 * 60_000 },
  'GET /2/usage/tweets': { limit: 50, windowMs: 15 * 60_000 },
};

export interface FakeUser {
  id: string;
  username: string;
  name: string;
  followers?: number;
  verified?: boolean;
  location?: string;
}

export interface FakePost {
  id: string;
  text: string;
  authorId: string;
  createdAt: string;
  lang?: string;
  conversationId: string;
  inReplyToTweetId?: string;
  inReplyToUserId?: string;
  /** Shows up in the account's mentions timeline. */
  mentionsAccount: boolean;
  /** Listening queries (exact strings) this post matches in recent search. */
  queries: string[];
  metrics: { likes: number; replies: number; reposts: number; quotes: number; impressions: number };
}

export interface RequestLogEntry {
  /** Server clock (real unless FakeXOptions.now), ms. */
  at: number;
  method: string;
  endpoint: XEndpoint | 'unknown';
  query: Record<string, string>;
  status: number;
  /** Posts returned in `data` (read endpoints). */
  resultCount: number;
  auth: 'app' | 'user' | 'none' | 'bad';
}

export interface Fault {
  status: number;
  /** Problem body; default a generic one for the status. */
  body?: unknown;
  /**
   * 'network': the socket is destroyed without a response; 'slow': the normal answer comes after
   * `delayMs`; 'truncated': a 200 whose JSON body is cut in half.
   */
  kind?: 'http' | 'network' | 'slow' | 'truncated';
  delayMs?: number;
}

export interface FakeXOptions {
  accountId?: string;
  accountUsername?: string;
  appBearer?: string;
  userBearer?: string;
  oauth1ConsumerKey?: string;
  limits?: Partial<Record<XEndpoint, { limit: number; windowMs: number }>>;
  /** Monthly post cap reported by usage/tweets and enforced on reads (429 usage-capped). */
  projectCap?: number;
  capResetDay?: number;
  /** Posts already read this month by the project before the test starts. */
  initialUsage?: number;
  /** Clock for the request log and rate-limit windows (ms); benches pass a simulated one. */
  now?: () => number;
}

const PROBLEMS: Record<number, { title: string; detail: string; type: string }> = {
  400: { title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' },
  401: { title: 'Unauthorized', detail: 'Unauthorized', type: 'about:blank' },
  403: { title: 'Forbidden', detail: 'You are not permitted to perform this action.', type: 'about:blank' },
  429: { title: 'Too Many Requests', detail: 'Too Many Requests', type: 'about:blank' },
  500: { title: 'Internal Server Error', detail: 'Internal Server Error', type: 'about:blank' },
  503: { title: 'Service Unavailable', detail: 'Service Unavailable', type: 'about:blank' },
};

export const DUPLICATE_CONTENT_403 = {
  detail: 'You are not allowed to create a Tweet with duplicate content.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};
export const REPLY_NOT_ALLOWED_403 = {
  detail: 'Reply to this conversation is not allowed because you have not been mentioned or otherwise engaged by the author of the post you are replying to.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};
export const DELETED_TARGET_403 = {
  detail: 'You attempted to reply to a Tweet that is deleted or not visible to you.',
  type: 'about:blank',
  title: 'Forbidden',
  status: 403,
};

const ID_BASE = 1_900_000_000_000_000_000n;

export class FakeXApi {
  readonly accountId: string;
  readonly accountUsername: string;
  readonly users = new Map<string, FakeUser>();
  readonly posts = new Map<string, FakePost>();
  readonly requests: RequestLogEntry[] = [];
  /** Posts created through POST /2/tweets, in order. */
  readonly created: FakePost[] = [];
  /** Posts returned by read endpoints since start: what X bills against the monthly cap. */
  postsRead = 0;
  url = '';
  private seq = 0n;
  private readonly server: http.Server;
  private readonly limits: Record<XEndpoint, { limit: number; windowMs: number }>;
  private readonly windows = new Map<XEndpoint, { resetAt: number; count: number }>();
  private readonly faults = new Map<XEndpoint, Fault[]>();
  private readonly partialErrors = new Map<XEndpoint, object[]>();

  constructor(private readonly opts: FakeXOptions = {}) {
    this.accountId = opts.accountId ?? '1000000001';
    this.accountUsername = opts.accountUsername ?? 'MOWBahrain';
    this.limits = { ...X_DOCUMENTED_LIMITS, ...opts.limits };
    this.addUser({ id: this.accountId, username: this.accountUsername, name: 'Ministry of Works', followers: 120_000, verified: true });
    this.server = http.createServer((req, res) => this.handle(req, res));
  }

  async start(): Promise<this> {
    await new Promise<void>((resolve) => this.server.listen(0, '127.0.0.1', resolve));
    this.url = `http://127.0.0.1:${(this.server.address() as AddressInfo).port}`;
    return this;
  }

  async close(): Promise<void> {
    this.server.closeAllConnections();
    await new Promise<void>((resolve) => this.server.close(() => resolve()));
  }

  // ---- seeding -------------------------------------------------------------------------------

  addUser(u: Partial<FakeUser> & { username: string }): FakeUser {
    const user: FakeUser = { id: u.id ?? String(2_000_000_000 + this.users.size), name: u.name ?? u.username, ...u };
    this.users.set(user.id, user);
    return user;
  }

  /** Adds a post with the next (newest) id. `author` is a username (created when unknown). */
  addPost(p: {
    text: string;
    author?: string;
    mentionsAccount?: boolean;
    queries?: string[];
    createdAt?: string;
    lang?: string;
    inReplyTo?: string;
    metrics?: Partial<FakePost['metrics']>;
  }): FakePost {
    const handle = p.author ?? 'citizen';
    const author = [...this.users.values()].find((u) => u.username === handle) ?? this.addUser({ username: handle, followers: 10 });
    const id = this.nextId();
    const parent = p.inReplyTo ? this.posts.get(p.inReplyTo) : undefined;
    const post: FakePost = {
      id,
      text: p.text,
      authorId: author.id,
      createdAt: p.createdAt ?? new Date(this.clock()).toISOString(),
      lang: p.lang ?? 'ar',
      conversationId: parent?.conversationId ?? p.inReplyTo ?? id,
      inReplyToTweetId: p.inReplyTo,
      inReplyToUserId: parent?.authorId,
      mentionsAccount: p.mentionsAccount ?? false,
      queries: p.queries ?? [],
      metrics: { likes: 0, replies: 0, reposts: 0, quotes: 0, impressions: 0, ...p.metrics },
    };
    this.posts.set(id, post);
    return post;
  }

  /** Adds n posts (oldest first), e.g. a backlog of mentions. */
  addPosts(n: number, p: Parameters<FakeXApi['addPost']>[0]): FakePost[] {
    return Array.from({ length: n }, (_, i) => this.addPost({ ...p, text: `${p.text} #${i + 1}` }));
  }

  deletePost(id: string): void {
    this.posts.delete(id);
  }

  // ---- scripting -----------------------------------------------------------------------------

  /** The next `times` requests to `endpoint` fail with `fault`. */
  failNext(endpoint: XEndpoint, fault: Fault, times = 1): void {
    const q = this.faults.get(endpoint) ?? [];
    for (let i = 0; i < times; i++) q.push(fault);
    this.faults.set(endpoint, q);
  }

  /** Spends the endpoint's window now: every request gets 429 until `resetInMs` has passed. */
  exhaustWindow(endpoint: XEndpoint, resetInMs: number): Date {
    const resetAt = Math.ceil((this.clock() + resetInMs) / 1000) * 1000;
    this.windows.set(endpoint, { resetAt, count: this.limits[endpoint].limit });
    return new Date(resetAt);
  }

  /** The next 200 of `endpoint` carries these problems in `errors` next to `data`. */
  addPartialErrors(endpoint: XEndpoint, problems: object[]): void {
    this.partialErrors.set(endpoint, [...(this.partialErrors.get(endpoint) ?? []), ...problems]);
  }

  limitOf(endpoint: XEndpoint): { limit: number; windowMs: number } {
    return this.limits[endpoint];
  }

  // ---- HTTP ----------------------------------------------------------------------------------

  private clock(): number {
    return this.opts.now?.() ?? Date.now();
  }

  private nextId(): string {
    this.seq += 1n;
    return (ID_BASE + this.seq * 1000n).toString();
  }

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const route = this.route(req.method ?? 'GET', url.pathname);
    const entry: RequestLogEntry = { at: this.clock(), method: req.method ?? '', endpoint: route?.endpoint ?? 'unknown', query, status: 0, resultCount: 0, auth: this.authOf(req) };
    this.requests.push(entry);
    const send = (status: number, payload: unknown, headers: Record<string, string> = {}) => {
      entry.status = status;
      const ct = status >= 400 && status !== 403 && status !== 429 ? 'application/problem+json' : 'application/json; charset=utf-8';
      res.writeHead(status, { 'content-type': ct, ...headers });
      res.end(JSON.stringify(payload));
    };
    if (!route) return send(404, { ...PROBLEMS[400], title: 'Not Found Error', detail: `no route ${url.pathname}`, status: 404 });
    const ep = route.endpoint;

    const fault = this.faults.get(ep)?.shift();
    if (fault?.kind === 'network') {
      entry.status = -1;
      req.socket.destroy();
      return;
    }
    if (entry.auth === 'none' || entry.auth === 'bad') return send(401, { ...PROBLEMS[401], status: 401 });
    if (!allowedAuth(ep, entry.auth)) {
      return send(403, { title: 'Unsupported Authentication', detail: `Authenticating with ${entry.auth === 'app' ? 'OAuth 2.0 Application-Only' : 'user context'} is forbidden for this endpoint.`, type: 'https://api.x.com/2/problems/unsupported-authentication', status: 403 });
    }
    const rl = this.takeWindow(ep);
    if (rl.limited) return send(429, { ...PROBLEMS[429], status: 429 }, rl.headers);
    if (fault?.kind === 'slow') await new Promise((r) => setTimeout(r, fault.delayMs ?? 5_000));
    if (fault?.kind === 'truncated') {
      entry.status = 200;
      const whole = JSON.stringify(this.respond(ep, route.id, query, body).body ?? {});
      res.writeHead(200, { 'content-type': 'application/json; charset=utf-8', ...rl.headers });
      res.end(whole.slice(0, Math.floor(whole.length / 2)));
      return;
    }
    if (fault && fault.kind !== 'slow') return send(fault.status, fault.body ?? { ...(PROBLEMS[fault.status] ?? PROBLEMS[500]), status: fault.status }, rl.headers);

    const capped = this.opts.projectCap !== undefined && ep !== 'POST /2/tweets' && ep !== 'GET /2/usage/tweets' && ep !== 'GET /2/users/me' && this.totalUsage() >= this.opts.projectCap;
    if (capped) {
      return send(429, { title: 'UsageCapExceeded', detail: 'Usage cap exceeded: Monthly product cap', type: 'https://api.x.com/2/problems/usage-capped', period: 'Monthly', scope: 'Product' }, rl.headers);
    }
    const result = this.respond(ep, route.id, query, body);
    entry.resultCount = result.count;
    this.postsRead += result.count;
    send(result.status, result.body, rl.headers);
  }

  private route(method: string, path: string): { endpoint: XEndpoint; id?: string } | undefined {
    let m: RegExpMatchArray | null;
    if (method === 'GET' && (m = path.match(/^\/2\/users\/(\d+)\/mentions$/))) return { endpoint: 'GET /2/users/:id/mentions', id: m[1] };
    if (method === 'GET' && (m = path.match(/^\/2\/users\/(\d+)\/tweets$/))) return { endpoint: 'GET /2/users/:id/tweets', id: m[1] };
    if (method === 'GET' && path === '/2/tweets/search/recent') return { endpoint: 'GET /2/tweets/search/recent' };
    if (method === 'GET' && path === '/2/users/me') return { endpoint: 'GET /2/users/me' };
    if (method === 'POST' && path === '/2/tweets') return { endpoint: 'POST /2/tweets' };
    if (method === 'GET' && path === '/2/usage/tweets') return { endpoint: 'GET /2/usage/tweets' };
    return undefined;
  }

  private authOf(req: http.IncomingMessage): RequestLogEntry['auth'] {
    const h = req.headers.authorization ?? '';
    if (!h) return 'none';
    if (h.startsWith('Bearer ')) {
      const token = h.slice(7);
      if (this.opts.appBearer && token === this.opts.appBearer) return 'app';
      if (this.opts.userBearer && token === this.opts.userBearer) return 'user';
      return this.opts.appBearer || this.opts.userBearer ? 'bad' : 'app';
    }
    if (h.startsWith('OAuth ')) {
      const key = /oauth_consumer_key="([^"]+)"/.exec(h)?.[1];
      return !this.opts.oauth1ConsumerKey || key === this.opts.oauth1ConsumerKey ? 'user' : 'bad';
    }
    return 'bad';
  }

  private takeWindow(ep: XEndpoint): { limited: boolean; headers: Record<string, string> } {
    const { limit, windowMs } = this.limits[ep];
    const now = this.clock();
    let w = this.windows.get(ep);
    if (!w || now >= w.resetAt) {
      w = { resetAt: Math.ceil((now + windowMs) / 1000) * 1000, count: 0 };
      this.windows.set(ep, w);
    }
    const limited = w.count >= limit;
    if (!limited) w.count += 1;
    return {
      limited,
      headers: {
        'x-rate-limit-limit': String(limit),
        'x-rate-limit-remaining': String(Math.max(0, limit - w.count)),
        'x-rate-limit-reset': String(Math.floor(w.resetAt / 1000)),
      },
    };
  }

  totalUsage(): number {
    return (this.opts.initialUsage ?? 0) + this.postsRead;
  }

  private respond(ep: XEndpoint, id: string | undefined, q: Record<string, string>, body: unknown): { status: number; body: unknown; count: number } {
    switch (ep) {
      case 'GET /2/users/:id/mentions':
        return this.timeline(ep, q, (p) => p.mentionsAccount && p.authorId !== id, 5, 'pagination_token');
      case 'GET /2/users/:id/tweets':
        return this.timeline(ep, q, (p) => p.authorId === id && !(q.exclude?.includes('replies') && p.inReplyToTweetId), 5, 'pagination_token');
      case 'GET /2/tweets/search/recent':
        if (!q.query) return problem(400, "The 'query' parameter is required.");
        // Recent search covers the last 7 days only.
        return this.timeline(ep, q, (p) => p.queries.includes(q.query) && Date.parse(p.createdAt) >= this.clock() - 7 * 86_400_000, 10, 'next_token');
      case 'GET /2/users/me': {
        const me = this.users.get(this.accountId)!;
        return { status: 200, body: { data: { id: me.id, name: me.name, username: me.username } }, count: 0 };
      }
      case 'GET /2/usage/tweets':
        return {
          status: 200,
          body: {
            data: {
              project_id: '1500000000000000000',
              project_usage: String(this.totalUsage()),
              project_cap: String(this.opts.projectCap ?? 10_000_000),
              cap_reset_day: this.opts.capResetDay ?? 1,
            },
          },
          count: 0,
        };
      case 'POST /2/tweets':
        return this.createPost(body);
    }
  }

  private timeline(ep: XEndpoint, q: Record<string, string>, match: (p: FakePost) => boolean, min: number, tokenParam: string) {
    const max = q.max_results === undefined ? 10 : Number(q.max_results);
    if (!Number.isInteger(max) || max < min || max > 100) {
      return problem(400, `The \`max_results\` query parameter value [${q.max_results}] is not between ${min} and 100`);
    }
    const since = q.since_id ? BigInt(q.since_id) : undefined;
    const sincePost = q.since_id ? this.posts.get(q.since_id) : undefined;
    if (ep === 'GET /2/tweets/search/recent' && sincePost && Date.parse(sincePost.createdAt) < this.clock() - 7 * 86_400_000) {
      const floor = new Date(this.clock() - 7 * 86_400_000).toISOString();
      return problem(400, `Invalid 'since_id':'${q.since_id}'. 'since_id' must be a tweet id created after ${floor}. Please use a 'since_id' that is larger than ${q.since_id}`);
    }
    const token = q[tokenParam] ?? q.pagination_token;
    const before = token ? BigInt(Buffer.from(token, 'base64url').toString()) : undefined;
    // start_time: posts created at or after it (ISO 8601), as on the user timelines and search.
    const startTime = q.start_time ? Date.parse(q.start_time) : undefined;
    if (startTime !== undefined && Number.isNaN(startTime)) return problem(400, `Invalid 'start_time':'${q.start_time}'`);
    const all = [...this.posts.values()]
      .filter(match)
      .filter((p) => (since === undefined || BigInt(p.id) > since) && (before === undefined || BigInt(p.id) < before))
      .filter((p) => startTime === undefined || Date.parse(p.createdAt) >= startTime)
      .sort((a, b) => (BigInt(b.id) > BigInt(a.id) ? 1 : -1));
    const page = all.slice(0, max);
    const fields = new Set((q['tweet.fields'] ?? '').split(',').filter(Boolean));
    const expansions = new Set((q.expansions ?? '').split(',').filter(Boolean));
    const errors: object[] = [...(this.partialErrors.get(ep) ?? [])];
    this.partialErrors.delete(ep);
    const includes: { users?: object[]; tweets?: object[] } = {};
    if (expansions.has('author_id') && page.length) {
      const ids = [...new Set(page.map((p) => p.authorId))];
      includes.users = ids.map((uid) => this.renderUser(this.users.get(uid)!, q['user.fields']));
    }
    if (expansions.has('referenced_tweets.id')) {
      const refs = [...new Set(page.map((p) => p.inReplyToTweetId).filter((r): r is string => !!r))];
      const found = refs.map((r) => this.posts.get(r)).filter((p): p is FakePost => !!p);
      if (found.length) includes.tweets = found.map((p) => this.renderPost(p, fields));
      for (const r of refs.filter((r) => !this.posts.has(r))) {
        errors.push({
          value: r,
          detail: `Could not find tweet with referenced_tweets.id: [${r}].`,
          title: 'Not Found Error',
          resource_type: 'tweet',
          parameter: 'referenced_tweets.id',
          resource_id: r,
          type: 'https://api.x.com/2/problems/resource-not-found',
        });
      }
    }
    const meta: Record<string, unknown> = { result_count: page.length };
    if (page.length) {
      meta.newest_id = page[0].id;
      meta.oldest_id = page[page.length - 1].id;
      if (all.length > page.length) meta.next_token = Buffer.from(page[page.length - 1].id).toString('base64url');
    }
    const out: Record<string, unknown> = {};
    if (page.length) out.data = page.map((p) => this.renderPost(p, fields));
    if (Object.keys(includes).length) out.includes = includes;
    if (errors.length) out.errors = errors;
    out.meta = meta;
    return { status: 200, body: out, count: page.length };
  }

  private renderPost(p: FakePost, fields: Set<string>): Record<string, unknown> {
    const out: Record<string, unknown> = { id: p.id, text: p.text, edit_history_tweet_ids: [p.id], author_id: p.authorId };
    if (fields.has('created_at')) out.created_at = p.createdAt;
    if (fields.has('conversation_id')) out.conversation_id = p.conversationId;
    if (fields.has('lang') && p.lang) out.lang = p.lang;
    if (fields.has('in_reply_to_user_id') && p.inReplyToUserId) out.in_reply_to_user_id = p.inReplyToUserId;
    if (fields.has('referenced_tweets') && p.inReplyToTweetId) out.referenced_tweets = [{ type: 'replied_to', id: p.inReplyToTweetId }];
    if (fields.has('public_metrics')) {
      const m = p.metrics;
      // The wire name is retweet_count (spec 2.159, the library); spec 2.167 calls it repost_count.
      out.public_metrics = { retweet_count: m.reposts, repost_count: m.reposts, reply_count: m.replies, like_count: m.likes, quote_count: m.quotes, bookmark_count: 0, impression_count: m.impressions };
    }
    return out;
  }

  private renderUser(u: FakeUser, userFields = ''): Record<string, unknown> {
    const f = new Set(userFields.split(',').filter(Boolean));
    const out: Record<string, unknown> = { id: u.id, name: u.name, username: u.username };
    if (f.has('verified')) out.verified = u.verified ?? false;
    if (f.has('location') && u.location) out.location = u.location;
    if (f.has('public_metrics')) {
      out.public_metrics = { followers_count: u.followers ?? 0, following_count: 10, tweet_count: 100, post_count: 100, listed_count: 0 };
    }
    return out;
  }

  private createPost(body: unknown): { status: number; body: unknown; count: number } {
    const b = body as { text?: string; reply?: { in_reply_to_tweet_id?: string } } | undefined;
    if (!b?.text) return problem(400, 'text is required');
    const target = b.reply?.in_reply_to_tweet_id;
    if (target && !this.posts.has(target)) return { status: 403, body: DELETED_TARGET_403, count: 0 };
    if (this.created.some((p) => p.text === b.text)) return { status: 403, body: DUPLICATE_CONTENT_403, count: 0 };
    const me = this.users.get(this.accountId)!;
    const post = this.addPost({ text: b.text, author: me.username, inReplyTo: target });
    this.created.push(post);
    return { status: 201, body: { data: { id: post.id, text: post.text, edit_history_tweet_ids: [post.id] } }, count: 0 };
  }
}

function allowedAuth(ep: XEndpoint, auth: 'app' | 'user'): boolean {
  if (ep === 'GET /2/usage/tweets') return auth === 'app';
  if (ep === 'GET /2/users/me' || ep === 'POST /2/tweets') return auth === 'user';
  return true;
}

function problem(status: number, detail: string) {
  return { status, body: { errors: [{ parameters: {}, message: detail }], title: 'Invalid Request', detail: 'One or more parameters to your request was invalid.', type: 'https://api.x.com/2/problems/invalid-request' }, count: 0 };
}

async function readBody(req: http.IncomingMessage): Promise<unknown> {
  const chunks: Buffer[] = [];
  for await (const c of req) chunks.push(c as Buffer);
  const text = Buffer.concat(chunks).toString();
  try {
    return text ? JSON.parse(text) : undefined;
  } catch {
    return undefined;
  }
}

export async function startFakeXApi(opts: FakeXOptions = {}): Promise<FakeXApi> {
  return new FakeXApi(opts).start();
}
