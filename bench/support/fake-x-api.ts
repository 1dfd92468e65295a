/**
 * A small X API v2 server for the tests and the X request bench: real HTTP on 127.0.0.1, the
 * endpoints the X channel uses, an in-memory timeline, X's paging semantics (newest first,
 * since_id, next_token), per-endpoint rate-limit windows with x-rate-limit-* headers, a post-read
 * usage counter, scriptable faults and a request log. Bodies follow the X API v2 OpenAPI (checked
 * by test/channels/x-fake-api-schema.test.ts).
 */
import http from 'node:http';
import type { AddressInfo } from 'node:net';
import { createPost } from './fake-x-api/create-post';
import { PROBLEMS, problem, type HandlerResult } from './fake-x-api/problems';
import { X_DOCUMENTED_LIMITS, takeWindow, type EndpointLimit, type RateWindow } from './fake-x-api/rate-limits';
import { allowedAuth, authOf, readBody, routeOf } from './fake-x-api/routing';
import { FakeXStore } from './fake-x-api/store';
import { timeline, type TimelineSource } from './fake-x-api/timeline';
import type { FakePost, FakeXOptions, Fault, RequestLogEntry, XEndpoint } from './fake-x-api/types';

export { DELETED_TARGET_403, DUPLICATE_CONTENT_403, REPLY_NOT_ALLOWED_403 } from './fake-x-api/problems';
export { X_DOCUMENTED_LIMITS } from './fake-x-api/rate-limits';
export type { FakePost, FakeUser, FakeXOptions, Fault, RequestLogEntry, XEndpoint } from './fake-x-api/types';

export class FakeXApi extends FakeXStore {
  readonly requests: RequestLogEntry[] = [];
  /** Posts created through POST /2/tweets, in order. */
  readonly created: FakePost[] = [];
  /** Posts returned by read endpoints since start: what X bills against the monthly cap. */
  postsRead = 0;
  url = '';
  private readonly server: http.Server;
  private readonly limits: Record<XEndpoint, EndpointLimit>;
  private readonly windows = new Map<XEndpoint, RateWindow>();
  private readonly faults = new Map<XEndpoint, Fault[]>();
  private readonly partialErrors = new Map<XEndpoint, object[]>();

  constructor(opts: FakeXOptions = {}) {
    super(opts);
    this.limits = { ...X_DOCUMENTED_LIMITS, ...opts.limits };
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

  private async handle(req: http.IncomingMessage, res: http.ServerResponse): Promise<void> {
    const url = new URL(req.url ?? '/', 'http://127.0.0.1');
    const query = Object.fromEntries(url.searchParams);
    const body = req.method === 'POST' ? await readBody(req) : undefined;
    const route = routeOf(req.method ?? 'GET', url.pathname);
    const entry: RequestLogEntry = { at: this.clock(), method: req.method ?? '', endpoint: route?.endpoint ?? 'unknown', query, status: 0, resultCount: 0, auth: authOf(req, this.opts) };
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
    const rl = takeWindow(this.windows, ep, this.limits[ep], this.clock());
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

  totalUsage(): number {
    return (this.opts.initialUsage ?? 0) + this.postsRead;
  }

  private respond(ep: XEndpoint, id: string | undefined, q: Record<string, string>, body: unknown): HandlerResult {
    switch (ep) {
      case 'GET /2/users/:id/mentions':
        return timeline(this.timelineSource(), ep, q, (p) => p.mentionsAccount && p.authorId !== id, 5, 'pagination_token');
      case 'GET /2/users/:id/tweets':
        return timeline(this.timelineSource(), ep, q, (p) => p.authorId === id && !(q.exclude?.includes('replies') && p.inReplyToTweetId), 5, 'pagination_token');
      case 'GET /2/tweets/search/recent':
        if (!q.query) return problem(400, "The 'query' parameter is required.");
        // Recent search covers the last 7 days only.
        return timeline(this.timelineSource(), ep, q, (p) => p.queries.includes(q.query) && Date.parse(p.createdAt) >= this.clock() - 7 * 86_400_000, 10, 'next_token');
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
        return createPost(this, body);
    }
  }

  private timelineSource(): TimelineSource {
    return { posts: this.posts, users: this.users, partialErrors: this.partialErrors, clock: () => this.clock() };
  }
}

export async function startFakeXApi(opts: FakeXOptions = {}): Promise<FakeXApi> {
  return new FakeXApi(opts).start();
}
